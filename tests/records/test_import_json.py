"""JSON and JSON Lines import: every problem named by item (or line) and field."""

from __future__ import annotations

import json

import pytest

from forcereview.audit.models import AuditEntry
from forcereview.records.models import ForceApplication, Incident, Subject
from tests.conftest import report
from tests.records.bad_reports import BAD_REPORTS
from tests.records.importing import json_bytes, messages, run


def _state():
    return Incident.objects.count(), Subject.objects.count(), ForceApplication.objects.count(), AuditEntry.objects.count()


def test_a_list_of_reports(world):
    outcome = run(world, json_bytes([report(), report(number="N-2")]), by=world.users["command"])
    assert outcome.ok and outcome.format == "json" and outcome.count == 2
    assert AuditEntry.objects.filter(action="incident.imported", actor_id=world.users["command"].pk).count() == 2


def test_an_object_with_an_incidents_list(world):
    outcome = run(world, json.dumps({"incidents": [report()]}, indent=2).encode())
    assert outcome.ok and outcome.count == 1


def test_json_lines_detected_from_content(world):
    lines = "\n".join(json.dumps(r) for r in [report(), report(number="N-2")]) + "\n\n"
    outcome = run(world, lines.encode())
    assert outcome.ok and outcome.format == "jsonl" and outcome.count == 2


def test_a_read_report_can_be_imported_back(world, client):
    """The API's output (with read-only fields) is valid import input."""
    from forcereview.accounts.actions import issue_token
    from forcereview.records.actions import create_incident

    incident = create_incident(world.agency, report(), by=None)
    token = issue_token(world.users["command"], by=None, name="t")[1]
    body = client.get(f"/api/incidents/{incident.pk}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    body["number"] = "COPY-1"
    outcome = run(world, json_bytes([body]))
    assert outcome.ok, messages(outcome)


@pytest.mark.parametrize("data,field,words", [pytest.param(d, f, w, id=i) for i, d, f, w in BAD_REPORTS])
def test_bad_reports_name_item_and_field_and_write_nothing(world, data, field, words):
    before = _state()
    outcome = run(world, json_bytes([report(number="OK-1"), data]))
    assert not outcome.ok and outcome.count == 0
    matching = [p for p in outcome.problems if p.field == field]
    assert matching, messages(outcome)
    assert matching[0].where == "item 2 (2019-0827-001)"
    assert words in matching[0].message
    assert _state() == before


def test_number_repeated_in_the_file(world):
    outcome = run(world, json_bytes([report(), report(narrative="again")]))
    assert messages(outcome) == [
        "item 2 (2019-0827-001), number: incident number '2019-0827-001' appears twice in the file "
        "(first at item 1 (2019-0827-001))"]
    assert not Incident.objects.exists()


def test_malformed_json_names_line_and_column(world):
    data = b'[\n  {"number": "A-1",\n   "location" "Main St"}\n]'
    assert messages(run(world, data)) == ["line 3, column 15: the file is not valid JSON: Expecting ':' delimiter"]


def test_an_object_without_incidents(world):
    outcome = run(world, json.dumps({"reports": [report()]}).encode())
    assert "a JSON import is a list of reports" in messages(outcome)[0] and "'reports'" in messages(outcome)[0]


@pytest.mark.parametrize("data,words", [
    (b"[]", "holds no reports"),
    (b'{"incidents": 5}', "a JSON import is a list of reports, not int"),
    (b"[NaN]", "NaN is not allowed"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_json_that_is_not_a_list_of_reports(world, data, words):
    outcome = run(world, data)
    assert len(outcome.problems) == 1 and words in messages(outcome)[0]
    assert not Incident.objects.exists()


def test_a_report_that_is_not_an_object(world):
    outcome = run(world, json_bytes([report(), "hello", 5]))
    assert messages(outcome) == ["item 2: a report must be an object, not text", "item 3: a report must be an object, not a number"]
    assert not Incident.objects.exists()


def test_bad_json_lines_are_named_and_the_rest_still_checked(world):
    lines = [json.dumps(report()), '{"number": "X", oops}', json.dumps(report(number="N-3", location_type="moon"))]
    outcome = run(world, ("\n".join(lines) + "\n").encode())
    assert [(p.where, p.field) for p in outcome.problems] == [("line 2", ""), ("line 3 (N-3)", "location_type")]
    assert "not valid JSON" in outcome.problems[0].message
    assert not Incident.objects.exists()
