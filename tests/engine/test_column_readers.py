"""Regular files are read column by column (all texts, all times at once); the segments are the
same as when every utterance is read one by one, whatever the utterances hold."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcereview.engine.formats import columns, common, cues, jsonseg, parse_text, plain

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# utterances the builder keeps as they are, and ones it changes, drops or reads for turns and tags
WORDS = ["Get on the ground!", "Stop resisting.", "I can't breathe", "okay", "Taser! Taser!", "hands, now",
         "[crying] please", "(inaudible) let go", "*screaming*", '"Get down!"', "\u201cstop\u201d he said",
         "two  spaces", "tab\there", "nbsp\xa0here", "  padded  ", "", " ", "- a dash", ">> a marker",
         "<i>italic</i> words", "f***ing move", "said \"no\" twice", "ends in colon:", "caf\u00e9 atr\u00e1s",
         "Sgt. Diaz: Drop it!", "SPEAKER 2: hello", "Officer (00:12): move", "Store Manager:What now?",
         "-- dashes --", "then --> now", "why? because", "[bleep]", "\u2013 en dash", "he said: stop", "12: twelve"]
NAMES = ["Ofc. Ramirez", "Driver", "Sgt. Diaz", "Speaker 1", "SPEAKER_00", " ", "unit 3A21", "Witness (W1)"]

TAGS = ["<v {}>", "<v {}>", "<v  {}>", "<v\t{}>", "<v.loud {}>", "<v.loud\t{}>", "<v{}>", "<V {}>"]
utterance = st.tuples(st.sampled_from(WORDS), st.sampled_from(NAMES), st.booleans(), st.integers(0, 3),
                      st.sampled_from(TAGS))
FLASHING = 4  # a length that makes a cue of a few milliseconds


def _rolled_up(items_and_repeats):
    """Utterances some of which are followed by a cue repeating them (as roll-up captions do),
    lasting a few milliseconds, ending before it starts, or as long as a real repetition."""
    out = []
    for item, repeat in items_and_repeats:
        out.append(item)
        if repeat is not None:
            length, tag = repeat
            out.append((*item[:3], length, tag))
    return out


utterances = st.lists(st.tuples(utterance, st.none() | st.tuples(st.sampled_from([FLASHING, FLASHING, 0, 1]),
                                                                 st.sampled_from(TAGS))),
                      min_size=1, max_size=25).map(_rolled_up)


def _clock(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _times(items):
    """Start and end of each utterance; a length of 0 makes one that ends before it starts."""
    out = []
    for k, (_, _, _, length, _) in enumerate(items):
        start = 61.5 * k + 0.25
        if length == FLASHING:
            out.append((start, start + 0.004))
        else:
            out.append((start, start + length if length else start - 0.5 if k else start))
    return out


def webvtt(items) -> str:
    blocks = ["WEBVTT"]
    for (words, name, voiced, _, tag), (a, b) in zip(items, _times(items)):
        text = tag.format(name) + words + ("</v>" if len(words) % 2 else "") if voiced else f"{name.strip()}: {words}"
        blocks.append(f"{_clock(a, '.')} --> {_clock(b, '.')}\n{text}")
    return "\n\n".join(blocks) + "\n"


def srt(items) -> str:
    blocks = []
    for k, ((words, name, labelled, _, _), (a, b)) in enumerate(zip(items, _times(items))):
        text = f"{name.strip().upper()}: {words}" if labelled else words
        blocks.append(f"{k + 1}\n{_clock(a, ',')} --> {_clock(b, ',')}\n{text}")
    return "\n\n".join(blocks) + "\n"


def whisper_json(items) -> str:
    segments = []
    for (words, name, labelled, _, _), (a, b) in zip(items, _times(items)):
        segment = {"id": len(segments), "start": a, "end": b, "text": " " + words}
        if labelled:
            segment["speaker"] = name
        segments.append(segment)
    return json.dumps({"segments": segments})


def timed_text(items) -> str:
    lines = []
    for (words, name, labelled, _, _), (a, _) in zip(items, _times(items)):
        lines.append(f"[{_clock(a, '.')[:8]}] " + (f"{name.strip()}: {words}" if labelled else words))
    return "\n".join(lines) + "\n"


def _each_cue(builder, texts, starts, ends, speakers, lines, odd, add_one, roles=None, marks=()):
    for k in range(len(texts)):
        add_one(k)


def _one_by_one(text: str):
    with pytest.MonkeyPatch.context() as m:
        # cues: each through the regular-file reader's own one-by-one path (the careful reader
        # also drops repeated roll-up lines, which the regular-file reader never looked for)
        m.setattr(cues, "add_columns", _each_cue)
        m.setattr(jsonseg, "_add_plain_items", lambda *args: False)
        m.setattr(plain, "_add_timed_lines", lambda *args: False)
        return _read(text)


def _careful(text: str):
    with pytest.MonkeyPatch.context() as m:
        m.setattr(cues, "_parse_regular", lambda *args: None)
        return _read(text)


def _read(text: str):
    try:
        return parse_text(text)
    except ValueError as exc:
        return str(exc)


@pytest.mark.parametrize("layout", [webvtt, srt, whisper_json, timed_text])
@FUZZ
@given(items=utterances)
def test_columns_and_one_by_one_give_the_same_segments(layout, items):
    text = layout(items)
    assert _read(text) == _one_by_one(text)


@pytest.mark.parametrize("layout", [webvtt, srt])
@FUZZ
@given(items=utterances)
def test_regular_and_careful_cue_readers_give_the_same_segments(layout, items):
    text = layout(items)
    assert _read(text) == _careful(text)


ROLL_UP = """WEBVTT

