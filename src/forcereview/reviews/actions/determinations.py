"""A reviewer's determination, and the safety net behind it.

When a reviewer finds an incident within policy while the policy requires internal affairs,
the recordings are rated high risk, or findings that the recordings do not support the
report are still open, the system records a disagreement against the reviewer, refers the
incident to internal affairs anyway, puts the next level of the chain on it, and tells the
reviewer why in plain words. The determination itself is kept exactly as written.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from forcereview.audit.actions import record
from forcereview.records.models import Incident
from forcereview.reviews import notify
from forcereview.reviews.access import refusal_to_determine
from forcereview.reviews.actions.outcome import required_top_level
from forcereview.reviews.actions.referrals import refer
from forcereview.reviews.actions.tasks import DEFAULT_DAYS, close_deadline_of, open_next_level, sync_incident_status
from forcereview.reviews.models import (
    WITHIN_POLICY_DECISIONS,
    Decision,
    Determination,
    Disagreement,
    EvidenceFlag,
    Level,
    PolicyEvaluation,
    ReviewTask,
)
from forcereview.reviews.routing import NEXT_LEVEL, route

MIN_RATIONALE = 20


class ReviewRefused(ValueError):
    """A review action refused; ``field`` names what was wrong, ``message`` says why plainly."""

    def __init__(self, field: str, message: str, status: int = 422):
        self.field = field
        self.message = message
        self.status = status
        super().__init__(f"{field}: {message}")


def safety_net_reasons(incident: Incident) -> list[str]:
    """Why finding ``incident`` within policy cannot stand, in plain words (empty: it can)."""
    reasons = []
    current = PolicyEvaluation.objects.filter(incident=incident, current=True).first()
    if current is not None and current.requires_internal_affairs:
        fired = [f for f in current.outcome.get("fired", [])
                 if any(a.get("action") == "internal_affairs" for a in f.get("actions", []))]
        listed = "; ".join(f"{f['reason']} ({'; '.join(f['because'])})" for f in fired)
        reasons.append(f"The review policy sends this incident to internal affairs: {listed}.")
    if current is not None and current.risk_level == "high":
        reasons.append(f"The analysis of the recordings rates this encounter high risk ({current.risk_score} of 100).")
    flags = list(EvidenceFlag.objects.filter(incident=incident, status=EvidenceFlag.Status.OPEN))
    if flags:
        listed = " ".join(f.summary for f in flags)
        count = f"{len(flags)} finding{'s' if len(flags) != 1 else ''}"
        reasons.append(f"{count} that the recordings do not support the report {'are' if len(flags) != 1 else 'is'} "
                       f"still open: {listed}")
    return reasons


def submit_determination(task: ReviewTask, *, by, decision: str, rationale: str) -> Determination:
    """Record ``by``'s determination on ``task`` with the written rationale."""
    rationale = (rationale or "").strip()
    if decision not in Decision.values:
        raise ReviewRefused("decision", f"{decision!r} is not a determination (choose one of: "
                                        f"{', '.join(Decision.labels)})")
    if len(rationale) < MIN_RATIONALE:
        raise ReviewRefused("rationale", f"write the reasons for the determination (at least {MIN_RATIONALE} characters)")
    with transaction.atomic():
        task = (
            ReviewTask.objects.select_for_update(of=("self",)).select_related("incident__agency", "assignee")
            .get(pk=task.pk)
        )
        refusal = refusal_to_determine(by, task)
        if refusal is not None:
            raise ReviewRefused("reviewer", refusal, status=403)
        incident = task.incident
        determination = Determination.objects.create(
            task=task, reviewer=by, reviewer_officer_id=by.officer_id, decision=decision, rationale=rationale,
        )
        task.status, task.closed_at = ReviewTask.Status.COMPLETED, determination.created_at
        task.save(update_fields=["status", "closed_at"])
        record("review.determined", determination, by=by, agency_id=task.agency_id, after={
            "incident": incident.number, "level": task.level, "decision": decision, "rationale": rationale,
        })
        close_deadline_of(task, by=by, met=True, note=f"Determination: {determination.get_decision_display()}")

        disagreement = None
        if decision in WITHIN_POLICY_DECISIONS:
            reasons = safety_net_reasons(incident)
            if reasons:
                disagreement = _disagree(task, determination, reasons, by=by)
        name = by.display_name
        if decision == Decision.REFER_INTERNAL_AFFAIRS:
            refer(incident, by=by, source="reviewer", text=f"{name} referred the incident: {rationale}")
        elif decision == Decision.POLICY_VIOLATION:
            refer(incident, by=by, source="reviewer", text=f"{name} found a policy violation: {rationale}")

        current = PolicyEvaluation.objects.filter(incident=incident, current=True).first()
        top = None
        days = DEFAULT_DAYS.get(NEXT_LEVEL.get(task.level, Level.COMMANDER), 7)
        if current is not None:
            required = {r["action"]: r for r in current.outcome.get("required", [])}
            if "higher_review" in required:
                top, days = required["higher_review"]["level"], required["higher_review"]["within_days"]
            elif "supervisor_review" in required:
                top = Level.SUPERVISOR
        forced = ""
        if disagreement is not None:
            forced = (f"{name} found the incident within policy, but the system disagrees: "
                      + " ".join(disagreement.reasons))
        open_next_level(incident, task, by=by, required_top=top, days=days, forced_reason=forced)
        sync_incident_status(incident, by=by)
    return determination


