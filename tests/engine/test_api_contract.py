"""The Python API and the JSON contract other parts of forcereview rely on (DESIGN.md)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from forcereview.engine import Analysis, TranscriptError, analyze_file, analyze_text, analyze_transcript, parse_text
from forcereview.engine.model import CATEGORIES, ROLES, Segment, Transcript

SIGNAL_KEYS = {"category", "start", "end", "speaker", "role", "text", "detector", "explanation"}

FORCE = """WEBVTT

00:00:01.000 --> 00:00:03.000
<v Ofc. Smith>Get on the ground! Stop resisting!

00:00:03.500 --> 00:00:05.000
<v Marcus>I'm not resisting! I can't breathe!
"""


def test_analyze_text_returns_a_frozen_analysis_whose_dict_is_the_contract():
    analysis = analyze_text(FORCE, source="bodycam.vtt")
    assert isinstance(analysis, Analysis)
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.risk = None  # type: ignore[misc]
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["source"] == "bodycam.vtt"
    assert data["format"] == "webvtt"
    assert set(data["risk"]) == {"level", "score", "reasons"}
    assert data["risk"]["level"] in ("low", "elevated", "high")
    assert 0 <= data["risk"]["score"] <= 100
    assert all({"code", "points", "explanation"} <= set(r) for r in data["risk"]["reasons"])
    assert data["signals"], "a force transcript must produce signals"
    for signal in data["signals"]:
        assert SIGNAL_KEYS <= set(signal)
        assert signal["category"] in CATEGORIES
        assert signal["role"] in ROLES
        assert signal["detector"].endswith(".v1")
        assert isinstance(signal["start"], float)
    assert set(data["counts"]) == set(CATEGORIES)
    assert data["speakers"] == {"Ofc. Smith": "officer", "Marcus": "subject"}


def test_signals_have_null_times_when_the_transcript_has_none():
    analysis = analyze_text("Officer: Stop resisting!\nSuspect: I can't breathe\n")
    assert analysis.signals
    assert all(s.start is None and s.end is None for s in analysis.signals)


def test_analyze_file_takes_context_and_roles(tmp_path):
    path = tmp_path / "school.txt"
    path.write_text("SRO: Get on the ground. Put your hands behind your back.\n"
                    "Administrator: She's just a kid, stop!\n")
    plain = analyze_file(path)
    assert plain.transcript.speakers["Administrator"] == "bystander"
    child = analyze_file(path, subject_age=11, location_type="school", roles={"Administrator": "bystander"})
    assert child.risk.score > plain.risk.score
    assert child.risk.level == "high"
    assert child.to_dict()["context"] == {"subject_age": 11, "location_type": "school"}


def test_analyze_transcript_accepts_a_transcript_built_elsewhere():
    transcript = Transcript(segments=(
        Segment(0, "stop resisting stop resisting", 1.0, 2.0, "SPEAKER_00"),
        Segment(1, "i cant breathe", 2.5, 3.0, "SPEAKER_01"),
    ), source="asr", format="asr")
    analysis = analyze_transcript(transcript, roles={"SPEAKER_01": "subject"})
    assert analysis.transcript.speakers == {"SPEAKER_00": "officer", "SPEAKER_01": "subject"}
    assert {s.category for s in analysis.signals} >= {"force_command", "medical_distress"}


def test_bad_input_raises_the_engines_one_error_naming_source_and_line():
    with pytest.raises(TranscriptError) as caught:
        parse_text("WEBVTT\n\n00:01.000 --> nonsense\nhello\n", source="bad.vtt")
    assert caught.value.source == "bad.vtt"
    assert caught.value.line == 3
    assert isinstance(caught.value, ValueError)
    assert "bad.vtt:3" in str(caught.value)


def test_unknown_role_override_is_refused():
    with pytest.raises(ValueError, match="unknown role"):
        analyze_text("Officer: hello\n", roles={"Officer": "chief"})
