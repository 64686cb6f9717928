"""Every transcript format, recognised from its content, read into segments."""

from __future__ import annotations

import json

import pytest

from forcereview.engine import TranscriptError, parse_bytes, parse_file, parse_text
from forcereview.engine.formats import detect_format


def texts(transcript):
    return [s.text for s in transcript.segments]


def test_webvtt_with_voice_tags_several_per_cue():
    t = parse_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n<v Sgt. Diaz>Get down!</v> <v.loud Marcus>I'm down!\n")
    assert t.format == "webvtt"
    assert [(s.speaker, s.text, s.start, s.end) for s in t.segments] == [
        ("Sgt. Diaz", "Get down!", 1.0, 2.5), ("Marcus", "I'm down!", 1.0, 2.5)]


def test_webvtt_without_voice_tags_reads_name_prefixes_and_skips_notes_and_styles():
    t = parse_text("WEBVTT - bodycam\nKind: captions\n\nNOTE exported by the agency\n\nSTYLE\n::cue { color: red }\n\n"
                   "intro\n01:02.250 --> 01:04.000 align:start\nOFFICER LEE: <i>Show me</i> your hands.\n\n"
                   "1:00:00.000 --> 1:00:01.000\nno speaker here\n")
    assert [(s.speaker, s.text, s.start) for s in t.segments] == [
        ("OFFICER LEE", "Show me your hands.", 62.25), (None, "no speaker here", 3600.0)]
    assert t.segments[0].line == 11


def test_srt_with_names_dialogue_dashes_and_broadcast_markers():
    t = parse_text("1\n00:00:01,000 --> 00:00:02,000\nDEPUTY HOLT: Come out!\n\n"
                   "2\n00:00:03,000 --> 00:00:04,000\n- Get his arm!\n- Let go of me!\n\n"
                   "3\n00:00:05,000 --> 00:00:06,000\n>> ANCHOR: Tonight.\n")
    assert t.format == "srt"
    assert [(s.speaker, s.text) for s in t.segments] == [
        ("DEPUTY HOLT", "Come out!"), (None, "Get his arm!"), (None, "Let go of me!"), ("ANCHOR", "Tonight.")]


def test_srt_cue_with_a_blank_line_inside_its_text_is_joined():
    t = parse_text("1\n00:00:01,000 --> 00:00:02,000\nfirst line\n\nsecond line\n\n2\n00:00:03,000 --> 00:00:04,000\nnext\n")
    assert texts(t) == ["first line second line", "next"]


def test_whisper_json_segments_with_words_speaker_and_role():
    data = {"segments": [{"start": 0.5, "end": 1.5, "text": " Hands up!", "speaker": "SPEAKER_00", "role": "officer",
                          "words": [{"word": " Hands", "start": 0.5, "end": 0.9, "probability": 0.9},
                                    {"word": " up!", "start": 0.9, "end": 1.5, "probability": 0.8}]},
                         {"start": 2, "end": 3, "text": "[crying] okay", "speaker": 1, "loudness_dbfs": -12.5,
                          "events": ["sobbing"]}]}
    t = parse_text(json.dumps(data))
    assert t.format == "json"
    first, second = t.segments
    assert (first.speaker, first.role, first.text, len(first.words)) == ("SPEAKER_00", "officer", "Hands up!", 2)
    assert first.words[1].probability == 0.8
    assert t.speakers == {"SPEAKER_00": "officer"}
    assert (second.speaker, second.text, second.events, second.loudness_dbfs) == (
        "SPEAKER_1", "okay", ("sobbing", "crying"), -12.5)


def test_bare_list_of_segments_and_word_lists():
    t = parse_text('[{"start": 0, "end": 1, "text": "stop"}, {"start": 1, "end": 2, "text": "resisting"}]')
    assert texts(t) == ["stop", "resisting"]
    words = [{"word": w, "start": i * 0.3, "end": i * 0.3 + 0.2, "speaker": "A" if i < 3 else "B"}
             for i, w in enumerate(["Get", "down", "now.", "I'm", "down."])]
    t = parse_text(json.dumps({"word_segments": words}))
    assert [(s.speaker, s.text) for s in t.segments] == [("A", "Get down now."), ("B", "I'm down.")]
    long_pause = [{"word": "one", "start": 0, "end": 0.2}, {"word": "two", "start": 5, "end": 5.2}]
    assert texts(parse_text(json.dumps(long_pause))) == ["one", "two"]


