"""Opening a case, who and what it concerns, its investigation log, and its stages."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from forcereview.accounts.roles import Role
from forcereview.cases.actions import timeline
from forcereview.cases.actions.common import CaseInvalid, audit_case, require, same_agency
from forcereview.cases.config import rules
from forcereview.cases.models import (
    Case,
    CaseEvidence,
    CaseIncident,
    CaseOfficer,
    Complaint,
    CriminalTeamMember,
    Discipline,
    InvestigationEntry,
)
from forcereview.deadlines.calendar import local_date
from forcereview.records.models import Agency

CASE_OPENED_HOOKS: list = []  # hook(case, by): runs in the opening transaction (e.g. mark a referral opened)


def _next_number(agency: Agency, year: int) -> str:
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # serialises numbering per agency
    prefix = f"IA-{year}-"
    taken = Case.objects.filter(agency=agency, number__startswith=prefix).values_list("number", flat=True)
    last = max((int(n[len(prefix):]) for n in taken if n[len(prefix):].isdigit()), default=0)
    return f"{prefix}{last + 1:04d}"


def _check_investigator(user, agency: Agency, field: str = "lead_investigator") -> None:
    if user is None:
        return
    if user.agency_id != agency.pk:
        raise CaseInvalid(field, "the investigator belongs to another agency")
    if user.role not in (Role.INVESTIGATOR, Role.COMMAND):
        raise CaseInvalid(field, f"{user.username} is not an investigator")


def open_case(
    agency: Agency,
    *,
    by,
    title: str,
    source: str,
    summary: str = "",
    incidents=(),
    officers=(),  # (officer, role) pairs
    lead_investigator=None,
    first_reported_on: date | None = None,
    source_object=None,
    complaint: Complaint | None = None,
    opened_at: datetime | None = None,
) -> Case:
    """Open an internal-affairs case. ``source`` is referral, complaint or command."""
    title = require(title, "title", "give the case a short title (without names)")
    if source not in Case.Source.values:
        raise CaseInvalid("source", f"{source!r} is not a case source (use {', '.join(Case.Source.values)})")
    if source == Case.Source.COMPLAINT and complaint is None:
        raise CaseInvalid("complaint", "a case opened from a complaint names the complaint")
    if source_object is not None and getattr(source_object, "agency_id", agency.pk) != agency.pk:
        raise CaseInvalid("source", "the referral belongs to another agency")
    if complaint is not None:
        same_agency(complaint, agency.pk, "complaint", "complaint")
        if complaint.screening != Complaint.Screening.ACCEPTED:
            raise CaseInvalid("complaint", "the complaint is held in screening; release it first")
    for incident in incidents:
        same_agency(incident, agency.pk, "incidents", "incident")
    for officer, role in officers:
        same_agency(officer, agency.pk, "officers", "officer")
        if role not in CaseOfficer.Role.values:
            raise CaseInvalid("officers", f"{role!r} is not a role in a case")
    _check_investigator(lead_investigator, agency)
    opened_at = opened_at or timezone.now()
    opened_on = local_date(opened_at, agency.timezone)
    if first_reported_on is None:
        first_reported_on = min([local_date(i.occurred_at, agency.timezone) for i in incidents] + [opened_on])
    if first_reported_on > opened_on:
        raise CaseInvalid("first_reported_on", "misconduct cannot be first reported after the case was opened")
    active_rules = rules()
    with transaction.atomic():
        case = Case.objects.create(
            agency=agency, number=_next_number(agency, opened_on.year), title=title[:200], summary=summary.strip(),
            source=source, complaint=complaint, opened_at=opened_at, opened_by=by if getattr(by, "pk", None) else None,
            lead_investigator=lead_investigator, first_reported_on=first_reported_on,
            source_type=ContentType.objects.get_for_model(source_object) if source_object is not None else None,
            source_id=source_object.pk if source_object is not None else None,
            rules_version=active_rules.version, rules_digest=active_rules.digest,
        )
        CaseIncident.objects.bulk_create([CaseIncident(case=case, incident=i) for i in incidents])
        CaseOfficer.objects.bulk_create([CaseOfficer(case=case, officer=o, role=r) for o, r in officers])
        audit_case("case.opened", case, by=by, after={
            "number": case.number, "title": case.title, "source": source,
            "incidents": [i.number for i in incidents],
            "officers": [{"badge": o.badge_number, "role": r} for o, r in officers],
            "lead_investigator": lead_investigator.username if lead_investigator else None,
            "first_reported_on": first_reported_on, "rules_version": active_rules.version,
        })
        if complaint is not None:
            Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.CASE_OPENED)
        timeline.open_investigation_deadline(case, by=by, start=opened_on)
        for hook in CASE_OPENED_HOOKS:
            hook(case, by)
    return case


def link_incident(case: Case, incident, *, by) -> None:
    same_agency(incident, case.agency_id, "incident", "incident")
    with transaction.atomic():
        _, created = CaseIncident.objects.get_or_create(case=case, incident=incident)
        if created:
            audit_case("case.incident_linked", case, by=by, after={"incident": incident.number})


def link_evidence(case: Case, item, *, by, note: str = "") -> CaseEvidence:
    """Name a piece of evidence in the case (beyond its incidents' own)."""
    if item.incident.agency_id != case.agency_id:
        raise CaseInvalid("item", "the evidence belongs to another agency")
    if item.is_purged:
        raise CaseInvalid("item", f"evidence #{item.pk} was deleted on {item.purged_at:%Y-%m-%d}")
    with transaction.atomic():
        link, created = CaseEvidence.objects.get_or_create(case=case, item=item,
                                                           defaults={"note": note.strip()[:300], "added_by": by})
        if created:
            audit_case("case.evidence_linked", case, by=by, after={"evidence": item.pk, "incident": item.incident.number,
                                                                   "note": link.note})
    return link


def add_officer(case: Case, officer, role: str, *, by) -> CaseOfficer:
    """Name an officer in the case: subject, witness, or reviewer under review."""
    same_agency(officer, case.agency_id, "officer", "officer")
    if role not in CaseOfficer.Role.values:
        raise CaseInvalid("role", f"{role!r} is not a role in a case (use {', '.join(CaseOfficer.Role.values)})")
    with transaction.atomic():
        link, created = CaseOfficer.objects.get_or_create(case=case, officer=officer, defaults={"role": role})
        if not created and link.role != role:
            before = link.role
            link.role = role
            link.save(update_fields=["role"])
            audit_case("case.officer_role_changed", case, by=by, before={"role": before},
                       after={"officer": officer.badge_number, "role": role})
        elif created:
            audit_case("case.officer_added", case, by=by, after={"officer": officer.badge_number, "role": role})
    return link


def set_lead_investigator(case: Case, user, *, by) -> Case:
    _check_investigator(user, case.agency)
    with transaction.atomic():
        before = case.lead_investigator.username if case.lead_investigator_id else None
        Case.objects.filter(pk=case.pk).update(lead_investigator=user)
        case.lead_investigator = user
        audit_case("case.lead_assigned", case, by=by, before={"lead_investigator": before},
                   after={"lead_investigator": user.username})
    return case


def add_to_criminal_team(case: Case, user, *, by) -> CriminalTeamMember:
    """Put ``user`` on the criminal side of the case: from now on compelled statements are
    hidden from them."""
    if user.agency_id != case.agency_id:
        raise CaseInvalid("user", "the user belongs to another agency")
    if user.pk == getattr(case.lead_investigator, "pk", None):
        raise CaseInvalid("user", "the lead administrative investigator cannot work the criminal side")
    with transaction.atomic():
        member, created = CriminalTeamMember.objects.get_or_create(case=case, user=user)
        if created:
            audit_case("case.criminal_team_added", case, by=by, after={"user": user.username})
    return member


def add_log_entry(
    case: Case,
    *,
    by,
    kind: str,
    occurred_at: datetime,
    summary: str,
    interviewee_officer=None,
    interviewee_name: str = "",
    interviewer=None,
    compelled: bool = False,
    advisement: str = "",
    evidence_ref: str = "",
) -> InvestigationEntry:
    """Add a line to the investigation log (interview, evidence reviewed, note). A compelled
    (Garrity) interview, or a note drawn from one, is walled off from the criminal team."""
    if not case.is_open:
        raise CaseInvalid("case", "the case is closed")
    if kind not in InvestigationEntry.Kind.values:
        raise CaseInvalid("kind", f"{kind!r} is not a kind of log entry")
    summary = require(summary, "summary", "say what was said, seen or done")
    if timezone.is_naive(occurred_at):
        raise CaseInvalid("occurred_at", "give the time with its time zone")
    if occurred_at > timezone.now():
        raise CaseInvalid("occurred_at", "is in the future")
    if advisement not in InvestigationEntry.Advisement.values:
        raise CaseInvalid("advisement", f"{advisement!r} is not an advisement")
    if advisement in ("garrity", "kalkines"):
        compelled = True
    if kind == InvestigationEntry.Kind.INTERVIEW:
        if interviewee_officer is None and not interviewee_name.strip():
            raise CaseInvalid("interviewee", "name who was interviewed")
        if interviewer is None:
            raise CaseInvalid("interviewer", "name who conducted the interview")
        if compelled and interviewee_officer is None:
            raise CaseInvalid("compelled", "only an officer's statement can be compelled")
        if compelled and advisement == "miranda":
            raise CaseInvalid("advisement", "a Miranda interview is voluntary, not compelled")
    same_agency(interviewee_officer, case.agency_id, "interviewee_officer", "officer")
    if interviewer is not None and interviewer.agency_id != case.agency_id:
        raise CaseInvalid("interviewer", "the interviewer belongs to another agency")
    if interviewer is not None and CriminalTeamMember.objects.filter(case=case, user=interviewer).exists() and compelled:
        raise CaseInvalid("interviewer", "a member of the criminal team cannot take a compelled statement")
    with transaction.atomic():
        entry = InvestigationEntry.objects.create(
            case=case, kind=kind, occurred_at=occurred_at, summary=summary, interviewee_officer=interviewee_officer,
            interviewee_name=interviewee_name.strip(), interviewer=interviewer, compelled=compelled,
            advisement=advisement, evidence_ref=evidence_ref.strip(), created_by=by,
        )
        # The audit entry says that an entry was made, never what a compelled statement said.
        audit_case("case.log_entry_added", case, by=by, after={
            "entry": entry.pk, "kind": kind, "occurred_at": occurred_at, "compelled": compelled,
        })
    return entry


def hold_in_abeyance(case: Case, *, by, reason: str) -> Case:
    """Pause the administrative case while the criminal case proceeds."""
    reason = require(reason, "reason", "say why the case is held")
    if case.status != Case.Status.INVESTIGATING:
        raise CaseInvalid("status", "only a case under investigation can be held in abeyance")
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=Case.Status.ABEYANCE)
        case.status = Case.Status.ABEYANCE
        audit_case("case.held", case, by=by, before={"status": "investigating"}, after={"status": case.status},
                   note=reason)
        timeline.cancel(timeline.INVESTIGATION, case, by=by, reason=f"held in abeyance: {reason}")
    return case


