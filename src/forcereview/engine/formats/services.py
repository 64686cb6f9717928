"""JSON exported by speech-to-text services, read as it comes out of them:

- Amazon Transcribe: ``results.audio_segments`` (one utterance each, with ``speaker_label``)
  when present; otherwise the words of ``results.items`` (punctuation joined to the word
  before), with their speaker from the item itself or from ``results.speaker_labels``, grouped
  into utterances; with no timed words at all, ``results.transcripts`` as one untimed text.
  Times are strings of seconds (``"1.24"``).
- Deepgram: ``results.utterances`` when present (``start``, ``end``, ``transcript``,
  ``speaker``); otherwise the words of the first channel's first alternative
  (``punctuated_word`` where there is one), grouped into utterances.
- Google Cloud Speech-to-Text: ``results`` as a list of ``alternatives``. With speaker
  diarisation (words carrying ``speakerTag``), the words of the last result, which hold the
  whole recording, are grouped by speaker; otherwise each result's best alternative is one
  utterance. Times are strings such as ``"1.300s"``.
- Speechmatics: ``results`` as a list of words and punctuation (``type``, ``start_time``,
  ``end_time``, ``alternatives[0].content`` and ``.speaker``), grouped into utterances.
- Rev.ai: ``monologues``, each a speaker's turn (``speaker``, ``speaker_name``) of ``elements``:
  timed ``text`` words (``ts``, ``end_ts``) and ``punct`` marks, joined to the word before.
- Microsoft Azure Speech (batch transcription): ``recognizedPhrases``, each one utterance
  (``nBest[0].display``, ``speaker``, times in ``offsetInTicks`` and ``durationInTicks``, ten
  million to the second, or ISO 8601 durations such as ``PT1.5S``).

Speakers numbered by the service keep their names (``spk_0``) or are called ``Speaker 1`` (a bare
number); such names state no role, so roles come from what each speaker says. Every problem names the field it is in
(``results.items[12].start_time``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import TranscriptError
from ..model import Transcript, Word
from .common import SegmentBuilder, finite_time


def service_of(data: object) -> str | None:
    """``amazon``, ``deepgram``, ``google``, ``speechmatics``, ``rev`` or ``azure`` when ``data``
    (parsed JSON) looks like that service's output; else None."""
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("monologues"), list):
        return "rev"
    if isinstance(data.get("recognizedPhrases"), list):
        return "azure"
    results = data.get("results")
    if isinstance(results, list) and results and all(
            isinstance(r, dict) and isinstance(r.get("type"), str) and r["type"] in _SPEECHMATICS_TYPES
            and "start_time" in r for r in results):
        return "speechmatics"
    if isinstance(results, dict):
        if any(key in results for key in ("items", "transcripts", "audio_segments", "speaker_labels")):
            return "amazon"
        if "channels" in results or "utterances" in results:
            return "deepgram"
    if isinstance(results, list) and results and all(isinstance(r, dict) and "alternatives" in r for r in results):
        return "google"
    return None


def parse_service(data: dict, service: str, source: str | None) -> Transcript:
    if service == "rev":
        return _rev(data["monologues"], source)
    if service == "azure":
        return _azure(data["recognizedPhrases"], source)
    reader = {"amazon": _amazon, "deepgram": _deepgram, "google": _google, "speechmatics": _speechmatics}[service]
    return reader(data["results"], source)


_SPEECHMATICS_TYPES = frozenset({"word", "punctuation", "entity", "speaker_change"})


# ---------------------------------------------------------------------------------- helpers

def _text(container: Mapping, key: str, where: str, source: str | None, required: bool = False) -> str | None:
    value = container.get(key)
    if value is None:
        if required:
            raise TranscriptError(f"{where}.{key} is missing", source=source)
        return None
    if not isinstance(value, str):
        raise TranscriptError(f"{where}.{key} must be a string", source=source)
    return value


def _objects(value: object, where: str, source: str | None) -> list[dict]:
    if not isinstance(value, list):
        raise TranscriptError(f"{where} must be a list", source=source)
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise TranscriptError(f"{where}[{i}] must be an object", source=source)
    return value


def _time(value: object, where: str, source: str | None) -> float | None:
    if isinstance(value, str) and value.endswith("s"):  # Google: "1.300s"
        value = value[:-1]
    return finite_time(value, where, source)


