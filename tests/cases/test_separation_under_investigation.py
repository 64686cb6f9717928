"""An officer who leaves while a case about them is open: kept as "separated while under
investigation", reported to the standards board within 30 days, and the case goes on to a
finding (the Farmington officer resigned before the case ended)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from forcereview.audit.models import AuditEntry
from forcereview.cases.models import LeavePeriod, PersonnelAction, StandardsReport
from forcereview.deadlines.models import Deadline


def test_resignation_during_the_case_is_kept_reported_and_the_case_reaches_a_finding(ia, api, open_school_case):
    case = open_school_case()
    cmd, inv = api("command"), api("investigator")
    today = timezone.localdate()

    r = cmd.post(f"/api/cases/{case.pk}/personnel", {"action": "leave", "officer": "101",
                                                     "effective_on": today.isoformat(),
                                                     "reason": "Administrative leave pending the investigation."})
    assert r.status_code == 200
    ia.officer.refresh_from_db()
    assert ia.officer.status == "leave"
    assert AuditEntry.objects.filter(action="officer.updated", object_id=str(ia.officer.pk),
                                     after__status="leave").exists()

    resigned_on = today + timedelta(days=3)
    r = cmd.post(f"/api/cases/{case.pk}/personnel", {"action": "separate", "officer": "101", "separation": "resigned",
                                                     "effective_on": resigned_on.isoformat(),
                                                     "reason": "Resignation letter received."})
    assert r.status_code == 200, r.content
    [sep] = r.json()["personnel"]
    assert sep == {"officer": "101", "kind": "separation", "effective_on": resigned_on.isoformat(),
                   "separation": "resigned", "while_under_investigation": True}
    ia.officer.refresh_from_db()
    assert ia.officer.status == "separated"
    assert LeavePeriod.objects.get(officer=ia.officer).ends_on == resigned_on
    report = StandardsReport.objects.get(case=case, officer=ia.officer, trigger="separation_under_investigation")
    assert report.due_on == resigned_on + timedelta(days=30)
    assert Deadline.objects.get(kind="cases.board_report", target_id=report.pk).status == "open"
    assert r.json()["status"] == "investigating"  # the case goes on

    inv.post(f"/api/cases/{case.pk}/allegations", {"officer": "101", "category": "excessive_force",
                                                   "policy_section": "300.3", "description": "Takedown."})
    aid = case.allegations.get().pk
    inv.post(f"/api/cases/{case.pk}/allegations/{aid}/recommend", {"finding": "sustained", "reason": "Recording."})
    inv.post(f"/api/cases/{case.pk}/submit")
    r = cmd.post(f"/api/cases/{case.pk}/allegations/{aid}/decide", {"finding": "sustained", "reason": "Recording."})
    [proposal] = r.json()["discipline"]
    r = cmd.post(f"/api/cases/{case.pk}/discipline/{proposal['id']}",
                 {"penalty": "none", "reason": "The officer resigned before a decision could be carried out."})
    assert r.json()["discipline"][0]["departs_from_range"] is True
    r = cmd.post(f"/api/cases/{case.pk}/close", {"note": "Sustained; officer resigned while under investigation."})
    assert r.json()["status"] == "closed"
    # The mark stays with the officer for good.
    assert PersonnelAction.objects.get(officer=ia.officer).while_under_investigation is True
    page = api("command").client.get(f"/cases/{case.pk}/").content.decode()
    assert "Separated while under investigation" in page
    summary = api("auditor").get(f"/api/cases/summaries/{case.pk}").json()
    assert summary["separated_while_under_investigation"] == 1
    assert {tuple(x) for x in summary["board_reports"]} >= {("Separated while under investigation", "Due"),
                                                            ("Sustained finding", "Due")}


def test_separation_with_no_open_case_is_not_under_investigation(ia, open_school_case):
    from forcereview.cases.actions.discipline import separate

    case = open_school_case(officers=[(ia.officer, "subject"), (ia.partner, "witness")])
    action = separate(ia.partner, by=ia.users["command"], separation="retired", effective_on=timezone.localdate(),
                      reason="Retirement.", case=case)
    assert action.while_under_investigation is False  # a witness is not under investigation
    assert not StandardsReport.objects.filter(officer=ia.partner).exists()


def test_separated_officer_cannot_separate_twice_or_go_on_leave(ia, open_school_case, api):
    case = open_school_case()
    cmd = api("command")
    body = {"action": "separate", "officer": "101", "separation": "terminated",
            "effective_on": timezone.localdate().isoformat(), "reason": "Terminated."}
    assert cmd.post(f"/api/cases/{case.pk}/personnel", body).status_code == 200
    r = cmd.post(f"/api/cases/{case.pk}/personnel", body)
    assert r.status_code == 422 and "already separated" in r.json()["detail"]
    r = cmd.post(f"/api/cases/{case.pk}/personnel", {**body, "action": "leave"})
    assert r.status_code == 422


def test_reassignment_and_demotion_go_through_the_officer_record(ia, open_school_case, api):
    case = open_school_case()
    cmd = api("command")
    r = cmd.post(f"/api/cases/{case.pk}/personnel", {"action": "reassign", "officer": "101", "unit": "Patrol A",
                                                     "assignment": "patrol", "effective_on": "2019-09-01",
                                                     "reason": "Removed from the school."})
    assert r.status_code == 200
    ia.officer.refresh_from_db()
    assert ia.officer.unit == ia.patrol and ia.officer.assignment == "patrol"
    r = cmd.post(f"/api/cases/{case.pk}/personnel", {"action": "demote", "officer": "30", "rank": "lieutenant",
                                                     "effective_on": "2019-09-01", "reason": "x"})
    assert r.status_code == 422 and r.json()["field"] == "rank"
    r = cmd.post(f"/api/cases/{case.pk}/personnel", {"action": "demote", "officer": "30", "rank": "corporal",
                                                     "effective_on": "2019-09-01", "reason": "Review failures."})
    ia.sergeant.refresh_from_db()
    assert ia.sergeant.rank == "corporal"
    assert PersonnelAction.objects.get(kind="demotion").before == {"rank": "sergeant"}
