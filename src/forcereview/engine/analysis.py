"""The pipeline: transcript -> tokens and phrase matches -> speaker roles -> detectors -> risk.

Everything here is pure Python and fast: the text of all segments is normalised in one pass,
all phrase groups are matched with one trie scan over the whole transcript (``matching``), and
each detector then reads the matches of its own category.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter

from . import __version__ as ENGINE_VERSION
from .book import Phrasebook, default_phrasebook
from .broadcast import commentary_segments, noted_segments
from .collector import collector_paused
from .context import Context
from .detectors import REGISTRY, Detector
from .errors import TranscriptError
from .formats import parse_file, parse_text
from .formats.common import make_segment
from .model import CATEGORIES, RiskAssessment, Segment, Signal, Transcript
from .matching import evidence_in, match_events, match_words, soft_boundaries
from .risk import assess
from .roles import infer_roles, settled_by_labels, validate_overrides, witness_names
from .testimony import question_and_answer_segments
from .text import SegmentTokens, flat_tokens

_CATEGORY_ORDER = {name: i for i, name in enumerate(CATEGORIES)}


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of analysing one transcript. ``to_dict()`` is the JSON contract (DESIGN.md)."""

    transcript: Transcript  # with every segment's role resolved
    signals: tuple[Signal, ...]
    risk: RiskAssessment
    subject_age: int | None = None
    location_type: str | None = None
    detectors: tuple[str, ...] = ()
    phrasebook: str = ""  # digest of the data files used
    engine_version: str = ENGINE_VERSION

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(CATEGORIES, 0)
        for signal in self.signals:
            counts[signal.category] = counts.get(signal.category, 0) + 1
        return counts

    @property
    def duration(self) -> float | None:
        ends = [s.end if s.end is not None else s.start for s in self.transcript.segments]
        ends = [e for e in ends if e is not None]
        return max(ends) if ends else None

    def to_dict(self, *, segments: bool = False) -> dict:
        out = {
            "source": self.transcript.source,
            "format": self.transcript.format,
            "engine_version": self.engine_version,
            "phrasebook": self.phrasebook,
            "detectors": list(self.detectors),
            "context": {"subject_age": self.subject_age, "location_type": self.location_type},
            "duration": self.duration,
            "segment_count": len(self.transcript.segments),
            "speakers": dict(self.transcript.speakers),
            "counts": self.counts,
            "risk": self.risk.to_dict(),
            "signals": [s.to_dict() for s in self.signals],
        }
        if segments:
            out["segments"] = [segment_dict(s) for s in self.transcript.segments]
        return out


def segment_dict(s: Segment) -> dict:
    return {"index": s.index, "start": s.start, "end": s.end, "speaker": s.speaker, "role": s.role,
            "text": s.text, "events": list(s.events), "line": s.line, "loudness_dbfs": s.loudness_dbfs}


def analyze_transcript(
    transcript: Transcript,
    *,
    subject_age: int | None = None,
    location_type: str | None = None,
    roles: Mapping[str, str] | None = None,
    phrasebook: Phrasebook | None = None,
    detectors: Iterable[str] | None = None,
) -> Analysis:
    """Signals and risk for a parsed transcript. ``roles`` maps speaker name -> role and wins
    over inference; ``detectors`` limits which registered detectors run (default: all)."""
    return _analyze(transcript, subject_age=subject_age, location_type=location_type, roles=roles,
                    phrasebook=phrasebook, detectors=detectors, private=False)


def _analyze(transcript: Transcript, *, subject_age, location_type, roles, phrasebook, detectors,
             private: bool) -> Analysis:
    with collector_paused():
        return _analyze_now(transcript, subject_age=subject_age, location_type=location_type, roles=roles,
                            phrasebook=phrasebook, detectors=detectors, private=private)


