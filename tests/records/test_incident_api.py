"""The incidents REST API through HTTP: create, read, list, update, reference data."""

from __future__ import annotations

import json

import pytest

from forcereview.accounts.actions import issue_token
from forcereview.audit.models import AuditEntry
from forcereview.records import api as records_api
from forcereview.records.actions import create_incident
from forcereview.records.models import ForceApplication, Incident, Subject
from tests.conftest import report


def call(client, method, path, data=None, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    body = json.dumps(data) if data is not None and not isinstance(data, (bytes, str)) else (data or b"")
    return client.generic(method, path, data=body, content_type="application/json", **headers)


@pytest.fixture
def token_of(world):
    def make(role):
        return issue_token(world.users[role], by=None, name="test")[1]

    return make


def test_officer_files_a_report_with_a_token(client, world, token_of):
    response = call(client, "POST", "/api/incidents/", report(), token=token_of("officer"))
    assert response.status_code == 201, response.content
    body = response.json()
    incident = Incident.objects.get(number="2019-0827-001")
    assert body["id"] == incident.pk
    assert response["Location"] == f"/api/incidents/{incident.pk}"
    assert body["status"] == "reported"
    assert body["subjects"][0]["name"] == "[redacted]"  # an 11-year-old: officers never see a minor's name
    assert [f["type"] for f in body["force"]] == ["push_shove", "takedown"]
    assert body["officers"][0]["claims"][0]["kind"] == "subject_actively_resisted"
    assert incident.reported_by == world.officer
    entry = AuditEntry.objects.get(action="incident.created", object_id=str(incident.pk))
    assert entry.actor_id == world.users["officer"].pk
    assert entry.after["number"] == "2019-0827-001"


def test_session_auth_works_too(client_as):
    response = call(client_as("supervisor"), "POST", "/api/incidents/",
                    report(officers=[{"badge": "30", "role": "primary"}], force=[{"officer": "30", "subject": "S1", "type": "takedown"}]))
    assert response.status_code == 201, response.content


def test_officer_cannot_file_a_report_they_are_not_listed_in(client, world, token_of):
    data = report(officers=[{"badge": "102", "role": "primary"}], force=[{"officer": "102", "subject": "S1", "type": "takedown"}],
                  subjects=[{"ref": "S1", "age": 500}])
    token = token_of("officer")
    before = AuditEntry.objects.count()
    response = call(client, "POST", "/api/incidents/", data, token=token)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"officers", "subjects[0].age"}  # the filing rule and every other problem together
    assert "#101" in response.json()["errors"][0]["message"]
    assert not Incident.objects.exists()
    assert AuditEntry.objects.count() == before


