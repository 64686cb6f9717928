"""Transcripts in the layouts real published material comes in: automatic captions, court
exhibits, news-network transcripts, department releases, transcription-service exports."""

from __future__ import annotations

import pytest

from forcereview.engine import TranscriptError, analyze_text, parse_text

YOUTUBE = """WEBVTT
Kind: captions
Language: en

00:00:00.400 --> 00:00:02.590 align:start position:0%
 
get<00:00:00.800><c> out</c><00:00:01.100><c> of</c><00:00:01.400><c> the</c><00:00:01.700><c> car</c><00:00:02.000><c> or</c>

00:00:02.590 --> 00:00:02.600 align:start position:0%
get out of the car or
 

00:00:02.600 --> 00:00:05.100 align:start position:0%
get out of the car or
you're<00:00:03.000><c> going</c><00:00:03.400><c> to</c><00:00:03.800><c> get</c><00:00:04.200><c> tased</c>

00:00:05.100 --> 00:00:05.110 align:start position:0%
you're going to get tased
 

00:00:05.110 --> 00:00:07.000 align:start position:0%
you're going to get tased
[Music]
"""


def test_automatic_captions_are_read_once_each_without_word_timings():
    t = parse_text(YOUTUBE)
    assert [(s.text, s.start, s.events) for s in t.segments] == [
        ("get out of the car or", 0.4, ()), ("you're going to get tased", 2.6, ()), ("", 5.11, ("music",))]


def test_a_phrase_broken_across_caption_lines_is_found_and_quoted_whole():
    analysis = analyze_text(YOUTUBE)
    threats = [s for s in analysis.signals if "threat" in s.tags]
    assert threats[0].segment == 0  # "... or" / "you're going to get tased"
    assert threats[0].text == "get out of the car or you're going to get tased"
    assert (threats[0].start, threats[0].end, threats[0].role) == (0.4, 5.1, "officer")


def test_a_one_line_cue_repeated_is_a_real_repetition_and_kept():
    t = parse_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nGet down!\n\n00:00:02.000 --> 00:00:03.000\nGet down!\n")
    assert [s.text for s in t.segments] == ["Get down!", "Get down!"]


def test_roll_up_srt_drops_the_line_it_repeats():
    t = parse_text("1\n00:00:01,000 --> 00:00:03,000\n>> GET ON THE GROUND\n\n"
                   "2\n00:00:03,000 --> 00:00:05,000\n>> GET ON THE GROUND\n>> I'M ON THE GROUND\n")
    assert [s.text for s in t.segments] == ["GET ON THE GROUND", "I'M ON THE GROUND"]


def test_sentences_of_unlabelled_speech_are_not_joined():
    analysis = analyze_text('[{"start": 0, "end": 1, "text": "Stop."}, {"start": 1, "end": 2, "text": "Resisting is what they said."}]')
    assert not [s for s in analysis.signals if s.category == "force_command"]


COURT_EXHIBIT = """Case 2:21-cv-01187-JRS     Document 45-3     Filed 06/14/22     Page 4 of 19

                 EXHIBIT C - TRANSCRIPT OF IN-CAR VIDEO
 1   OFFICER BAKER:      Sit back in the seat. Sit back.
 2   MR. HOLLIS:         These cuffs are too tight, man. I'm
 3                       losing feeling.
 4   OFFICER BAKER:      Get your feet back in the car!
 5                       (Taser discharge.)
 6
                                                        Page 5
 1   MR. HOLLIS:         (Screaming.)
"""


def test_court_exhibit_line_numbers_and_page_furniture_are_not_words():
    t = parse_text(COURT_EXHIBIT)
    assert [(s.speaker, s.text, s.events, s.line) for s in t.segments] == [
        ("OFFICER BAKER", "Sit back in the seat. Sit back.", (), 4),
        ("MR. HOLLIS", "These cuffs are too tight, man. I'm losing feeling.", (), 5),
        ("OFFICER BAKER", "Get your feet back in the car!", ("taser discharge",), 7),
        ("MR. HOLLIS", "", ("screaming",), 11),
    ]
    analysis = analyze_text(COURT_EXHIBIT)
    assert {s.category for s in analysis.signals} >= {"weapon_mention", "subject_distress"}
    assert "vulnerable_subject" not in {s.category for s in analysis.signals}  # not "I'm 3"


