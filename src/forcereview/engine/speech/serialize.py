"""A speech-to-text transcript as plain JSON data and back, without loss.

The shape is Whisper's (``segments`` with ``start``, ``end``, ``text`` and ``words``), so any
Whisper-style reader (``forcereview analyze`` among them) reads it too, plus what only
forcereview keeps: each segment's speaker, role and loudness, the loudness track and the
model and settings that produced the transcript. Use it to store a transcript with its
evidence and to analyse it again later exactly as it was.
"""

from __future__ import annotations

from ..model import ROLES, LoudnessTrack, Segment, Transcript, TranscriptionInfo, Word

VERSION = 1


def transcript_to_dict(transcript: Transcript) -> dict:
    return {
        "version": VERSION,
        "source": transcript.source,
        "format": transcript.format,
        "speakers": dict(transcript.speakers),
        "segments": [segment_to_dict(s) for s in transcript.segments],
        "loudness": transcript.loudness.to_dict() if transcript.loudness else None,
        "transcription": transcript.transcription.to_dict() if transcript.transcription else None,
    }


def segment_to_dict(segment: Segment) -> dict:
    return {
        "index": segment.index,
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
        "speaker": segment.speaker,
        "role": segment.role,
        "events": list(segment.events),
        "loudness_dbfs": segment.loudness_dbfs,
        "words": [
            {"word": w.text, "start": w.start, "end": w.end, "probability": w.probability}
            for w in segment.words
        ],
    }


def transcript_from_dict(data: dict) -> Transcript:
    """The transcript ``transcript_to_dict`` wrote; ``ValueError`` naming the field otherwise."""
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        raise ValueError("a stored transcript is an object with a 'segments' list")
    if data.get("version", VERSION) != VERSION:
        raise ValueError(f"stored transcript version {data.get('version')!r} is not {VERSION}")
    segments = tuple(segment_from_dict(item, i) for i, item in enumerate(data["segments"]))
    loudness = data.get("loudness")
    info = data.get("transcription")
    try:
        track = None if loudness is None else LoudnessTrack(
            dbfs=tuple(float(v) for v in loudness["dbfs"]),
            window=float(loudness.get("window", 0.1)),
            clipped=tuple(int(i) for i in loudness.get("clipped", ())),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ValueError("loudness: needs 'dbfs' (numbers), 'window' and 'clipped'") from None
    try:
        transcription = None if info is None else TranscriptionInfo(**info)
    except TypeError as exc:
        raise ValueError(f"transcription: {exc}") from None
    speakers = data.get("speakers") or {}
    if not isinstance(speakers, dict) or any(role not in ROLES for role in speakers.values()):
        raise ValueError(f"speakers: each must map a name to one of {', '.join(ROLES)}")
    return Transcript(
        segments=segments,
        source=data.get("source"),
        format=data.get("format"),
        speakers=dict(speakers),
        loudness=track,
        transcription=transcription,
    )


def segment_from_dict(item: dict, position: int) -> Segment:
    where = f"segments[{position}]"
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise ValueError(f"{where}: needs 'text'")
    role = item.get("role") or "unknown"
    if role not in ROLES:
        raise ValueError(f"{where}.role: {role!r} is not one of {', '.join(ROLES)}")
    try:
        words = tuple(
            Word(str(w["word"]), float(w["start"]), float(w["end"]),
                 None if w.get("probability") is None else float(w["probability"]))
            for w in item.get("words") or ()
        )
        return Segment(
            index=int(item.get("index", position)),
            text=item["text"],
            start=optional_float(item.get("start")),
            end=optional_float(item.get("end")),
            speaker=item.get("speaker"),
            role=role,
            events=tuple(str(e) for e in item.get("events") or ()),
            words=words,
            loudness_dbfs=optional_float(item.get("loudness_dbfs")),
        )
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"{where}: times, words and loudness must be numbers") from None


def optional_float(value) -> float | None:
    return None if value is None else float(value)
