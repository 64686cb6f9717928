"""What a reader may see of a case, assembled once for the case page, the PDF and the API.

Sections from other apps (evidence signals, policy reasons, reviews) are listed in
``CASE_FILE_SECTIONS``: ``section(case, user, incidents) -> dict | None``, each returning a
title and rows for its template, or None when it has nothing to say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from forcereview.audit.models import AuditEntry
from forcereview.cases.access import can_decide, can_investigate, can_see_compelled, log_for, on_criminal_team
from forcereview.cases.config import rules
from forcereview.cases.evidence_link import evidence_rows
from forcereview.cases.models import (
    Case,
    CriminalReferral,
    Discipline,
    LeavePeriod,
    PersonnelAction,
    StandardsReport,
    TrainingAssignment,
)
from forcereview.deadlines.actions import deadlines_of
from forcereview.records.access import incidents_for, redactor_for
from forcereview.records.snapshot import INCIDENT_PREFETCH, incident_snapshot

CASE_FILE_SECTIONS: list[Callable] = []

# The case's history in plain words (audit action -> what the timeline says).
ACTION_LABELS = {
    "case.opened": "Case opened",
    "case.incident_linked": "Incident linked",
    "case.evidence_linked": "Evidence named in the case",
    "case.officer_added": "Officer named",
    "case.officer_role_changed": "Officer's role changed",
    "case.lead_assigned": "Lead investigator assigned",
    "case.criminal_team_added": "Added to the criminal team",
    "case.log_entry_added": "Investigation log entry",
    "case.allegation_added": "Allegation added",
    "case.finding_recommended": "Investigator recommended a finding",
    "case.submitted": "Submitted to command for findings",
    "case.held": "Held in abeyance",
    "case.resumed": "Investigation resumed",
    "case.finding_decided": "Command decided a finding",
    "case.discipline_proposed": "Discipline matrix proposed a range",
    "case.discipline_decided": "Command decided discipline",
    "case.discipline_withdrawn": "Discipline proposal withdrawn (finding changed)",
    "case.disclosure_marked": "Officer marked for disclosure to prosecutors",
    "case.board_report_owed": "Report to the standards board owed",
    "case.board_report_filed": "Report to the standards board filed",
    "case.board_report_not_required": "Report to the standards board not required",
    "case.training_assigned": "Remedial training assigned",
    "case.training_completed": "Remedial training completed",
    "case.training_cancelled": "Remedial training cancelled",
    "case.leave_started": "Administrative leave started",
    "case.leave_ended": "Administrative leave ended",
    "case.reassignment": "Officer reassigned",
    "case.demotion": "Officer demoted",
    "case.separation": "Officer separated",
    "case.criminal_referral": "Criminal referral made",
    "case.criminal_referral_updated": "Criminal referral decision recorded",
    "case.claim_recorded": "Civil claim recorded",
    "case.claim_suit_filed": "Suit filed on the civil claim",
    "case.claim_closed": "Civil claim closed",
    "case.closed": "Case closed",
}


@dataclass
class CaseFile:
    case: Case
    compelled_visible: bool
    criminal_team: bool
    can_investigate: bool
    can_decide: bool
    incidents: list = field(default_factory=list)  # (incident, snapshot redacted for the reader)
    evidence: list = field(default_factory=list)  # rows of evidence_link.evidence_rows
    officers: list = field(default_factory=list)
    allegations: list = field(default_factory=list)
    log: list = field(default_factory=list)
    compelled: list = field(default_factory=list)
    discipline: list = field(default_factory=list)
    leave: list = field(default_factory=list)
    personnel: list = field(default_factory=list)
    training: list = field(default_factory=list)
    referrals: list = field(default_factory=list)
    board_reports: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)
    history: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    category_labels: dict = field(default_factory=dict)
    penalty_labels: dict = field(default_factory=dict)


def build(case: Case, user) -> CaseFile:
    compelled_ok = can_see_compelled(user, case)
    f = CaseFile(case=case, compelled_visible=compelled_ok, criminal_team=on_criminal_team(user, case),
                 can_investigate=can_investigate(user, case), can_decide=can_decide(user, case))
    redact = redactor_for(user)
    visible = incidents_for(user).filter(case_links__case=case).prefetch_related(*INCIDENT_PREFETCH)
    f.incidents = [(i, incident_snapshot(i, redact=redact)) for i in visible.select_related("reported_by")]
    f.evidence = evidence_rows(case, user, [i for i, _ in f.incidents])
    f.officers = list(case.officer_links.select_related("officer", "officer__unit"))
    f.allegations = list(case.allegations.select_related("officer", "recommended_by", "decided_by"))
    entries = list(log_for(user, case))
    f.log = [e for e in entries if not e.compelled]
    f.compelled = [e for e in entries if e.compelled] if compelled_ok else []
    f.discipline = list(Discipline.objects.filter(case=case).select_related("officer", "decided_by"))
    f.leave = list(LeavePeriod.objects.filter(case=case).select_related("officer"))
    f.personnel = list(PersonnelAction.objects.filter(case=case).select_related("officer"))
    f.training = list(TrainingAssignment.objects.filter(case=case).select_related("officer"))
    f.referrals = list(CriminalReferral.objects.filter(case=case).select_related("officer")
                       .prefetch_related(Prefetch("updates")))
    f.board_reports = list(StandardsReport.objects.filter(case=case).select_related("officer"))
    f.claims = list(case.claims.prefetch_related("periods"))
    f.deadlines = deadlines_of(case)
    for obj in f.board_reports + f.training:
        f.deadlines += deadlines_of(obj)
    f.deadlines.sort(key=lambda d: d.due_at)
    history = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)).order_by("id")
    f.history = [e for e in history if compelled_ok or not (e.after or {}).get("compelled")]
    for e in f.history:
        e.label = ACTION_LABELS.get(e.action, e.action)
    m = rules().discipline
    f.category_labels = {code: c.label for code, c in m.categories.items()}
    f.penalty_labels = dict(m.penalties) | {"none": "No discipline"}
    for a in f.allegations:
        a.category_label = f.category_labels.get(a.category, a.category)
    for d in f.discipline:
        d.category_label = f.category_labels.get(d.category, d.category)
        low, high = (f.penalty_labels.get(d.presumptive_mildest, d.presumptive_mildest),
                     f.penalty_labels.get(d.presumptive_harshest, d.presumptive_harshest))
        d.range_label = low if low == high else f"{low} to {high}"
        d.penalty_label = f.penalty_labels.get(d.penalty, d.penalty)
    for section in CASE_FILE_SECTIONS:
        data = section(case, user, [i for i, _ in f.incidents])
        if data:
            f.sections.append(data)
    return f


def summary(case: Case) -> dict:
    """A de-identified summary for auditors: no names of officers, subjects or complainants,
    no free text that might hold them."""
    m = rules().discipline
    allegations = list(case.allegations.all())
    discipline = {d.allegation_id: d for d in Discipline.objects.filter(case=case)}
    separations = PersonnelAction.objects.filter(case=case, kind=PersonnelAction.Kind.SEPARATION)
    # Officers become "Officer A", "Officer B" in order of their first allegation.
    letters: dict[int, str] = {}
    for a in allegations:
        letters.setdefault(a.officer_id, f"Officer {chr(65 + len(letters) % 26)}")
    return {
        "id": case.pk,
        "number": case.number,
        "source": case.get_source_display(),
        "status": case.get_status_display(),
        "opened_on": case.opened_at.date().isoformat(),
        "closed_on": case.closed_at.date().isoformat() if case.closed_at else None,
        "days_open": ((case.closed_at or timezone.now()) - case.opened_at).days,
        "incident_count": case.incident_links.count(),
        "officer_roles": sorted(case.officer_links.values_list("role", flat=True)),
        "allegations": [
            {
                "officer": letters[a.officer_id],
                "category": m.categories[a.category].label if a.category in m.categories else a.category,
                "policy_section": a.policy_section,
                "recommended_finding": a.get_recommended_finding_display() if a.recommended_finding else None,
                "final_finding": a.get_final_finding_display() if a.final_finding else None,
                "discipline": (m.penalties.get(discipline[a.pk].penalty, discipline[a.pk].penalty)
                               if a.pk in discipline and discipline[a.pk].penalty else None),
                "departs_from_range": discipline[a.pk].departs_from_range if a.pk in discipline else None,
            }
            for a in allegations
        ],
        "separated_while_under_investigation": separations.filter(while_under_investigation=True).count(),
        "criminal_referrals": [r.get_status_display() for r in case.criminal_referrals.all()],
        "board_reports": [(r.get_trigger_display(), r.get_status_display()) for r in case.board_reports.all()],
    }
