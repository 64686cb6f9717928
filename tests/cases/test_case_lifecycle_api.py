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


def test_consequences_training_and_the_board_report_deadline_through_the_api(ia, api, open_school_case):
    """Leave, reassignment, demotion and remedial training, each through ``update_officer`` and the
    audit log; a board report's deadline is met when the report is filed."""
    from forcereview.cases.actions import findings
    from forcereview.cases.models import LeavePeriod, PersonnelAction, TrainingAssignment

    case = open_school_case()
    cmd, inv = api("command"), api("investigator")
    url = f"/api/cases/{case.pk}"
    r = cmd.post(f"{url}/personnel", {"action": "leave", "officer": "101", "effective_on": "2019-08-28",
                                      "reason": "Pending the investigation."})
    assert r.status_code == 200, r.content
    ia.officer.refresh_from_db()
    assert ia.officer.status == "leave"
    leave = LeavePeriod.objects.get(officer=ia.officer)
    assert leave.case == case and leave.ends_on is None and leave.kind == "administrative_paid"
    r = cmd.post(f"{url}/personnel", {"action": "end_leave", "officer": "101", "effective_on": "2019-09-30",
                                      "reason": "Back to light duty."})
    leave.refresh_from_db()
    ia.officer.refresh_from_db()
    assert r.status_code == 200 and leave.ends_on.isoformat() == "2019-09-30" and ia.officer.status == "active"
    assert cmd.post(f"{url}/personnel", {"action": "end_leave", "officer": "101", "effective_on": "2019-10-01",
                                         "reason": "again"}).json()["field"] == "officer"

    r = cmd.post(f"{url}/personnel", {"action": "reassign", "officer": "101", "effective_on": "2019-10-01",
                                      "reason": "Away from schools.", "unit": "Patrol A", "assignment": "patrol"})
    assert r.status_code == 200, r.content
    ia.officer.refresh_from_db()
    assert ia.officer.unit == ia.patrol and ia.officer.assignment == "patrol"
    assert cmd.post(f"{url}/personnel", {"action": "reassign", "officer": "101", "effective_on": "2019-10-01",
                                         "reason": "x", "unit": "No Such Unit"}).json()["field"] == "unit"
    r = cmd.post(f"{url}/personnel", {"action": "demote", "officer": "30", "effective_on": "2019-10-02",
                                      "reason": "Failed to identify the violation.", "rank": "officer"})
    assert r.status_code == 200, r.content
    ia.sergeant.refresh_from_db()
    assert ia.sergeant.rank == "officer"
    kinds = [p["kind"] for p in r.json()["personnel"]]
    assert sorted(kinds) == ["demotion", "reassignment"]
    assert PersonnelAction.objects.filter(case=case).count() == 2
    # Only command decides consequences; an officer not named in the case is refused by field.
    assert inv.post(f"{url}/personnel", {"action": "leave", "officer": "101", "effective_on": "2019-08-28",
                                         "reason": "x"}).status_code == 403
    assert cmd.post(f"{url}/personnel", {"action": "leave", "officer": "201", "effective_on": "2019-08-28",
                                         "reason": "x"}).json()["field"] == "officer"
    assert cmd.post(f"{url}/personnel", {"action": "promote", "officer": "101", "effective_on": "2019-08-28",
                                         "reason": "x"}).json()["field"] == "action"
    officer_changes = AuditEntry.objects.filter(object_type="records.officer", object_id=str(ia.officer.pk))
    assert officer_changes.filter(after__status="leave").exists() and officer_changes.filter(after__status="active").exists()

    # Remedial training: assigned with a deadline, completed (the deadline is met).
    due = timezone.localdate() + timedelta(days=60)
    r = cmd.post(f"{url}/training", {"officer": "101", "course": "De-escalation with children", "due_on": due.isoformat()})
    assert r.status_code == 200
    training = TrainingAssignment.objects.get(case=case)
    deadline = Deadline.objects.get(kind="cases.training", target_id=training.pk)
    assert deadline.status == "open" and deadline.due_local.date() == due
    r = inv.post(f"{url}/training/{training.pk}/complete", {"completed_on": timezone.localdate().isoformat(),
                                                             "note": "Certificate on file."})
    assert r.status_code == 200, r.content
    training.refresh_from_db()
    deadline.refresh_from_db()
    assert training.completed_on == timezone.localdate() and deadline.status == "met"
    assert inv.post(f"{url}/training/999999/complete", {"completed_on": "2020-01-01"}).status_code == 404

    # A sustained finding owes the board a report within 30 days; filing it meets its deadline.
    a = findings.add_allegation(case, by=ia.users["investigator"], officer=ia.officer, category="excessive_force",
                                policy_section="Policy 300.3", description="Takedown of a child.")
    findings.recommend_finding(a, by=ia.users["investigator"], finding="sustained", reason="The recording.")
    inv.post(f"{url}/submit")
    cmd.post(f"{url}/allegations/{a.pk}/decide", {"finding": "sustained", "reason": "Agreed."})
    [report] = [b for b in cmd.get(url).json()["board_reports"] if b["trigger"] == "sustained_finding"]
    assert report["due_on"] == (timezone.localdate() + timedelta(days=30)).isoformat()
    board_deadline = Deadline.objects.get(kind="cases.board_report", target_id=report["id"])
    assert board_deadline.status == "open"
    r = cmd.post(f"{url}/board-reports/{report['id']}", {"step": "file"})
    assert r.status_code == 422 and r.json()["field"] == "filed_on"
    cmd.post(f"{url}/board-reports/{report['id']}", {"step": "file", "filed_on": timezone.localdate().isoformat(),
                                                     "board_reference": "LEA-90 #1"})
    board_deadline.refresh_from_db()
    assert board_deadline.status == "met"


