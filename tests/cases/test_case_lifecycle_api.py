"""The whole life of a case through the REST API: opened by an investigator, investigated
(compelled and voluntary interviews, allegations against the officer and the reviewer),
decided by command, disciplined, reported to the standards board, closed."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from forcereview.audit.models import AuditEntry
from forcereview.cases.models import Case, DisclosureMark, Discipline, StandardsReport
from forcereview.deadlines.models import Deadline


def test_case_from_opening_to_closing_through_the_api(ia, api):
    today = timezone.localdate()
    inv, cmd = api("investigator"), api("command")

    r = inv.post("/api/cases/", {
        "title": "Force on a juvenile at a school", "incidents": [ia.incident.number],
        "officers": [{"badge": "101", "role": "subject"}, {"badge": "30", "role": "reviewer"},
                     {"badge": "102", "role": "witness"}],
        "lead_investigator": "investigator", "first_reported_on": today.isoformat()})
    assert r.status_code == 201, r.content
    case = r.json()
    cid = case["id"]
    assert case["number"] == f"IA-{today.year}-0001" and case["status"] == "investigating"
    assert case["incidents"] == [ia.incident.number]
    [investigation] = [d for d in case["deadlines"] if d["kind"] == "cases.investigation"]
    assert "60 days after" in investigation["basis"]

    now = timezone.now().isoformat()
    assert inv.post(f"/api/cases/{cid}/log", {
        "kind": "interview", "occurred_at": now, "interviewee_badge": "101", "interviewer": "investigator",
        "advisement": "garrity", "summary": "Officer says the girl pulled away."}).status_code == 200
    assert inv.post(f"/api/cases/{cid}/log", {
        "kind": "interview", "occurred_at": now, "interviewee_name": "Pat Admin", "interviewer": "investigator",
        "summary": "The school administrator says she was no threat."}).status_code == 200
    assert inv.post(f"/api/cases/{cid}/log", {
        "kind": "evidence_review", "occurred_at": now, "evidence_ref": "Body camera #101, 12:05-12:09",
        "summary": "The recording shows a takedown without resistance."}).status_code == 200

    r = inv.post(f"/api/cases/{cid}/allegations", {
        "officer": "101", "category": "excessive_force", "policy_section": "Policy 300.3",
        "description": "Took down an 11-year-old who posed no threat."})
    assert r.status_code == 200
    r = inv.post(f"/api/cases/{cid}/allegations", {
        "officer": "30", "category": "review_failure", "policy_section": "Policy 301.2",
        "description": "Found the takedown within policy although the recording showed otherwise."})
    force, review = r.json()["allegations"]
    assert review["officer"] == "30"

    # Nothing goes to command before every allegation has a recommendation.
    r = inv.post(f"/api/cases/{cid}/submit")
    assert r.status_code == 422 and r.json()["field"] == "allegations"
    for a, finding in ((force, "sustained"), (review, "sustained")):
        assert inv.post(f"/api/cases/{cid}/allegations/{a['id']}/recommend",
                        {"finding": finding, "reason": "The recording contradicts the report."}).status_code == 200
    assert inv.post(f"/api/cases/{cid}/submit").json()["status"] == "adjudication"
    # An investigator cannot decide the final finding; command can, and differently.
    assert inv.post(f"/api/cases/{cid}/allegations/{force['id']}/decide",
                    {"finding": "sustained", "reason": "x"}).status_code == 403
    r = cmd.post(f"/api/cases/{cid}/allegations/{force['id']}/decide",
                 {"finding": "sustained", "reason": "Force on a child who posed no threat."})
    assert r.status_code == 200
    r = cmd.post(f"/api/cases/{cid}/allegations/{review['id']}/decide",
                 {"finding": "not_sustained", "reason": "The recording was not available to the sergeant."})
    body = r.json()
    assert [a["final_finding"] for a in body["allegations"]] == ["sustained", "not_sustained"]
    assert [a["recommended_finding"] for a in body["allegations"]] == ["sustained", "sustained"]

    # The matrix proposes; it does not impose.
    [proposal] = body["discipline"]
    assert proposal["status"] == "proposed" and proposal["presumptive"] == ["suspension_4_10", "termination"]
    ia.officer.refresh_from_db()
    assert ia.officer.status == "active"
    # Sustained excessive force marks the officer for disclosure and owes the board a report.
    assert DisclosureMark.objects.filter(officer=ia.officer, category="excessive_force").exists()
    sustained_report = StandardsReport.objects.get(case_id=cid, trigger="sustained_finding")
    assert sustained_report.due_on == today + timedelta(days=30)
    assert Deadline.objects.filter(kind="cases.board_report", target_id=sustained_report.pk, status="open").exists()

    # Closing waits for the discipline decision.
    r = cmd.post(f"/api/cases/{cid}/close", {"note": "Findings made."})
    assert r.status_code == 422 and r.json()["field"] == "discipline"
    r = cmd.post(f"/api/cases/{cid}/discipline/{proposal['id']}", {
        "penalty": "suspension_4_10", "suspension_days": 10, "reason": "Force on a child; no prior history.",
        "aggravating": ["Subject was a child or otherwise vulnerable"], "mitigating": ["No prior discipline"]})
    decided = r.json()["discipline"][0]
    assert decided["status"] == "decided" and decided["departs_from_range"] is False
    assert cmd.post(f"/api/cases/{cid}/training", {
        "officer": "101", "course": "De-escalation with children", "due_on": (today + timedelta(days=60)).isoformat(),
    }).status_code == 200
    r = cmd.post(f"/api/cases/{cid}/board-reports/{sustained_report.pk}", {
        "step": "file", "filed_on": today.isoformat(), "board_reference": "LEA-90 #2026-17"})
    assert r.status_code == 200
    r = cmd.post(f"/api/cases/{cid}/close", {"note": "Sustained; suspended 10 days; training assigned."})
    assert r.status_code == 200 and r.json()["status"] == "closed"

    case_row = Case.objects.get(pk=cid)
    assert case_row.closed_at is not None
    assert Discipline.objects.get(case=case_row).penalty == "suspension_4_10"
    assert Deadline.objects.get(kind="cases.investigation", target_id=cid).status == "met"
    assert Deadline.objects.get(kind="cases.command_review", target_id=cid).status == "met"
    actions = list(AuditEntry.objects.for_object(case_row).values_list("action", flat=True))
    for expected in ("case.opened", "case.log_entry_added", "case.allegation_added", "case.finding_recommended",
                     "case.submitted", "case.finding_decided", "case.discipline_proposed", "case.disclosure_marked",
                     "case.board_report_owed", "case.discipline_decided", "case.training_assigned",
                     "case.board_report_filed", "case.closed"):
        assert expected in actions, expected
    decided_entry = AuditEntry.objects.for_object(case_row).get(action="case.finding_decided",
                                                                after__allegation=review["id"])
    assert decided_entry.after["differs_from_recommendation"] is True


def test_refusals_name_the_field_and_change_nothing(ia, api, open_school_case):
    case = open_school_case()
    inv = api("investigator")
    before = AuditEntry.objects.count()
    cases = [
        ({"officer": "101", "category": "rudeness", "policy_section": "x", "description": "y"}, "category"),
        ({"officer": "101", "category": "bias", "policy_section": " ", "description": "y"}, "policy_section"),
        ({"officer": "999", "category": "bias", "policy_section": "x", "description": "y"}, "officer"),
        ({"officer": "102", "category": "bias", "policy_section": "x", "description": "y"}, "officer"),
    ]
    for body, field in cases:
        r = inv.post(f"/api/cases/{case.pk}/allegations", body)
        assert r.status_code == 422 and r.json()["field"] == field, (body, r.content)
    r = inv.post(f"/api/cases/{case.pk}/log", {"kind": "interview", "occurred_at": timezone.now().isoformat(),
                                               "interviewee_name": "Pat", "advisement": "garrity",
                                               "interviewer": "investigator", "summary": "x"})
    assert r.status_code == 422 and r.json()["field"] == "compelled"
    r = inv.post(f"/api/cases/{case.pk}/log", {"kind": "interview", "occurred_at": "2099-01-01T00:00:00Z",
                                               "interviewee_badge": "101", "interviewer": "investigator",
                                               "summary": "x"})
    assert r.status_code == 422 and r.json()["field"] == "occurred_at"
    assert AuditEntry.objects.count() == before
    assert case.allegations.count() == 0 and case.log.count() == 0


def test_a_case_held_in_abeyance_pauses_its_investigation_deadline(ia, api, open_school_case):
    case = open_school_case()
    inv = api("investigator")
    r = inv.post(f"/api/cases/{case.pk}/hold", {"reason": "The attorney general's case goes first."})
    assert r.json()["status"] == "abeyance"
    assert Deadline.objects.get(kind="cases.investigation", target_id=case.pk).status == "cancelled"
    assert inv.post(f"/api/cases/{case.pk}/log", {"kind": "note", "occurred_at": timezone.now().isoformat(),
                                                  "summary": "waiting"}).status_code == 200
    r = inv.post(f"/api/cases/{case.pk}/resume", {"reason": "criminal case decided"})
    assert r.json()["status"] == "investigating"
    active = Deadline.objects.get(kind="cases.investigation", target_id=case.pk, status="open")
    assert active.due_local.date() == timezone.localdate() + timedelta(days=60)


def test_criminal_referral_moves_through_its_statuses_and_a_plea_owes_a_board_report(ia, api, open_school_case):
    case = open_school_case()
    inv = api("investigator")
    r = inv.post(f"/api/cases/{case.pk}/referrals", {"referred_to": "district_attorney",
                                                     "office": "11th Judicial District Attorney",
                                                     "referred_on": "2019-09-10", "officer": "101"})
    [ref] = r.json()["referrals"]
    assert ref["status"] == "pending"
    r = inv.post(f"/api/cases/{case.pk}/referrals/{ref['id']}", {"status": "declined", "on": "2019-12-01",
                                                                 "note": "Declined to prosecute."})
    assert r.json()["referrals"][0]["status"] == "declined"
    r = inv.post(f"/api/cases/{case.pk}/referrals/{ref['id']}", {"status": "charged", "on": "2020-01-01"})
    assert r.status_code == 422 and "final" in r.json()["detail"]
    r = inv.post(f"/api/cases/{case.pk}/referrals", {"referred_to": "attorney_general", "referred_on": "2020-08-01"})
    ag = r.json()["referrals"][1]
    inv.post(f"/api/cases/{case.pk}/referrals/{ag['id']}", {"status": "charged", "on": "2020-09-15",
                                                           "charges": "battery; child abuse"})
    r = inv.post(f"/api/cases/{case.pk}/referrals/{ag['id']}", {"status": "plea", "on": "2021-04-01",
                                                               "note": "No contest."})
    reports = StandardsReport.objects.filter(case=case, trigger="criminal_outcome")
    # The referral named no officer: every officer under investigation is reported.
    assert sorted(r.officer.badge_number for r in reports) == ["101", "30"]
    assert all(r.due_on == date(2021, 5, 1) for r in reports)
