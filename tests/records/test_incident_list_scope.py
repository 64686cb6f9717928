"""On PostgreSQL the incident list reads a large chain of command in a form of its own (tested
row by row as the list walks the incidents in date order), a small one as every other read
does; either way it must select exactly what every other read of incidents selects, for every
role, on the web page, in the API's items and in its counts."""

from __future__ import annotations

import pytest

from forcereview.accounts.actions import issue_token
from forcereview.records import access
from forcereview.records.access import incident_list_for, incidents_for
from forcereview.records.actions import create_incident
from forcereview.records.models import Incident
from tests.conftest import report
from tests.records.pages import adult_incident, row_numbers, school_incident

ROLES = ("officer", "supervisor", "investigator", "command", "auditor", "admin", "outsider")


@pytest.fixture(params=["row test", "id set"])
def chain_form(request, monkeypatch):
    """Both forms of the chain in a list, on any database: every chain tested row by row, or
    none."""
    row_test = request.param == "row test"
    monkeypatch.setattr(access, "ROW_TEST_VENDORS", frozenset({"sqlite", "postgresql"} if row_test else ()))
    monkeypatch.setattr(access, "ROW_TEST_FROM", 1)
    return request.param


@pytest.fixture
def chain_world(world, chain_form):
    """Incidents the chain took part in, one it only reported, one of another squad, and one
    of another agency."""
    school_incident(world)  # #101 and #102, both in the sergeant's chain
    adult_incident(world, number="PARTNER-1", badge="102", occurred_at="2020-03-01T10:00:00")
    adult_incident(world, number="SERGEANT-1", badge="30", occurred_at="2020-04-01T10:00:00")
    # A record from an older system: reported by #102, who is not among its officers.
    reported_only = adult_incident(world, number="REPORTED-1", badge="201", occurred_at="2020-05-01T10:00:00")
    Incident.objects.filter(pk=reported_only.pk).update(reported_by=world.partner)
    adult_incident(world, number="OTHER-1", badge="201", occurred_at="2020-06-01T10:00:00")
    create_incident(world.other_agency, report(number="R-1", officers=[{"badge": "101", "role": "primary"}],
                                                force=[{"officer": "101", "subject": "S1", "type": "takedown"}],
                                                witnesses=[]), by=None)
    return world


def _numbers(qs) -> set[str]:
    return set(qs.values_list("number", flat=True))


@pytest.mark.parametrize("role", ROLES)
def test_the_list_and_every_other_read_select_the_same_incidents(chain_world, role):
    user = chain_world.users[role]
    assert _numbers(incident_list_for(user)) == _numbers(incidents_for(user))


def test_a_supervisor_lists_what_the_chain_took_part_in_or_reported(chain_world, client, client_as):
    expected = {"2019-0827-001", "PARTNER-1", "SERGEANT-1", "REPORTED-1"}
    assert _numbers(incident_list_for(chain_world.users["supervisor"])) == expected
    assert set(row_numbers(client_as("supervisor").get("/incidents/"))) == expected
    token = issue_token(chain_world.users["supervisor"], by=None, name="t")[1]
    for params in ({}, {"exact_count": "true"}):
        body = client.get("/api/incidents/", params, HTTP_AUTHORIZATION=f"Bearer {token}").json()
        assert {i["number"] for i in body["items"]} == expected
        assert (body["count"], body["count_exact"]) == (4, True)


def test_an_officer_lists_only_their_own_incidents(chain_world, client_as):
    assert _numbers(incident_list_for(chain_world.users["officer"])) == {"2019-0827-001"}
    assert row_numbers(client_as("officer").get("/incidents/")) == ["2019-0827-001"]
