"""Helpers for the review tests: reports, recordings' analyses, and HTTP calls."""

from __future__ import annotations

import json
import types
from datetime import datetime

import pytest

from forcereview.records.actions import create_incident
from tests.conftest import TZ, report


def call(client, method, path, data=None):
    body = json.dumps(data) if data is not None else b""
    return client.generic(method, path, data=body, content_type="application/json")


def calm_report(**overrides) -> dict:
    """An adult at a traffic stop, one takedown by a patrol officer, no injury: the policy
    asks only for a supervisor review."""
    data = report(
        number="2024-0301-001",
        occurred_at=datetime(2024, 3, 1, 14, 0, tzinfo=TZ).isoformat(),
        location="Main St and 4th",
        location_type="street",
        contact_reason="traffic_stop",
        narrative="Driver pulled away during arrest and was taken to the ground.",
        officers=[{"badge": "102", "role": "primary", "claims": ["effect_arrest"]}],
        subjects=[{"ref": "S1", "age": 34, "sex": "male", "resistance": ["pulled_away"], "injuries": ["none"]}],
        force=[{"officer": "102", "subject": "S1", "type": "takedown", "resistance": "pulled_away"}],
        witnesses=[],
    )
    data.update(overrides)
    return data


@pytest.fixture
def emails(world):
    """Give every persona an email address, so notifications have somewhere to go."""
    for name, user in world.users.items():
        user.email = f"{name}@mesa.example"
        user.save(update_fields=["email"])
    for officer in (world.sergeant, world.lieutenant, world.captain, world.chief):
        officer.email = f"{officer.last_name.lower()}@mesa.example"
        officer.save(update_fields=["email"])
    return world


@pytest.fixture
def file_incident(world):
    def make(data: dict | None = None, by: str = "officer"):
        return create_incident(world.agency, data or report(), by=world.users[by])

    return make


@pytest.fixture
def recordings(monkeypatch):
    """Stands in for the evidence store's queries: analyses attached per incident.
    ``recordings.attach(incident, analysis)`` stores one and runs the reviews hook the
    evidence store calls when an analysis completes."""
    store: dict[int, list[dict]] = {}

    def incident_analyses(incident):
        return list(store.get(incident.pk, []))

    def incident_recording_count(incident):
        return len(store.get(incident.pk, []))

    fake = types.SimpleNamespace(incident_analyses=incident_analyses, incident_recording_count=incident_recording_count)
    monkeypatch.setattr("forcereview.reviews.gather.evidence_queries", lambda: fake)

    class Recordings:
        def attach(self, incident, analysis: dict, by=None):
            from forcereview.reviews.hooks import on_analysis_completed

            store.setdefault(incident.pk, []).append(
                {"evidence_id": len(store.get(incident.pk, [])) + 1, "kind": "video", "analysis": analysis})
            on_analysis_completed(incident, None, by)

    return Recordings()


def signal(category, role, text, start=10.0, speaker=None):
    return {"category": category, "start": start, "end": start + 2.0, "speaker": speaker or role.title(), "role": role,
            "text": text, "detector": f"{category}.v1", "explanation": ""}


def analysis(*signals, level="low", score=10):
    return {"risk": {"level": level, "score": score, "reasons": []}, "signals": list(signals)}


BYSTANDER_OBJECTS = analysis(
    signal("force_command", "officer", "Stop resisting!", start=30, speaker="Ofc. Miller"),
    signal("subject_distress", "subject", "I'm not resisting! You're hurting me!", start=34, speaker="Student"),
    signal("bystander_objection", "bystander", "She is not a threat, she's eleven!", start=41, speaker="Administrator"),
    level="high", score=86,
)


@pytest.fixture
def lieutenant_login(world):
    """A login for the lieutenant above the sergeant (the world has none)."""
    from forcereview.accounts.actions import create_user

    user = create_user(by=None, username="lieutenant", password=world.password, role="supervisor",
                       agency=world.agency, officer=world.lieutenant)
    user.email = "lieutenant@mesa.example"
    user.save(update_fields=["email"])
    return user


def determine(client, task, decision="within_policy",
              rationale="Force was proportionate to the resistance described in the report and the video."):
    return client.post(f"/reviews/task/{task.pk}/determine/", {"decision": decision, "rationale": rationale})
