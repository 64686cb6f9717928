"""Whatever the text or bytes, parsers raise nothing but the engine's own input error, and the
analysis of whatever they accept never fails."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcereview.engine import TranscriptError, analyze_transcript, parse_bytes, parse_text
from forcereview.engine.formats import FORMATS

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces that push parsers into their branches
PIECES = ["WEBVTT", "\n", "\n\n", "-->", " --> ", "00:00:01.000", "00:01,5", "1:", "<v ", "<v.loud A>", "</v>", ">",
          "<i>", "[", "]", "(", ")", "*", "{", "}", '"', ":", ": ", "- ", ">> ", "#", "\r\n", "\ufeff", "\x00",
          "Officer: ", "OFFICER (Smith): ", "[00:12] ", "Speaker 1  0:03", "stop resisting", "I can't breathe",
          '{"segments": [', '{"start": 1, "end": 2, "text": "x"}', '"word"', "NaN", "-1", "1e999", ",", "]}",
          "\u2028", "\u00e9", "NOTE", "STYLE", "start\tend\ttext\n", "\t", "Speaker\tStart\tEnd\tText\n", "2100\t",
          "00:00:03 Speaker 1\n", "Officer Smith 0:03\n", " - ", "<!DOCTYPE html>", "<html>", "<p>", "</p>", "<br>",
          "<tr><td>", "</td><td>", "<pre>", "<script>", "<![CDATA[", "<!--", "&#x110000;", "&amp", "<?xml",
          "0:00:01.000,0:00:03.500\n", "<tt xmlns=\"http://www.w3.org/ns/ttml\">", "<p begin=\"1s\" end=\"2.5s\">", "</p>",
          "<br/>", "</tt>", " dur=\"5f\"", "<span>", "Time,Speaker,Transcript\n", "Start (ms);Speaker;Text\n", ";",
          "00:00:05,Officer Smith,", '"', '""', "01:00:05:15", "#\tTimecode\tName\tDialogue\n", "0:05\tOfficer\t",
          "[Officer Smith] ", "[OFFICER]: ", "[Crying] ", "\n\nOFFICER SMITH\n", " \u2014 ", "Sgt. Diaz - ",
          "[00:00:00.000 --> 00:00:02.000] ", "01:00:05:12 ", " >> ", ". OFFICER: ", "[Script Info]\n", "[Events]\n",
          "Format: Layer, Start, End, Style, Name, Text\n", "Dialogue: 0,0:00:01.00,0:00:03.00,Default,A,", "{\\i1}",
          "\\N", "Officer Smith 00:01:02 ", "00:01:02 Officer Smith Get ", "Sgt. Ruiz Stop ", "Driver I "]
structured = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join)


def _parse_or_input_error(call):
    try:
        transcript = call()
    except TranscriptError as exc:
        assert exc.message
        return None
    assert transcript.segments
    for i, segment in enumerate(transcript.segments):
        assert segment.index == i
        assert segment.text or segment.events
        assert segment.start is None or segment.start >= 0
    analysis = analyze_transcript(transcript)
    assert 0 <= analysis.risk.score <= 100
    json.dumps(analysis.to_dict(segments=True))
    return transcript


@FUZZ
@given(st.text())
def test_any_text(text):
    _parse_or_input_error(lambda: parse_text(text, source="fuzz.txt"))


@FUZZ
@given(structured)
def test_transcript_like_text_in_every_format(text):
    _parse_or_input_error(lambda: parse_text(text))
    for fmt in FORMATS:
        _parse_or_input_error(lambda: parse_text(text, format=fmt))


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes(data):
    _parse_or_input_error(lambda: parse_bytes(data, source="fuzz.bin"))


@FUZZ
@given(structured)
def test_transcript_like_text_in_odd_encodings(text):
    for encoding in ("utf-16", "cp1252", "latin-1"):
        data = text.encode(encoding, errors="replace")
        _parse_or_input_error(lambda: parse_bytes(data))


def _containers(keys: list[str]):
    """Lists of ``children`` and objects with ``keys``: how a JSON document nests."""

    def extend(children):
        return st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(keys), children, max_size=5)

    return extend


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10),
    _containers(["segments", "text", "start", "end", "speaker", "role", "words", "word", "events",
                 "loudness_dbfs", "utterances", "word_segments", "loudness", "dbfs", "window", "speakers"]),
    max_leaves=20,
)


@FUZZ
@given(json_values)
def test_any_json_document(value):
    text = json.dumps(value)
    _parse_or_input_error(lambda: parse_text(text, format="json"))
    _parse_or_input_error(lambda: parse_text(text))


service_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10)
    | st.sampled_from(["0.5", "1.300s", "spk_0", "pronunciation", "punctuation", "-1", "1e999", "word", "text",
                       "punct", "unknown", "S1", "UU", "PT1.5S", "PT1M", "Success", "NoMatch"]),
    _containers(["results", "items", "alternatives", "content", "start_time", "end_time", "type",
                 "speaker_label", "audio_segments", "transcripts", "transcript", "speaker_labels", "segments",
                 "channel_labels", "channels", "channel_label", "utterances", "words", "word",
                 "punctuated_word", "start", "end", "speaker", "confidence", "startTime", "endTime",
                 "speakerTag", "resultEndTime", "monologues", "elements", "value", "ts", "end_ts",
                 "speaker_name", "recognizedPhrases", "nBest", "display", "lexical", "offset", "duration",
                 "offsetInTicks", "durationInTicks", "recognitionStatus"]),
    max_leaves=24,
)


@FUZZ
@given(service_values)
def test_any_speech_service_export(value):
    text = json.dumps({"results": value} if not isinstance(value, dict) or "results" not in value else value)
    _parse_or_input_error(lambda: parse_text(text))
    for key in ("monologues", "recognizedPhrases"):
        _parse_or_input_error(lambda: parse_text(json.dumps({key: value})))
