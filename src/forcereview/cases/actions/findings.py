"""Allegations and their findings: the investigator recommends, command decides.

A sustained final finding sets in motion what follows from it, in the same transaction:
the discipline matrix's proposal (never a decision), a disclosure mark when the category
calls for one, and a report owed to the standards board when the category is reportable.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from forcereview.cases.actions import board, timeline
from forcereview.cases.actions.common import CaseInvalid, audit_case, require
from forcereview.cases.config import rules
from forcereview.cases.models import Allegation, Case, CaseOfficer, DisclosureMark, Discipline, Finding
from forcereview.deadlines.calendar import local_date


def add_allegation(case: Case, *, by, officer, category: str, policy_section: str, description: str,
                   review=None) -> Allegation:
    """Allege that ``officer`` broke ``policy_section``. ``review`` (a review the officer made)
    makes it an allegation against a reviewer for failing to identify a violation."""
    if not case.is_open or case.status == Case.Status.ADJUDICATION:
        raise CaseInvalid("case", "allegations are added while the case is under investigation")
    matrix = rules().discipline
    if category not in matrix.categories:
        raise CaseInvalid("category", f"{category!r} is not a category of the discipline matrix "
                                      f"(use {', '.join(matrix.categories)})")
    policy_section = require(policy_section, "policy_section", "name the policy section the conduct broke")
    description = require(description, "description", "describe the conduct alleged")
    link = CaseOfficer.objects.filter(case=case, officer=officer).first()
    if link is None:
        raise CaseInvalid("officer", "name the officer in the case (as subject or reviewer) first")
    if link.role == CaseOfficer.Role.WITNESS:
        raise CaseInvalid("officer", "the officer is a witness in this case; make them a subject first")
    if review is not None:
        if link.role != CaseOfficer.Role.REVIEWER:
            raise CaseInvalid("review", "an allegation about a review is made against the reviewer under review")
        from forcereview.cases.review_link import check_review

        check_review(case, officer, review)
    with transaction.atomic():
        allegation = Allegation.objects.create(
            case=case, officer=officer, category=category, policy_section=policy_section[:200],
            description=description, created_by=by,
            review_type=ContentType.objects.get_for_model(review) if review is not None else None,
            review_id=review.pk if review is not None else None,
        )
        audit_case("case.allegation_added", case, by=by, after={
            "allegation": allegation.pk, "officer": officer.badge_number, "category": category,
            "policy_section": allegation.policy_section, "review": review.pk if review is not None else None,
        })
        if matrix.categories[category].report_to_board:
            board.open_still_open_report(case, by=by)
    return allegation


def _check_finding(finding: str, reason: str) -> str:
    if finding not in Finding.values:
        raise CaseInvalid("finding", f"{finding!r} is not a finding (use {', '.join(Finding.values)})")
    return require(reason, "reason", "give the reasons for the finding")


def recommend_finding(allegation: Allegation, *, by, finding: str, reason: str) -> Allegation:
    """The investigator's recommendation. Kept apart from command's final finding."""
    reason = _check_finding(finding, reason)
    case = allegation.case
    if case.status != Case.Status.INVESTIGATING:
        raise CaseInvalid("case", "findings are recommended while the case is under investigation")
    with transaction.atomic():
        before = {"recommended_finding": allegation.recommended_finding or None}
        Allegation.objects.filter(pk=allegation.pk).update(
            recommended_finding=finding, recommended_reason=reason, recommended_by=by, recommended_at=timezone.now())
        allegation.refresh_from_db()
        audit_case("case.finding_recommended", case, by=by, before=before,
                   after={"allegation": allegation.pk, "recommended_finding": finding})
    return allegation


def prior_sustained(allegation: Allegation, matrix) -> int:
    """Sustained final findings against the officer in other cases within the look-back."""
    start = matrix.lookback.before(local_date(timezone.now(), allegation.case.agency.timezone))
    return (Allegation.objects.filter(officer=allegation.officer, final_finding=Finding.SUSTAINED,
                                      decided_at__date__gte=start)
            .exclude(case=allegation.case).count())


def decide_finding(allegation: Allegation, *, by, finding: str, reason: str) -> Allegation:
    """Command's final finding. Deciding again (after an appeal) keeps the history in the audit log."""
    reason = _check_finding(finding, reason)
    case = allegation.case
    if case.status != Case.Status.ADJUDICATION:
        raise CaseInvalid("case", "command decides findings once the investigation has been submitted")
    active = rules()
    with transaction.atomic():
        before = {"final_finding": allegation.final_finding or None}
        now = timezone.now()
        Allegation.objects.filter(pk=allegation.pk).update(
            final_finding=finding, final_reason=reason, decided_by=by, decided_at=now)
        allegation.refresh_from_db()
        audit_case("case.finding_decided", case, by=by, before=before, after={
            "allegation": allegation.pk, "final_finding": finding,
            "recommended_finding": allegation.recommended_finding,
            "differs_from_recommendation": finding != allegation.recommended_finding,
        })
        if finding == Finding.SUSTAINED and before["final_finding"] != Finding.SUSTAINED:
            _on_sustained(allegation, active, by=by)
        elif finding != Finding.SUSTAINED and before["final_finding"] == Finding.SUSTAINED:
            _on_no_longer_sustained(allegation, by=by)
        if not case.allegations.filter(final_finding="").exists():
            timeline.meet(timeline.COMMAND_REVIEW, case, by=by, note="every allegation has a final finding")
    return allegation


