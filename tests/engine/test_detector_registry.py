"""The detector registry: versioned names, one contract, one line to add a detector."""

from __future__ import annotations

import re

import pytest

from forcereview.engine import analyze_text, analyze_transcript
from forcereview.engine.detectors import REGISTRY
from forcereview.engine.model import Segment, Signal, Transcript


def test_every_detector_has_a_versioned_name():
    assert all(re.fullmatch(r"[a-z_]+\.v\d+", name) for name in REGISTRY)
    assert {"force_command.v1", "subject_distress.v1", "medical_distress.v1", "bystander_objection.v1",
            "officer_escalation.v1", "weapon_mention.v1", "vulnerable_subject.v1", "subject_aggression.v1",
            "deescalation.v1", "annotations.v1", "shouting.v1"} <= set(REGISTRY)


def test_signals_name_a_registered_detector():
    analysis = analyze_text("Officer: stop resisting!\nSuspect: [screaming] I can't breathe!\n")
    assert analysis.signals and {s.detector for s in analysis.signals} <= set(REGISTRY)
    assert analysis.to_dict()["detectors"] == list(REGISTRY)


def test_a_new_detector_is_one_entry_and_sees_the_whole_transcript(monkeypatch):
    seen = {}

    def long_silence(transcript, context):
        seen["segments"] = len(transcript.segments)
        seen["roles"] = [s.role for s in transcript.segments]
        for before, after in zip(transcript.segments, transcript.segments[1:]):
            if after.start - before.start > 60:
                yield Signal("medical_distress", before.start, after.start, None, "unknown", "(silence)",
                             "long_silence.v1", "More than a minute without speech.", segment=after.index)

    monkeypatch.setitem(REGISTRY, "long_silence.v1", long_silence)
    text = "[00:01] Officer: stop resisting\n[05:00] Officer: are you okay?\n"
    analysis = analyze_text(text)
    assert seen == {"segments": 2, "roles": ["officer", "officer"]}
    assert any(s.detector == "long_silence.v1" for s in analysis.signals)


def test_a_subset_of_detectors_can_run_and_unknown_ones_are_refused():
    text = "Officer: stop resisting!\nSuspect: I can't breathe!\n"
    only = analyze_text(text, detectors=["medical_distress.v1"])
    assert {s.detector for s in only.signals} == {"medical_distress.v1"}
    with pytest.raises(ValueError, match="unknown detector"):
        analyze_text(text, detectors=["nope.v9"])


def test_shouting_runs_on_loudness_from_audio():
    levels = [-32.0, -31.0, -33.0, -30.0, -6.0]
    texts = ["good evening", "license please", "thank you", "one moment", "GET ON THE GROUND"]
    segments = tuple(Segment(i, t, float(i), i + 1.0, "SPEAKER_00", loudness_dbfs=lv)
                     for i, (t, lv) in enumerate(zip(texts, levels)))
    analysis = analyze_transcript(Transcript(segments=segments, format="asr"), roles={"SPEAKER_00": "officer"})
    shouts = [s for s in analysis.signals if s.detector == "shouting.v1"]
    assert [s.segment for s in shouts] == [4]
    assert shouts[0].category == "officer_escalation"
