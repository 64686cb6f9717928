"""The reviews app's sections of the incident page and the home page."""

from __future__ import annotations

from django.utils import timezone

from forcereview.accounts.roles import Role
from forcereview.reviews.access import (
    OVERSIGHT_ROLES,
    can_read_policy,
    disagreements_for,
    flags_of,
    label_cases,
    queue_for,
    refusal_to_determine,
    refusal_to_resolve,
    referrals_for,
    without_hidden_cases,
)
from forcereview.reviews.forms import DeterminationForm, ResolveFlagForm
from forcereview.reviews.models import Disagreement, PolicyEvaluation, Referral, ReviewTask


# Officers do not see the policy's verdict or the review of their own incidents: it names
# internal-affairs referrals, and nobody learns of an investigation about themself here.
HIDDEN_FROM = (Role.OFFICER, Role.ADMIN)


def policy_panel(request, incident) -> dict | None:
    if request.user.role in HIDDEN_FROM:
        return None
    current = (
        PolicyEvaluation.objects.filter(incident=incident, current=True).select_related("version").first()
    )
    history = list(
        PolicyEvaluation.objects.filter(incident=incident, changed=True).select_related("version").order_by("-created_at")[:10]
    )
    return {"incident": incident, "evaluation": current, "history": history,
            "can_evaluate": request.user.role in (Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND),
            "can_read_policy": can_read_policy(request.user)}


def evidence_panel(request, incident) -> dict | None:
    if request.user.role in HIDDEN_FROM:
        return None
    flags = list(flags_of(request.user, incident))
    if not flags:
        return None
    rows = [{"flag": f, "can_resolve": f.status == "open" and refusal_to_resolve(request.user, f) is None,
             "form": ResolveFlagForm(prefix=f"flag{f.pk}")} for f in flags]
    return {"incident": incident, "flags": rows}


def reviews_panel(request, incident) -> dict | None:
    if request.user.role in HIDDEN_FROM:
        return None
    tasks = list(
        ReviewTask.objects.filter(incident=incident).select_related("assignee", "determination__reviewer")
        .order_by("created_at", "id")
    )
    disagreements = list(Disagreement.objects.filter(incident=incident).select_related("reviewer", "determination"))
    referrals = (label_cases(request.user, without_hidden_cases(request.user, Referral.objects.filter(incident=incident)))
                 if request.user.role in OVERSIGHT_ROLES or disagreements else [])
    if request.user.role not in OVERSIGHT_ROLES:
        referrals = [r for r in referrals if r.status != "declined"]
    mine = next((t for t in tasks if t.is_open and refusal_to_determine(request.user, t) is None), None)
    if not tasks and not referrals and not disagreements:
        return None
    today = timezone.localdate()
    return {
        "incident": incident, "tasks": tasks, "disagreements": disagreements, "referrals": referrals,
        "task": mine, "form": DeterminationForm() if mine else None, "today": today,
        "is_referred": any(r.status in ("pending", "opened") for r in referrals),
    }


def home_queue_panel(request) -> dict | None:
    if request.user.role not in (Role.SUPERVISOR, Role.COMMAND):
        return None
    tasks = list(queue_for(request.user)[:20])
    overdue = []
    if request.user.role == Role.COMMAND:
        overdue = list(
            ReviewTask.objects.filter(agency_id=request.user.agency_id, status="open", due_on__lt=timezone.localdate())
            .select_related("incident", "assignee").order_by("due_on")[:20]
        )
    mine_against = list(disagreements_for(request.user).filter(reviewer=request.user)[:5])
    return {"tasks": tasks, "overdue": overdue, "today": timezone.localdate(), "disagreements": mine_against}


def home_intake_panel(request) -> dict | None:
    if request.user.role not in (Role.INVESTIGATOR, Role.COMMAND):
        return None
    pending = referrals_for(request.user).filter(status="pending").order_by("created_at")
    return {"count": pending.count(), "referrals": list(pending[:5])}


def register() -> None:
    from forcereview.web.panels import HOME_PANELS, INCIDENT_PANELS, Panel

    names = {p.name for p in INCIDENT_PANELS} | {p.name for p in HOME_PANELS}
    for panel, target in (
        (Panel("policy", "reviews/panels/policy.html", policy_panel, order=20), INCIDENT_PANELS),
        (Panel("claims_vs_evidence", "reviews/panels/evidence_flags.html", evidence_panel, order=25), INCIDENT_PANELS),
        (Panel("reviews", "reviews/panels/reviews.html", reviews_panel, order=40), INCIDENT_PANELS),
        (Panel("review_queue", "reviews/panels/home_queue.html", home_queue_panel, order=10), HOME_PANELS),
        (Panel("ia_intake", "reviews/panels/home_intake.html", home_intake_panel, order=15), HOME_PANELS),
    ):
        if panel.name not in names:
            target.append(panel)