def test_numbers_at_the_start_of_some_lines_do_not_make_an_exhibit():
    t = parse_text("Officer: how many?\nDriver: 2 of us\n3 more in the back\nOfficer: ok\n")
    assert [s.text for s in t.segments] == ["how many?", "2 of us 3 more in the back", "ok"]


def test_bleeped_and_starred_profanity_counts_as_an_officers_profanity():
    analysis = analyze_text("OFFICER 1: Put your [BLEEP] hands up!\nDRIVER: OK!\nOFFICER 2: Get on the f***ing ground!")
    profane = [s for s in analysis.signals if "profanity" in s.tags]
    assert [(s.speaker, s.category) for s in profane] == [("OFFICER 1", "officer_escalation"),
                                                          ("OFFICER 2", "officer_escalation")]
    assert not [s for s in analyze_text("DRIVER: what the [bleep]").signals if s.category == "officer_escalation"]


def test_a_word_censored_with_dashes_is_read_as_the_word_it_hides():
    # news transcripts print "f---"; a dash between words or a word trailing off stays a dash
    (signal,) = [s for s in analyze_text("OFFICER: Get the f--- on the ground!").signals if "profanity" in s.tags]
    assert signal.category == "officer_escalation"
    (slur,) = [s for s in analyze_text("OFFICER: You stupid n-----.").signals if s.category == "officer_escalation"]
    assert "slur" in slur.tags
    assert not [s for s in analyze_text("OFFICER: I'm gonna go--- you know. Wait---what?").signals
                if s.category == "officer_escalation"]


def test_the_censor_mark_of_automatic_captions_is_read_as_a_profanity():
    # YouTube's automatic captions write "[ __ ]" for a profanity; the words keep it in its place
    analysis = analyze_text("OFFICER: get the [ __ ] on the ground\nOFFICER: get out of the [__] car\n")
    assert [s.text for s in analysis.transcript.segments] == ["get the [ __ ] on the ground",
                                                              "get out of the [__] car"]
    assert {s.category for s in analysis.signals} == {"force_command", "officer_escalation"}
    assert all(not s.events for s in analysis.transcript.segments)
    assert not analyze_text("OFFICER: file_name and [ ] here").signals


def test_a_shouted_warning_with_marks_between_the_words_is_one_phrase():
    analysis = analyze_text("OFFICER: Taser! Taser! Taser!")
    assert [s.tags for s in analysis.signals if s.category == "weapon_mention"] == [("weapon_use", "force")]


def _said(text: str) -> list[tuple[float | None, str | None, str]]:
    return [(s.start, s.speaker, s.text) for s in parse_text(text).segments]


def test_time_and_name_header_lines_with_the_words_below_them():
    time_first = ("00:00:03 Speaker 1\nGet on the ground!\nNow!\n\n00:00:05 Speaker 2\nI can't breathe!\n\n"
                  "00:00:07 Speaker 1\nStop resisting!\n")
    expected = [(3.0, "Speaker 1", "Get on the ground! Now!"), (5.0, "Speaker 2", "I can't breathe!"),
                (7.0, "Speaker 1", "Stop resisting!")]
    assert _said(time_first) == expected
    assert _said(time_first.replace("00:00:03 ", "[00:00:03] ").replace("00:00:05 ", "[00:00:05] ")
                 .replace("00:00:07 ", "[00:00:07] ")) == expected
    name_first = "Officer Smith 0:03\nGet on the ground!\nDriver 0:05\nI can't breathe!\nOfficer Smith 0:07\nStop.\n"
    assert _said(name_first) == [(3.0, "Officer Smith", "Get on the ground!"), (5.0, "Driver", "I can't breathe!"),
                                 (7.0, "Officer Smith", "Stop.")]


