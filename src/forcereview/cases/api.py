"""The cases REST API (``/api/cases``): the life of a case, civil claims, disclosure marks,
de-identified summaries for auditors, and the complaints intake queue.

Thin: resolve names (badges, usernames, incident numbers) within the caller's agency, check
access through ``cases.access`` (a case the caller may not see answers 404), call
``cases.actions``. A refused action answers 422 with the field and the reason.
"""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Status

from forcereview.accounts.models import User
from forcereview.accounts.roles import Role
from forcereview.accounts.rules import api_roles
from forcereview.cases import casefile
from forcereview.cases import api_schemas as s
from forcereview.cases.access import (
    access_case,
    access_claim,
    access_summary,
    case_ids_for,
    cases_for,
    claims_for,
    complaints_for,
    summaries_for,
)
from forcereview.cases.actions import CaseInvalid, board, cases as case_actions, claims, discipline, findings, referrals
from forcereview.cases.models import (
    Allegation,
    Case,
    Complaint,
    DisclosureMark,
    Discipline,
    StandardsReport,
    TrainingAssignment,
)
from forcereview.cases.referral_link import access_pending_referral
from forcereview.records.access import incidents_for
from forcereview.records.models import Officer, Unit

router = Router(tags=["Cases"])

READ = api_roles(Role.INVESTIGATOR, Role.COMMAND)
DECIDE = api_roles(Role.COMMAND)
AUDIT = api_roles(Role.AUDITOR)
ERR = {422: s.Problem}


def _officer(user, badge: str | None, field: str = "officer") -> Officer | None:
    if not badge:
        return None
    officer = Officer.objects.filter(agency_id=user.agency_id, badge_number=badge).first()
    if officer is None:
        raise CaseInvalid(field, f"no officer with badge #{badge} in this agency")
    return officer


def _user(user, username: str | None, field: str) -> User | None:
    if not username:
        return None
    found = User.objects.filter(agency_id=user.agency_id, username=username).first()
    if found is None:
        raise CaseInvalid(field, f"no user {username!r} in this agency")
    return found


def _incident(user, number: str, field: str = "incidents"):
    incident = incidents_for(user).filter(number=number).first()
    if incident is None:
        raise CaseInvalid(field, f"no incident numbered {number!r} in this agency")
    return incident