def _analyze_now(transcript: Transcript, *, subject_age, location_type, roles, phrasebook, detectors,
                 private: bool) -> Analysis:
    book = phrasebook or default_phrasebook()
    age = _age(subject_age)
    overrides = validate_overrides(roles)
    chosen = _detectors(detectors)
    segments = transcript.segments
    flat, starts = flat_tokens([s.text for s in segments]) if segments else ([], [])
    tokens = SegmentTokens(flat, starts)
    speakers = [s.speaker for s in segments]
    # what the words say of who speaks matters only where a label, the transcript or an
    # override leaves a speaker's role open
    open_roles = not settled_by_labels(speakers, transcript.speakers, book.labels, overrides)
    hits, evidence = match_words(book.words, flat, starts, tokens, soft_boundaries(segments, speakers),
                                 evidence=open_roles)
    # a witness by label crying out may be the one force is used on (see roles): the lines of
    # theirs that hold a cry, whose words are weighed even where the labels settle every role
    cries = _witness_cries(hits, speakers, transcript, book, overrides)
    if cries and not open_roles:
        evidence = evidence_in(book.words, tokens, sorted(cries))
    noted = noted_segments(segments)  # (the only segments the notes' readers need to see)
    event_hits = match_events(book.events, noted)
    commentary = commentary_segments(segments, noted) or question_and_answer_segments(speakers)
    if commentary and evidence:
        # a news studio's or a witness's account of the scene says nothing of who its own speakers are
        evidence = {k: said for k, said in evidence.items() if k not in commentary}
    speaker_roles, segment_roles = infer_roles(speakers, transcript.speakers, evidence, book.labels, overrides,
                                               cries)
    resolved = _with_roles(transcript, speaker_roles, segment_roles, private=private)
    context = Context(resolved, tokens, hits, event_hits, book, subject_age=age, location_type=location_type,
                      commentary=commentary)
    signals: list[Signal] = []
    for name, detector in chosen:
        signals.extend(detector(resolved, context))
    signals.sort(key=lambda s: (s.segment if s.segment is not None else -1, _CATEGORY_ORDER.get(s.category, 99)))
    risk = assess(signals, book.risk, subject_age=age, location_type=location_type)
    return Analysis(resolved, tuple(signals), risk, age, location_type or None,
                    tuple(name for name, _ in chosen), book.digest)


def analyze_text(text: str, *, format: str | None = None, subject_age: int | None = None,
                 location_type: str | None = None, roles: Mapping[str, str] | None = None,
                 source: str | None = None, phrasebook: Phrasebook | None = None,
                 detectors: Iterable[str] | None = None) -> Analysis:
    transcript = parse_text(text, format=format, source=source)
    return _analyze(transcript, subject_age=subject_age, location_type=location_type, roles=roles,
                    phrasebook=phrasebook, detectors=detectors, private=True)


def analyze_file(path: str | os.PathLike, subject_age: int | None = None, location_type: str | None = None,
                 roles: Mapping[str, str] | None = None, *, format: str | None = None, model: str | None = None,
                 phrasebook: Phrasebook | None = None, detectors: Iterable[str] | None = None) -> Analysis:
    transcript = parse_file(path, format=format, model=model)
    return _analyze(transcript, subject_age=subject_age, location_type=location_type, roles=roles,
                    phrasebook=phrasebook, detectors=detectors, private=True)


def _witness_cries(hits, speakers, transcript: Transcript, book: Phrasebook, overrides) -> set[int]:
    """The segments of witnesses by label that hold a cry of distress."""
    cries = hits.get("subject_distress")
    if not cries:
        return set()
    names = witness_names(speakers, transcript.speakers, book.labels, overrides)
    return {hit.segment for hit in cries if speakers[hit.segment] in names} if names else set()


def _age(value) -> int | None:
    if value is None or value == "":
        return None
    try:
        age = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"subject_age must be a whole number of years, not {value!r}") from None
    if not 0 <= age <= 130:
        raise ValueError(f"subject_age must be between 0 and 130, not {age}")
    return age


def _detectors(names: Iterable[str] | None) -> list[tuple[str, Detector]]:
    if names is None:
        return list(REGISTRY.items())
    chosen = []
    for name in names:
        if name not in REGISTRY:
            raise ValueError(f"unknown detector {name!r} (registered: {', '.join(REGISTRY)})")
        chosen.append((name, REGISTRY[name]))
    return chosen


_role_of = attrgetter("role")
_set_role = Segment.role.__set__  # the slot itself, as a frozen record's own constructor sets it


def _with_roles(transcript: Transcript, speaker_roles: dict[str, str], segment_roles: list[str], *,
                private: bool = False) -> Transcript:
    segments = transcript.segments
    if private:
        # a transcript parsed by this very call is seen by nobody else yet: set the roles in place
        # rather than copying every segment (the frozen records stay frozen for everyone after)
        deque(map(_set_role, segments, segment_roles), maxlen=0)
        object.__setattr__(transcript, "speakers", speaker_roles)
        return transcript
    if list(map(_role_of, segments)) == segment_roles and transcript.speakers == speaker_roles:
        return transcript
    new = tuple(
        s if s.role == r else make_segment(s.index, s.text, s.start, s.end, s.speaker, r, s.events, s.line, s.words,
                                           s.loudness_dbfs)
        for s, r in zip(segments, segment_roles)
    )
    return replace(transcript, segments=new, speakers=speaker_roles)


__all__ = ["Analysis", "analyze_file", "analyze_text", "analyze_transcript", "TranscriptError"]