def resume(case: Case, *, by, note: str = "") -> Case:
    if case.status != Case.Status.ABEYANCE:
        raise CaseInvalid("status", "the case is not held in abeyance")
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=Case.Status.INVESTIGATING)
        case.status = Case.Status.INVESTIGATING
        audit_case("case.resumed", case, by=by, before={"status": "abeyance"}, after={"status": case.status},
                   note=note)
        timeline.open_investigation_deadline(case, by=by, start=timeline.today_for(case.agency))
    return case


def submit_for_findings(case: Case, *, by) -> Case:
    """The investigation is complete: every allegation has a recommended finding; command decides."""
    if case.status != Case.Status.INVESTIGATING:
        raise CaseInvalid("status", "only a case under investigation can be submitted")
    allegations = list(case.allegations.all())
    if not allegations:
        raise CaseInvalid("allegations", "a case goes to command with at least one allegation")
    missing = [a.pk for a in allegations if not a.recommended_finding]
    if missing:
        raise CaseInvalid("allegations", f"allegation(s) {', '.join(map(str, missing))} have no recommended finding")
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=Case.Status.ADJUDICATION)
        case.status = Case.Status.ADJUDICATION
        audit_case("case.submitted", case, by=by, before={"status": "investigating"}, after={"status": case.status})
        timeline.meet(timeline.INVESTIGATION, case, by=by, note="investigation submitted to command")
        timeline.open_command_review_deadline(case, by=by, start=timeline.today_for(case.agency))
    return case


