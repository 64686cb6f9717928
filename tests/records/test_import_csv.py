"""CSV import: one row per force application, every problem named by row and column,
nothing written unless the whole file is valid."""

from __future__ import annotations

import pytest

from forcereview.audit.models import AuditEntry
from forcereview.records.models import Claim, ForceApplication, Incident, OfficerInvolvement, Subject, Witness
from tests.conftest import report
from tests.records.bad_reports import BAD_REPORTS
from tests.records.importing import csv_bytes, messages, run

HEADER = ("number,occurred_at,location,location_type,contact_reason,narrative,"
          "officer_badge,officer_role,officer_claims,subject_ref,subject_age,subject_name,force_type,force_at")


def _state():
    return ([m.objects.count() for m in (Incident, Subject, OfficerInvolvement, ForceApplication, Claim, Witness)],
            AuditEntry.objects.count())


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


ROW = "A-1,2023-05-01T10:00,Main St,street,traffic_stop,Driver fled on foot.,101,primary,subject_fled,S1,25,John Roe,takedown,10:02"


def test_csv_import_writes_every_incident_with_its_audit_entry(world):
    reports = [report(), report(number="2019-0827-002", occurred_at="2019-08-28T09:00:00-06:00")]
    before = AuditEntry.objects.count()
    outcome = run(world, csv_bytes(reports), by=world.users["investigator"])
    assert outcome.ok, messages(outcome)
    assert outcome.format == "csv" and outcome.count == 2
    incident = Incident.objects.get(number="2019-0827-001")
    assert [f.force_type for f in ForceApplication.objects.filter(incident=incident)] == ["push_shove", "takedown"]
    assert {i.officer.badge_number: i.role for i in OfficerInvolvement.objects.filter(incident=incident)} == {
        "101": "primary", "102": "witness"}
    subject = Subject.objects.get(incident=incident)
    assert (subject.name, subject.age, subject.injuries, subject.resistance) == ("Jane Doe", 11, ["abrasion"], ["pulled_away"])
    assert set(Claim.objects.filter(incident=incident).values_list("kind", flat=True)) == {
        "subject_actively_resisted", "subject_assaulted_officer"}
    assert Witness.objects.get(incident=incident).role == "school_staff"
    entries = AuditEntry.objects.filter(action="incident.imported")
    assert entries.count() == 2 and AuditEntry.objects.count() == before + 2
    assert {e.actor_id for e in entries} == {world.users["investigator"].pk}


def test_incident_columns_may_be_left_blank_after_the_first_row(world):
    outcome = run(world, _csv(ROW, "A-1,,,,,,101,,,S1,,,handcuffs,10:03"))
    assert outcome.ok, messages(outcome)
    assert list(ForceApplication.objects.values_list("force_type", flat=True)) == ["takedown", "handcuffs"]
    assert Subject.objects.get().name == "John Roe"


def test_claim_about_one_subject_is_written_code_colon_ref(world):
    outcome = run(world, _csv(ROW.replace("subject_fled", "subject_fled:S1;effect_arrest")))
    assert outcome.ok, messages(outcome)
    claims = {c.kind: c.subject for c in Claim.objects.select_related("subject")}
    assert claims["subject_fled"].ref == "S1" and claims["effect_arrest"] is None


def test_repeated_incident_columns_that_disagree_are_errors(world):
    before = _state()
    outcome = run(world, _csv(ROW, ROW.replace("Main St", "Elm St").replace("takedown", "handcuffs")))
    assert messages(outcome) == [
        "row 3, column location: incident A-1 has 'Elm St' here but 'Main St' on row 2; repeated columns must agree"]
    assert _state() == before


def test_repeated_subject_and_officer_columns_that_disagree_are_errors(world):
    second = ROW.replace(",25,", ",26,").replace(",primary,", ",assisting,").replace("takedown", "handcuffs")
    outcome = run(world, _csv(ROW, second))
    assert {(p.where, p.column) for p in outcome.problems} == {("row 3", "subject_age"), ("row 3", "officer_role")}
    assert "subject S1 has '26' here but '25' on row 2" in messages(outcome)[1] + messages(outcome)[0]
    assert not Incident.objects.exists()


def test_multi_value_cells_agree_in_any_order(world):
    header = HEADER + ",subject_injuries"
    outcome = run(world, _csv(ROW + ",abrasion;laceration", ROW.replace("takedown", "handcuffs") + ", laceration ; abrasion",
                              header=header))
    assert outcome.ok, messages(outcome)
    assert Subject.objects.get().injuries == ["abrasion", "laceration"]


def test_rows_of_one_incident_must_be_together(world):
    other = ROW.replace("A-1", "B-1")
    outcome = run(world, _csv(ROW, other, ROW.replace("takedown", "handcuffs")))
    assert messages(outcome) == [
        "row 4, column number: incident A-1 already appeared on row 2; the rows of one incident must be next to each other"]
    assert not Incident.objects.exists()


def test_error_points_at_the_row_and_column_of_the_bad_value(world):
    rows = [ROW, "A-1,,,,,,102,assisting,,S1,,,lasso,10:04", "A-1,,,,,,,,,S2,,,,"]
    outcome = run(world, _csv(*rows))
    assert sorted(messages(outcome)) == [
        "row 3, column force_type: 'lasso' is not a known force type; use one of: push_shove, takedown, control_hold, "
        "handcuffs, hand_strike, foot_strike, knee_strike, prone_restraint, neck_restraint, oc_spray, cew_display, "
        "cew_drive_stun, cew_probe, impact_weapon, canine, less_lethal_projectile, firearm_pointed, firearm_discharged",
        "row 4, column subject_age: is required (give an age, or age_min and age_max when only a range is known)",
    ]


