"""JSON from speech-to-text tools.

Read:
- Whisper / faster-whisper / WhisperX: ``{"segments": [{"start", "end", "text", "speaker"?,
  "words"?: [{"word", "start", "end", "probability"|"score"}]}]}``;
- a bare list of such segments;
- a list of words (``[{"word", "start", "end", "speaker"?}]``, or ``{"word_segments": [...]}``
  with no segments), grouped into utterances at speaker changes, pauses and sentence ends;
- ``{"utterances": [...]}`` with times in milliseconds (AssemblyAI style);
- the exports of Amazon Transcribe, Deepgram and Google Cloud Speech-to-Text (``services``).
A segment may state its speaker's ``role`` (one of the five roles).
"""

from __future__ import annotations

import json
import math
import re
from itertools import repeat
from dataclasses import replace

from ..errors import TranscriptError
from ..model import ROLES, LoudnessTrack, Transcript, Word
from .columns import add_columns, ending_early
from .common import SegmentBuilder, finite_time
from .services import parse_service, service_of

PAUSE = 1.0  # seconds of silence that end an utterance when grouping words


# an escaped half of a surrogate pair ("\ud83d"): one left alone by its other half is no character
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _whole_characters(value):
    """``value`` with every lone surrogate in its strings replaced by U+FFFD (no text store
    takes one); pairs ``json.loads`` already joined."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [_whole_characters(item) for item in value]
    if isinstance(value, dict):
        return {_whole_characters(key): _whole_characters(item) for key, item in value.items()}
    return value


def load_json(text: str, source: str | None):
    try:
        if "\\" in text and _SURROGATE_ESCAPE.search(text):  # (one character looked for first: the quickest)
            return _whole_characters(json.loads(text))
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptError(f"not valid JSON: {exc.msg} (column {exc.colno})", source=source, line=exc.lineno) from None
    except RecursionError:
        raise TranscriptError("not valid JSON: nested too deeply", source=source) from None
    except ValueError as exc:  # e.g. integers with too many digits
        raise TranscriptError(f"not valid JSON: {exc}", source=source) from None


# the end of a sentence, where a transcript given as one text is cut into utterances
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d)\]]?\s+")


def _from_text(text: str, source: str | None) -> Transcript:
    """A transcript given as one text, without times or speakers (``{"text": "..."}``, as a
    hosted Whisper writes its plain JSON): a segment a sentence, or a line where it has lines."""
    builder = SegmentBuilder()
    for line in text.split("\n"):
        for sentence in _SENTENCE_END.split(line.strip()):
            if sentence.strip():
                builder.add(sentence, None, None, None, None)
    return builder.transcript(source, "json", "the JSON's 'text' holds no words")


def parse_json(data, source: str | None) -> Transcript:
    scale = 1.0
    if isinstance(data, dict):
        if "results" in data or "monologues" in data or "recognizedPhrases" in data:
            service = service_of(data)
            if service is not None:
                return parse_service(data, service, source)
        if isinstance(data.get("segments"), list) and data["segments"]:
            items, key = data["segments"], "segments"
        elif isinstance(data.get("utterances"), list):
            items, key, scale = data["utterances"], "utterances", 0.001
        elif isinstance(data.get("word_segments"), list):
            return _from_words(data["word_segments"], "word_segments", source)
        elif isinstance(data.get("words"), list):
            return _from_words(data["words"], "words", source)
        elif isinstance(data.get("segments"), list):
            raise TranscriptError("the JSON has an empty 'segments' list", source=source)
        elif isinstance(data.get("text"), str) and data["text"].strip():
            return _from_text(data["text"], source)
        else:
            raise TranscriptError("JSON transcript needs a 'segments' list (Whisper style) or a list of segments",
                                  source=source)
    elif isinstance(data, list):
        items, key = data, "segments"
        if items and isinstance(items[0], dict) and "text" not in items[0] and "word" in items[0]:
            return _from_words(items, "words", source)
    else:
        raise TranscriptError("JSON transcript must be an object with 'segments' or a list of segments",
                              source=source)
    builder = SegmentBuilder()
    stated: dict[str, str] = {}
    if scale == 1.0 and _add_plain_items(builder, items, source):
        items = ()
    for i, item in enumerate(items):
        where = f"{key}[{i}]"
        if not isinstance(item, dict):
            raise TranscriptError(f"{where} must be an object with 'text', 'start' and 'end'", source=source)
        words = _words(item.get("words"), f"{where}.words", source, scale)
        text = item.get("text")
        if text is None and words:
            text = " ".join(w.text for w in words)
        if not isinstance(text, str):
            raise TranscriptError(f"{where}.text must be a string", source=source)
        start = finite_time(item.get("start"), f"{where}.start", source)
        end = finite_time(item.get("end"), f"{where}.end", source)
        if scale != 1.0:
            start = None if start is None else start * scale
            end = None if end is None else end * scale
        speaker = _speaker(item.get("speaker", item.get("speaker_label")), f"{where}.speaker", source)
        role = item.get("role")
        if role is not None:
            if role not in ROLES:
                raise TranscriptError(f"{where}.role must be one of {', '.join(ROLES)}", source=source)
            if speaker:
                stated[speaker] = role
        events = item.get("events") or ()
        if not isinstance(events, (list, tuple)) or not all(isinstance(e, str) for e in events):
            raise TranscriptError(f"{where}.events must be a list of strings", source=source)
        loudness = item.get("loudness_dbfs")
        if loudness is not None and (isinstance(loudness, bool) or not isinstance(loudness, (int, float))
                                     or loudness != loudness or abs(loudness) == float("inf")):
            raise TranscriptError(f"{where}.loudness_dbfs must be a number", source=source)
        before = len(builder.segments)
        builder.add(text, start, end, speaker, None, role=role or "unknown", words=words,
                    events=tuple(" ".join(e.lower().split()) for e in events if e.strip()))
        if loudness is not None and len(builder.segments) > before:
            builder.segments[-1] = replace(builder.segments[-1], loudness_dbfs=float(loudness))
    if not builder.segments:
        raise TranscriptError("the JSON segments hold no text", source=source)
    if isinstance(data, dict):
        for name, role in (data.get("speakers") or {}).items() if isinstance(data.get("speakers"), dict) else ():
            if isinstance(name, str) and role in ROLES and role != "unknown":
                stated.setdefault(name, role)
    return Transcript(segments=tuple(builder.segments), source=source, format="json", speakers=stated,
                      loudness=_track(data.get("loudness") if isinstance(data, dict) else None, source))


# the fields a segment may hold that need the one-by-one reading below
_READ_ONE_BY_ONE = frozenset({"words", "role", "events", "loudness_dbfs", "speaker_label"})
_NUMBER_TYPES = frozenset({float, int})
_SPEAKER_TYPES = frozenset({str, int, type(None)})


def _add_plain_items(builder: SegmentBuilder, items: list, source: str | None) -> bool:
    """Add every segment at once when each is a plain one (``text``, ``start`` and ``end`` in
    seconds, perhaps ``speaker``, and fields this reader ignores); False, having added
    nothing, when any needs the one-by-one reading (which also names what is wrong)."""
    if not items or set(map(type, items)) != {dict} or not _READ_ONE_BY_ONE.isdisjoint(set().union(*items)):
        return False
    texts = list(map(dict.get, items, repeat("text")))
    starts = list(map(dict.get, items, repeat("start")))
    ends = list(map(dict.get, items, repeat("end")))
    speakers = list(map(dict.get, items, repeat("speaker")))
    if (set(map(type, texts)) != {str} or not _NUMBER_TYPES.issuperset(map(type, starts))
            or not _NUMBER_TYPES.issuperset(map(type, ends)) or not _SPEAKER_TYPES.issuperset(map(type, speakers))):
        return False
    try:
        starts, ends = list(map(float, starts)), list(map(float, ends))
    except OverflowError:
        return False
    if not (all(map(math.isfinite, starts)) and all(map(math.isfinite, ends)) and min(starts) >= 0
            and min(ends) >= 0):
        return False
    names = {name: _speaker(name, "speaker", source) for name in set(speakers)}
    speakers = list(map(names.__getitem__, speakers))
    lines = [None] * len(items)

    def add_one(k: int) -> None:
        builder.add(texts[k], starts[k], ends[k], speakers[k], None)

    add_columns(builder, list(map(str.strip, texts)), starts, ends, speakers, lines, ending_early(starts, ends),
                add_one)
    return True


def _track(value, source: str | None) -> LoudnessTrack | None:
    """The loudness track stored with a speech-to-text transcript (``speech.serialize``)."""
    if value is None:
        return None
    try:
        dbfs = tuple(float(v) for v in value["dbfs"])
        window = float(value.get("window", 0.1))
        clipped = tuple(int(i) for i in value.get("clipped", ()))
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        raise TranscriptError("loudness must hold 'dbfs' (numbers), 'window' and 'clipped'", source=source) from None
    if not (window > 0 and all(math.isfinite(v) for v in dbfs) and window < 3600):
        raise TranscriptError("loudness must hold finite levels and a positive window", source=source)
    return LoudnessTrack(dbfs=dbfs, window=window, clipped=clipped)


def _speaker(value, where: str, source: str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TranscriptError(f"{where} must be a name", source=source)
    text = str(value).strip()
    return (f"SPEAKER_{text}" if text.isdigit() else text[:80]) or None


def _words(value, where: str, source: str | None, scale: float = 1.0) -> tuple[Word, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise TranscriptError(f"{where} must be a list", source=source)
    return tuple(_word(w, f"{where}[{i}]", source, scale) for i, w in enumerate(value))


def _word(w, where: str, source: str | None, scale: float = 1.0) -> Word:
    if not isinstance(w, dict):
        raise TranscriptError(f"{where} must be an object with 'word', 'start' and 'end'", source=source)
    text = w.get("word", w.get("text"))
    if not isinstance(text, str):
        raise TranscriptError(f"{where}.word must be a string", source=source)
    start = finite_time(w.get("start"), f"{where}.start", source)
    end = finite_time(w.get("end"), f"{where}.end", source)
    prob = w.get("probability", w.get("score", w.get("confidence")))
    if prob is not None and (isinstance(prob, bool) or not isinstance(prob, (int, float)) or prob != prob):
        raise TranscriptError(f"{where}.probability must be a number", source=source)
    start = (start or 0.0) * scale
    end = (end * scale) if end is not None else start
    return Word(text.strip(), start, max(end, start), None if prob is None else float(prob))


def _from_words(items: list, key: str, source: str | None) -> Transcript:
    words = []
    for i, item in enumerate(items):
        word = _word(item, f"{key}[{i}]", source)
        words.append((word, _speaker(item.get("speaker"), f"{key}[{i}].speaker", source)))
    return from_timed_words(words, f"the JSON '{key}' list holds no words", source)


def from_timed_words(words: list[tuple[Word, str | None]], empty: str, source: str | None) -> Transcript:
    """Utterances from words with their speakers: a new one at a change of speaker, a pause of
    ``PAUSE`` seconds, a sentence end after a few words, or 40 words. ``empty``: the error when
    no word holds text."""
    builder = SegmentBuilder()
    current: list[tuple[Word, str | None]] = []

    def flush() -> None:
        if current:
            words = tuple(w for w, _ in current)
            builder.add(" ".join(w.text for w in words), words[0].start, words[-1].end, current[0][1], None,
                        words=words)
            current.clear()

    for word, speaker in words:
        if current:
            last, last_speaker = current[-1]
            if (speaker != last_speaker or word.start - last.end > PAUSE or len(current) >= 40
                    or (last.text.endswith((".", "?", "!")) and len(current) >= 6)):
                flush()
        if word.text:
            current.append((word, speaker))
    flush()
    return builder.transcript(source, "json", empty)