def close_case(case: Case, *, by, note: str, message_to_complainant: str = "") -> Case:
    """Close a case once every allegation has a final finding and every proposed discipline
    has command's decision."""
    note = require(note, "note", "say how the case ends")
    if not case.is_open:
        raise CaseInvalid("status", "the case is already closed")
    allegations = list(case.allegations.all())
    undecided = [a.pk for a in allegations if not a.final_finding]
    if undecided:
        raise CaseInvalid("allegations", f"allegation(s) {', '.join(map(str, undecided))} have no final finding")
    pending = Discipline.objects.filter(case=case, status=Discipline.Status.PROPOSED).count()
    if pending:
        raise CaseInvalid("discipline", f"{pending} discipline decision(s) are still to be made")
    with transaction.atomic():
        before = case.status
        now = timezone.now()
        Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_at=now, closure_note=note)
        case.status, case.closed_at, case.closure_note = Case.Status.CLOSED, now, note
        audit_case("case.closed", case, by=by, before={"status": before}, after={"status": case.status}, note=note)
        timeline.cancel(timeline.INVESTIGATION, case, by=by, reason="case closed")
        timeline.meet(timeline.COMMAND_REVIEW, case, by=by, note="case closed")
        from forcereview.cases.actions.board import close_still_open_reports

        close_still_open_reports(case, by=by)
        if case.complaint_id:
            from forcereview.cases.actions.complaints import close_complaint

            complaint = Complaint.objects.get(pk=case.complaint_id)
            if complaint.is_open:
                close_complaint(complaint, by=by, reason=f"case {case.number} closed",
                                public_note=message_to_complainant)
    return case
