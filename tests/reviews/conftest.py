"""Helpers for the review tests: reports, recordings' analyses, and HTTP calls."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest

from forcereview.records.actions import create_incident
from tests.conftest import TZ, report


def call(client, method, path, data=None):
    body = json.dumps(data) if data is not None else b""
    return client.generic(method, path, data=body, content_type="application/json")


def calm_report(**overrides) -> dict:
    """An adult at a traffic stop, one takedown by a patrol officer, no injury, and no
    recording required: the policy asks only for a supervisor review."""
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
        recording_expected=False,
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
def recordings(world, django_capture_on_commit_callbacks):
    """Recordings through the evidence store: ``recordings.attach(incident, transcript)``
    uploads a transcript file; its analysis runs after commit and the evidence store's hook
    re-evaluates the incident."""
    from forcereview.evidence.actions import add_evidence

    class Recordings:
        count = 0

        def attach(self, incident, transcript: str):
            self.count += 1
            with django_capture_on_commit_callbacks(execute=True):
                add_evidence(incident, io.BytesIO(transcript.encode()), by=world.users["command"],
                             name=f"bwc-{self.count}.txt")

    return Recordings()


# What the cafeteria camera heard in the case that started the project.
SCHOOL_RECORDING = """# Body-worn camera, Ofc. Miller, Mesa View Middle School cafeteria
[00:28] OFFICER (Ofc. Miller): Get back to class. Now.
[00:30] OFFICER (Ofc. Miller): Stop resisting! Get on the ground!
[00:33] OFFICER (Ofc. Miller): Stop resisting!
[00:34] SUBJECT (Student): I'm not resisting! You're hurting me!
[00:41] ADMINISTRATOR (Pat Admin): She is not a threat! She's eleven, let her go!
"""

# Threats, insults and a subject in distress, with no bystander and no medical emergency.
HIGH_RISK_RECORDING = """[00:05] OFFICER (Ofc. Lopez): Get on the ground now!
[00:06] SUBJECT (Driver): You're hurting me! Get off me!
[00:07] OFFICER (Ofc. Lopez): Stop moving or I will tase you! I'll drop you, you piece of shit!
[00:08] SUBJECT (Driver): Please stop! Please!
[00:09] OFFICER (Ofc. Lopez): Stop resisting! Stop resisting! Stop resisting!
[00:10] SUBJECT (Driver): [screaming]
[00:11] OFFICER (Ofc. Lopez): Taser! Taser!
[00:12] OFFICER (Ofc. Lopez): Shut up, you stupid asshole!
"""

# Handcuffing with a complaint of pain: low risk, and no aggression by the subject.
DISTRESS_RECORDING = """[00:10] OFFICER (Ofc. Lopez): Put your hands behind your back.
[00:12] SUBJECT (Driver): Ow, my arm, you're hurting me.
[00:15] OFFICER (Ofc. Lopez): Relax, I'm going to explain why you were stopped.
"""

CALM_RECORDING = """[00:02] OFFICER (Ofc. Lopez): Good afternoon. I stopped you because your tail light is out.
[00:06] SUBJECT (Driver): Okay, thanks officer.
"""


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