def test_new_report_cannot_set_its_status(client, token_of):
    response = call(client, "POST", "/api/incidents/", report(status="closed"), token=token_of("officer"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"
    assert not Incident.objects.exists()


@pytest.mark.parametrize("role", ["investigator", "command", "auditor", "admin"])
def test_only_officers_and_supervisors_file_reports(client, token_of, role):
    response = call(client, "POST", "/api/incidents/", report(), token=token_of(role))
    assert response.status_code == 403
    assert not Incident.objects.exists()


def test_body_that_is_not_json_is_a_clear_error(client, token_of):
    response = call(client, "POST", "/api/incidents/", b"{number: 1", token=token_of("officer"))
    assert response.status_code == 422
    assert "not JSON" in response.json()["errors"][0]["message"]


def test_revoked_token_is_refused(client, world):
    from forcereview.accounts.actions import revoke_token

    row, token = issue_token(world.users["officer"], by=None, name="laptop")
    revoke_token(row, by=world.users["officer"])
    response = call(client, "GET", "/api/incidents/", token=token)
    assert response.status_code in (401, 403)


def test_read_returns_the_whole_report(client, world, token_of):
    incident = create_incident(world.agency, report(), by=None)
    response = call(client, "GET", f"/api/incidents/{incident.pk}", token=token_of("investigator"))
    assert response.status_code == 200
    body = response.json()
    assert body["agency"] == "mesa"
    assert body["url"].endswith(f"/incidents/{incident.pk}/")
    assert body["subjects"][0]["is_juvenile"] is True
    assert body["witnesses"][0]["role"] == "school_staff"
    assert body["force"][1]["resistance"] == "pulled_away"


def test_list_filters_and_pages(client, world, token_of):
    for n in range(7):
        create_incident(world.agency, report(number=f"A-{n}", location_type="school" if n % 2 else "street"), by=None)
    create_incident(world.agency, report(number="B-1", subjects=[{"ref": "S1", "age": 30}]), by=None)
    token = token_of("command")
    body = call(client, "GET", "/api/incidents/?limit=3", token=token).json()
    assert body["count"] == 8 and body["count_exact"] is True and len(body["items"]) == 3 and body["previous"] is None
    assert "offset=3" in body["next"]
    last = call(client, "GET", "/api/incidents/?limit=3&page=3", token=token).json()
    assert last["offset"] == 6 and len(last["items"]) == 2 and last["next"] is None
    numbers = {i["number"] for i in body["items"] + call(client, "GET", body["next"], token=token).json()["items"] + last["items"]}
    assert len(numbers) == 8
    school = call(client, "GET", "/api/incidents/?location_type=school&juvenile=true", token=token).json()
    assert {i["number"] for i in school["items"]} == {"A-1", "A-3", "A-5"}
    assert school["items"][0]["force_types"] == ["push_shove", "takedown"] and school["items"][0]["juvenile"] is True
    adults = call(client, "GET", "/api/incidents/?juvenile=false", token=token).json()
    assert [i["number"] for i in adults["items"]] == ["B-1"]


def test_the_count_stops_past_its_limit_unless_an_exact_count_is_asked(client, world, token_of, monkeypatch):
    monkeypatch.setattr(records_api, "COUNT_LIMIT", 3)
    for n in range(5):
        create_incident(world.agency, report(number=f"A-{n}"), by=None)
    token = token_of("command")
    first = call(client, "GET", "/api/incidents/?limit=2", token=token).json()
    assert (first["count"], first["count_exact"]) == (3, False)  # more than 3
    assert "offset=2" in first["next"]
    exact = call(client, "GET", "/api/incidents/?limit=2&exact_count=true", token=token).json()
    assert (exact["count"], exact["count_exact"]) == (5, True)
    assert "exact_count=true" in exact["next"]
    beyond = call(client, "GET", "/api/incidents/?limit=1&offset=3", token=token).json()
    assert (beyond["count"], beyond["count_exact"]) == (4, False)  # rows past the limit were seen
    last = call(client, "GET", "/api/incidents/?limit=2&page=3", token=token).json()
    assert (last["count"], last["count_exact"], last["next"]) == (5, True, None)  # the last page tells the total
    past_the_end = call(client, "GET", "/api/incidents/?limit=2&offset=10", token=token).json()
    assert (past_the_end["count"], past_the_end["count_exact"], past_the_end["items"]) == (3, False, [])
    few = call(client, "GET", "/api/incidents/?limit=2&number=A-1", token=token).json()
    assert (few["count"], few["count_exact"]) == (1, True)


def test_bad_list_filters_name_the_parameter(client, token_of):
    response = call(client, "GET", "/api/incidents/?date_from=yesterday&force_type=chokehold", token=token_of("command"))
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"date_from", "force_type"}
    response = call(client, "GET", "/api/incidents/?date_from=2024-05-01&date_to=2024-04-01", token=token_of("command"))
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "date_to", "message": "is before the start date"}]


