"""The safety net: a reviewer who finds an incident within policy while the policy requires
internal affairs, the recordings are high risk, or the report is contradicted by the
recordings, is recorded as disagreeing; the incident goes to internal affairs anyway, the
next level is told and takes it up, and the reviewer is told why, plainly."""

from __future__ import annotations

from forcereview.audit.models import AuditEntry
from forcereview.records.models import Incident
from forcereview.reviews.models import Disagreement, EvidenceFlag, Referral, ReviewTask
from tests.conftest import report
from tests.reviews.conftest import (
    CALM_RECORDING,
    DISTRESS_RECORDING,
    HIGH_RISK_RECORDING,
    SCHOOL_RECORDING,
    calm_report,
    determine,
)


def test_within_policy_on_the_school_case_is_overruled_and_referred(
        emails, client_as, file_incident, recordings, lieutenant_login, django_capture_on_commit_callbacks, mailoutbox):
    world = emails
    incident = file_incident(report())
    recordings.attach(incident, SCHOOL_RECORDING)
    task = ReviewTask.objects.get(incident=incident, level="supervisor")
    assert task.assignee == world.sergeant

    with django_capture_on_commit_callbacks(execute=True):
        response = determine(client_as("supervisor"), task)
    assert response.status_code == 302
    page = client_as("supervisor").get(response["Location"]).content.decode()
    assert "the system does not accept it" in page

    disagreement = Disagreement.objects.get(incident=incident)
    assert disagreement.reviewer == world.users["supervisor"]
    assert disagreement.determination.decision == "within_policy"  # kept as written
    assert disagreement.next_level == world.lieutenant
    text = " ".join(disagreement.reasons)
    assert "The review policy sends this incident to internal affairs" in text
    assert "subject age 11 is under 13" in text
    assert "rates this encounter high risk (" in text
    assert "the recordings do not support the report" in text

    referral = Referral.objects.get(incident=incident)
    assert referral.status == "pending"
    assert any(r["source"] == "safety_net" and "found the incident within policy" in r["text"] for r in referral.reasons)
    assert Incident.objects.get(pk=incident.pk).status == "referred"
    next_task = ReviewTask.objects.get(incident=incident, level="lieutenant")
    assert (next_task.origin, next_task.assignee) == ("disagreement", world.lieutenant)

    entry = AuditEntry.objects.get(action="review.disagreement", object_id=str(disagreement.pk))
    assert entry.after["reviewer"] == "supervisor" and entry.after["next_level"] == "20"

    told = [m for m in mailoutbox if m.to == ["supervisor@mesa.example"] and "referred to internal affairs" in m.subject]
    assert told and "The system did not accept that, because:" in told[0].body
    assert any("lieutenant@mesa.example" in m.to and "Review disagreement" in m.subject for m in mailoutbox)

    incident_page = client_as("command").get(f"/incidents/{incident.pk}/").content.decode()
    assert "Review disagreement." in incident_page and "the system does not accept it" in incident_page


def test_high_risk_recording_alone_triggers_the_safety_net(world, client_as, file_incident, recordings):
    incident = file_incident(calm_report())
    recordings.attach(incident, HIGH_RISK_RECORDING)
    determine(client_as("supervisor"), ReviewTask.objects.get(incident=incident, level="supervisor"))
    (reason,) = Disagreement.objects.get(incident=incident).reasons
    assert reason.startswith("The analysis of the recordings rates this encounter high risk (")
    assert Referral.objects.filter(incident=incident, status="pending").exists()


def test_open_report_against_evidence_flag_triggers_the_safety_net(world, client_as, file_incident, recordings):
    incident = file_incident(calm_report(officers=[{"badge": "102", "role": "primary",
                                                    "claims": ["subject_assaulted_officer"]}]))
    recordings.attach(incident, DISTRESS_RECORDING)
    assert EvidenceFlag.objects.get(incident=incident).status == "open"
    determine(client_as("supervisor"), ReviewTask.objects.get(incident=incident, level="supervisor"))
    (reason,) = Disagreement.objects.get(incident=incident).reasons
    assert reason.startswith("1 finding that the recordings do not support the report is still open:")


def test_a_resolved_flag_no_longer_blocks_within_policy(world, client_as, file_incident, recordings):
    incident = file_incident(calm_report(officers=[{"badge": "102", "role": "primary",
                                                    "claims": ["subject_assaulted_officer"]}]))
    recordings.attach(incident, DISTRESS_RECORDING)
    flag = EvidenceFlag.objects.get(incident=incident)
    response = client_as("supervisor").post(f"/reviews/flag/{flag.pk}/resolve/", {
        f"flag{flag.pk}-note": "The kick happened before the camera was switched on; the partner's camera shows it."})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == "resolved" and flag.resolved_by == world.users["supervisor"]
    assert AuditEntry.objects.filter(action="evidence_flag.resolved", object_id=str(flag.pk)).exists()
    determine(client_as("supervisor"), ReviewTask.objects.get(incident=incident, level="supervisor"))
    assert not Disagreement.objects.exists()
    assert not Referral.objects.exists()


def test_within_policy_on_a_calm_incident_raises_nothing(world, client_as, file_incident, recordings):
    incident = file_incident(calm_report())
    recordings.attach(incident, CALM_RECORDING)
    determine(client_as("supervisor"), ReviewTask.objects.get(incident=incident))
    assert not Disagreement.objects.exists() and not Referral.objects.exists()


def test_a_reviewer_can_refer_to_internal_affairs_themself(world, client_as, file_incident):
    incident = file_incident(calm_report())
    determine(client_as("supervisor"), ReviewTask.objects.get(incident=incident), decision="refer_internal_affairs",
              rationale="The takedown was not needed: the driver had stopped and was complying.")
    referral = Referral.objects.get(incident=incident)
    (reason,) = referral.reasons
    assert reason["source"] == "reviewer" and "The takedown was not needed" in reason["text"]
    assert not Disagreement.objects.exists()
    assert Incident.objects.get(pk=incident.pk).status == "referred"


def test_a_determination_needs_a_written_rationale(world, client_as, file_incident):
    incident = file_incident(calm_report())
    task = ReviewTask.objects.get(incident=incident)
    response = client_as("supervisor").post(f"/api/reviews/tasks/{task.pk}/determination",
                                            data={"decision": "within_policy", "rationale": "ok"},
                                            content_type="application/json")
    assert response.status_code == 422
    assert response.json()["field"] == "rationale"
    assert ReviewTask.objects.get(pk=task.pk).status == "open"
