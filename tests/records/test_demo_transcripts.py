"""The demo's body-camera transcripts read cleanly in the engine and say what their incidents
are about: the school case is high risk with the administrator's objections found, the calm
stops are not."""

from __future__ import annotations

from datetime import date

import pytest

from forcereview.engine import analyze_file, analyze_text
from forcereview.records.demo import generate

CALM = {"traffic_calm", "felony_stop_pointed"}


@pytest.fixture(scope="module")
def featured():
    return generate(today=date(2026, 3, 18)).featured


def _context(item) -> dict:
    subject = item.report["subjects"][0]
    return {"subject_age": subject.get("age"), "location_type": item.report["location_type"]}


def test_every_transcript_is_read_with_times_and_speakers(featured):
    for key, item in featured.items():
        result = analyze_file(item.transcript_path, **_context(item)).to_dict()
        assert result["signals"], key
        if key != "jail_drive_stun":  # exported without time stamps
            assert all(s["start"] is not None for s in result["signals"]), key
        assert {s["role"] for s in result["signals"]} & {"officer", "subject"}, key


def test_the_school_case_is_high_risk_and_the_administrator_objects(featured):
    item = featured["school_takedown"]
    result = analyze_file(item.transcript_path, **_context(item)).to_dict()
    assert result["risk"]["level"] == "high"
    objections = [s for s in result["signals"]
                  if s["category"] == "bystander_objection" and "Maestas" in (s["speaker"] or "")]
    assert len(objections) >= 2
    assert any("excessive force" in s["text"] for s in objections)
    assert any(s["category"] == "subject_distress" and "not resisting" in s["text"].lower()
               for s in result["signals"])


def test_force_recordings_are_elevated_or_high_and_calm_ones_are_not_high(featured):
    for key, item in featured.items():
        level = analyze_file(item.transcript_path, **_context(item)).to_dict()["risk"]["level"]
        if key in CALM:
            assert level != "high", key
        else:
            assert level in {"elevated", "high"}, key


def test_recent_generated_incidents_have_recordings_written_from_their_facts():
    data = generate(today=date(2026, 3, 18))
    featured = {item.report["number"] for item in data.featured.values()}
    recent = [r for r in data.incidents if r["number"] not in featured and r["number"] not in data.statuses]
    assert recent and set(data.recordings) <= {r["number"] for r in recent}
    for report in recent:
        camera_off = report["officers"][0].get("camera_activated") is False
        assert (report["number"] in data.recordings) != camera_off, report["number"]
    supported = 0
    for number, (badge, text) in data.recordings.items():
        report = next(r for r in recent if r["number"] == number)
        assert badge == report["officers"][0]["badge"]
        result = analyze_text(text).to_dict()
        categories = {s["category"] for s in result["signals"]}
        assert "force_command" in categories, number
        assert all(s["start"] is not None for s in result["signals"])
        supported += "subject_aggression" in categories
    assert supported >= len(data.recordings) / 3  # most reports of resistance are borne out