def test_short_timed_utterances_and_wrapped_lines_are_no_headers():
    assert _said("[00:03] Stop\n[00:05] Officer: get down\n[00:07] Go\n[00:09] Driver: ok\n") == [
        (3.0, None, "Stop"), (5.0, "Officer", "get down"), (7.0, None, "Go"), (9.0, "Driver", "ok")]
    wrapped = _said("00:03 Get down\non the ground!\n00:05 Stop moving\nnow!\n00:07 Hands behind\nyour back\n")
    assert {speaker for _, speaker, _ in wrapped} == {None}


def test_a_dash_after_each_speakers_name_is_read_as_a_label():
    dashed = ("[00:05] OFFICER SMITH \u2014 Get on the ground!\n[00:07] SUBJECT \u2014 Why - what did I do?\n"
              "[00:09] OFFICER SMITH \u2014 Get on the ground now!\n")
    assert _said(dashed) == [(5.0, "OFFICER SMITH", "Get on the ground!"), (7.0, "SUBJECT", "Why - what did I do?"),
                             (9.0, "OFFICER SMITH", "Get on the ground now!")]
    assert [s for _, s, _ in _said("Sgt. Diaz - Stop resisting!\nDriver - I'm not!\nSgt. Diaz - Stop!\n")] == [
        "Sgt. Diaz", "Driver", "Sgt. Diaz"]


def test_dashes_in_sentences_are_no_labels():
    prose = "I went to the store - it was closed.\nThen I went home - nobody there.\nI went to the store - again.\n"
    assert {speaker for _, speaker, _ in _said(prose)} == {None}
    # names that never come back, and a file labelled with colons, keep their dashes as words
    assert {s for _, s, _ in _said("Officer Smith - Get down!\nDriver - Why?\n")} == {None}
    mixed = "Officer: Wait - stop!\nDriver: Okay - okay.\nOfficer: Wait - stop!\n"
    assert _said(mixed) == [(None, "Officer", "Wait - stop!"), (None, "Driver", "Okay - okay."),
                            (None, "Officer", "Wait - stop!")]


def test_a_table_of_names_and_words_kept_apart_by_spaces_is_read_as_labels():
    # pdftotext -layout, fixed-width exports: a column of names, a column of words
    table = ("OFFICER SMITH          Get out of the car. Get out of the car\n"
             "                       right now.\n"
             "DRIVER                 Why? What did I do?\n"
             "OFFICER SMITH          Get on the ground!\n")
    assert _said(table) == [(None, "OFFICER SMITH", "Get out of the car. Get out of the car right now."),
                            (None, "DRIVER", "Why? What did I do?"), (None, "OFFICER SMITH", "Get on the ground!")]
    timed = ("00:01:02   Officer Smith   Get out of the car.\n00:01:05   Driver          Why?\n"
             "00:01:09   Officer Smith   Get on the ground!\n")
    assert _said(timed) == [(62.0, "Officer Smith", "Get out of the car."), (65.0, "Driver", "Why?"),
                            (69.0, "Officer Smith", "Get on the ground!")]


@pytest.mark.parametrize("rows", [
    # a name in capitals, then the words: the name ends before the first word in small letters,
    # less a word such as "I" that opens the turn
    [(62, "OFFICER SMITH", "Get out of the car."), (65, "DRIVER", "I am not resisting!"),
     (69, "OFFICER SMITH", "Get on the ground!"), (72, "OFFICER JONES", "Cuff him."), (74, "DRIVER", "OK, okay.")],
    # names in capitalised words ("Officer Smith Get out"): the name is the longest run of opening
    # words that opens other lines too
    [(62, "Officer Smith", "Get out of the car."), (65, "Driver", "Why? What did I do?"),
     (69, "Officer Smith", "Get on the ground!"), (72, "Driver", "I'm not resisting!"),
     (74, "Sgt. Ruiz", "Hands behind your back."), (76, "Sgt. Ruiz", "Stop moving.")],
])
def test_a_table_whose_cells_came_out_of_a_pdf_joined_by_single_spaces(rows):
    # the table's heading row is no one's words
    table = "Time Speaker Transcript\n" + "".join(f"00:01:{t - 60:02d} {name} {words}\n" for t, name, words in rows)
    assert _said(table) == [(float(t), name, words) for t, name, words in rows]


