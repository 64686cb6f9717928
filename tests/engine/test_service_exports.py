"""Exports of speech-to-text services (Amazon Transcribe, Deepgram, Google Cloud
Speech-to-Text) and Whisper's tab-separated output are read as they come out of those tools."""

from __future__ import annotations

import json

import pytest

from forcereview.engine import TranscriptError, analyze_text, parse_text
from forcereview.engine.formats import detect_format


def rows(transcript):
    return [(s.speaker, s.start, s.end, s.text) for s in transcript.segments]


def _amazon_item(word, start, end, speaker=None):
    item = {"start_time": f"{start}", "end_time": f"{end}", "type": "pronunciation",
            "alternatives": [{"confidence": "0.98", "content": word}]}
    if speaker:
        item["speaker_label"] = speaker
    return item


def _punctuation(mark):
    return {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": mark}]}


AMAZON_ITEMS = [_amazon_item("Get", 0.0, 0.3), _amazon_item("on", 0.3, 0.4), _amazon_item("the", 0.4, 0.5),
                _amazon_item("ground", 0.5, 0.9), _punctuation("!"), _amazon_item("I", 1.5, 1.6),
                _amazon_item("can't", 1.6, 1.9), _amazon_item("breathe", 1.9, 2.3), _punctuation(".")]


def _amazon_speaker_labels():
    def segment(label, items):
        return {"speaker_label": label, "start_time": items[0]["start_time"], "end_time": items[-1]["end_time"],
                "items": [{"start_time": i["start_time"], "end_time": i["end_time"], "speaker_label": label}
                          for i in items]}

    words = [i for i in AMAZON_ITEMS if i["type"] == "pronunciation"]
    return {"speakers": 2, "segments": [segment("spk_0", words[:4]), segment("spk_1", words[4:])]}


def test_amazon_transcribe_words_are_grouped_by_the_speaker_labels():
    export = {"jobName": "bwc-2291", "status": "COMPLETED", "results": {
        "transcripts": [{"transcript": "Get on the ground! I can't breathe."}],
        "speaker_labels": _amazon_speaker_labels(), "items": AMAZON_ITEMS}}
    transcript = parse_text(json.dumps(export), source="bwc.json")
    assert transcript.format == "json"
    assert rows(transcript) == [("spk_0", 0.0, 0.9, "Get on the ground!"), ("spk_1", 1.5, 2.3, "I can't breathe.")]
    assert transcript.segments[0].words[0].probability == 0.98
    analysis = analyze_text(json.dumps(export))
    assert analysis.transcript.speakers == {"spk_0": "officer", "spk_1": "subject"}
    assert {s.category for s in analysis.signals} == {"force_command", "medical_distress"}


def test_amazon_transcribe_speaker_on_each_item_and_audio_segments():
    labelled = [dict(i, speaker_label="spk_0" if k < 5 else "spk_1") if i["type"] == "pronunciation" else i
                for k, i in enumerate(AMAZON_ITEMS)]
    transcript = parse_text(json.dumps({"results": {"items": labelled}}))
    assert [s.speaker for s in transcript.segments] == ["spk_0", "spk_1"]
    segments = {"results": {"transcripts": [{"transcript": "x"}], "items": AMAZON_ITEMS, "audio_segments": [
        {"id": 0, "transcript": "Get on the ground!", "start_time": "0.0", "end_time": "0.9", "speaker_label": "spk_0",
         "items": [0, 1, 2, 3, 4]},
        {"id": 1, "transcript": "I can't breathe.", "start_time": "1.5", "end_time": "2.3", "speaker_label": "spk_1",
         "items": [5, 6, 7, 8]}]}}
    assert rows(parse_text(json.dumps(segments))) == [("spk_0", 0.0, 0.9, "Get on the ground!"),
                                                      ("spk_1", 1.5, 2.3, "I can't breathe.")]


def test_amazon_transcribe_without_timed_words_gives_the_whole_text_untimed():
    transcript = parse_text(json.dumps({"results": {"transcripts": [{"transcript": "Stop resisting."}], "items": []}}))
    assert rows(transcript) == [(None, None, None, "Stop resisting.")]


def test_amazon_transcribe_words_without_speakers_are_split_at_pauses():
    later = [dict(i, start_time=f"{float(i['start_time']) + 2}", end_time=f"{float(i['end_time']) + 2}")
             if k > 4 else i for k, i in enumerate(AMAZON_ITEMS) if i["type"] == "pronunciation" or k < 5]
    transcript = parse_text(json.dumps({"results": {"items": later}}))
    assert rows(transcript) == [(None, 0.0, 0.9, "Get on the ground!"), (None, 3.5, 4.3, "I can't breathe")]


DEEPGRAM_WORDS = [
    {"word": w.lower().strip("!."), "punctuated_word": w, "start": s, "end": e, "confidence": 0.99, "speaker": spk}
    for w, s, e, spk in [("Get", 0.1, 0.3, 0), ("on", 0.3, 0.4, 0), ("the", 0.4, 0.5, 0), ("ground!", 0.5, 0.9, 0),
                         ("I", 1.5, 1.6, 1), ("can't", 1.6, 1.9, 1), ("breathe.", 1.9, 2.3, 1)]]


def test_deepgram_words_with_speakers_and_utterances():
    export = {"metadata": {"request_id": "r", "channels": 1}, "results": {"channels": [
        {"alternatives": [{"transcript": "get on the ground i can't breathe", "words": DEEPGRAM_WORDS}]}]}}
    assert rows(parse_text(json.dumps(export))) == [("Speaker 0", 0.1, 0.9, "Get on the ground!"),
                                                    ("Speaker 1", 1.5, 2.3, "I can't breathe.")]
    export["results"]["utterances"] = [
        {"start": 0.1, "end": 0.9, "transcript": "Get on the ground!", "speaker": 0, "channel": 0},
        {"start": 1.5, "end": 2.3, "transcript": "I can't breathe.", "speaker": 1, "channel": 0}]
    assert rows(parse_text(json.dumps(export))) == [("Speaker 0", 0.1, 0.9, "Get on the ground!"),
                                                    ("Speaker 1", 1.5, 2.3, "I can't breathe.")]


def test_google_results_one_utterance_each_or_diarised_words():
    plain = {"results": [
        {"alternatives": [{"transcript": "get on the ground", "confidence": 0.9,
                           "words": [{"startTime": "0.100s", "endTime": "0.300s", "word": "get"},
                                     {"startTime": "0.300s", "endTime": "0.900s", "word": "ground"}]}],
         "resultEndTime": "1.200s"},
        {"alternatives": [{"transcript": " I can't breathe"}], "resultEndTime": "2.500s"}]}
    assert rows(parse_text(json.dumps(plain))) == [(None, 0.1, 1.2, "get on the ground"),
                                                   (None, 1.2, 2.5, "I can't breathe")]
    words = [{"startTime": f"{s}s", "endTime": f"{e}s", "word": w, "speakerTag": tag}
             for w, s, e, tag in [("get", 0.1, 0.3, 1), ("down", 0.3, 0.6, 1), ("I", 1.5, 1.6, 2), ("am", 1.6, 1.8, 2)]]
    diarised = {"results": [{"alternatives": [{"transcript": "get down I am"}]},
                            {"alternatives": [{"words": words}], "languageCode": "en-us"}]}
    assert rows(parse_text(json.dumps(diarised))) == [("Speaker 1", 0.1, 0.6, "get down"),
                                                      ("Speaker 2", 1.5, 1.8, "I am")]


def test_speechmatics_words_and_punctuation_grouped_by_speaker():
    def item(kind, word, start, end, speaker):
        return {"type": kind, "start_time": start, "end_time": end,
                "alternatives": [{"content": word, "confidence": 0.9, "speaker": speaker}]}

    export = {"format": "2.9", "results": [
        item("word", "Stop", 0.5, 0.7, "S1"), item("word", "resisting", 0.7, 1.2, "S1"),
        item("punctuation", "!", 1.2, 1.2, "S1"), item("word", "I", 1.5, 1.7, "S2"),
        item("word", "can't", 1.7, 1.9, "S2"), item("word", "breathe", 1.9, 2.3, "S2"),
        item("word", "what", 3.0, 3.2, "UU")]}
    # the service numbers its speakers S1, S2 (which a department's transcript would read as "suspect")
    assert rows(parse_text(json.dumps(export))) == [("Speaker 1", 0.5, 1.2, "Stop resisting!"),
                                                    ("Speaker 2", 1.5, 2.3, "I can't breathe"),
                                                    (None, 3.0, 3.2, "what")]


def test_rev_ai_monologues_of_words_and_punctuation():
    def words(*timed):
        out = []
        for value, start, end in timed:
            out += [{"type": "text", "value": value, "ts": start, "end_ts": end, "confidence": 0.9},
                    {"type": "punct", "value": " "}]
        return out[:-1]

    export = {"monologues": [
        {"speaker": 0, "elements": words(("Get", 0.5, 0.7), ("on", 0.7, 0.8), ("the", 0.8, 0.9), ("ground", 0.9, 1.2))
         + [{"type": "punct", "value": "!"}]},
        {"speaker": 1, "speaker_name": "Driver",
         "elements": [{"type": "unknown", "value": "<inaudible>"}, {"type": "punct", "value": " "}]
         + words(("I'm", 1.5, 1.7), ("not", 1.8, 1.9), ("resisting", 1.9, 2.4))}]}
    assert rows(parse_text(json.dumps(export))) == [("Speaker 0", 0.5, 1.2, "Get on the ground!"),
                                                    ("Driver", 1.5, 2.4, "I'm not resisting")]


def test_azure_recognized_phrases_in_ticks_or_iso_durations():
    export = {"recognizedPhrases": [
        {"recognitionStatus": "Success", "speaker": 1, "offsetInTicks": 5000000.0, "durationInTicks": 12000000.0,
         "nBest": [{"confidence": 0.9, "lexical": "get on the ground", "display": "Get on the ground!"}]},
        {"recognitionStatus": "NoMatch", "speaker": 1, "offset": "PT1.7S", "duration": "PT0.2S", "nBest": []},
        {"recognitionStatus": "Success", "speaker": 2, "offset": "PT1M2.5S", "duration": "PT1.5S",
         "nBest": [{"display": "I can't breathe."}]}]}
    assert rows(parse_text(json.dumps(export))) == [("Speaker 1", 0.5, 1.7, "Get on the ground!"),
                                                    ("Speaker 2", 62.5, 64.0, "I can't breathe.")]


@pytest.mark.parametrize("export, where", [
    ({"monologues": [{"speaker": 0, "elements": [{"type": "text", "value": "x", "ts": "soon"}]}]},
     "monologues[0].elements[0].ts"),
    ({"monologues": [{"speaker": 0, "elements": [{"type": "text"}]}]}, "monologues[0].elements[0].value is missing"),
    ({"monologues": []}, "hold no words"),
    ({"recognizedPhrases": [{"offset": "soon", "nBest": [{"display": "x"}]}]}, "recognizedPhrases[0].offset must be"),
    ({"recognizedPhrases": [{"offsetInTicks": -5, "nBest": [{"display": "x"}]}]},
     "recognizedPhrases[0].offsetInTicks is negative"),
    ({"format": "2.9", "results": [{"type": "word", "start_time": "later", "alternatives": [{"content": "x"}]}]},
     "results[0].start_time"),
    ({"results": {"items": [{"type": "pronunciation", "start_time": "soon", "end_time": "1",
                             "alternatives": [{"content": "x"}]}]}}, "results.items[0].start_time"),
    ({"results": {"items": [{"type": "pronunciation", "start_time": "0", "alternatives": [{"content": 5}]}]}},
     "results.items[0].alternatives[0].content must be a string"),
    ({"results": {"items": ["word"]}}, "results.items[0] must be an object"),
    ({"results": {"audio_segments": [{"start_time": "0", "end_time": "1"}]}},
     "results.audio_segments[0].transcript is missing"),
    ({"results": {"transcripts": []}}, "hold no text"),
    ({"results": {"utterances": [{"start": -3, "end": 1, "transcript": "x"}]}}, "results.utterances[0].start is negative"),
    ({"results": {"channels": [{"alternatives": [{"words": [{"word": "x", "start": 0, "end": 1, "speaker": [1]}]}]}]}},
     "results.channels[0].alternatives[0].words[0].speaker must be a name"),
    ({"results": {"channels": []}}, "neither utterances nor channels"),
    ({"results": [{"alternatives": [{"transcript": "x", "words": [{"word": "x", "startTime": "later"}]}]}]},
     "results[0].alternatives[0].words[0].startTime"),
])
def test_service_export_errors_name_the_field(export, where):
    with pytest.raises(TranscriptError) as caught:
        parse_text(json.dumps(export), source="export.json")
    assert where in caught.value.message
    assert caught.value.source == "export.json"


WHISPER_TSV = "start\tend\ttext\n0\t2100\tGet on the ground!\n2100\t4380\tI can't breathe.\n"


def test_whisper_tab_separated_output_in_milliseconds():
    assert detect_format(WHISPER_TSV) == "tsv"
    transcript = parse_text(WHISPER_TSV)
    assert transcript.format == "tsv"
    assert rows(transcript) == [(None, 0.0, 2.1, "Get on the ground!"), (None, 2.1, 4.38, "I can't breathe.")]
    assert [s.line for s in transcript.segments] == [2, 3]


def test_tab_separated_seconds_clocks_a_speaker_column_and_labels_in_the_text():
    seconds = "Speaker\tStart\tEnd\tText\nSgt. Diaz\t1.5\t2.25\tStop resisting!\n\t00:00:03.000\t4\tOFFICER: Hands!\n"
    assert rows(parse_text(seconds)) == [("Sgt. Diaz", 1.5, 2.25, "Stop resisting!"), ("OFFICER", 3.0, 4.0, "Hands!")]
    tab_in_text = "start\tend\ttext\n0\t1000\tstop\tresisting\n"
    assert rows(parse_text(tab_in_text)) == [(None, 0.0, 1.0, "stop resisting")]


@pytest.mark.parametrize("text, line, words", [
    ("start\tend\ttext\n0\t1000\tok\n1000\tlater\tbad\n", 3, "the end column must be"),
    ("start\tend\ttext\n0\t1000\n", 2, "expected 3 tab-separated columns, found 2"),
    ("start\tend\ttext\n\n", None, "no rows"),
    ("start\tend\ttext\n0\t-5\tx\n", 2, "negative"),
    ("Time,Speaker,Transcript\n00:05,Officer,ok\n00:07,Subject\n", 3, "expected 3 comma-separated columns, found 2"),
    ("Time,Speaker,Transcript\n00:05,Officer,ok\nlater,Subject,no\n", 3, "the start column must be"),
    ("Time,Speaker,Transcript\n", None, "no rows"),
])
def test_table_errors_name_the_line(text, line, words):
    with pytest.raises(TranscriptError) as caught:
        parse_text(text, source="export.table")
    assert caught.value.line == line
    assert words in caught.value.message


def test_a_tab_in_ordinary_text_is_no_table():
    assert detect_format("Officer:\tget down\nstart\tend\ttext\n") == "text"
    assert detect_format("start\tfinish\tnotes\n1\t2\tx\n") == "text"
    labelled = parse_text("Officer:\tGet down!\nSubject:\tI'm not resisting!\nOfficer:\tStop.\n")
    assert labelled.format == "text"
    assert [s.speaker for s in labelled.segments] == ["Officer", "Subject", "Officer"]


# a spreadsheet saved as CSV: quoted cells with commas, doubled quotes and line breaks inside
SPREADSHEET_CSV = ('Time,Speaker,Transcript\n'
                   '00:00:05,Officer Smith,"Get on the ground, now!"\n'
                   '00:00:07,Subject,"I\'m not resisting! ""Please"" stop"\n'
                   '00:00:09,Witness,"He\'s not resisting!\nLet him up!"\n'
                   '00:00:12,Officer Smith,Stop resisting\n')


def test_a_spreadsheet_saved_as_csv_is_read_by_its_column_names():
    assert detect_format(SPREADSHEET_CSV) == "csv"
    transcript = parse_text(SPREADSHEET_CSV)
    assert transcript.format == "csv"
    assert rows(transcript) == [("Officer Smith", 5.0, None, "Get on the ground, now!"),
                                ("Subject", 7.0, None, 'I\'m not resisting! "Please" stop'),
                                ("Witness", 9.0, None, "He's not resisting! Let him up!"),
                                ("Officer Smith", 12.0, None, "Stop resisting")]
    assert [s.line for s in transcript.segments] == [2, 3, 4, 6]  # the quoted line break takes a line


@pytest.mark.parametrize("table, expected", [
    # semicolons (a spreadsheet in a locale with decimal commas), times named as milliseconds
    ("Start (ms);End (ms);Speaker;Text\n5000;7250;Officer;Get on the ground!\n",
     [("Officer", 5.0, 7.25, "Get on the ground!")]),
    # whole numbers in a column that does not say milliseconds are seconds
    ("Timestamp\tName\tDialogue\n5\tOfficer\tGet down!\n", [("Officer", 5.0, None, "Get down!")]),
    # a row number and a timecode with frames (thirtieths of a second)
    ("#,Timecode,Speaker,Dialogue\n1,00:01:05:15,OFC. SMITH,Get down!\n", [("OFC. SMITH", 65.5, None, "Get down!")]),
    # no speaker column: a label in the words is the speaker
    ("start_time,text\n1.5,SGT. DIAZ: Hands!\n", [("SGT. DIAZ", 1.5, None, "Hands!")]),
])
def test_tables_name_their_columns_in_many_ways(table, expected):
    assert rows(parse_text(table)) == expected


def test_a_table_copied_out_of_a_document_needs_no_header():
    copied = "00:00:05\tOfficer Smith\tGet on the ground!\n00:00:07\tSubject\tI'm not resisting!\n"
    assert detect_format(copied) == "tsv"
    assert rows(parse_text(copied)) == [("Officer Smith", 5.0, None, "Get on the ground!"),
                                        ("Subject", 7.0, None, "I'm not resisting!")]
    names_only = "Officer\tGet down!\nSubject\tWhy?\nOfficer\tGet down now!\n"
    assert [s.speaker for s in parse_text(names_only).segments] == ["Officer", "Subject", "Officer"]
    # two cells a line whose first never comes back are words, not speakers
    assert detect_format("Hey\tthere\nWell\tthen\nSo\tit goes\n") == "text"


def test_commas_in_ordinary_lines_make_no_table():
    assert detect_format("Officer: Hey, stop, now.\nSubject: Okay, okay.\n") == "text"
    assert detect_format("Name,Address,Phone\nA,B,C\n") == "text"  # no column of words
    assert detect_format("0:00:01.000,0:00:03.500\nGet down\n") == "sbv"
