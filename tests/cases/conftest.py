"""The Mesa agency set up for internal affairs: command staff in their own unit, the school
incident on record, and helpers to drive the cases API."""

from __future__ import annotations

import pytest

from tests.conftest import report


@pytest.fixture
def command_apart(world):
    """``world`` with the chief and captain moved to a command unit (as in a real agency: they
    are not unit-mates of the patrol sergeant, so a case about him is not hidden from them)."""
    from forcereview.records.actions import create_unit, update_officer

    world.command_unit = create_unit(world.agency, by=None, name="Office of the Chief", kind="command")
    for officer in (world.chief, world.captain):
        update_officer(officer, by=None, unit=world.command_unit)
    return world


@pytest.fixture
def ia(command_apart):
    """``command_apart`` with the school incident filed."""
    from forcereview.records.actions import create_incident

    world = command_apart
    world.incident = create_incident(world.agency, report(), by=world.users["officer"])
    return world


@pytest.fixture
def signed_in(world):
    """A separate test client per persona: ``signed_in("command")``."""
    from django.test import Client

    def make(role: str) -> Client:
        client = Client()
        client.force_login(world.users[role])
        return client

    return make


@pytest.fixture
def api(signed_in):
    """``api("investigator").post("/api/cases/", {...})`` with JSON bodies, one client per persona."""

    class Caller:
        def __init__(self, client):
            self.client = client

        def get(self, path, **params):
            return self.client.get(path, params)

        def post(self, path, body=None):
            return self.client.post(path, body or {}, content_type="application/json")

    return lambda role: Caller(signed_in(role))


@pytest.fixture
def open_school_case(ia):
    """A case about the school incident: the SRO as subject, his sergeant as reviewer under review."""
    from forcereview.cases.actions.cases import open_case

    def make(**kw):
        params = dict(by=ia.users["investigator"], title="Force on a juvenile at a school", source="command",
                      incidents=[ia.incident], officers=[(ia.officer, "subject"), (ia.sergeant, "reviewer")],
                      lead_investigator=ia.users["investigator"])
        params.update(kw)
        return open_case(ia.agency, **params)

    return make