def _on_sustained(allegation: Allegation, active, *, by) -> None:
    case, matrix = allegation.case, active.discipline
    category = matrix.categories.get(allegation.category)
    if category is None:
        raise CaseInvalid("category", f"{allegation.category!r} is no longer in the discipline matrix; "
                                      "restore it to the rules before deciding")
    prior = prior_sustained(allegation, matrix)
    rng = matrix.presumptive(allegation.category, prior)
    Discipline.objects.update_or_create(allegation=allegation, defaults=dict(
        case=case, officer=allegation.officer, category=allegation.category, prior_sustained=prior,
        history_level=rng.history, presumptive_mildest=rng.mildest, presumptive_harshest=rng.harshest,
        rules_version=active.version, rules_digest=active.digest, proposed_at=timezone.now(),
        status=Discipline.Status.PROPOSED, penalty="", suspension_days=None, aggravating=[], mitigating=[],
        departs_from_range=False, reason="", decided_by=None, decided_at=None,
    ))
    audit_case("case.discipline_proposed", case, by=None, after={
        "allegation": allegation.pk, "officer": allegation.officer.badge_number, "prior_sustained": prior,
        "history": rng.history, "presumptive": str(rng), "rules_version": active.version,
    })
    sustained_on = local_date(allegation.decided_at, case.agency.timezone)
    if category.disclosure:
        mark, _ = DisclosureMark.objects.update_or_create(allegation=allegation, defaults=dict(
            officer=allegation.officer, case=case, category=allegation.category, sustained_on=sustained_on,
            status=DisclosureMark.Status.ACTIVE, withdrawn_reason=""))
        audit_case("case.disclosure_marked", case, by=None, after={
            "officer": allegation.officer.badge_number, "category": allegation.category, "mark": mark.pk})
    if category.report_to_board:
        board.owe_report(case, allegation.officer, board.SUSTAINED, sustained_on, by=by)


def _on_no_longer_sustained(allegation: Allegation, *, by) -> None:
    case = allegation.case
    Discipline.objects.filter(allegation=allegation).update(status=Discipline.Status.WITHDRAWN)
    withdrawn = DisclosureMark.objects.filter(allegation=allegation, status=DisclosureMark.Status.ACTIVE).update(
        status=DisclosureMark.Status.WITHDRAWN, withdrawn_reason="the finding is no longer sustained")
    audit_case("case.discipline_withdrawn", case, by=by, after={
        "allegation": allegation.pk, "disclosure_mark_withdrawn": bool(withdrawn)})
