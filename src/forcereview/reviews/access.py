"""Permission-checked reads of reviews, and the rules on who may act on a review.

Missing and forbidden answer the same ``Http404``. Review tasks, evaluations and flags are
visible to whoever may read their incident (``records.access``) and to the assigned
reviewer; referrals and disagreements to internal affairs, command and auditors (and a
reviewer sees the disagreements recorded against them). A referral that became a case the
reader may not know of (the case is about them or their unit) is not shown to them, and a
case's label is shown only to those who may open the case.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.http import Http404

from forcereview.accounts.roles import Role
from forcereview.records.access import incidents_for
from forcereview.reviews.models import Disagreement, EvidenceFlag, Level, Referral, ReviewTask
from forcereview.reviews.routing import conflict_of

# Registered by the cases app: ``sight(user) -> (readable, known)``, two querysets of case ids:
# the cases ``user`` may open, and the cases ``user`` may know exist (readable plus
# de-identified summaries). Without the cases app no referral ever names a case.
CASE_SIGHT: list[Callable] = []

REVIEWER_ROLES = (Role.SUPERVISOR, Role.COMMAND)
INTAKE_ROLES = (Role.INVESTIGATOR, Role.COMMAND)
OVERSIGHT_ROLES = (Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.agency_id)


def tasks_for(user) -> QuerySet[ReviewTask]:
    """Review tasks ``user`` may see: those of incidents they may read, and their own."""
    if not _signed_in(user):
        return ReviewTask.objects.none()
    qs = ReviewTask.objects.filter(agency_id=user.agency_id)
    if user.role in OVERSIGHT_ROLES:
        return qs
    visible = Q(incident__in=incidents_for(user))
    if user.officer_id:
        visible |= Q(assignee_id=user.officer_id)
    return qs.filter(visible)


def queue_for(user) -> QuerySet[ReviewTask]:
    """Open reviews waiting for ``user``: assigned to them, and for command staff also the
    reviews no officer in the chain could take and the review board's."""
    if not _signed_in(user) or user.role not in REVIEWER_ROLES:
        return ReviewTask.objects.none()
    mine = Q(assignee_id=user.officer_id) if user.officer_id else Q(pk__in=[])
    if user.role == Role.COMMAND:
        mine |= Q(assignee__isnull=True)
    return (
        ReviewTask.objects.filter(agency_id=user.agency_id, status=ReviewTask.Status.OPEN)
        .filter(mine)
        .select_related("incident", "assignee")
        .order_by("due_on", "id")
    )


def access_task(user, pk) -> ReviewTask:
    try:
        return tasks_for(user).select_related("incident__agency", "assignee").get(pk=pk)
    except (ReviewTask.DoesNotExist, ValueError, TypeError):
        raise Http404("No such review.") from None


def refusal_to_determine(user, task: ReviewTask) -> str | None:
    """Why ``user`` may not make the determination on ``task``, in plain words, or None."""
    if not _signed_in(user) or user.agency_id != task.agency_id:
        return "this review is not yours to make"
    if not task.is_open:
        return f"this review is already closed ({task.get_status_display().lower()})"
    if user.role not in REVIEWER_ROLES:
        return "only supervisors and command staff make review determinations"
    if task.level == Level.BOARD and user.role != Role.COMMAND:
        return "the review board's determination is recorded by command staff"
    if task.level != Level.BOARD:
        if task.assignee_id and task.assignee_id != user.officer_id and user.role != Role.COMMAND:
            return f"this review is assigned to {task.assignee}"
        if not task.assignee_id and user.role != Role.COMMAND:
            return "this review waits for command staff"
    officer = getattr(user, "officer", None) if user.officer_id else None
    return conflict_of(officer, task.incident, exclude_task=task)


def referrals_for(user) -> QuerySet[Referral]:
    if not _signed_in(user) or user.role not in OVERSIGHT_ROLES:
        return Referral.objects.none()
    return without_hidden_cases(user, Referral.objects.filter(agency_id=user.agency_id)).select_related("incident")


def without_hidden_cases(user, referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """``referrals`` less those that led to a case ``user`` may not know of."""
    for sight in CASE_SIGHT:
        _readable, known = sight(user)
        referrals = referrals.filter(Q(case_id__isnull=True) | Q(case_id__in=known))
    return referrals


def label_cases(user, referrals) -> list[Referral]:
    """Set ``shown_case_label`` on each referral: the case's number and title for a reader who
    may open the case, "case opened" for one who may only know it exists, else nothing."""
    referrals = list(referrals)
    case_ids = {r.case_id for r in referrals if r.case_id}
    readable = set()
    if case_ids:
        for sight in CASE_SIGHT:
            readable |= set(sight(user)[0].filter(pk__in=case_ids).values_list("pk", flat=True))
    for r in referrals:
        r.shown_case_label = "" if not r.case_id else (r.case_label if r.case_id in readable else "case opened")
    return referrals


def access_referral(user, pk) -> Referral:
    try:
        return referrals_for(user).get(pk=pk)
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404("No such referral.") from None


def disagreements_for(user) -> QuerySet[Disagreement]:
    if not _signed_in(user):
        return Disagreement.objects.none()
    qs = Disagreement.objects.filter(incident__agency_id=user.agency_id).select_related("incident", "reviewer")
    if user.role in OVERSIGHT_ROLES:
        return qs
    if user.role == Role.SUPERVISOR:
        return qs.filter(Q(reviewer=user) | Q(incident__in=incidents_for(user)))
    return qs.none()


def flags_of(user, incident) -> QuerySet[EvidenceFlag]:
    """Flags of an incident ``user`` may read (the caller checked the incident)."""
    return EvidenceFlag.objects.filter(incident=incident).exclude(status=EvidenceFlag.Status.CLEARED)


def access_flag(user, pk) -> EvidenceFlag:
    try:
        return EvidenceFlag.objects.select_related("incident").get(pk=pk, incident__in=incidents_for(user))
    except (EvidenceFlag.DoesNotExist, ValueError, TypeError):
        raise Http404("No such flag.") from None


def refusal_to_resolve(user, flag: EvidenceFlag) -> str | None:
    if not _signed_in(user) or user.agency_id != flag.incident.agency_id:
        return "this flag is not yours to resolve"
    if user.role not in (Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND):
        return "only reviewers, internal affairs and command staff resolve flags"
    officer = getattr(user, "officer", None) if user.officer_id else None
    return conflict_of(officer, flag.incident)


# Who reads the review policy's text and versions. Supervisors see what it requires of each
# incident they review, not the rules file.
POLICY_READERS = (Role.ADMIN, Role.COMMAND, Role.INVESTIGATOR, Role.AUDITOR)


def can_read_policy(user) -> bool:
    return _signed_in(user) and user.role in POLICY_READERS


def can_edit_policy(user) -> bool:
    return _signed_in(user) and user.role == Role.ADMIN
