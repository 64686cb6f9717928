"""What the cases app plugs into elsewhere, all connected in ``CasesConfig.ready()``:

- deadline kinds, each scoped so that a case's deadlines stay hidden from whoever may not
  see the case, with reminders and escalations sent only to people who may;
- the audit log hides a case's history from the officers it is about and their unit;
- the reviews app shows a referral's case only to those who may know of the case;
- evidence retention keeps every item of an incident with an open case or claim;
- panels on the home page and the incident page.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from forcereview.accounts.models import User
from forcereview.accounts.roles import Role
from forcereview.deadlines.notify import email_after_commit
from forcereview.deadlines.registry import DeadlineKind, register


def _case_ids_q(user, prefix: str = "") -> Q:
    from forcereview.cases.access import cases_for, summaries_for

    return Q(**{f"{prefix}in": cases_for(user).values("pk")}) | Q(**{f"{prefix}in": summaries_for(user).values("pk")})


def _scope_case(user) -> Q:
    return _case_ids_q(user, "target_id__")


def _scope_board(user) -> Q:
    from forcereview.cases.models import StandardsReport

    return Q(target_id__in=StandardsReport.objects.filter(_case_ids_q(user, "case_id__")).values("pk"))


def _scope_training(user) -> Q:
    from forcereview.cases.access import CASE_READERS
    from forcereview.cases.models import TrainingAssignment

    visible = TrainingAssignment.objects.filter(_case_ids_q(user, "case_id__"))
    if user.role in CASE_READERS:
        visible = TrainingAssignment.objects.filter(Q(_case_ids_q(user, "case_id__")) | Q(case__isnull=True))
    return Q(target_id__in=visible.values("pk"))


def _scope_claim(user) -> Q:
    from forcereview.cases.access import claims_for
    from forcereview.cases.models import ClaimPeriodRecord

    return Q(target_id__in=ClaimPeriodRecord.objects.filter(claim__in=claims_for(user).values("pk")).values("pk"))


def case_sight(user):
    """For ``reviews.access.CASE_SIGHT``: the cases ``user`` may open, and those they may know exist."""
    from forcereview.cases.access import cases_for, summaries_for

    readable = cases_for(user).values("pk")
    return readable, _either(readable, summaries_for(user).values("pk"))


def _either(a, b):
    from forcereview.cases.models import Case

    return Case.objects.filter(Q(pk__in=a) | Q(pk__in=b)).values("pk")


def case_of(deadline):
    """The case a deadline belongs to, or None (a claim without a case, training outside one)."""
    target = deadline.target
    if target is None:
        return None
    if deadline.kind in ("cases.investigation", "cases.command_review"):
        return target
    if deadline.kind == "cases.claim_limitation":
        return target.claim.case
    return getattr(target, "case", None)


def _may_know(users, deadline) -> list:
    from forcereview.cases.access import cases_for, claims_for

    case = case_of(deadline)
    if case is not None:
        return [u for u in users if cases_for(u).filter(pk=case.pk).exists()]
    if deadline.kind == "cases.claim_limitation":
        return [u for u in users if claims_for(u).filter(pk=deadline.target.claim_id).exists()]
    return list(users)


def _people(deadline, *, with_command: bool) -> list:
    from forcereview.deadlines.notify import assignees

    people = list(assignees(deadline))
    case = case_of(deadline)
    if case is not None and case.lead_investigator_id and case.lead_investigator.is_active:
        people.append(case.lead_investigator)
    if with_command:
        people += list(User.objects.filter(agency_id=deadline.agency_id, role=Role.COMMAND, is_active=True))
    unique = {u.pk: u for u in people}
    return _may_know(unique.values(), deadline)


def remind(deadline, number: int) -> None:
    email_after_commit(_people(deadline, with_command=False), f"Due {deadline.due_local:%Y-%m-%d}: {deadline.title}",
                       f"{deadline.title} is due by {deadline.due_local:%Y-%m-%d %H:%M}.\n\n"
                       f"How the date was computed: {deadline.basis}\n")


def escalate(deadline, level: int) -> None:
    email_after_commit(_people(deadline, with_command=True), f"OVERDUE (level {level}): {deadline.title}",
                       f"{deadline.title} was due by {deadline.due_local:%Y-%m-%d %H:%M} and is not done.\n\n"
                       f"How the date was computed: {deadline.basis}\n")


def _case_url(deadline, user) -> str | None:
    """The case for those who read cases, its summary for those who read summaries (auditors)."""
    from forcereview.cases.access import cases_for, summaries_for

    case = case_of(deadline)
    if case is None:
        return None
    if cases_for(user).filter(pk=case.pk).exists():
        return reverse("cases:detail", args=[case.pk])
    if summaries_for(user).filter(pk=case.pk).exists():
        return reverse("cases:summary_detail", args=[case.pk])
    return None


def _claim_url(deadline, user) -> str | None:
    from forcereview.cases.access import claims_for

    target = deadline.target
    if target is None or not claims_for(user).filter(pk=target.claim_id).exists():
        return None
    return reverse("cases:claim_detail", args=[target.claim_id])


KINDS = [
    DeadlineKind("cases.investigation", "Internal-affairs investigation", remind, escalate, _case_url, _scope_case),
    DeadlineKind("cases.command_review", "Command's findings on a case", remind, escalate, _case_url, _scope_case),
    DeadlineKind("cases.board_report", "Report to the standards board", remind, escalate, _case_url, _scope_board),
    DeadlineKind("cases.training", "Remedial training", remind, escalate, _case_url, _scope_training),
    DeadlineKind("cases.claim_limitation", "Civil claim limitation period", remind, escalate, _claim_url,
                 _scope_claim),
]


def hidden_audit_entries(user) -> Q | None:
    """A case's history, its deadlines' and its claims', hidden from those who may not know of it."""
    if not getattr(user, "officer_id", None):
        return None
    from forcereview.cases.access import conflicted
    from forcereview.cases.models import (
        Case,
        CivilClaim,
        ClaimPeriodRecord,
        Complaint,
        StandardsReport,
        TrainingAssignment,
    )

    ids = list(Case.objects.filter(agency_id=user.agency_id).filter(conflicted(user)).values_list("pk", flat=True))
    if not ids:
        return None
    targets = [f"cases.case:{pk}" for pk in ids]
    targets += [f"cases.standardsreport:{pk}" for pk in
                StandardsReport.objects.filter(case_id__in=ids).values_list("pk", flat=True)]
    targets += [f"cases.trainingassignment:{pk}" for pk in
                TrainingAssignment.objects.filter(case_id__in=ids).values_list("pk", flat=True)]
    claims = [str(pk) for pk in CivilClaim.objects.filter(case_id__in=ids).values_list("pk", flat=True)]
    targets += [f"cases.claimperiodrecord:{pk}" for pk in
                ClaimPeriodRecord.objects.filter(claim_id__in=claims).values_list("pk", flat=True)]
    complaints = Complaint.objects.filter(cases__in=ids).values_list("pk", flat=True).distinct()
    hidden = (Q(object_type="cases.case", object_id__in=[str(pk) for pk in ids])
              | Q(object_type="cases.civilclaim", object_id__in=claims)
              | Q(object_type="deadlines.deadline", after__target__in=targets)
              | Q(object_type="cases.complaint", object_id__in=[str(pk) for pk in complaints])
              | Q(object_type="cases.trainingassignment", object_id__in=[
                  str(pk) for pk in TrainingAssignment.objects.filter(case_id__in=ids).values_list("pk", flat=True)]))
    try:
        from forcereview.reviews.models import Referral
    except ImportError:  # the reviews app is not installed
        return hidden
    referrals = [str(pk) for pk in Referral.objects.filter(case_id__in=ids).values_list("pk", flat=True)]
    return hidden | Q(object_type="reviews.referral", object_id__in=referrals)


def connect() -> None:
    from forcereview.audit.access import HIDDEN_ENTRIES
    from forcereview.cases import panels

    for kind in KINDS:
        register(kind)
    if hidden_audit_entries not in HIDDEN_ENTRIES:
        HIDDEN_ENTRIES.append(hidden_audit_entries)
    from forcereview.cases.evidence_link import retention_blocker
    from forcereview.evidence.hooks import RETENTION_BLOCKERS

    if retention_blocker not in RETENTION_BLOCKERS:
        RETENTION_BLOCKERS.append(retention_blocker)
    try:
        from forcereview.reviews.access import CASE_SIGHT
    except ImportError:  # the reviews app is not installed
        CASE_SIGHT = None
    if CASE_SIGHT is not None and case_sight not in CASE_SIGHT:
        CASE_SIGHT.append(case_sight)
    from forcereview.cases.casefile import CASE_FILE_SECTIONS
    from forcereview.cases.review_link import reviews_section

    if reviews_section not in CASE_FILE_SECTIONS:
        CASE_FILE_SECTIONS.append(reviews_section)
    panels.connect()
