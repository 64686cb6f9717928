"""The only place the evidence app calls the analysis engine and speech-to-text.

Converts between the engine's frozen records and our rows, so the rest of the app deals in
models and plain dicts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable

from forcereview.engine.model import LoudnessTrack, Segment, Transcript


class TranscriptRefused(ValueError):
    """A transcript file the engine cannot read; the message names the line."""


def decode_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TranscriptRefused(f"{name}: byte {exc.start} is not valid {encoding.upper()[:6]} text") from None


def read_transcript(data: bytes, name: str) -> Transcript:
    """The transcript in an uploaded file: text (UTF-8, or UTF-16 with its byte-order mark), or a
    Word document or PDF whose text the engine takes out."""
    from forcereview.engine import parse_bytes
    from forcereview.engine.formats.documents import document_kind

    if document_kind(data[:8]) is None:
        return parse_transcript(decode_text(data, name), name)
    return _engine_read(lambda: parse_bytes(data, source=name), name)


def parse_transcript(text: str, name: str) -> Transcript:
    from forcereview.engine import parse_text

    return _engine_read(lambda: parse_text(text, source=name), name)


def _engine_read(read: Callable[[], Transcript], name: str) -> Transcript:
    from forcereview.engine import TranscriptError

    try:
        transcript = read()
    except TranscriptError as exc:
        raise TranscriptRefused(str(exc.with_source(name))) from None
    if not transcript.segments:
        raise TranscriptRefused(f"{name}: the transcript holds no utterances")
    return transcript


def engine_version() -> str:
    import forcereview.engine as engine

    version = getattr(engine, "ENGINE_VERSION", None) or getattr(engine, "__version__", None)
    if version:
        return str(version)
    from forcereview import __version__

    return __version__


def analyze(segments: Iterable[Segment], *, subject_age, location_type, roles,
            loudness: LoudnessTrack | None = None) -> tuple[dict, list[str]]:
    """The engine's analysis of ``segments`` in the incident's context, as its JSON dict, and
    the role it settled on for each segment (inferred where the transcript did not say).
    ``loudness`` is the recording's stored level track: with it, "typical speech" is measured
    over every window of speech, as when the recording is analysed directly, instead of over
    a handful of per-segment levels that two shouted segments can pull up."""
    from forcereview.engine import analyze_transcript

    transcript = Transcript(segments=tuple(segments), source="evidence", format="stored", loudness=loudness)
    analysis = analyze_transcript(
        transcript, subject_age=subject_age, location_type=location_type, roles=roles or None
    )
    return analysis.to_dict(), [s.role for s in analysis.transcript.segments]


def input_digest(segments: Iterable[Segment], context: dict, version: str,
                 loudness: LoudnessTrack | None = None) -> str:
    """A fingerprint of everything an analysis depends on: equal digests, equal results."""
    payload = {
        "version": version,
        "context": context,
        "loudness": [loudness.window, list(loudness.dbfs)] if loudness is not None else None,
        "segments": [[s.start, s.end, s.speaker, s.role, s.text, list(s.events), s.loudness_dbfs] for s in segments],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def transcribe(path, progress: Callable[[str, float], None] | None = None) -> Transcript:
    """Speech-to-text of the recording at ``path``: segments, loudness and the model used."""
    from forcereview.engine.speech import transcribe_path

    return transcribe_path(path, progress=progress)