def _speaker_name(value: object, where: str, source: str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TranscriptError(f"{where} must be a name or a number", source=source)
    name = str(value).strip()[:80]
    return f"Speaker {name}" if name.isdigit() else name or None


def _segments(rows: list[tuple[str, float | None, float | None, str | None]], empty: str,
              source: str | None) -> Transcript:
    builder = SegmentBuilder()
    for text, start, end, speaker in rows:
        builder.add(text, start, end, speaker, None)
    return builder.transcript(source, "json", empty)


def _from_words(words: list[tuple[Word, str | None]], empty: str, source: str | None) -> Transcript:
    from .jsonseg import from_timed_words  # (jsonseg imports this module)

    return from_timed_words(words, empty, source)


def _attach(words: list[tuple[Word, str | None]], mark: str) -> None:
    """A punctuation mark ("." or ",") belongs to the word before it."""
    if words:
        word, speaker = words[-1]
        words[-1] = (Word(word.text + mark, word.start, word.end, word.probability), speaker)


def _item_times(item: Mapping, at: str, source: str | None) -> tuple[float, float]:
    """A word item's ``start_time`` and ``end_time`` (the end no earlier than the start)."""
    start = _time(item.get("start_time"), f"{at}.start_time", source) or 0.0
    end = _time(item.get("end_time"), f"{at}.end_time", source)
    return start, start if end is None or end < start else end


def _confidence(value: object, where: str, source: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)  # Amazon writes it as a string
    except (TypeError, ValueError, OverflowError):
        raise TranscriptError(f"{where} must be a number", source=source) from None
    if isinstance(value, bool) or number != number:
        raise TranscriptError(f"{where} must be a number", source=source)
    return number


# ---------------------------------------------------------------------------------- Amazon

def _amazon(results: dict, source: str | None) -> Transcript:
    where = "results"
    segments = results.get("audio_segments")
    if segments:
        rows = []
        for i, item in enumerate(_objects(segments, f"{where}.audio_segments", source)):
            at = f"{where}.audio_segments[{i}]"
            text = _text(item, "transcript", at, source, required=True)
            rows.append((text, _time(item.get("start_time"), f"{at}.start_time", source),
                         _time(item.get("end_time"), f"{at}.end_time", source),
                         _speaker_name(item.get("speaker_label", item.get("channel_label")), f"{at}.speaker_label",
                                       source)))
        return _segments(rows, "results.audio_segments hold no text", source)
    items = results.get("items")
    if items:
        speakers = _amazon_speakers(results, source)
        words: list[tuple[Word, str | None]] = []
        for i, item in enumerate(_objects(items, f"{where}.items", source)):
            at = f"{where}.items[{i}]"
            alternatives = _objects(item.get("alternatives") or [], f"{at}.alternatives", source)
            if not alternatives:
                continue
            content = _text(alternatives[0], "content", f"{at}.alternatives[0]", source, required=True)
            if item.get("type") == "punctuation" or "start_time" not in item:
                _attach(words, content)
                continue
            start, end = _item_times(item, at, source)
            label = item.get("speaker_label", item.get("channel_label"))
            speaker = (_speaker_name(label, f"{at}.speaker_label", source) if label is not None
                       else speakers.get(item.get("start_time")))
            confidence = _confidence(alternatives[0].get("confidence"), f"{at}.alternatives[0].confidence", source)
            words.append((Word(content.strip(), start, end, confidence), speaker))
        if words:
            return _from_words(words, "results.items hold no words", source)
    transcripts = _objects(results.get("transcripts") or [], f"{where}.transcripts", source)
    rows = [(_text(t, "transcript", f"{where}.transcripts[{i}]", source, required=True), None, None, None)
            for i, t in enumerate(transcripts)]
    return _segments(rows, "the Amazon Transcribe results hold no text", source)


def _amazon_speakers(results: dict, source: str | None) -> dict[str, str]:
    """Word start time (as written) -> speaker label, from ``results.speaker_labels`` or
    ``results.channel_labels``."""
    found: dict[str, str] = {}
    labels = results.get("speaker_labels")
    if isinstance(labels, dict) and labels.get("segments") is not None:
        for i, segment in enumerate(_objects(labels["segments"], "results.speaker_labels.segments", source)):
            at = f"results.speaker_labels.segments[{i}]"
            name = _speaker_name(segment.get("speaker_label"), f"{at}.speaker_label", source)
            for k, item in enumerate(_objects(segment.get("items") or [], f"{at}.items", source)):
                start = item.get("start_time")
                own = _speaker_name(item.get("speaker_label"), f"{at}.items[{k}].speaker_label", source) or name
                if isinstance(start, str) and own:
                    found[start] = own
    channels = results.get("channel_labels")
    if isinstance(channels, dict) and channels.get("channels") is not None:
        for i, channel in enumerate(_objects(channels["channels"], "results.channel_labels.channels", source)):
            at = f"results.channel_labels.channels[{i}]"
            name = _speaker_name(channel.get("channel_label"), f"{at}.channel_label", source)
            for item in _objects(channel.get("items") or [], f"{at}.items", source):
                start = item.get("start_time")
                if isinstance(start, str) and name:
                    found.setdefault(start, name)
    return found


# ---------------------------------------------------------------------------------- Deepgram

def _deepgram(results: dict, source: str | None) -> Transcript:
    utterances = results.get("utterances")
    if utterances:
        rows = []
        for i, item in enumerate(_objects(utterances, "results.utterances", source)):
            at = f"results.utterances[{i}]"
            text = _text(item, "transcript", at, source, required=True)
            rows.append((text, _time(item.get("start"), f"{at}.start", source),
                         _time(item.get("end"), f"{at}.end", source),
                         _speaker_name(item.get("speaker"), f"{at}.speaker", source)))
        return _segments(rows, "results.utterances hold no text", source)
    channels = _objects(results.get("channels") or [], "results.channels", source)
    if not channels:
        raise TranscriptError("the Deepgram results hold neither utterances nor channels", source=source)
    alternatives = _objects(channels[0].get("alternatives") or [], "results.channels[0].alternatives", source)
    if not alternatives:
        raise TranscriptError("results.channels[0].alternatives is empty", source=source)
    best = alternatives[0]
    at = "results.channels[0].alternatives[0]"
    words: list[tuple[Word, str | None]] = []
    for i, item in enumerate(_objects(best.get("words") or [], f"{at}.words", source)):
        where = f"{at}.words[{i}]"
        text = _text(item, "punctuated_word", where, source) or _text(item, "word", where, source,
                                                                             required=True)
        start = _time(item.get("start"), f"{where}.start", source) or 0.0
        end = _time(item.get("end"), f"{where}.end", source)
        end = start if end is None or end < start else end
        words.append((Word(text.strip(), start, end, _confidence(item.get("confidence"), f"{where}.confidence",
                                                                 source)),
                      _speaker_name(item.get("speaker"), f"{where}.speaker", source)))
    if words:
        return _from_words(words, f"{at}.words hold no words", source)
    text = _text(best, "transcript", at, source, required=True)
    return _segments([(text, None, None, None)], f"{at}.transcript is empty", source)


# ---------------------------------------------------------------------------------- Google

def _google(results: list, source: str | None) -> Transcript:
    results = _objects(results, "results", source)
    best = []
    for i, result in enumerate(results):
        alternatives = _objects(result.get("alternatives") or [], f"results[{i}].alternatives", source)
        best.append(alternatives[0] if alternatives else {})
    last = best[-1]
    if isinstance(last.get("words"), list) and any(isinstance(w, dict) and "speakerTag" in w for w in last["words"]):
        # diarisation: the last result repeats every word of the recording with its speaker
        words = _google_words(last["words"], f"results[{len(best) - 1}].alternatives[0].words", source)
        return _from_words(words, "the diarised words hold no text", source)
    rows = []
    previous_end = None  # results follow each other: one starts where the one before ended
    for i, (result, alternative) in enumerate(zip(results, best)):
        at = f"results[{i}].alternatives[0]"
        text = _text(alternative, "transcript", at, source)
        words = _google_words(alternative.get("words") or [], f"{at}.words", source)
        start = words[0][0].start if words else previous_end
        end = _time(result.get("resultEndTime", result.get("resultEndOffset")), f"results[{i}].resultEndTime", source)
        if end is None and words:
            end = words[-1][0].end
        previous_end = end if end is not None else previous_end
        if text:
            rows.append((text, start, end, None))
    return _segments(rows, "the Google Speech-to-Text results hold no text", source)


def _google_words(items: object, where: str, source: str | None) -> list[tuple[Word, str | None]]:
    words = []
    for i, item in enumerate(_objects(items, where, source)):
        at = f"{where}[{i}]"
        text = _text(item, "word", at, source, required=True)
        start = _time(item.get("startTime", item.get("startOffset")), f"{at}.startTime", source) or 0.0
        end = _time(item.get("endTime", item.get("endOffset")), f"{at}.endTime", source)
        end = start if end is None or end < start else end
        tag = item.get("speakerTag", item.get("speakerLabel"))
        words.append((Word(text.strip(), start, end, _confidence(item.get("confidence"), f"{at}.confidence", source)),
                      _speaker_name(tag, f"{at}.speakerTag", source) if tag not in (None, 0, "0") else None))
    return words


# ---------------------------------------------------------------------------------- Speechmatics

def _speechmatics(results: list, source: str | None) -> Transcript:
    words: list[tuple[Word, str | None]] = []
    for i, item in enumerate(_objects(results, "results", source)):
        at = f"results[{i}]"
        if item.get("type") not in ("word", "punctuation"):
            continue
        alternatives = _objects(item.get("alternatives") or [], f"{at}.alternatives", source)
        if not alternatives:
            continue
        content = _text(alternatives[0], "content", f"{at}.alternatives[0]", source, required=True)
        speaker = _speaker_name(alternatives[0].get("speaker"), f"{at}.alternatives[0].speaker", source)
        if speaker == "UU":  # the service's mark for a speaker it could not tell
            speaker = None
        elif speaker and speaker[0] == "S" and speaker[1:].isdigit():
            speaker = f"Speaker {speaker[1:]}"  # its numbering, S1, S2 (a department's "S1" is a suspect)
        if item["type"] == "punctuation":
            _attach(words, content)
            continue
        start, end = _item_times(item, at, source)
        confidence = _confidence(alternatives[0].get("confidence"), f"{at}.alternatives[0].confidence", source)
        words.append((Word(content.strip(), start, end, confidence), speaker))
    return _from_words(words, "the Speechmatics results hold no words", source)


# ---------------------------------------------------------------------------------- Rev.ai

def _rev(monologues: list, source: str | None) -> Transcript:
    words: list[tuple[Word, str | None]] = []
    for i, monologue in enumerate(_objects(monologues, "monologues", source)):
        at = f"monologues[{i}]"
        name = monologue.get("speaker_name")
        speaker = (_speaker_name(name, f"{at}.speaker_name", source) if name
                   else _speaker_name(monologue.get("speaker"), f"{at}.speaker", source))
        first = len(words)
        for k, element in enumerate(_objects(monologue.get("elements") or [], f"{at}.elements", source)):
            where = f"{at}.elements[{k}]"
            value = _text(element, "value", where, source, required=True)
            kind = element.get("type")
            if kind == "punct":
                if len(words) > first and value.strip():  # "." or "," belongs to the word before it
                    word, _ = words[-1]
                    words[-1] = (Word(word.text + value.strip(), word.start, word.end, word.probability), speaker)
                continue
            if kind != "text":
                continue  # "unknown": a tag such as <inaudible>, no word
            start = _time(element.get("ts"), f"{where}.ts", source)
            start = words[-1][0].end if start is None and len(words) > first else (start or 0.0)
            end = _time(element.get("end_ts"), f"{where}.end_ts", source)
            end = start if end is None or end < start else end
            confidence = _confidence(element.get("confidence"), f"{where}.confidence", source)
            words.append((Word(value.strip(), start, end, confidence), speaker))
    return _from_words(words, "the Rev.ai monologues hold no words", source)


# ---------------------------------------------------------------------------------- Azure

_TICKS = 10_000_000  # Azure's times: ticks of 100 nanoseconds
_ISO_DURATION = re.compile(r"PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$")


def _azure(phrases: list, source: str | None) -> Transcript:
    rows = []
    for i, phrase in enumerate(_objects(phrases, "recognizedPhrases", source)):
        at = f"recognizedPhrases[{i}]"
        if phrase.get("recognitionStatus", "Success") != "Success":
            continue
        best = _objects(phrase.get("nBest") or [], f"{at}.nBest", source)
        if not best:
            continue
        text = _text(best[0], "display", f"{at}.nBest[0]", source) or _text(best[0], "lexical", f"{at}.nBest[0]",
                                                                            source, required=True)
        start = _azure_time(phrase, "offset", at, source)
        length = _azure_time(phrase, "duration", at, source)
        end = start + length if start is not None and length is not None else None
        rows.append((text, start, end, _speaker_name(phrase.get("speaker"), f"{at}.speaker", source)))
    return _segments(rows, "the Azure recognizedPhrases hold no text", source)


def _azure_time(phrase: dict, name: str, at: str, source: str | None) -> float | None:
    ticks = phrase.get(f"{name}InTicks")
    if ticks is not None:
        value = finite_time(ticks, f"{at}.{name}InTicks", source)
        return None if value is None else value / _TICKS
    text = phrase.get(name)
    if text is None:
        return None
    m = _ISO_DURATION.match(text) if isinstance(text, str) else None
    if m is None or not any(m.groups()):
        raise TranscriptError(f"{at}.{name} must be a duration such as 'PT1.5S', not {str(text)[:40]!r}",
                              source=source)
    hours, minutes, seconds = (float(g) if g else 0.0 for g in m.groups())
    return hours * 3600 + minutes * 60 + seconds
