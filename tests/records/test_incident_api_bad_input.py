"""Bad reports sent to the API: 422, every field named, nothing written, no audit entry."""

from __future__ import annotations

import json

import pytest

from forcereview.accounts.actions import issue_token
from forcereview.audit.models import AuditEntry
from forcereview.records.actions import create_incident
from forcereview.records.models import Claim, ForceApplication, Incident, OfficerInvolvement, Subject, Witness
from tests.conftest import report
from tests.records.bad_reports import BAD_REPORTS


def _state():
    return (
        [(i.pk, i.number, i.narrative, i.updated_at) for i in Incident.objects.order_by("pk")],
        [m.objects.count() for m in (Subject, OfficerInvolvement, ForceApplication, Claim, Witness)],
        AuditEntry.objects.count(),
    )


def _send(client, world, method, path, data, role="officer"):
    token = issue_token(world.users[role], by=None, name="t")[1]
    before = _state()
    response = client.generic(method, path, json.dumps(data), content_type="application/json",
                              HTTP_AUTHORIZATION=f"Bearer {token}")
    return response, before


@pytest.mark.parametrize("data,field,words", [pytest.param(d, f, w, id=i) for i, d, f, w in BAD_REPORTS])
def test_bad_report_is_refused_on_create(client, world, data, field, words):
    response, before = _send(client, world, "POST", "/api/incidents/", data)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "The report is invalid; nothing was saved."
    matching = [e for e in body["errors"] if e["field"] == field]
    assert matching, body["errors"]
    assert words in matching[0]["message"]
    assert _state() == before


@pytest.mark.parametrize("data,field,words", [pytest.param(d, f, w, id=i) for i, d, f, w in BAD_REPORTS])
def test_bad_report_is_refused_on_update(client, world, data, field, words):
    incident = create_incident(world.agency, report(), by=None)
    response, before = _send(client, world, "PUT", f"/api/incidents/{incident.pk}", data, role="command")
    assert response.status_code == 422
    assert any(e["field"] == field and words in e["message"] for e in response.json()["errors"])
    assert _state() == before


def test_every_problem_is_reported_at_once(client, world):
    data = report(location_type="moon", narrative="")
    data["subjects"][0]["age"] = 300
    data["force"][1]["type"] = "lasso"
    response, before = _send(client, world, "POST", "/api/incidents/", data)
    assert {e["field"] for e in response.json()["errors"]} == {
        "location_type", "narrative", "subjects[0].age", "force[1].type"}
    assert _state() == before


@pytest.mark.parametrize("body", [[], "a report", 42, None])
def test_report_that_is_not_an_object(client, world, body):
    response, before = _send(client, world, "POST", "/api/incidents/", body)
    assert response.status_code == 422
    assert response.json()["errors"]
    assert _state() == before


def test_duplicate_incident_number_is_refused(client, world):
    create_incident(world.agency, report(), by=None)
    response, before = _send(client, world, "POST", "/api/incidents/", report())
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "number"
    assert "already exists" in response.json()["errors"][0]["message"]
    assert _state() == before