@pytest.mark.parametrize("text", [
    # a narrative whose sentences open with a capitalised name: the words after it open no turn
    "10:15 Officer Smith arrived on scene.\n10:20 Sergeant Jones said the driver was calm.\n"
    "10:25 Officer Smith asked for his license.\n10:30 Sergeant Jones approved the tow.\n",
    "Officer Smith arrived.\nOfficer Jones said hello.\nOfficer Brown went home.\nOfficer Smith left.\n",
    "New York Police Department Report\nNew York City Council Hearing\nNew York State Senate\n",
])
def test_sentences_opening_with_capitalised_names_are_no_table(text):
    assert {speaker for _, speaker, _ in _said(text)} == {None}


def test_a_table_with_the_speakers_column_before_the_times_is_read_whatever_the_names_case():
    # the time shows where the name ends: "Officer Smith 00:01:02 Get out", wrapped lines indented
    table = ("Officer Smith 00:01:02 Get out of the car.\nDriver 00:01:05 Why? What did I do?\n"
             "Officer Smith (00:01:09) Get on the ground!\n   Hands behind your back.\n"
             "Driver 00:01:12 I'm not resisting!\n")
    assert _said(table) == [(62.0, "Officer Smith", "Get out of the car."), (65.0, "Driver", "Why? What did I do?"),
                            (69.0, "Officer Smith", "Get on the ground! Hands behind your back."),
                            (72.0, "Driver", "I'm not resisting!")]


@pytest.mark.parametrize("text", [
    "Officer Smith arrived at 10:15 and spoke to the driver.\nThe driver left at 10:40 without a ticket.\n",
    "Officer: Meet me at 10:15 by the store.\nDriver: Sure 10:15 works.\nOfficer: See you 10:15 then.\n",
])
def test_times_inside_sentences_or_after_a_label_make_no_table(text):
    said = _said(text)
    assert all(speaker in (None, "Officer", "Driver") for _, speaker, _ in said)
    assert all(start is None for start, _, _ in said)


@pytest.mark.parametrize("text", [
    "I went to the store.\nI saw the officer.\nI was scared.\nI ran.\n",  # a statement in the first person
    "FBI agents arrived.\nThe FBI said nothing.\nFBI agents left.\n",
    "OFFICER SMITH GET DOWN\nDRIVER WHY\nOFFICER SMITH GET DOWN NOW\n",  # all in capitals: no boundary
])
def test_words_in_capitals_at_the_start_of_lines_are_no_names_by_themselves(text):
    assert {speaker for _, speaker, _ in _said(text)} == {None}


def test_runs_of_spaces_in_sentences_are_no_columns():
    prose = "Get on the ground   now.\nI said   get down.\nGet on the ground   now.\n"
    assert {speaker for _, speaker, _ in _said(prose)} == {None}
    # labelled with colons: the spaces are the words' own
    labelled = "Officer:  Get down    now!\nDriver:  Why?\nOfficer:  Get down    now!\n"
    assert [speaker for _, speaker, _ in _said(labelled)] == ["Officer", "Driver", "Officer"]
    assert _said(labelled)[0][2] == "Get down now!"  # (runs of spaces inside words become one)