def _one(qs, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def listed(c: Case) -> dict:
    return {"id": c.pk, "number": c.number, "title": c.title, "status": c.status, "source": c.source,
            "opened_at": c.opened_at,
            "lead_investigator": c.lead_investigator.username if c.lead_investigator_id else None}


def case_out(case: Case, user) -> dict:
    cf = casefile.build(case, user)
    withheld = cf.criminal_team
    return {
        **listed(case), "summary": case.summary, "first_reported_on": case.first_reported_on,
        "incidents": [i.number for i, _ in cf.incidents],
        "evidence": [{
            "id": row["item"].pk, "incident": row["item"].incident.number, "kind": row["item"].kind,
            "name": row["item"].original_name, "named_in_case": row["named"], "legal_hold": row["on_hold"],
            "risk": row["risk"], "signals": row["signals"],
        } for row in cf.evidence],
        "officers": [{"badge": link.officer.badge_number, "role": link.role} for link in cf.officers],
        "criminal_team": list(case.criminal_team.values_list("user__username", flat=True)),
        "compelled_withheld": not cf.compelled_visible,
        "allegations": [{
            "id": a.pk, "officer": a.officer.badge_number, "officer_name": a.officer.full_name,
            "category": a.category, "policy_section": a.policy_section, "description": a.description,
            "review_id": a.review_id, "recommended_finding": a.recommended_finding,
            "recommended_reason": None if withheld else a.recommended_reason,
            "final_finding": a.final_finding, "final_reason": None if withheld else a.final_reason,
        } for a in cf.allegations],
        "log": [{
            "id": e.pk, "kind": e.kind, "occurred_at": e.occurred_at,
            "interviewee": e.interviewee_officer.badge_number if e.interviewee_officer_id else e.interviewee_name,
            "interviewer": e.interviewer.username if e.interviewer_id else None, "compelled": e.compelled,
            "advisement": e.advisement, "evidence_ref": e.evidence_ref, "summary": e.summary,
        } for e in cf.log + cf.compelled],
        "discipline": [{
            "id": d.pk, "allegation": d.allegation_id, "officer": d.officer.badge_number, "category": d.category,
            "prior_sustained": d.prior_sustained, "presumptive": [d.presumptive_mildest, d.presumptive_harshest],
            "status": d.status, "penalty": d.penalty, "suspension_days": d.suspension_days,
            "aggravating": d.aggravating, "mitigating": d.mitigating, "departs_from_range": d.departs_from_range,
            "reason": None if withheld else d.reason,
        } for d in cf.discipline],
        "personnel": [{
            "officer": p.officer.badge_number, "kind": p.kind, "effective_on": p.effective_on,
            "separation": p.separation, "while_under_investigation": p.while_under_investigation,
        } for p in cf.personnel],
        "referrals": [{
            "id": r.pk, "referred_to": r.referred_to, "office": r.office,
            "officer": r.officer.badge_number if r.officer_id else None, "referred_on": r.referred_on,
            "status": r.status, "status_on": r.status_on, "decision": r.decision, "charges": r.charges,
        } for r in cf.referrals],
        "board_reports": [{
            "id": r.pk, "trigger": r.trigger, "officer": r.officer.badge_number if r.officer_id else None,
            "trigger_on": r.trigger_on, "due_on": r.due_on, "status": r.status, "basis": r.basis,
            "filed_on": r.filed_on,
        } for r in cf.board_reports],
        "deadlines": [{"id": d.pk, "kind": d.kind, "title": d.title, "due_at": d.due_at, "status": d.status,
                       "basis": d.basis} for d in cf.deadlines],
    }


# -- cases ---------------------------------------------------------------------------------------------------


@router.get("/", response=list[s.CaseListed], auth=READ, summary="Cases the caller may see, newest first")
def list_cases(request, status: str = "open"):
    qs = cases_for(request.user).select_related("lead_investigator")
    if status == "open":
        qs = qs.exclude(status=Case.Status.CLOSED)
    elif status != "all":
        qs = qs.filter(status=status)
    return [listed(c) for c in qs.order_by("-opened_at", "-id")[:500]]


@router.post("/", response={201: s.CaseOut, **ERR}, auth=READ, summary="Open a case")
def open_case(request, body: s.CaseIn):
    user = request.user
    complaint = None
    if body.complaint:
        complaint = complaints_for(user).filter(tracking_number=body.complaint.strip().upper()).first()
        if complaint is None:
            raise CaseInvalid("complaint", f"no complaint {body.complaint!r}")
    referral = access_pending_referral(user, body.referral) if body.referral else None
    incidents = [_incident(user, n) for n in body.incidents]
    if referral is not None and referral.incident_id not in {i.pk for i in incidents}:
        incidents.insert(0, referral.incident)
    case = case_actions.open_case(
        user.agency, by=user, title=body.title, source="referral" if referral else body.source,
        summary=body.summary, incidents=incidents, source_object=referral,
        officers=[(_officer(user, o.badge, "officers"), o.role) for o in body.officers],
        lead_investigator=_user(user, body.lead_investigator, "lead_investigator"),
        first_reported_on=body.first_reported_on, complaint=complaint)
    return Status(201, case_out(case, user))


@router.get("/{int:case_id}", response=s.CaseOut, auth=READ, summary="A case, as the caller may see it")
def get_case(request, case_id: int):
    return case_out(access_case(request.user, case_id), request.user)


def _done(request, case_id: int) -> dict:
    return case_out(access_case(request.user, case_id), request.user)


@router.post("/{int:case_id}/officers", response={200: s.CaseOut, **ERR}, auth=READ, summary="Name an officer")
def add_officer(request, case_id: int, body: s.OfficerRef):
    case = access_case(request.user, case_id)
    case_actions.add_officer(case, _officer(request.user, body.badge), body.role, by=request.user)
    return _done(request, case_id)


@router.post("/{int:case_id}/incidents", response={200: s.CaseOut, **ERR}, auth=READ, summary="Link an incident")
def link_incident(request, case_id: int, body: s.IncidentNumberIn):
    case = access_case(request.user, case_id)
    case_actions.link_incident(case, _incident(request.user, body.number, "number"), by=request.user)
    return _done(request, case_id)


@router.post("/{int:case_id}/evidence", response={200: s.CaseOut, **ERR}, auth=READ,
             summary="Name a piece of evidence in the case")
def link_evidence(request, case_id: int, body: s.EvidenceLinkIn):
    from forcereview.evidence.access import evidence_for

    case = access_case(request.user, case_id)
    item = evidence_for(request.user).select_related("incident").filter(pk=body.item).first()
    if item is None:
        raise CaseInvalid("item", f"no evidence #{body.item} that you may see")
    case_actions.link_evidence(case, item, by=request.user, note=body.note)
    return _done(request, case_id)


@router.post("/{int:case_id}/criminal-team", response={200: s.CaseOut, **ERR}, auth=READ,
             summary="Put a user on the criminal side (compelled statements are hidden from them)")
def add_team_member(request, case_id: int, body: s.UsernameIn):
    case = access_case(request.user, case_id)
    case_actions.add_to_criminal_team(case, _user(request.user, body.username, "username"), by=request.user)
    return _done(request, case_id)


@router.post("/{int:case_id}/log", response={200: s.CaseOut, **ERR}, auth=READ,
             summary="Add to the investigation log (interview, evidence reviewed, note)")
def add_log_entry(request, case_id: int, body: s.LogEntryIn):
    case = access_case(request.user, case_id)
    case_actions.add_log_entry(
        case, by=request.user, kind=body.kind, occurred_at=body.occurred_at, summary=body.summary,
        interviewee_officer=_officer(request.user, body.interviewee_badge, "interviewee_badge"),
        interviewee_name=body.interviewee_name, interviewer=_user(request.user, body.interviewer, "interviewer"),
        compelled=body.compelled, advisement=body.advisement, evidence_ref=body.evidence_ref)
    return _done(request, case_id)


@router.post("/{int:case_id}/allegations", response={200: s.CaseOut, **ERR}, auth=READ, summary="Add an allegation")
def add_allegation(request, case_id: int, body: s.AllegationIn):
    case = access_case(request.user, case_id)
    review = None
    if body.review is not None:
        from forcereview.cases.review_link import reviews_answerable

        review = reviews_answerable(case).filter(pk=body.review).first()
        if review is None:
            raise CaseInvalid("review", f"determination #{body.review} is not a review this case's reviewers made")
    findings.add_allegation(case, by=request.user, officer=_officer(request.user, body.officer), category=body.category,
                            policy_section=body.policy_section, description=body.description, review=review)
    return _done(request, case_id)


@router.post("/{int:case_id}/allegations/{int:allegation_id}/recommend", response={200: s.CaseOut, **ERR},
             auth=READ, summary="The investigator's recommended finding")
def recommend(request, case_id: int, allegation_id: int, body: s.FindingIn):
    case = access_case(request.user, case_id)
    findings.recommend_finding(_one(Allegation.objects.filter(case=case), allegation_id), by=request.user,
                               finding=body.finding, reason=body.reason)
    return _done(request, case_id)


@router.post("/{int:case_id}/allegations/{int:allegation_id}/decide", response={200: s.CaseOut, **ERR},
             auth=DECIDE, summary="Command's final finding")
def decide(request, case_id: int, allegation_id: int, body: s.FindingIn):
    case = access_case(request.user, case_id)
    findings.decide_finding(_one(Allegation.objects.filter(case=case), allegation_id), by=request.user,
                            finding=body.finding, reason=body.reason)
    return _done(request, case_id)


@router.post("/{int:case_id}/submit", response={200: s.CaseOut, **ERR}, auth=READ,
             summary="Submit the investigation to command for findings")
def submit(request, case_id: int):
    case_actions.submit_for_findings(access_case(request.user, case_id), by=request.user)
    return _done(request, case_id)


@router.post("/{int:case_id}/hold", response={200: s.CaseOut, **ERR}, auth=READ, summary="Hold in abeyance")
def hold(request, case_id: int, body: s.ReasonIn):
    case_actions.hold_in_abeyance(access_case(request.user, case_id), by=request.user, reason=body.reason)
    return _done(request, case_id)


@router.post("/{int:case_id}/resume", response={200: s.CaseOut, **ERR}, auth=READ, summary="Resume the investigation")
def resume(request, case_id: int, body: s.ReasonIn):
    case_actions.resume(access_case(request.user, case_id), by=request.user, note=body.reason)
    return _done(request, case_id)


@router.post("/{int:case_id}/discipline/{int:discipline_id}", response={200: s.CaseOut, **ERR}, auth=DECIDE,
             summary="Command's discipline decision on a sustained allegation")
def decide_discipline(request, case_id: int, discipline_id: int, body: s.DisciplineIn):
    case = access_case(request.user, case_id)
    discipline.decide_discipline(_one(Discipline.objects.filter(case=case), discipline_id), by=request.user,
                                 penalty=body.penalty, reason=body.reason, aggravating=body.aggravating,
                                 mitigating=body.mitigating, suspension_days=body.suspension_days)
    return _done(request, case_id)


@router.post("/{int:case_id}/personnel", response={200: s.CaseOut, **ERR}, auth=DECIDE,
             summary="Leave, reassignment, demotion or separation of an officer in the case")
def personnel(request, case_id: int, body: s.PersonnelIn):
    user, case = request.user, access_case(request.user, case_id)
    officer = _officer(user, body.officer)
    if not case.officer_links.filter(officer=officer).exists():
        raise CaseInvalid("officer", "the officer is not named in this case")
    if body.action == "leave":
        discipline.start_leave(officer, by=user, kind=body.leave_kind, starts_on=body.effective_on,
                               reason=body.reason, case=case)
    elif body.action == "end_leave":
        period = officer.leave_periods.filter(ends_on__isnull=True).first()
        if period is None:
            raise CaseInvalid("officer", "the officer is not on leave")
        discipline.end_leave(period, by=user, ends_on=body.effective_on, note=body.reason)
    elif body.action == "reassign":
        unit = Unit.objects.filter(agency_id=user.agency_id, name=body.unit).first() if body.unit else None
        if body.unit and unit is None:
            raise CaseInvalid("unit", f"no unit named {body.unit!r}")
        discipline.reassign(officer, by=user, effective_on=body.effective_on, reason=body.reason, unit=unit,
                            assignment=body.assignment, case=case)
    elif body.action == "demote":
        discipline.demote(officer, by=user, rank=body.rank or "", effective_on=body.effective_on, reason=body.reason,
                          case=case)
    elif body.action == "separate":
        discipline.separate(officer, by=user, separation=body.separation or "", effective_on=body.effective_on,
                            reason=body.reason, case=case)
    else:
        raise CaseInvalid("action", f"{body.action!r} is not one of leave, end_leave, reassign, demote, separate")
    return _done(request, case_id)


@router.post("/{int:case_id}/training", response={200: s.CaseOut, **ERR}, auth=DECIDE,
             summary="Assign remedial training")
def assign_training(request, case_id: int, body: s.TrainingIn):
    case = access_case(request.user, case_id)
    discipline.assign_training(_officer(request.user, body.officer), by=request.user, course=body.course,
                               due_on=body.due_on, case=case)
    return _done(request, case_id)


@router.post("/{int:case_id}/training/{int:training_id}/complete", response={200: s.CaseOut, **ERR}, auth=READ,
             summary="Record that remedial training was completed")
def complete_training(request, case_id: int, training_id: int, body: s.TrainingDoneIn):
    case = access_case(request.user, case_id)
    discipline.complete_training(_one(TrainingAssignment.objects.filter(case=case), training_id), by=request.user,
                                 completed_on=body.completed_on, note=body.note)
    return _done(request, case_id)


@router.post("/{int:case_id}/referrals", response={200: s.CaseOut, **ERR}, auth=READ,
             summary="Refer to the state police, a district attorney or the attorney general")
def refer(request, case_id: int, body: s.ReferralIn):
    user, case = request.user, access_case(request.user, case_id)
    referrals.refer_criminal(case, by=user, referred_to=body.referred_to, referred_on=body.referred_on,
                             office=body.office, officer=_officer(user, body.officer),
                             team=[_user(user, name, "team") for name in body.team])
    return _done(request, case_id)


@router.post("/{int:case_id}/referrals/{int:referral_id}", response={200: s.CaseOut, **ERR}, auth=READ,
             summary="Record a prosecutor's decision or a court outcome")
def update_referral(request, case_id: int, referral_id: int, body: s.ReferralUpdateIn):
    case = access_case(request.user, case_id)
    referrals.update_referral(_one(case.criminal_referrals.all(), referral_id), by=request.user, status=body.status,
                              on=body.on, note=body.note, charges=body.charges)
    return _done(request, case_id)


@router.post("/{int:case_id}/board-reports/{int:report_id}", response={200: s.CaseOut, **ERR}, auth=DECIDE,
             summary="Record a report to the standards board as filed, or as not required")
def board_step(request, case_id: int, report_id: int, body: s.BoardStepIn):
    case = access_case(request.user, case_id)
    report = _one(StandardsReport.objects.filter(case=case), report_id)
    if body.step == "file":
        if body.filed_on is None:
            raise CaseInvalid("filed_on", "give the date the report was filed")
        board.file_report(report, by=request.user, filed_on=body.filed_on, board_reference=body.board_reference,
                          note=body.note)
    elif body.step == "not_required":
        board.mark_not_required(report, by=request.user, reason=body.note)
    else:
        raise CaseInvalid("step", "use file or not_required")
    return _done(request, case_id)


@router.post("/{int:case_id}/close", response={200: s.CaseOut, **ERR}, auth=DECIDE, summary="Close the case")
def close(request, case_id: int, body: s.CloseIn):
    case_actions.close_case(access_case(request.user, case_id), by=request.user, note=body.note,
                            message_to_complainant=body.message_to_complainant)
    return _done(request, case_id)


# -- reports -------------------------------------------------------------------------------------------------


@router.get("/summaries", response=list[s.SummaryOut], auth=AUDIT, summary="De-identified case summaries")
def list_summaries(request):
    return [casefile.summary(c) for c in summaries_for(request.user).order_by("-opened_at", "-id")[:500]]


@router.get("/summaries/{int:case_id}", response=s.SummaryOut, auth=AUDIT, summary="One de-identified summary")
def get_summary(request, case_id: int):
    return casefile.summary(access_summary(request.user, case_id))


@router.get("/disclosures", response=list[s.DisclosureOut], auth=READ,
            summary="Officers marked for disclosure to prosecutors (Brady/Giglio)")
def list_disclosures(request):
    marks = DisclosureMark.objects.filter(case__in=case_ids_for(request.user), status=DisclosureMark.Status.ACTIVE)
    return [{"officer": m.officer.full_name, "badge": m.officer.badge_number, "officer_status": m.officer.status,
             "category": m.category, "sustained_on": m.sustained_on, "case": m.case.number}
            for m in marks.select_related("officer", "case")]


# -- civil claims --------------------------------------------------------------------------------------------


def claim_out(c) -> dict:
    return {
        "id": c.pk, "incident": c.incident.number, "case": c.case.number if c.case_id else None,
        "claimant_name": c.claimant_name, "claimant_is_minor": c.claimant_is_minor, "counsel": c.counsel,
        "received_on": c.received_on, "occurred_on": c.occurred_on, "jurisdiction": c.jurisdiction,
        "status": c.status, "suit_filed_on": c.suit_filed_on, "outcome": c.outcome, "outcome_on": c.outcome_on,
        "amount": c.amount,
        "periods": [{"code": p.code, "label": p.label, "kind": p.kind, "last_day": p.last_day, "timely": p.timely,
                     "basis": p.basis} for p in c.periods.all()],
    }


@router.get("/claims", response=list[s.ClaimOut], auth=READ, summary="Civil claims")
def list_claims(request):
    return [claim_out(c) for c in claims_for(request.user).prefetch_related("periods")[:500]]


@router.post("/claims", response={201: s.ClaimOut, **ERR}, auth=DECIDE,
             summary="Record a notice of claim: computes its legal periods and holds the evidence")
def record_claim(request, body: s.ClaimIn):
    user = request.user
    case = None
    if body.case:
        case = cases_for(user).filter(number=body.case).first()
        if case is None:
            raise CaseInvalid("case", f"no case numbered {body.case!r}")
    claim = claims.record_claim(
        user.agency, by=user, incident=_incident(user, body.incident, "incident"), claimant_name=body.claimant_name,
        received_on=body.received_on, counsel=body.counsel, claimant_is_minor=body.claimant_is_minor,
        claimant_born_on=body.claimant_born_on, wrongful_death=body.wrongful_death, case=case)
    return Status(201, claim_out(claim))


@router.get("/claims/{int:claim_id}", response=s.ClaimOut, auth=READ, summary="One civil claim")
def get_claim(request, claim_id: int):
    return claim_out(access_claim(request.user, claim_id))


@router.post("/claims/{int:claim_id}/suit", response={200: s.ClaimOut, **ERR}, auth=DECIDE, summary="Suit filed")
def claim_suit(request, claim_id: int, body: s.SuitIn):
    return claim_out(claims.record_suit(access_claim(request.user, claim_id), by=request.user, filed_on=body.filed_on))


@router.post("/claims/{int:claim_id}/outcome", response={200: s.ClaimOut, **ERR}, auth=DECIDE,
             summary="Settlement, judgment, dismissal or withdrawal, with the amount")
def claim_outcome(request, claim_id: int, body: s.OutcomeIn):
    return claim_out(claims.record_outcome(access_claim(request.user, claim_id), by=request.user,
                                           outcome=body.outcome, on=body.on, amount=body.amount, note=body.note))


# -- complaints ----------------------------------------------------------------------------------------------


@router.get("/complaints", response=list[s.ComplaintOut], auth=READ,
            summary="Public complaints waiting in intake (oldest first)")
def list_complaints(request, view: str = "intake"):
    qs = complaints_for(request.user)
    if view == "intake":
        qs = qs.filter(status__in=[Complaint.Status.RECEIVED, Complaint.Status.REVIEWING],
                       screening=Complaint.Screening.ACCEPTED)
    elif view == "held":
        qs = qs.filter(screening=Complaint.Screening.HELD, status=Complaint.Status.RECEIVED)
    return [{"id": c.pk, "tracking_number": c.tracking_number, "received_at": c.received_at, "status": c.status,
             "screening": c.screening, "held_reasons": c.held_reasons, "what_happened": c.what_happened,
             "where": c.where, "occurred_on": c.occurred_on, "who": c.who, "anonymous": c.anonymous}
            for c in qs.order_by("received_at")[:500]]