def test_utterances_in_milliseconds():
    t = parse_text(json.dumps({"utterances": [{"start": 1500, "end": 2500, "speaker": "A", "text": "hello"}]}))
    assert (t.segments[0].start, t.segments[0].end) == (1.5, 2.5)


@pytest.mark.parametrize("line, expected", [
    ("[00:12] OFFICER (Christensen): Get on the ground.", (12.0, "OFFICER (Christensen)", "Get on the ground.")),
    ("[1:02:07] Sgt. Diaz: Stop resisting.", (3727.0, "Sgt. Diaz", "Stop resisting.")),
    ("(00:05) Dispatch: Copy.", (5.0, "Dispatch", "Copy.")),
    ("00:05 Dispatch: Copy.", (5.0, "Dispatch", "Copy.")),
    ("Officer Smith [00:09]: Hands up.", (9.0, "Officer Smith", "Hands up.")),
    ("Officer Smith (00:09): Hands up.", (9.0, "Officer Smith", "Hands up.")),
    ("officer: get down", (None, "officer", "get down")),
    ("\u2014 Officer: Turn around.", (None, "Officer", "Turn around.")),
    ("SPEAKER_01: what did i do", (None, "SPEAKER_01", "what did i do")),
    ("He said: stop it", (None, None, "He said: stop it")),
    ("i told you: stop", (None, None, "i told you: stop")),
    ("At 10:30 we left", (None, None, "At 10:30 we left")),
])
def test_plain_text_lines(line, expected):
    (segment,) = parse_text(line).segments
    assert (segment.start, segment.speaker, segment.text) == expected


def test_plain_text_comments_continuations_events_and_service_headers():
    t = parse_text("# exported 2024-05-01\n"
                   "OFFICER MILLER:   Step out of the vehicle.\n"
                   "                  Now, please.\n"
                   "[crying]\n"
                   "Speaker 1  0:03\n"
                   "I didn't do anything.\n"
                   "Speaker 2: (00:07)\n"
                   "Okay.\n"
                   "(Crosstalk.)\n")
    assert [(s.speaker, s.text, s.events, s.start) for s in t.segments] == [
        ("OFFICER MILLER", "Step out of the vehicle. Now, please.", (), None),
        (None, "", ("crying",), None),
        ("Speaker 1", "I didn't do anything.", (), 3.0),
        ("Speaker 2", "Okay.", (), 7.0),
        (None, "", ("crosstalk",), None),  # an annotation on its own line is nobody's words
    ]
    assert t.segments[0].line == 2


def test_annotations_are_events_not_words():
    t = parse_text("Officer: Taser! [taser clicking] (inaudible) *screaming* ((crosstalk)) stop")
    (segment,) = t.segments
    assert segment.text == "Taser! stop"
    assert segment.events == ("taser clicking", "inaudible", "screaming", "crosstalk")


def test_quotes_around_a_whole_utterance_are_dropped():
    (segment,) = parse_text('OFFICER: "Get on the ground!"').segments
    assert segment.text == "Get on the ground!"


@pytest.mark.parametrize("text, fmt", [
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", "webvtt"),
    ("\n\n1\n00:00:01,000 --> 00:00:02,000\nhi\n", "srt"),
    ("00:00:01.000 --> 00:00:02.000\nhi\n", "srt"),
    ('{"segments": [{"text": "hi"}]}', "json"),
    ('  [\n {"text": "hi"}]', "json"),
    ("[00:01] Officer: hi", "text"),
    ("Officer: hi", "text"),
])
def test_format_is_told_by_content(text, fmt):
    assert detect_format(text) == fmt