def test_a_speakers_name_in_brackets_is_a_label_and_a_note_in_brackets_an_event():
    assert _said("[OFFICER]: Get on the ground!\n") == [(None, "OFFICER", "Get on the ground!")]
    bracketed = ("[00:05] [Officer Smith] Get on the ground!\n[00:07] [Subject] [Crying] Please let me go!\n"
                 "[00:09] [Officer Smith] Stop resisting!\n")
    transcript = parse_text(bracketed)
    assert [(s.start, s.speaker, s.text, s.events) for s in transcript.segments] == [
        (5.0, "Officer Smith", "Get on the ground!", ()), (7.0, "Subject", "Please let me go!", ("crying",)),
        (9.0, "Officer Smith", "Stop resisting!", ())]
    # notes in brackets opening lines are no names, however often they come back
    notes = "[Crying] Please let me go!\n[Inaudible] get down\n[Crying] Stop!\n"
    assert {s.speaker for s in parse_text(notes).segments} == {None}
    assert [s.events for s in parse_text(notes).segments] == [("crying",), ("inaudible",), ("crying",)]


def test_a_script_layout_with_each_name_above_its_words():
    script = ("OFFICER SMITH\nGet on the ground!\nNow!\n\nSUBJECT\nI'm not resisting!\n\n"
              "OFFICER SMITH\nStop resisting!\n")
    assert _said(script) == [(None, "OFFICER SMITH", "Get on the ground! Now!"), (None, "SUBJECT", "I'm not resisting!"),
                             (None, "OFFICER SMITH", "Stop resisting!")]
    assert [s.line for s in parse_text(script).segments] == [1, 5, 8]
    # paragraphs of words are no script, nor are first lines that never come back
    assert {s for _, s, _ in _said("Get down\non the ground\n\nStop moving\nplease\n")} == {None}
    assert {s for _, s, _ in _said("Stop\nright there\n\nOkay\nfine\n")} == {None}


SDH = """1
00:00:01,000 --> 00:00:03,000
[OFFICER] Get on the ground!

2
00:00:03,000 --> 00:00:05,000
(MAN 2) I'm not resisting!

3
00:00:05,000 --> 00:00:07,000
[OFFICER GRUNTS] Stop resisting!

4
00:00:07,000 --> 00:00:09,000
[Crying] Please, let me go.
"""


def test_character_references_in_captions_are_read():
    # as captions exported from video sites write them: ">>" and apostrophes escaped
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n&gt;&gt; OFFICER: GET ON THE GROUND!\n\n"
           "00:00:03.000 --> 00:00:05.000\n&gt;&gt; I&#39;M NOT RESISTING!\n\n"
           "00:00:05.000 --> 00:00:07.000\n<v Sgt. O&#39;Brien>Q&amp;A later</v>\n")
    segments = parse_text(vtt).segments
    assert [(s.speaker, s.text) for s in segments] == [
        ("OFFICER", "GET ON THE GROUND!"), (None, "I'M NOT RESISTING!"), ("Sgt. O'Brien", "Q&A later")]
    assert "subject_distress" in {s.category for s in analyze_text(vtt).signals}
    # a subtitle editor's positioning and style codes in SRT go
    srt = "1\n00:00:01,000 --> 00:00:03,000\n{\\an8}OFFICER: Get down!\n\n2\n00:00:03,000 --> 00:00:05,000\n{\\i1}Why?{\\i0}\n"
    assert [(s.speaker, s.text) for s in parse_text(srt).segments] == [("OFFICER", "Get down!"), (None, "Why?")]


def test_captions_for_the_deaf_name_unseen_speakers_in_brackets():
    assert [(s.speaker, s.text, s.events) for s in parse_text(SDH).segments] == [
        ("OFFICER", "Get on the ground!", ()), ("MAN 2", "I'm not resisting!", ()),
        (None, "Stop resisting!", ("officer grunts",)), (None, "Please, let me go.", ("crying",))]


def test_speaker_changes_inside_a_line_start_new_turns():
    # broadcast captions' ">>", and lines run together as text taken out of a PDF has them
    assert _said(">> OFFICER: GET ON THE GROUND! >> MAN: I'M NOT RESISTING! >> STOP!\n") == [
        (None, "OFFICER", "GET ON THE GROUND!"), (None, "MAN", "I'M NOT RESISTING!"), (None, None, "STOP!")]
    assert _said("[00:05] OFFICER: Get down. SUBJECT: Why? OFC. PRICE: Now!\n") == [
        (5.0, "OFFICER", "Get down."), (5.0, "SUBJECT", "Why?"), (5.0, "OFC. PRICE", "Now!")]
    # a title's full stop, a colon inside the words and a name in small letters are no new turns
    assert _said("OFC. PRICE: Stop. Note: the time was 10:30.\n") == [
        (None, "OFC. PRICE", "Stop. Note: the time was 10:30.")]
    assert _said("Get down. OFFICER: Why?\n") == [(None, None, "Get down."), (None, "OFFICER", "Why?")]