def test_criminal_referral_conviction_and_acquittal(ia, api, open_school_case):
    case = open_school_case()
    inv = api("investigator")
    url = f"/api/cases/{case.pk}/referrals"
    for office, outcome in (("state_police", "acquittal"), ("district_attorney", "conviction")):
        r = inv.post(url, {"referred_to": office, "referred_on": "2019-09-01", "officer": "101"})
        assert r.status_code == 200, r.content
        ref = r.json()["referrals"][-1]
        assert ref["status"] == "pending"
        assert inv.post(f"{url}/{ref['id']}", {"status": "charged", "on": "2019-10-01",
                                               "charges": "Battery"}).status_code == 200
        r = inv.post(f"{url}/{ref['id']}", {"status": outcome, "on": "2020-03-01"})
        assert r.status_code == 200, r.content
        assert r.json()["referrals"][-1]["status"] == outcome
    r = inv.post(url, {"referred_to": "the neighbours", "referred_on": "2019-09-01"})
    assert r.status_code == 422 and r.json()["field"] == "referred_to"
    actions = list(AuditEntry.objects.for_object(case).values_list("action", flat=True))
    assert len([a for a in actions if "referral" in a]) >= 6  # two referrals, each charged, then its outcome


def test_civil_claim_holds_the_evidence_and_records_its_outcome(ia, api, open_school_case, django_capture_on_commit_callbacks):
    import io

    from forcereview.evidence.actions import add_evidence
    from forcereview.evidence.models import EvidenceItem

    with django_capture_on_commit_callbacks(execute=True):
        add_evidence(ia.incident, io.BytesIO(b"OFFICER (Miller): Stop.\n"), by=ia.users["command"], name="bwc.txt")
    item = EvidenceItem.objects.get(incident=ia.incident)
    case = open_school_case()
    cmd = api("command")
    r = cmd.post("/api/cases/claims", {"incident": ia.incident.number, "claimant_name": "A Parent",
                                       "received_on": "2019-10-15", "counsel": "Civil Rights Law Office",
                                       "claimant_is_minor": True, "claimant_born_on": "2008-03-01",
                                       "case": case.number})
    assert r.status_code == 201, r.content
    claim = r.json()
    assert claim["case"] == case.number and claim["periods"]
    hold = item.holds.get(key=f"civil_claim:{claim['id']}")
    assert hold.is_active
    assert Deadline.objects.filter(kind="cases.claim_limitation", status="open").exists()
    r = cmd.post(f"/api/cases/claims/{claim['id']}/outcome", {"outcome": "settlement", "on": "2021-02-01",
                                                              "amount": "250000.00"})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "closed" and r.json()["outcome"] == "settlement" and r.json()["amount"] == "250000.00"
    hold.refresh_from_db()
    assert not hold.is_active  # the claim's own hold is lifted; holds placed for other reasons stay
    assert item.holds.exclude(key=hold.key).filter(lifted_at__isnull=True).count() == item.holds.count() - 1
    assert not Deadline.objects.filter(kind="cases.claim_limitation", status="open").exists()
    assert AuditEntry.objects.for_object(case).filter(action="case.claim_closed", after__outcome="settlement").exists()