def test_file_name_does_not_decide_the_format(tmp_path):
    path = tmp_path / "looks_like.json"
    path.write_text("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>hi\n")
    assert parse_file(path).format == "webvtt"


def test_encodings_bom_utf16_cp1252_and_line_ends():
    vtt = "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n<v A>caf\u00e9 \u2019ok\u2019\r\n"
    assert parse_bytes(b"\xef\xbb\xbf" + vtt.encode()).segments[0].text == "caf\u00e9 \u2019ok\u2019"
    assert parse_bytes(vtt.encode("utf-16")).segments[0].text == "caf\u00e9 \u2019ok\u2019"
    assert parse_bytes("Officer: I\u2019m here\r".encode("cp1252")).segments[0].text == "I\u2019m here"
    assert parse_bytes(b"Officer: \x81\x8d odd bytes\n").segments[0].speaker == "Officer"
    # UTF-16 without a byte order mark, as some Windows exports write it: every other byte zero
    for encoding in ("utf-16-le", "utf-16-be"):
        said = parse_bytes("Officer: I\u2019m here\nDriver: ok\n".encode(encoding)).segments
        assert [(s.speaker, s.text) for s in said] == [("Officer", "I\u2019m here"), ("Driver", "ok")]


def test_giant_line_is_read(tmp_path):
    words = "stop resisting " * 200_000
    t = parse_text(f"Officer: {words}\n")
    assert len(t.segments) == 1 and len(t.segments[0].text) > 2_000_000


@pytest.mark.parametrize("text, line, words", [
    ("WEBVTT\n\n00:01.000 --> nonsense\nhi\n", 3, "malformed cue timing"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nfine\n\n00:03.000 -> 00:04.000\nbroken\n", 6, "malformed cue timing"),
    ("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 - 00:00:04,000\nbad\n", 6, "malformed cue timing"),
    ("1\n00:00:01,000 --> 00:00:02,000\nok\n\nstray words without a cue\n", None, None),
    ('{"segments": [\n{"start": 0, "end": 1, "text": "ok"},\n{"start": 1 "end": 2}\n]}', 3, "not valid JSON"),
])
def test_errors_name_the_line(text, line, words):
    if words is None:  # a stray block after a cue is joined to it, not an error
        assert parse_text(text, source="x.srt").segments[-1].text.endswith("stray words without a cue")
        return
    with pytest.raises(TranscriptError) as caught:
        parse_text(text, source="bad.file")
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(f"bad.file:{line}: ")


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"   \n\n\t\n", "empty"),
    (b"# only a comment\n", "no utterances"),
    (b"WEBVTT\n\nNOTE nothing else\n", "no cues"),
    (b"abc\x00def", "binary"),
    (b'{"segments": []}', "empty 'segments'"),
    (b'{"segments": [{"start": -1, "end": 2, "text": "x"}]}', "segments[0].start is negative"),
    (b'{"segments": [{"start": NaN, "end": 2, "text": "x"}]}', "finite"),
    (b'{"segments": [{"start": 0, "end": 2, "text": 5}]}', "segments[0].text must be a string"),
    (b'{"segments": [{"start": "soon", "end": 2, "text": "x"}]}', "segments[0].start must be a number"),
    (b'{"result": 1}', "needs a 'segments' list"),
    (b'{"a": ' * 100_000, "not valid JSON"),
    (b"\xff\xfe" + b"\x00\xd8", "UTF-16"),
])
def test_bad_inputs_are_clear_errors(data, words):
    with pytest.raises(TranscriptError) as caught:
        parse_bytes(data, source="upload.bin")
    assert words in caught.value.message
    assert caught.value.source == "upload.bin"


def test_a_recording_given_as_text_bytes_is_refused():
    with pytest.raises(TranscriptError, match="recording"):
        parse_bytes(b"ID3\x03\x00\x00\x00" + bytes(100), source="clip.mp3")