def test_an_exchange_quoted_in_one_paragraph_is_read_turn_by_turn():
    # names in capitalised words start a turn when they hold a word for a person
    assert _said("Officer Smith: Get out of the car. Driver: Why? Sgt. Diaz: Now! Witness: He's not resisting!\n") == [
        (None, "Officer Smith", "Get out of the car."), (None, "Driver", "Why?"), (None, "Sgt. Diaz", "Now!"),
        (None, "Witness", "He's not resisting!")]
    # others stay in the words: a note, an update, a name that says nothing of a person
    assert _said("Officer: He ran. Update: he fled. Mr. Jones: Okay.\n") == [
        (None, "Officer", "He ran. Update: he fled. Mr. Jones: Okay.")]


def test_whisper_console_lines_and_timecodes_give_their_times():
    console = "[00:00:00.000 --> 00:00:02.000]   Get on the ground!\n[00:02.000 --> 00:04.500]  I'm not resisting!\n"
    assert [(s.start, s.end, s.text) for s in parse_text(console).segments] == [
        (0.0, 2.0, "Get on the ground!"), (2.0, 4.5, "I'm not resisting!")]
    diarised = "[00:00:00.000 --> 00:00:02.000] SPEAKER_00: Get down!\n[00:00:02.000 --> 00:00:03.000] SPEAKER_01: Why?\n"
    assert [(s.start, s.end, s.speaker) for s in parse_text(diarised).segments] == [
        (0.0, 2.0, "SPEAKER_00"), (2.0, 3.0, "SPEAKER_01")]
    turns = "[00:00:01.000 --> 00:00:03.000] OFFICER: Get down! SUBJECT: Why?\n"
    assert [(s.start, s.end, s.speaker) for s in parse_text(turns).segments] == [
        (1.0, 3.0, "OFFICER"), (1.0, 3.0, "SUBJECT")]
    # a broadcast timecode's frames are read no further than the second
    assert _said("01:00:05:12 OFFICER: Get down!\n01:00:07:00 SUBJECT: Why?\n") == [
        (3605.0, "OFFICER", "Get down!"), (3607.0, "SUBJECT", "Why?")]
    # other services write a line's start and end with a dash or "to", in brackets or parentheses
    ranges = "[00:01:02 - 00:01:05] OFFICER: Get on the ground!\n(1:05 to 1:08) SUBJECT: I'm not resisting!\n"
    assert [(s.start, s.end, s.speaker, s.text) for s in parse_text(ranges).segments] == [
        (62.0, 65.0, "OFFICER", "Get on the ground!"), (65.0, 68.0, "SUBJECT", "I'm not resisting!")]


SUBSTATION = """\ufeff[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize
Style: Default,Arial,20

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:03.00,Default,OFFICER,0,0,0,,Get on the ground, now!
Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,a note to the editor
Dialogue: 0,0:00:03.00,0:00:05.50,Default,,0,0,0,,{\\i1}SUBJECT: I'm not resisting!{\\i0}\\NPlease!
"""


def test_substation_subtitles_give_speakers_times_and_plain_words():
    transcript = parse_text(SUBSTATION)
    assert transcript.format == "ass"
    assert [(s.start, s.end, s.speaker, s.text, s.line) for s in transcript.segments] == [
        (1.0, 3.0, "OFFICER", "Get on the ground, now!", 10), (3.0, 5.5, "SUBJECT", "I'm not resisting! Please!", 12)]


