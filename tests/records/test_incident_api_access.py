"""Who sees which incidents, and whose names, through the API."""

from __future__ import annotations

import pytest

from forcereview.accounts.actions import issue_token
from forcereview.records.actions import create_incident
from tests.conftest import report


def _get(client, world, role, path):
    token = issue_token(world.users[role], by=None, name="t")[1]
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def incidents(world):
    """One incident of the officer (an 11-year-old at school), one of an officer in another
    sergeant's squad (an adult), and one in another agency."""
    own = create_incident(world.agency, report(), by=None)
    other_squad = create_incident(
        world.agency,
        report(number="2020-0002", officers=[{"badge": "201", "role": "primary"}],
               subjects=[{"ref": "S1", "name": "John Roe", "age": 34}],
               force=[{"officer": "201", "subject": "S1", "type": "takedown"}], witnesses=[]),
        by=None,
    )
    elsewhere = create_incident(
        world.other_agency,
        report(number="R-1", officers=[{"badge": "101", "role": "primary"}],
               subjects=[{"ref": "S1", "name": "Far Away", "age": 40}],
               force=[{"officer": "101", "subject": "S1", "type": "takedown"}], witnesses=[]),
        by=None,
    )
    return own, other_squad, elsewhere


def _listed(client, world, role):
    return {i["number"] for i in _get(client, world, role, "/api/incidents/").json()["items"]}


def test_officer_sees_only_own_incidents(client, world, incidents):
    own, other_squad, elsewhere = incidents
    assert _listed(client, world, "officer") == {own.number}
    assert _get(client, world, "officer", f"/api/incidents/{other_squad.pk}").status_code == 404
    assert _get(client, world, "officer", f"/api/incidents/{elsewhere.pk}").status_code == 404


def test_supervisor_sees_their_chain_only(client, world, incidents):
    own, other_squad, _ = incidents
    assert _listed(client, world, "supervisor") == {own.number}
    assert _get(client, world, "supervisor", f"/api/incidents/{other_squad.pk}").status_code == 404


def test_outsider_agency_sees_nothing(client, world, incidents):
    own, other_squad, elsewhere = incidents
    # The outsider's own agency incident names badge 101 of Riverside, which is the outsider.
    assert _listed(client, world, "outsider") == {elsewhere.number}
    for incident in (own, other_squad):
        response = _get(client, world, "outsider", f"/api/incidents/{incident.pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found"}  # same answer as for an id that does not exist
    assert _get(client, world, "outsider", "/api/incidents/999999").json() == {"detail": "Not found"}


def test_command_and_investigator_see_the_whole_agency_with_names(client, world, incidents):
    own, other_squad, _ = incidents
    for role in ("command", "investigator"):
        assert _listed(client, world, role) == {own.number, other_squad.number}
        assert _get(client, world, role, f"/api/incidents/{own.pk}").json()["subjects"][0]["name"] == "Jane Doe"


def test_auditor_sees_the_agency_with_subject_identities_redacted(client, world, incidents):
    own, other_squad, _ = incidents
    assert _listed(client, world, "auditor") == {own.number, other_squad.number}
    for incident in (own, other_squad):
        body = _get(client, world, "auditor", f"/api/incidents/{incident.pk}").json()
        assert body["subjects"][0]["name"] == "[redacted]"
        assert "Jane Doe" not in str(body) and "John Roe" not in str(body)


def test_minor_names_are_never_shown_to_officers_or_supervisors(client, world, incidents):
    own, _, _ = incidents
    for role in ("officer", "supervisor"):
        body = _get(client, world, role, f"/api/incidents/{own.pk}").json()
        assert body["subjects"][0]["name"] == "[redacted]"
        assert "Jane Doe" not in str(body)


def test_adult_names_are_shown_to_the_officers_chain(client, world, incidents):
    _, other_squad, _ = incidents
    from forcereview.accounts.actions import create_user

    other_sergeant = create_user(by=None, username="sgt2", password="x" * 12, role="supervisor",
                                 agency=world.agency, officer=world.other_sergeant)
    token = issue_token(other_sergeant, by=None, name="t")[1]
    body = client.get(f"/api/incidents/{other_squad.pk}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["subjects"][0]["name"] == "John Roe"


def test_admin_reads_no_incidents(client, world, incidents):
    response = _get(client, world, "admin", "/api/incidents/")
    assert response.status_code == 403