def test_missing_file_and_folder_are_errors(tmp_path):
    with pytest.raises(TranscriptError, match="no such file"):
        parse_file(tmp_path / "missing.vtt")
    with pytest.raises(TranscriptError, match="folder"):
        parse_file(tmp_path)


def test_forced_format_skips_detection_and_unknown_format_is_refused():
    assert parse_text("Officer: hi", format="text").format == "text"
    with pytest.raises(TranscriptError, match="unknown transcript format"):
        parse_text("Officer: hi", format="docx")
    with pytest.raises(TranscriptError, match="must start with 'WEBVTT'"):
        parse_text("00:01.000 --> 00:02.000\nhi\n", format="webvtt")


def test_transcription_service_exports_with_labels_on_their_own_lines_or_glued():
    text = ("J. Alexander Kueng:\n\nStore Manager:What's going on? It's a fake bill-\n\nThomas Lane:\n\n"
            "[crosstalk 00:00:57].\n\nThomas Lane:\n\nlet me see your hands.\n")
    t = parse_text(text)
    assert [(s.speaker, s.text, s.events) for s in t.segments] == [
        ("Store Manager", "What's going on? It's a fake bill-", ()),
        ("Thomas Lane", "", ("crosstalk 00:00:57",)),
        ("Thomas Lane", "let me see your hands.", ()),
    ]
    assert parse_text("note:this is lower case").segments[0].speaker is None


@pytest.mark.parametrize("ids", [True, False])
@pytest.mark.parametrize("lead", ["", "\n\n"])
def test_cue_text_lines_are_numbered_from_the_first_line_of_the_file(ids, lead):
    cues = []
    for k in range(3):
        cues.append((f"{k + 1}\n" if ids else "") + f"00:00:0{k}.000 --> 00:00:0{k}.900\n<v A>words {k}\n")
    text = lead + "WEBVTT\n\n" + "\n".join(cues)
    lines = text.split("\n")
    expected = [lines.index(f"<v A>words {k}") + 1 for k in range(3)]
    assert [s.line for s in parse_text(text).segments] == expected
    srt = lead + "\n".join(c.replace("<v A>", "A: ") for c in cues).replace(".", ",")
    lines = srt.split("\n")
    expected = [lines.index(f"A: words {k}") + 1 for k in range(3)]
    assert [s.line for s in parse_text(srt).segments] == expected


def test_subviewer_captions_from_youtube():
    sbv = ("0:00:01.000,0:00:03.500\n>> OFFICER: Get on the ground!\n\n"
           "0:00:03.600,0:00:05.000\n>> SUSPECT: I can't breathe!\n")
    assert detect_format(sbv) == "sbv"
    transcript = parse_text(sbv)
    assert transcript.format == "sbv"
    assert [(s.start, s.end, s.speaker, s.text, s.line) for s in transcript.segments] == [
        (1.0, 3.5, "OFFICER", "Get on the ground!", 2), (3.6, 5.0, "SUSPECT", "I can't breathe!", 5)]
    with pytest.raises(TranscriptError) as caught:
        parse_text(sbv + "\n0:00:0x.600,0:00:07.000\nbad\n", source="captions.sbv")
    assert caught.value.line == 7 and "expected '0:00:01.000,0:00:03.500'" in caught.value.message


TTML = """<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
    xmlns:ttm="http://www.w3.org/ns/ttml#metadata" ttp:frameRate="25" xml:lang="en">
 <head><metadata><ttm:agent xml:id="s1" type="person"><ttm:name type="full">Suspect</ttm:name></ttm:agent></metadata></head>
 <body><div>
  <p begin="00:00:01.000" end="00:00:03.500">OFFICER: Get on the <span>ground!</span><br/>Now!</p>
  <p begin="3.6s" dur="1400ms" ttm:agent="s1">I can't breathe!</p>
  <p begin="00:00:06:05" end="00:00:07:00">[crying]</p>
 </div></body>
</tt>"""