def test_substation_errors_name_the_line():
    bad_time = SUBSTATION.replace("0:00:03.00,0:00:05.50", "soon,0:00:05.50")
    with pytest.raises(TranscriptError) as caught:
        parse_text(bad_time, source="clip.ass")
    assert caught.value.line == 12 and "start time" in caught.value.message
    with pytest.raises(TranscriptError) as caught:
        parse_text(SUBSTATION.replace("Dialogue: 0,0:00:01.00,0:00:03.00,Default,OFFICER,0,0,0,,Get",
                                      "Dialogue: 0,0:00:01.00,Get"), source="clip.ass")
    assert caught.value.line == 10 and "expected 10 comma-separated fields" in caught.value.message


PAGE = """<!DOCTYPE html>
<html><head><title>Transcript</title><style>p { margin: 0 }</style><script>var s = "OFFICER: not words";</script></head>
<body><h1>Transcript of body-worn camera video</h1>
<p><b>OFFICER DIAZ:</b> Get on the ground!<br>Now!</p>
<p><b>SUSPECT:</b> I&rsquo;m not resisting! I can&#39;t breathe!</p>
<table><tr><th>Time</th><th>Speaker</th><th>Words</th></tr>
<tr><td>00:00:09</td><td>Witness</td><td>He's not resisting! Let him up!</td></tr></table>
</body></html>"""


def test_a_transcript_published_as_a_web_page_is_read_from_its_visible_text():
    said = _said(PAGE)
    # two paragraphs and the table's one data row: the heading names the document (no one said it)
    # and the table's header row names columns
    assert said == [(None, "OFFICER DIAZ", "Get on the ground! Now!"),
                    (None, "SUSPECT", "I\u2019m not resisting! I can't breathe!"),
                    (9.0, "Witness", "He's not resisting! Let him up!")]
    assert not any("not words" in text for _, _, text in said)  # scripts and styles are no words
    found = {s.category for s in analyze_text(PAGE).signals}
    assert {"force_command", "subject_distress", "medical_distress", "bystander_objection"} <= found


def test_a_cue_file_inside_a_web_page_is_read_as_cues():
    page = ("<html><body><pre>WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n&lt;v Sgt. Diaz&gt;Stop resisting!\n"
            "</pre></body></html>")
    transcript = parse_text(page)
    assert transcript.format == "webvtt"
    assert [(s.start, s.speaker, s.text) for s in transcript.segments] == [(1.0, "Sgt. Diaz", "Stop resisting!")]


# a transcript released by a department opens with its title and the facts of the recording
RELEASED = """CITY OF SPRINGFIELD POLICE DEPARTMENT
USE OF FORCE INVESTIGATION - BODY WORN CAMERA TRANSCRIPT
Incident #: 22-118734    Date: 03/14/2022
Officer Involved: Ofc. R. Martinez #4471
Transcribed by: Records Unit

SPEAKERS:
O1 - Officer Martinez
D1 - Driver

OFC. MARTINEZ: Evening. Do you know why I stopped you?
DRIVER: No sir.
OFC. MARTINEZ: Your registration is expired. Here's your warning. Have a good night.

END OF TRANSCRIPT
"""


def test_the_title_and_facts_of_a_released_transcript_are_no_ones_speech():
    transcript = parse_text(RELEASED)
    assert [(s.line, s.speaker) for s in transcript.segments] == [
        (11, "OFC. MARTINEZ"), (12, "DRIVER"), (13, "OFC. MARTINEZ")]
    assert transcript.segments[-1].text.endswith("Have a good night.")  # END OF TRANSCRIPT is no one's words
    analysis = analyze_text(RELEASED)
    # the title's "use of force" is not an officer reporting force on a calm stop
    assert "force_command" not in {s.category for s in analysis.signals}
    assert analysis.risk.level == "low"
    assert set(analysis.transcript.speakers) == {"OFC. MARTINEZ", "DRIVER"}