def test_reporting_officer_corrects_report_before_review(client, world, token_of):
    incident = create_incident(world.agency, report(), by=world.users["officer"])
    token = token_of("officer")
    data = call(client, "GET", f"/api/incidents/{incident.pk}", token=token).json()
    data["subjects"][0]["age"] = 12
    data["force"] = data["force"][:1]
    response = call(client, "PUT", f"/api/incidents/{incident.pk}", data, token=token)
    assert response.status_code == 200, response.content
    assert response.json()["subjects"][0]["age"] == 12
    assert Subject.objects.get(incident=incident).age == 12
    assert ForceApplication.objects.filter(incident=incident).count() == 1
    entry = AuditEntry.objects.get(action="incident.updated", object_id=str(incident.pk))
    assert entry.before["subjects"][0]["age"] == 11 and entry.after["subjects"][0]["age"] == 12


def test_status_is_read_only_on_update(client, world, token_of):
    incident = create_incident(world.agency, report(), by=None)
    data = report(status="closed")
    response = call(client, "PUT", f"/api/incidents/{incident.pk}", data, token=token_of("command"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"
    incident.refresh_from_db()
    assert incident.status == "reported"
    assert not AuditEntry.objects.filter(action="incident.updated").exists()


def test_report_under_review_is_locked_for_its_officer_but_not_for_command(client, world, token_of):
    from forcereview.records.actions import set_incident_status

    incident = create_incident(world.agency, report(), by=None)
    set_incident_status(incident, "under_review", by=None)
    data = report(narrative="Changed after review started.")
    assert call(client, "PUT", f"/api/incidents/{incident.pk}", data, token=token_of("officer")).status_code == 403
    incident.refresh_from_db()
    assert incident.narrative != "Changed after review started."
    response = call(client, "PUT", f"/api/incidents/{incident.pk}", data, token=token_of("command"))
    assert response.status_code == 200
    assert response.json()["status"] == "under_review"


def test_partner_who_did_not_report_cannot_edit(client, world, token_of):
    from forcereview.accounts.actions import create_user

    partner = create_user(by=None, username="partner", password="x" * 12, role="officer", agency=world.agency, officer=world.partner)
    incident = create_incident(world.agency, report(), by=None)  # partner is listed as a witness officer
    token = issue_token(partner, by=None, name="t")[1]
    assert call(client, "GET", f"/api/incidents/{incident.pk}", token=token).status_code == 200
    assert call(client, "PUT", f"/api/incidents/{incident.pk}", report(), token=token).status_code == 403


def test_vocabularies_list_every_code_with_labels(client, token_of):
    body = call(client, "GET", "/api/vocabularies", token=token_of("auditor")).json()
    by_key = {v["key"]: v for v in body}
    force = {t["code"]: t for t in by_key["force_type"]["terms"]}
    assert force["neck_restraint"]["label"] == "Neck restraint"
    assert force["firearm_discharged"]["fbi"] == "firearm"
    assert "force[].type" in by_key["force_type"]["fields"]
    assert {"location_type", "claim", "injury", "witness_role"} <= set(by_key)


def test_officers_and_units_are_those_of_the_readers_agency(client, world, token_of):
    officers = call(client, "GET", "/api/officers", token=token_of("auditor")).json()
    assert {o["badge"] for o in officers} == {"1", "10", "20", "30", "31", "101", "102", "201", "40"}
    sergeant = next(o for o in officers if o["badge"] == "101")
    assert sergeant["supervisor"] == world.sergeant.pk and sergeant["unit"] == world.sro_unit.pk
    units = call(client, "GET", "/api/units", token=token_of("outsider")).json()
    assert units == []
    assert {u["name"] for u in call(client, "GET", "/api/units", token=token_of("admin")).json()} == {
        "Patrol A", "School Resource Unit", "Professional Standards"}


def test_openapi_schema_documents_report_bodies(client, db):
    schema = client.get("/api/openapi.json").json()
    post = schema["paths"]["/api/incidents/"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ReportIn"}
    components = schema["components"]["schemas"]
    assert {"ReportIn", "SubjectIn", "OfficerIn", "ForceIn", "ClaimIn", "WitnessIn", "IncidentOut", "IncidentPage"} <= set(components)
    assert "neck_restraint" in components["ForceIn"]["properties"]["type"]["enum"]
    assert "422" in post["responses"]