00:00:01.000 --> 00:00:03.000
Get on the ground!

00:00:03.000 --> 00:00:03.010
Get on the ground!

00:00:03.010 --> 00:00:05.000
Get on the ground!

00:00:05.000 --> 00:00:04.000
Get on the ground!

00:00:05.000 --> 00:00:07.000
DRIVER: I'm not resisting
"""


def test_roll_up_lines_that_flash_by_are_read_once_in_a_regular_file():
    segments = _read(ROLL_UP).segments
    # the cue of ten milliseconds and the one ending before it starts repeat the line on its way
    # up; the cue of two seconds after them says it again
    assert [(s.text, s.start, s.line) for s in segments] == [
        ("Get on the ground!", 1.0, 4), ("Get on the ground!", 3.01, 10), ("I'm not resisting", 5.0, 16)]
    assert _read(ROLL_UP) == _careful(ROLL_UP)


def test_a_line_said_twice_at_the_end_of_a_file_is_kept_twice():
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nStop!\n\n00:00:02.000 --> 00:00:03.000\nStop!\n"
    assert [s.text for s in _read(text).segments] == ["Stop!", "Stop!"]
    assert _read(text) == _careful(text)


PLAIN = [("Get on the ground!", "Ofc. Ramirez", True, 2, "<v {}>"), ("I can't breathe", "Driver", True, 1, "<v {}>"),
         ("[crying] please", "Driver", False, 1, "<v {}>"), ("okay", "Witness (W1)", True, 3, "<v {}>")]


@pytest.mark.parametrize("layout", [webvtt, srt])
@FUZZ
@given(items=utterances)
def test_fixed_width_times_read_as_the_general_cue_expression_reads_them(layout, items):
    body = layout(items).strip("\n")
    fmt = layout.__name__
    fixed = cues._fixed_width_cues(body, fmt)
    assert fixed is None or fixed == cues._regular_cues(body, fmt)


def test_regular_files_take_the_column_path():
    for layout in (webvtt, srt):
        body = layout(PLAIN).strip("\n")
        assert cues._fixed_width_cues(body, layout.__name__) == cues._regular_cues(body, layout.__name__) is not None
    assert cues._parse_regular(webvtt(PLAIN), None, "webvtt") is not None
    assert cues._parse_regular(srt(PLAIN), None, "srt") is not None
    builder = jsonseg.SegmentBuilder()
    assert jsonseg._add_plain_items(builder, json.loads(whisper_json(PLAIN))["segments"], None)
    text = timed_text(PLAIN)
    assert plain._add_timed_lines(plain.SegmentBuilder(), text, text.split("\n"))


@pytest.mark.parametrize("layout", [webvtt, srt])
def test_times_in_digits_of_another_script_are_read_as_before(layout):
    arabic_indic = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
    text = layout(PLAIN)
    first = text.index("00:")
    other = text[:first] + text[first:first + 8].translate(arabic_indic) + text[first + 8:]
    # the fixed-width expression takes ASCII digits only: the general one reads the others
    assert cues._fixed_width_cues(other.strip("\n"), layout.__name__) is None
    assert _read(other) == _read(text) == _careful(other)


LABEL_PIECES = ["OFC. RAMIREZ", "Driver", "Sgt. Diaz", ":", " ", "\t", "\n", "\xa0", "said", "he", "12", "?",
                "https", "[", "(W1)", "x" * 70, "What:now"]


@FUZZ
@given(lines=st.lists(st.lists(st.sampled_from(LABEL_PIECES), max_size=7).map("".join), min_size=1, max_size=6))
def test_label_column_reads_every_line_as_split_label_does(lines):
    speakers, words = columns.label_column(lines)
    assert list(zip(speakers, words)) == [common.split_label(line) for line in lines]


@pytest.mark.parametrize("lines", [
    ["OFC. RAMIREZ: Get down!", "Driver:\tI'm not resisting", "Sgt. Diaz:\xa0 Okay.", "Driver: "],
    ["OFC. RAMIREZ: Get down!", "Driver:I'm not resisting"],  # a label glued to its words
    ["OFC. RAMIREZ: Get down!", "Driver:"],  # a label and nothing after it
    ["OFC. RAMIREZ: Get down!", "What he said: run"],  # words before a colon, no label
    ["OFC. RAMIREZ: Get down!", "no colon here"],
    ["OFC. RAMIREZ: Get down!", "Driver: one\ntwo"],  # a line of two lines
    ["OFC.\nRAMIREZ: Get down!", "Driver: no"],
    [" " * 3 + ": x", "x" * 81 + ": y"],
])
def test_label_column_of_lines_all_labelled_or_not_reads_as_split_label(lines):
    # lines that all read "LABEL: words" take a path of their own: it must agree line by line
    speakers, words = columns.label_column(lines)
    assert list(zip(speakers, words)) == [common.split_label(line) for line in lines]


CUE = "00:00:01.000 --> 00:00:02.500\n<v Ofc. Ramirez>Get on the ground!"
LATER = "00:00:03.000 --> 00:00:04.000\nDRIVER: I'm not resisting"


@pytest.mark.parametrize("text", [
    f"WEBVTT\n\n{CUE}\n\n\n{LATER}\n",  # an empty block
    f"WEBVTT\n{CUE}\n\n{LATER}\n",  # the header glued to the first cue
    f"WEBVTT\n\n{CUE}\n\njust words\n\n{LATER}\n",  # a block without timing
    f"WEBVTT\n\n{CUE}\nand a second line\n\n{LATER}\n",  # a cue of two lines
    f"WEBVTT\n\nNOTE {CUE}\n\n{LATER}\n",  # a NOTE block holding a timing line
    f"WEBVTT\n\n{CUE}\n\nNOTE a note\n\n\n{LATER}\n",  # an empty block after a note
    f"WEBVTT\n\n1 --> 2\n{CUE}\n\n{LATER}\n",  # a timing arrow in an id line
    f"WEBVTT\n\n{CUE} --> on\n\n{LATER}\n",  # a timing arrow in a text line
    f"WEBVTT\n\n{CUE.replace('2.500', '2.500 line:0 -->')}\n\n{LATER}\n",  # and after the times
])
def test_files_that_are_not_all_regular_cues_go_to_the_careful_reader(text):
    assert cues._parse_regular(text, None, "webvtt") is None


def test_note_style_and_region_blocks_are_skipped_by_the_regular_reader():
    text = f"WEBVTT\n\nSTYLE\n::cue {{ color: red }}\n\n{CUE}\n\nNOTE two\nlines\n\nREGION\nid:r\n\n{LATER}\n"
    fast = cues._parse_regular(text, None, "webvtt")
    assert fast is not None
    assert [(s.speaker, s.text, s.line) for s in fast.segments] == [
        ("Ofc. Ramirez", "Get on the ground!", 7), ("DRIVER", "I'm not resisting", 16)]
    with pytest.MonkeyPatch.context() as m:
        m.setattr(cues, "_parse_regular", lambda *args: None)
        assert fast == _read(text)  # as the careful reader reads it


def test_voice_tags_with_a_class_are_read_by_the_general_expression():
    text = f"WEBVTT\n\n{CUE.replace('<v ', '<v.loud ')}\n\n{LATER}\n"
    assert cues._fixed_width_cues(text.strip(), "webvtt") is None
    fast = cues._parse_regular(text, None, "webvtt")
    assert [s.speaker for s in fast.segments] == ["Ofc. Ramirez", "DRIVER"]


@pytest.mark.parametrize("text", [
    "[00:00:01] OFFICER: Get down! SUBJECT: Why? >> stop\n[00:00:02] Officer: ok\n",
    "[00:00:01] stop. SUBJECT: why\n[00:00:02] >> a marker\n",
    "[00:00:01] Get down. OFFICER: Why? SGT. DIAZ: Now!\n[00:00:02] Ofc. Ramirez: note: x\n",
    "[00:00:01] Officer Diaz: Get down! Driver: Why? Note: x\n[00:00:02] Officer: ok\n",
])
def test_timed_lines_with_turns_inside_them_read_the_same_both_ways(text):
    assert _read(text) == _one_by_one(text)