def _disagree(task: ReviewTask, determination: Determination, reasons: list[str], *, by) -> Disagreement:
    incident = task.incident
    following = NEXT_LEVEL.get(task.level, Level.COMMANDER)
    next_officer = route(incident, following, above=by.officer) if by.officer_id else None
    disagreement = Disagreement.objects.create(
        incident=incident, determination=determination, reviewer=by, reviewer_officer_id=by.officer_id,
        reasons=reasons, next_level=next_officer,
    )
    record("review.disagreement", disagreement, by=None, agency_id=incident.agency_id, after={
        "incident": incident.number, "reviewer": by.username, "decision": determination.decision,
        "reasons": reasons, "next_level": next_officer.badge_number if next_officer else None,
    })
    refer(incident, by=None, source="safety_net",
          text=f"{by.display_name} found the incident within policy, but: " + " ".join(reasons))
    notify.disagreement_recorded(disagreement, next_officer)
    return disagreement


def resolve_flag(flag: EvidenceFlag, *, by, note: str) -> EvidenceFlag:
    """A reviewer explains a report-against-evidence flag (the quote was misheard, the
    resistance is described elsewhere). The note stays with the flag; the incident is
    evaluated again without it."""
    from forcereview.reviews.access import refusal_to_resolve
    from forcereview.reviews.actions.evaluation import evaluate_incident

    note = (note or "").strip()
    if len(note) < MIN_RATIONALE:
        raise ReviewRefused("note", f"explain why the flag does not stand (at least {MIN_RATIONALE} characters)")
    with transaction.atomic():
        flag = EvidenceFlag.objects.select_for_update().select_related("incident").get(pk=flag.pk)
        refusal = refusal_to_resolve(by, flag)
        if refusal is not None:
            raise ReviewRefused("reviewer", refusal, status=403)
        if flag.status != EvidenceFlag.Status.OPEN:
            raise ReviewRefused("status", f"this flag is already {flag.get_status_display().lower()}")
        flag.status, flag.resolution = EvidenceFlag.Status.RESOLVED, note
        flag.resolved_by, flag.resolved_at = by, timezone.now()
        flag.save()
        record("evidence_flag.resolved", flag, by=by, agency_id=flag.incident.agency_id,
               before={"status": "open"}, after={"status": flag.status}, note=note)
        evaluate_incident(flag.incident, by=by, trigger=PolicyEvaluation.Trigger.REVIEW)
    return flag
