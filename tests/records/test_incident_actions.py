"""Filing and correcting reports: validated once, written whole, audited."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from forcereview.audit.models import AuditEntry
from forcereview.records.actions import (
    RecordInvalid,
    create_incident,
    create_officer,
    import_reports,
    update_incident,
    update_officer,
)
from forcereview.records.models import Claim, ForceApplication, Incident, Subject
from forcereview.records.validation import ReportInvalid
from tests.conftest import TZ, report


def _paths(exc: ReportInvalid) -> set[str]:
    return {e.path for e in exc.errors}


def test_filing_writes_every_part_and_one_audit_entry(world):
    user = world.users["officer"]
    incident = create_incident(world.agency, report(), by=user)

    assert incident.reported_by == world.officer
    subject = Subject.objects.get(incident=incident)
    assert subject.is_juvenile and subject.age == 11
    assert [f.force_type for f in ForceApplication.objects.filter(incident=incident)] == ["push_shove", "takedown"]
    assert set(Claim.objects.filter(incident=incident).values_list("kind", flat=True)) == {
        "subject_actively_resisted", "subject_assaulted_officer"}
    entry = AuditEntry.objects.filter(action="incident.created").for_object(incident).get()
    assert entry.actor_id == user.pk
    assert entry.after["subjects"][0]["age"] == 11
    assert entry.after["force"][1]["type"] == "takedown"


def test_force_time_given_as_clock_time_is_placed_on_the_incident_day(world):
    incident = create_incident(world.agency, report(), by=None)
    at = ForceApplication.objects.filter(incident=incident, force_type="takedown").get().at
    assert at.astimezone(TZ) == datetime(2019, 8, 27, 12, 6, 20, tzinfo=TZ)


def test_a_clock_time_with_a_one_digit_hour_and_seconds_is_read(world):
    data = report(occurred_at=datetime(2019, 8, 27, 9, 25, tzinfo=TZ).isoformat())
    data["force"][0]["at"] = "9:30:05"
    incident = create_incident(world.agency, data, by=None)
    times = [f.at.astimezone(TZ).time() for f in ForceApplication.objects.filter(incident=incident) if f.at]
    assert datetime(2019, 8, 27, 9, 30, 5).time() in times


@pytest.mark.parametrize(
    "change,path",
    [
        ({"location_type": "scool"}, "location_type"),
        ({"occurred_at": (datetime.now(TZ) + timedelta(days=2)).isoformat()}, "occurred_at"),
        ({"occurred_at": "27/08/2019"}, "occurred_at"),
        ({"occurred_at": datetime(2014, 6, 1, tzinfo=TZ).isoformat()}, "officers[0].badge"),
        ({"subjects": [{"ref": "S1", "age": 130}]}, "subjects[0].age"),
        ({"subjects": [{"ref": "S1", "age": "eleven"}]}, "subjects[0].age"),
        ({"subjects": [{"ref": "S1"}]}, "subjects[0].age"),
        ({"force": [{"officer": "999", "subject": "S1", "type": "takedown"}]}, "force[0].officer"),
        ({"force": [{"officer": "102", "subject": "S1", "type": "takedown"}]}, "force[0].officer"),
        ({"force": [{"officer": "101", "subject": "S9", "type": "takedown"}]}, "force[0].subject"),
        ({"force": [{"officer": "101", "subject": "S1", "type": "chokehold"}]}, "force[0].type"),
        ({"colour": "blue"}, "colour"),
        ({"subjects": "S1"}, "subjects"),
        ({"narrative": ""}, "narrative"),
        ({"narrative": "She said \ud800 stop"}, "narrative"),
    ],
)
def test_bad_reports_name_the_field_and_write_nothing(world, change, path):
    before = (Incident.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ReportInvalid) as caught:
        create_incident(world.agency, report(**change), by=None)
    assert path in _paths(caught.value), caught.value.errors
    assert (Incident.objects.count(), AuditEntry.objects.count()) == before


def test_an_incident_number_is_used_once_per_agency(world):
    create_incident(world.agency, report(), by=None)
    with pytest.raises(ReportInvalid) as caught:
        create_incident(world.agency, report(), by=None)
    assert _paths(caught.value) == {"number"}
    # Another agency may use the same number for its own incident.
    create_officer(world.other_agency, by=None, first_name="A", last_name="B", badge_number="102",
                   hire_date=date(2010, 1, 1))
    create_incident(world.other_agency, report(), by=None)


def test_correction_replaces_the_facts_and_audits_only_what_changed(world):
    incident = create_incident(world.agency, report(), by=None)
    corrected = report(subjects=[{"ref": "S1", "name": "Jane Doe", "age": 12, "sex": "female",
                                  "resistance": ["pulled_away"], "injuries": ["abrasion"],
                                  "medical_treatment": "on_scene"}])
    update_incident(incident, corrected, by=world.users["command"], note="age per school records")

    assert Subject.objects.get(incident=incident).age == 12
    entry = AuditEntry.objects.filter(action="incident.updated").for_object(incident).get()
    assert set(entry.after) == {"subjects"}
    assert entry.before["subjects"][0]["age"] == 11
    assert entry.after["subjects"][0]["age"] == 12
    assert entry.note == "age per school records"


def test_an_unchanged_correction_writes_no_audit_entry(world):
    incident = create_incident(world.agency, report(), by=None)
    count = AuditEntry.objects.count()
    update_incident(incident, report(), by=None)
    assert AuditEntry.objects.count() == count


def test_import_writes_nothing_when_any_report_is_bad(world):
    good = report(number="A-1")
    bad = report(number="A-2", subjects=[{"ref": "S1", "age": -1}])
    before = (Incident.objects.count(), AuditEntry.objects.count())
    result = import_reports(world.agency, [("row 2", good), ("row 3", bad)], by=None)
    assert not result.ok
    assert [(where, e.path) for where, e in result.errors] == [("row 3", "subjects[0].age")]
    assert (Incident.objects.count(), AuditEntry.objects.count()) == before


def test_import_dry_run_validates_without_writing(world):
    result = import_reports(world.agency, [("item 1", report(number="A-1"))], by=None, dry_run=True)
    assert result.ok and result.count == 1
    assert not Incident.objects.exists()


def test_import_writes_every_report_with_its_audit_entry(world):
    rows = [(f"item {n}", report(number=f"A-{n}")) for n in range(1, 6)]
    result = import_reports(world.agency, rows, by=world.users["admin"], batch_size=2)
    assert result.ok and result.count == 5
    assert Incident.objects.count() == 5
    assert AuditEntry.objects.filter(action="incident.imported").count() == 5


def test_import_refuses_a_number_repeated_in_the_file(world):
    result = import_reports(world.agency, [("row 2", report()), ("row 5", report())], by=None)
    assert [(w, e.path) for w, e in result.errors] == [("row 5", "number")]
    assert "row 2" in result.errors[0][1].message


def test_chain_of_command_cannot_loop(world):
    with pytest.raises(RecordInvalid):
        update_officer(world.lieutenant, supervisor=world.sergeant, by=None)


def test_badge_numbers_are_unique_in_an_agency(world):
    with pytest.raises(RecordInvalid) as caught:
        create_officer(world.agency, by=None, first_name="X", last_name="Y", badge_number="101",
                       hire_date=date(2020, 1, 1))
    assert caught.value.errors[0].path == "badge_number"
