"""Every incident is evaluated when it is filed, corrected, imported or its recordings are
analysed; each evaluation is stored with the version used and the rules that fired, and
each change of outcome has an audit entry."""

from __future__ import annotations

from forcereview.audit.models import AuditEntry
from forcereview.evidence.models import LegalHold
from forcereview.records.actions import import_reports, update_incident
from forcereview.reviews.models import PolicyEvaluation, PolicyVersion, Referral, ReviewTask
from tests.conftest import report
from tests.reviews.conftest import CALM_RECORDING, SCHOOL_RECORDING, calm_report, call


def outcome_entries(incident):
    return list(AuditEntry.objects.filter(object_type="records.incident", object_id=str(incident.pk),
                                          action__in=["policy.evaluated", "policy.outcome_changed"]).order_by("id"))


def test_filing_a_report_over_the_api_evaluates_it_with_reasons(client_as, world):
    response = call(client_as("officer"), "POST", "/api/incidents/", report())
    assert response.status_code == 201, response.content
    incident_id = response.json()["id"]
    evaluation = PolicyEvaluation.objects.get(incident_id=incident_id, current=True)
    assert evaluation.version == PolicyVersion.objects.get(agency=world.agency, number=1)  # the default, stored on first use
    assert {"force-on-young-child", "force-on-juvenile-at-school"} <= set(evaluation.rules)
    assert evaluation.requires_internal_affairs
    young = next(f for f in evaluation.outcome["fired"] if f["rule"] == "force-on-young-child")
    assert young["because"] == ["subject age 11 is under 13"]
    (entry,) = outcome_entries(evaluation.incident)
    assert entry.action == "policy.evaluated"
    assert entry.actor_label == "system" and entry.note == "Report filed by officer"
    assert "force-on-young-child" in entry.after["rules"]
    assert Referral.objects.get(incident_id=incident_id).status == "pending"


def test_correcting_facts_reevaluates_and_audits_the_change_of_outcome(world, file_incident):
    incident = file_incident(calm_report())
    first = PolicyEvaluation.objects.get(incident=incident, current=True)
    assert first.rules == ["reportable-force-supervisor-review"]

    update_incident(incident, calm_report(subjects=[{"ref": "S1", "age": 12, "sex": "male"}]), by=world.users["command"])

    evaluations = list(PolicyEvaluation.objects.filter(incident=incident).order_by("id"))
    assert len(evaluations) == 2 and not evaluations[0].current and evaluations[1].current
    assert "force-on-young-child" in evaluations[1].rules
    changed = outcome_entries(incident)[-1]
    assert changed.action == "policy.outcome_changed"
    assert changed.before["rules"] == ["reportable-force-supervisor-review"]
    assert "force-on-young-child" in changed.after["rules"]
    assert Referral.objects.filter(incident=incident, status="pending").exists()


def test_a_correction_that_changes_no_outcome_adds_no_audit_entry(world, file_incident):
    incident = file_incident(calm_report())
    update_incident(incident, calm_report(location="Main St at 5th"), by=world.users["command"])
    assert PolicyEvaluation.objects.filter(incident=incident).count() == 2
    assert [e.action for e in outcome_entries(incident)] == ["policy.evaluated"]
    assert not PolicyEvaluation.objects.get(incident=incident, current=True).changed


def test_an_analysed_recording_reevaluates_the_incident(world, file_incident, recordings):
    incident = file_incident(calm_report())
    assert not PolicyEvaluation.objects.get(incident=incident, current=True).requires_internal_affairs
    recordings.attach(incident, SCHOOL_RECORDING)
    current = PolicyEvaluation.objects.get(incident=incident, current=True)
    assert current.trigger == "analysis"
    assert {"bystander-objection-on-recording", "high-risk-recording"} <= set(current.rules)
    assert current.risk_level == "high" and current.risk_score >= 70
    assert outcome_entries(incident)[-1].action == "policy.outcome_changed"
    referral = Referral.objects.get(incident=incident)
    assert any(r["rules"] == ["bystander-objection-on-recording"] for r in referral.reasons)
    hold = LegalHold.objects.get(item__incident=incident, key="review-policy", lifted_at__isnull=True)
    assert "bystander-objection-on-recording" in hold.reason


def test_a_required_recording_that_is_missing_is_flagged(world, file_incident, recordings):
    incident = file_incident(calm_report(recording_expected=True))
    assert "missing-required-recording" in PolicyEvaluation.objects.get(incident=incident, current=True).rules
    recordings.attach(incident, CALM_RECORDING)
    assert "missing-required-recording" not in PolicyEvaluation.objects.get(incident=incident, current=True).rules


def test_imported_reports_are_evaluated_in_batches_after_the_import_commits(world, django_capture_on_commit_callbacks):
    rows = [(f"row {n}", calm_report(number=f"2024-IMP-{n:03d}")) for n in range(25)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = import_reports(world.agency, rows, by=world.users["command"])
        assert PolicyEvaluation.objects.count() == 0  # nothing evaluated inside the import
    assert result.count == 25
    assert len(callbacks) >= 1
    assert PolicyEvaluation.objects.filter(current=True, trigger="imported").count() == 25
    assert ReviewTask.objects.filter(level="supervisor").count() == 25
    assert AuditEntry.objects.filter(action="policy.evaluated").count() == 25


def test_a_rolled_back_import_evaluates_nothing(world, django_capture_on_commit_callbacks):
    bad = [("row 1", calm_report(number="2024-IMP-001")), ("row 2", calm_report(number="2024-IMP-001"))]
    with django_capture_on_commit_callbacks(execute=True):
        result = import_reports(world.agency, bad, by=world.users["command"])
    assert not result.ok
    assert PolicyEvaluation.objects.count() == 0


def test_the_batch_read_of_reports_is_the_incident_snapshot(world, file_incident):
    """Re-evaluation reads reports as plain rows; they must be the reports ``report_of``
    builds from the incident, key for key."""
    from forcereview.records.models import Incident
    from forcereview.reviews.gather import prefetched, report_of, reports_of
    from tests.conftest import report

    school = file_incident(report(witnesses=[{"name": "Pat Admin", "role": "school_staff", "statement": "No threat."},
                                             {"name": "Lee Parent", "role": "parent"}]))
    two = file_incident(report(number="2019-0827-002", subjects=[
        {"ref": "S1", "age": 15, "impairments": ["mental_health"], "resistance": ["fled"]},
        {"ref": "S2", "age_min": 20, "age_max": 30}],
        force=[{"officer": "101", "subject": "S2", "type": "takedown", "at": "12:06:20"},
               {"officer": "102", "subject": "S1", "type": "handcuffs"}],
        officers=[{"badge": "101", "role": "primary", "claims": [{"kind": "subject_fled", "subject": "S1"}]},
                  {"badge": "102", "role": "assisting", "claims": ["effect_arrest"]}]))
    incidents = list(Incident.objects.filter(pk__in=[school.pk, two.pk]).select_related("reported_by"))
    batch = reports_of(incidents)
    for incident in prefetched([school.pk, two.pk]):
        assert batch[incident.pk] == report_of(incident)