def test_every_problem_in_the_file_is_reported(world):
    rows = [ROW.replace(",25,", ",250,"), ROW.replace("A-1", "A-2").replace("street", "moon"),
            ROW.replace("A-1", "A-3").replace("2023-05-01T10:00", "2099-01-01T10:00")]
    outcome = run(world, _csv(*rows))
    assert [(p.where, p.column) for p in outcome.problems] == [
        ("row 2", "subject_age"), ("row 3", "location_type"), ("row 4", "occurred_at")]


def test_row_without_incident_number(world):
    outcome = run(world, _csv(ROW, "," + ROW.split(",", 1)[1].replace("takedown", "handcuffs")))
    assert messages(outcome) == ["row 3, column number: is empty; every row names its incident"]
    assert not Incident.objects.exists()


def test_force_columns_without_force_type(world):
    outcome = run(world, _csv(ROW, "A-1,,,,,,,,,,,,,10:09"))
    assert messages(outcome) == ["row 3, column force_at: is filled but force_type is empty"]


def test_officer_columns_without_a_badge(world):
    outcome = run(world, _csv(ROW, "A-1,,,,,,,assisting,,,,,,"))
    assert messages(outcome) == ["row 3, column officer_role: is filled but officer_badge is empty"]


def test_missing_header_columns_are_named(world):
    outcome = run(world, _csv("A-1,2023-05-01T10:00,Main St", header="number,occurred_at,location"))
    assert len(outcome.problems) == 1
    problem = outcome.problems[0]
    assert problem.where == "row 1 (the header)"
    assert "missing column(s): location_type, contact_reason, narrative, officer_badge, officer_role, subject_ref, force_type" in problem.message


def test_unknown_column_is_named_with_a_suggestion(world):
    outcome = run(world, _csv(ROW + ",x", header=HEADER + ",subjct_race"))
    assert messages(outcome) == ["row 1 (the header): unknown column 'subjct_race' (did you mean 'subject_race'?)"]


def test_column_named_twice(world):
    outcome = run(world, _csv(ROW + ",Main St", header=HEADER + ",location"))
    assert "column(s) named twice: location" in messages(outcome)[0]


def test_more_cells_than_columns(world):
    outcome = run(world, _csv(ROW + ",surprise"))
    assert messages(outcome) == ["row 2: has 15 cells but the header has 14 columns"]
    assert not Incident.objects.exists()


def test_unclosed_quote_is_a_clear_error(world):
    outcome = run(world, _csv(ROW, 'A-1,,,,,,,,,,,,"takedown'))
    assert len(outcome.problems) == 1
    assert "a quoted cell is never closed" in messages(outcome)[0]


def test_semicolon_separated_file_with_spreadsheet_style_header(world):
    header = HEADER.replace(",", ";").replace("officer_badge", "Officer Badge").replace("force_type", "Force-Type")
    row = ROW.replace(",", ";")
    outcome = run(world, _csv(row, header=header))
    assert outcome.ok, messages(outcome)


def test_header_only(world):
    assert messages(run(world, _csv())) == ["file: the file has a header but no rows"]


def test_quoted_cells_with_newlines_count_as_one_row(world):
    narrative = '"Driver fled.\nOfficer followed, ""stop"" was shouted."'
    rows = [ROW.replace("Driver fled on foot.", narrative), ROW.replace("A-1", "A-2").replace(",25,", ",999,")]
    outcome = run(world, _csv(*rows))
    assert [(p.where, p.column) for p in outcome.problems] == [("row 3", "subject_age")]


# The shared bad reports, as CSV. Fields that CSV cannot carry (unknown fields, lists where
# text belongs) are header or cell questions, tested above.
CSV_COLUMNS = {
    "age-not-a-number": {"subject_age"}, "age-out-of-range": {"subject_age"}, "negative-age": {"subject_age"},
    "unknown-force-type": {"force_type"}, "unknown-location-type": {"location_type"},
    "unknown-injury-code": {"subject_injuries"}, "in-the-future": {"occurred_at"}, "not-a-date": {"occurred_at"},
    "before-officer-was-hired": {"officer_badge"},
    # In a CSV file the force row itself lists the officer (without a role) and the subject (without an age).
    "force-by-officer-not-in-incident": {"officer_badge", "officer_role"},
    "force-on-unknown-subject": {"subject_age", "subject_ref"},
    "boolean-wrong-type": {"supervisor_present"}, "badge-not-in-agency": {"officer_badge"},
}


@pytest.mark.parametrize("data,case", [pytest.param(d, i, id=i) for i, d, _, _ in BAD_REPORTS if i in CSV_COLUMNS])
def test_bad_reports_in_csv_name_row_and_column_and_write_nothing(world, data, case):
    before = _state()
    outcome = run(world, csv_bytes([report(number="OK-1"), data]))
    assert not outcome.ok
    assert {p.column for p in outcome.problems} & CSV_COLUMNS[case], messages(outcome)
    assert all(p.where.startswith("row ") and p.where != "row 2" for p in outcome.problems)  # not the good incident's rows
    assert outcome.count == 0
    assert _state() == before


def test_dry_run_checks_without_writing(world):
    before = _state()
    outcome = run(world, csv_bytes([report()]), dry_run=True)
    assert outcome.ok and outcome.dry_run and outcome.count == 1
    assert _state() == before


def test_number_already_in_the_agency(world):
    run(world, csv_bytes([report()]))
    outcome = run(world, csv_bytes([report()]))
    assert [(p.where, p.column) for p in outcome.problems] == [("row 2", "number")]
    assert "already exists" in outcome.problems[0].message