def test_timed_text_captions_with_agents_offsets_and_frames():
    assert detect_format(TTML) == "ttml"
    transcript = parse_text(TTML)
    assert transcript.format == "ttml"
    assert [(s.start, s.end, s.speaker, s.text, s.events) for s in transcript.segments] == [
        (1.0, 3.5, "OFFICER", "Get on the ground! Now!", ()), (3.6, 5.0, "Suspect", "I can't breathe!", ()),
        (6.2, 7.0, None, "", ("crying",))]


@pytest.mark.parametrize("text, line, words", [
    ('<tt xmlns="http://www.w3.org/ns/ttml"><body>\n<p begin="soon">x</p></body></tt>', None,
     "caption 1: begin must be a time"),
    ('<tt xmlns="http://www.w3.org/ns/ttml"><body>\n<p begin="1s">x</body></tt>', 2, "not valid Timed Text XML"),
    ('<tt xmlns="http://www.w3.org/ns/ttml"><body></body></tt>', None, "no captions with text"),
])
def test_timed_text_errors_name_the_caption_or_line(text, line, words):
    with pytest.raises(TranscriptError) as caught:
        parse_text(text, source="captions.ttml")
    assert caught.value.line == line and words in caught.value.message


def test_the_expression_for_a_letter_or_digit_agrees_with_isalnum_on_every_character():
    from forcereview.engine.formats.common import _ALNUM

    assert [c for c in map(chr, range(0x110000)) if bool(_ALNUM.match(c)) != c.isalnum()] == []


def test_a_transcript_read_from_a_pipe_is_read_whole(tmp_path):
    # a pipe cannot seek back to the start after the sniff of its head: the head is kept
    import os
    import threading

    from forcereview.engine.formats import parse_file

    pipe = tmp_path / "live.txt"
    os.mkfifo(pipe)
    text = "Officer: Stop resisting!\n" + "Driver: I'm not resisting!\n" * 40

    def write():
        with open(pipe, "w") as handle:
            handle.write(text)

    writer = threading.Thread(target=write)
    writer.start()
    transcript = parse_file(pipe)
    writer.join()
    assert len(transcript.segments) == 41
    assert transcript.segments[0].text == "Stop resisting!"


@pytest.mark.parametrize("fmt", ["webvtt", "srt"])
def test_spaces_at_the_ends_of_cue_lines_change_nothing(fmt):
    sep = "," if fmt == "srt" else "."
    clean = ("WEBVTT\n\n" if fmt == "webvtt" else "") + "\n\n".join(
        f"{i + 1}\n00:00:0{i}{sep}000 --> 00:00:0{i + 1}{sep}000\nOFFICER: Get down {i}!" for i in range(3)) + "\n"
    spaced = clean.replace("!\n", "! \t\n").replace("000\n", "000  \n")
    blank_with_spaces = clean.replace("!\n\n", "!\n   \n", 1)
    expected = [(s.start, s.end, s.speaker, s.text) for s in parse_text(clean).segments]
    for text in (spaced, blank_with_spaces):
        assert [(s.start, s.end, s.speaker, s.text) for s in parse_text(text).segments] == expected


def test_a_json_transcript_given_as_one_text_is_cut_into_sentences():
    # as a hosted Whisper writes its plain JSON: no segments, no times, no speakers
    transcript = parse_text('{"text": "Get on the ground! Stop resisting. I\'m not resisting! I can\'t breathe!"}')
    assert transcript.format == "json"
    assert [(s.start, s.speaker, s.text) for s in transcript.segments] == [
        (None, None, "Get on the ground!"), (None, None, "Stop resisting."), (None, None, "I'm not resisting!"),
        (None, None, "I can't breathe!")]
    with pytest.raises(TranscriptError, match="needs a 'segments' list"):
        parse_text('{"text": "   "}')


def test_a_lone_half_of_a_surrogate_pair_in_json_becomes_a_replacement_character():
    # "\ud83d\ude00" is one character; "\ud800" alone is none, and no text store would take it
    transcript = parse_text('{"segments": [{"start": 0, "end": 1, "text": "Stop \\ud800 \\ud83d\\ude00"}]}')
    assert transcript.segments[0].text == "Stop \ufffd \U0001F600"