@pytest.mark.parametrize("text,first", [
    # the first utterance has no label: a line that might be a title may be its first words
    ("Police department open up\nget on the ground\nstop resisting\n", "Police department open up"),
    # a labelled line is an utterance, whatever words it holds
    ("OFFICER: Police department, open the door!\nSUBJECT: Okay!\n", "Police department, open the door!"),
    # a line that ends a sentence is said, not a title
    ("Police! Get on the ground!\nOFFICER: Stop resisting!\n", "Police! Get on the ground!"),
    # a key of a fact, but a sentence after it: a call taker speaking
    ("Call taker: 911, what is your emergency?\nCaller: He has a gun!\n", "911, what is your emergency?"),
    # nothing but a fact: the file's only line is read
    ("note: this is lower case\n", "note: this is lower case"),
])
def test_what_may_be_speech_is_never_taken_for_a_title(text, first):
    assert parse_text(text).segments[0].text == first


KEYED = """TRANSCRIPT OF BODY WORN CAMERA - SGT. LOPEZ
Speaker key: A - Sgt. Ana Lopez; B - Maria Ruiz (mother); C = Daniel Ruiz, 14

A: Where is he? Daniel, come here.
C: I didn't do anything!
A: Get on the ground! Hands behind your back!
B: He's fourteen! Stop, you're hurting him!
"""

LISTED = """Body-worn camera transcript
SPEAKERS:
Officer Daniels (O1)
S1 - Suspect

O1: Put your hands behind your back.
S1: I'm not resisting!
"""


def test_a_key_of_the_speakers_names_each_label_and_tells_its_role():
    transcript = parse_text(KEYED)
    assert [s.speaker for s in transcript.segments] == [
        "A (Sgt. Ana Lopez)", "C (Daniel Ruiz, 14)", "A (Sgt. Ana Lopez)", "B (Maria Ruiz, mother)"]
    # "A", "B" and "C" say nothing of anyone's role; the key does
    assert analyze_text(KEYED).transcript.speakers == {
        "A (Sgt. Ana Lopez)": "officer", "C (Daniel Ruiz, 14)": "subject", "B (Maria Ruiz, mother)": "bystander"}
    listed = parse_text(LISTED)
    assert [(s.line, s.speaker) for s in listed.segments] == [(6, "O1 (Officer Daniels)"), (7, "S1 (Suspect)")]


def test_without_a_key_the_labels_stay_as_written():
    text = "Date: 03/14/2022\n\nA: Where is he?\nC: I didn't do anything!\n"
    assert [s.speaker for s in parse_text(text).segments] == ["A", "C"]


def test_an_override_may_name_a_label_as_the_key_of_speakers_has_it():
    analysis = analyze_text(KEYED, roles={"B": "subject"})
    assert analysis.transcript.speakers["B (Maria Ruiz, mother)"] == "subject"


def test_a_table_drawn_with_pipes_is_read_as_a_table():
    piped = "00:01:02 | OFFICER | Get on the ground!\n00:01:05 | SUBJECT | I'm not resisting!\n"
    transcript = parse_text(piped)
    assert transcript.format == "tsv"
    assert [(s.start, s.speaker, s.text) for s in transcript.segments] == [
        (62.0, "OFFICER", "Get on the ground!"), (65.0, "SUBJECT", "I'm not resisting!")]
    markdown = ("| Time | Speaker | Text |\n|---|:---|---|\n| 00:01:02 | Officer | Get on the ground! |\n"
                "| 00:01:05 | Subject | I'm not resisting! |\n")
    assert [(s.line, s.speaker, s.text) for s in parse_text(markdown).segments] == [
        (3, "Officer", "Get on the ground!"), (4, "Subject", "I'm not resisting!")]
    # a pipe in a line of words is no table
    assert parse_text("OFFICER: stop | drop it\nSUBJECT: okay\n").format == "text"


def test_markdown_bold_labels_are_labels_and_censored_words_keep_their_stars():
    said = _said("**Officer Diaz:** Get the f**k down!\n**Subject**: I'm not resisting!\n")
    assert said == [(None, "Officer Diaz", "Get the f**k down!"), (None, "Subject", "I'm not resisting!")]
