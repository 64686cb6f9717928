"""News transcripts: the studio's talk around the clips is narration, not speech at the scene."""

from __future__ import annotations

import pytest

from forcereview.engine import analyze_text
from forcereview.engine.broadcast import commentary_segments
from forcereview.engine.formats import parse_text

NEWS = """COOPER: Tonight, new body camera video. You will hear officers shouting at a man to get on the
ground, and you will hear him say he can't breathe. The boy is just 12 years old.

(BEGIN VIDEO CLIP)

UNIDENTIFIED MALE: Get on the ground! Get on the fucking ground!

UNIDENTIFIED MALE: Tase him! Tase him!

(END VIDEO CLIP)

COOPER: Joining me now is a former police chief. Chief, what did you see?

RAMSEY: What I saw was excessive force, plain and simple. Stop resisting is what they always say.
"""


def signals_by_speaker(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s in analyze_text(text).signals:
        out.setdefault(s.speaker or "?", set()).add(s.category)
    return out


def test_the_clips_are_the_scene_and_the_studio_around_them_is_commentary():
    segments = parse_text(NEWS).segments
    studio = commentary_segments(segments)
    said = {segments[k].speaker for k in studio if segments[k].text}
    assert said == {"COOPER", "RAMSEY"}
    assert not any(segments[k].speaker == "UNIDENTIFIED MALE" for k in studio)


def test_studio_talk_gives_no_orders_or_objections_but_its_narration_of_harm_counts():
    found = signals_by_speaker(NEWS)
    assert {"force_command", "weapon_mention"} <= found["UNIDENTIFIED MALE"]
    # the anchor telling what the video shows: no order given, but the child and the breathing are told
    assert "force_command" not in found.get("COOPER", set())
    assert {"vulnerable_subject", "medical_distress"} <= found["COOPER"]
    # a commentator's judgement is no objection at the scene, nor a claim of resistance
    assert "bystander_objection" not in found.get("RAMSEY", set())
    assert "force_command" not in found.get("RAMSEY", set())
    narrated = [s for s in analyze_text(NEWS).signals if s.speaker == "COOPER"]
    assert all("reported" in s.tags for s in narrated)


def test_the_studio_s_words_tell_nothing_of_who_its_speakers_are():
    # the anchor speaks of officers, force and the department: no officer for all that
    text = ("SMITH: Step out of the car, the officer told him. You're under arrest, he said.\n(BEGIN VIDEO CLIP)\nGUY: Get on the ground! Stop resisting!\n(END VIDEO CLIP)\n"
            "SMITH: I'm not going to hurt you, the officer said later. Put your hands behind your back.\n")
    analysis = analyze_text(text)
    assert analysis.transcript.speakers == {"SMITH": "unknown", "GUY": "officer"}
    assert not [s for s in analysis.signals if s.speaker == "SMITH" and s.category == "force_command"]
    # the same words said at the scene are an officer's
    scene = text.replace("(BEGIN VIDEO CLIP)", "").replace("(END VIDEO CLIP)", "")
    assert analyze_text(scene).transcript.speakers["SMITH"] == "officer"


def test_without_clip_notes_every_line_is_speech_at_the_scene():
    text = NEWS.replace("(BEGIN VIDEO CLIP)", "").replace("(END VIDEO CLIP)", "")
    assert commentary_segments(parse_text(text).segments) == frozenset()
    assert "bystander_objection" in signals_by_speaker(text)["RAMSEY"]


@pytest.mark.parametrize("begin, end", [
    ("(BEGIN VIDEOTAPE)", "(END VIDEOTAPE)"),
    ("(BEGIN VIDEO CLIP)", "(END VIDEO CLIP)"),
    ("[BEGIN AUDIO CLIP]", "[END AUDIO CLIP]"),
    ("(Begin video clip)", "(End video clip)"),
    ("(BEGIN SOUND BITE)", "(END SOUND BITE)"),
])
def test_the_clip_notes_of_several_networks(begin, end):
    text = f"ANCHOR: That is excessive force.\n{begin}\nWITNESS: Get off him!\n{end}\nANCHOR: Stop resisting.\n"
    segments = parse_text(text).segments
    studio = commentary_segments(segments)
    assert [segments[k].text for k in sorted(studio)] == ["That is excessive force.", "Stop resisting."]


def test_a_transcript_that_opens_inside_a_clip():
    text = ("OFFICER: Stop resisting!\n(END VIDEO CLIP)\nANCHOR: The officer is on leave.\n"
            "(BEGIN VIDEO CLIP)\nWITNESS: Get off him!\n(END VIDEO CLIP)\n")
    segments = parse_text(text).segments
    assert [segments[k].speaker for k in sorted(commentary_segments(segments))] == ["ANCHOR"]


@pytest.mark.parametrize("text", [
    # the tapes or videos of one incident: speech at the scene on both sides of the note
    "OFFICER: Stop resisting!\n(END OF TAPE 1)\n(BEGIN TAPE 2)\nWITNESS: Get off him!\n",
    "[BEGIN VIDEO 2]\nOFFICER: Stop resisting!\n[END VIDEO 2]\nWITNESS: Get off him!\n",
    # a clip that begins and never ends, or ends and never began
    "ANCHOR: Tonight.\n(BEGIN VIDEO CLIP)\nOFFICER: Stop resisting!\n",
    "OFFICER: Stop resisting!\n(END VIDEO CLIP)\nWITNESS: Get off him!\n",
])
def test_notes_that_part_recordings_or_stand_alone_mark_no_studio(text):
    assert commentary_segments(parse_text(text).segments) == frozenset()


def test_a_note_within_a_line_of_speech_marks_no_clip():
    text = "OFFICER: (begin video) Stop resisting!\nWITNESS: That is excessive force.\n"
    assert commentary_segments(parse_text(text).segments) == frozenset()
