"""Discipline decisions, remedial training, administrative leave, reassignment, demotion and
separation. Officer records change only through ``records.actions.update_officer``.

The system proposes (the matrix's presumptive range); people decide. A decision outside the
range is allowed and marked as a departure; every decision carries its reasons.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from forcereview.accounts.roles import Role
from forcereview.cases.actions import board, timeline
from forcereview.cases.actions.common import CaseInvalid, audit_case, require, same_agency
from forcereview.cases.config import rules
from forcereview.cases.models import (
    Allegation,
    Case,
    Discipline,
    LeavePeriod,
    PersonnelAction,
    TrainingAssignment,
)
from forcereview.cases.models.case import UNDER_INVESTIGATION
from forcereview.deadlines import actions as deadlines
from forcereview.records import vocab
from forcereview.records.actions import update_officer

NO_DISCIPLINE = "none"


def decide_discipline(discipline: Discipline, *, by, penalty: str, reason: str, aggravating=(), mitigating=(),
                      suspension_days: int | None = None) -> Discipline:
    """Command's decision on a sustained allegation. ``penalty`` is a code of the matrix's scale,
    or ``none`` (for example when the officer has already separated)."""
    matrix = rules().discipline
    if discipline.status == Discipline.Status.WITHDRAWN:
        raise CaseInvalid("discipline", "the finding is no longer sustained; there is nothing to decide")
    if penalty != NO_DISCIPLINE and penalty not in matrix.penalties:
        raise CaseInvalid("penalty", f"{penalty!r} is not a penalty (use {', '.join(matrix.penalties)} or none)")
    reason = require(reason, "reason", "give the reasons for the decision")
    if penalty.startswith("suspension"):
        if not suspension_days or suspension_days < 1:
            raise CaseInvalid("suspension_days", "say how many days of suspension")
    elif suspension_days:
        raise CaseInvalid("suspension_days", "only a suspension has days")
    aggravating = [a.strip() for a in aggravating if a and a.strip()]
    mitigating = [m.strip() for m in mitigating if m and m.strip()]
    from forcereview.cases.rules import Range

    rng = Range(discipline.category, discipline.history_level, discipline.presumptive_mildest,
                discipline.presumptive_harshest, "", "")
    departs = penalty == NO_DISCIPLINE or not matrix.within(rng, penalty)
    with transaction.atomic():
        before = {"status": discipline.status, "penalty": discipline.penalty or None}
        Discipline.objects.filter(pk=discipline.pk).update(
            status=Discipline.Status.DECIDED, penalty=penalty, suspension_days=suspension_days,
            aggravating=aggravating, mitigating=mitigating, departs_from_range=departs, reason=reason,
            decided_by=by, decided_at=timezone.now())
        discipline.refresh_from_db()
        audit_case("case.discipline_decided", discipline.case, by=by, before=before, after={
            "allegation": discipline.allegation_id, "officer": discipline.officer.badge_number,
            "penalty": penalty, "suspension_days": suspension_days, "departs_from_range": departs,
            "presumptive": [discipline.presumptive_mildest, discipline.presumptive_harshest],
            "aggravating": aggravating, "mitigating": mitigating}, note=reason)
    return discipline


# -- remedial training -------------------------------------------------------------------------------


def assign_training(officer, *, by, course: str, due_on: date, case: Case | None = None,
                    allegation: Allegation | None = None) -> TrainingAssignment:
    course = require(course, "course", "name the course or training")
    if case is not None:
        same_agency(officer, case.agency_id, "officer", "officer")
    if allegation is not None and (allegation.officer_id != officer.pk or (case and allegation.case_id != case.pk)):
        raise CaseInvalid("allegation", "the allegation is about another officer or case")
    if due_on < timeline.today_for(officer.agency):
        raise CaseInvalid("due_on", "the completion date is in the past")
    with transaction.atomic():
        t = TrainingAssignment.objects.create(officer=officer, course=course[:200], due_on=due_on, case=case,
                                              allegation=allegation, assigned_by=by)
        if case is not None:
            audit_case("case.training_assigned", case, by=by, after={
                "training": t.pk, "officer": officer.badge_number, "course": t.course, "due_on": due_on})
        else:
            from forcereview.audit.actions import record

            record("training.assigned", t, by=by, agency_id=officer.agency_id,
                   after={"officer": officer.badge_number, "course": t.course, "due_on": due_on.isoformat()})
        label = case.number if case is not None else f"training #{t.pk}"
        deadlines.open_deadline(
            by=by, agency=officer.agency, kind=timeline.TRAINING, target=t, due=due_on,
            title=f"{label}: remedial training completed", basis=f"set by {getattr(by, 'username', 'the system')} "
            f"when assigned on {timeline.today_for(officer.agency).isoformat()}",
            assignee_role=Role.COMMAND, remind_before=timeline.reminders())
    return t


def _training_audit(t: TrainingAssignment, action: str, *, by, after: dict, note: str = "") -> None:
    if t.case_id:
        audit_case(action, t.case, by=by, after={"training": t.pk, **after}, note=note)
    else:
        from forcereview.audit.actions import record

        record(action.replace("case.", ""), t, by=by, agency_id=t.officer.agency_id, after=after, note=note)


def complete_training(t: TrainingAssignment, *, by, completed_on: date, note: str = "") -> TrainingAssignment:
    if t.status != TrainingAssignment.Status.ASSIGNED:
        raise CaseInvalid("status", f"this training is already {t.get_status_display().lower()}")
    if completed_on > timeline.today_for(t.officer.agency):
        raise CaseInvalid("completed_on", "is in the future")
    with transaction.atomic():
        TrainingAssignment.objects.filter(pk=t.pk).update(
            status=TrainingAssignment.Status.COMPLETED, completed_on=completed_on, completion_note=note.strip())
        t.refresh_from_db()
        _training_audit(t, "case.training_completed", by=by,
                        after={"completed_on": completed_on.isoformat(), "late": completed_on > t.due_on})
        timeline.meet(timeline.TRAINING, t, by=by, note=f"completed on {completed_on.isoformat()}")
    return t


def cancel_training(t: TrainingAssignment, *, by, reason: str) -> TrainingAssignment:
    reason = require(reason, "reason", "say why the training is cancelled")
    if t.status != TrainingAssignment.Status.ASSIGNED:
        raise CaseInvalid("status", f"this training is already {t.get_status_display().lower()}")
    with transaction.atomic():
        TrainingAssignment.objects.filter(pk=t.pk).update(status=TrainingAssignment.Status.CANCELLED,
                                                          completion_note=reason)
        t.refresh_from_db()
        _training_audit(t, "case.training_cancelled", by=by, after={"status": t.status}, note=reason)
        timeline.cancel(timeline.TRAINING, t, by=by, reason=reason)
    return t


# -- leave, reassignment, demotion, separation -------------------------------------------------------


def start_leave(officer, *, by, kind: str, starts_on: date, reason: str, case: Case | None = None) -> LeavePeriod:
    if kind not in LeavePeriod.Kind.values:
        raise CaseInvalid("kind", f"{kind!r} is not a kind of leave")
    reason = require(reason, "reason", "say why the officer is placed on leave")
    if officer.status == "separated":
        raise CaseInvalid("officer", "the officer has separated")
    if LeavePeriod.objects.filter(officer=officer, ends_on__isnull=True).exists():
        raise CaseInvalid("officer", "the officer is already on leave")
    with transaction.atomic():
        period = LeavePeriod.objects.create(officer=officer, kind=kind, starts_on=starts_on, reason=reason,
                                            case=case, started_by=by)
        update_officer(officer, by=by, status="leave")
        if case is not None:
            audit_case("case.leave_started", case, by=by, after={
                "officer": officer.badge_number, "kind": kind, "starts_on": starts_on}, note=reason)
    return period


def end_leave(period: LeavePeriod, *, by, ends_on: date, note: str = "") -> LeavePeriod:
    if period.ends_on is not None:
        raise CaseInvalid("leave", "this leave has already ended")
    if ends_on < period.starts_on:
        raise CaseInvalid("ends_on", "the leave cannot end before it started")
    with transaction.atomic():
        LeavePeriod.objects.filter(pk=period.pk).update(ends_on=ends_on, ended_by=by)
        period.refresh_from_db()
        officer = period.officer
        officer.refresh_from_db()
        if officer.status == "leave":
            update_officer(officer, by=by, status="active")
        if period.case_id:
            audit_case("case.leave_ended", period.case, by=by, after={
                "officer": officer.badge_number, "ends_on": ends_on}, note=note)
    return period


def _personnel(officer, *, by, kind: str, effective_on: date, reason: str, case: Case | None, before: dict,
               after: dict, separation: str = "", under_investigation: bool = False) -> PersonnelAction:
    action = PersonnelAction.objects.create(
        officer=officer, kind=kind, effective_on=effective_on, reason=reason, case=case, before=before, after=after,
        separation=separation, while_under_investigation=under_investigation, by=by)
    if case is not None:
        audit_case(f"case.{kind}", case, by=by, before=before, after={
            "officer": officer.badge_number, "effective_on": effective_on, **after,
            **({"separation": separation, "while_under_investigation": under_investigation} if separation else {})},
            note=reason)
    return action


def reassign(officer, *, by, effective_on: date, reason: str, unit=None, assignment: str | None = None,
             case: Case | None = None) -> PersonnelAction:
    reason = require(reason, "reason", "say why the officer is reassigned")
    changes = {}
    if unit is not None and unit.pk != officer.unit_id:
        same_agency(unit, officer.agency_id, "unit", "unit")
        changes["unit"] = unit
    if assignment and assignment != officer.assignment:
        if assignment not in vocab.ASSIGNMENTS:
            raise CaseInvalid("assignment", f"{assignment!r} is not an assignment")
        changes["assignment"] = assignment
    if not changes:
        raise CaseInvalid("unit", "a reassignment changes the unit or the assignment")
    before = {"unit": officer.unit.name if officer.unit_id else None, "assignment": officer.assignment}
    with transaction.atomic():
        update_officer(officer, by=by, **changes)
        officer.refresh_from_db()
        after = {"unit": officer.unit.name if officer.unit_id else None, "assignment": officer.assignment}
        return _personnel(officer, by=by, kind=PersonnelAction.Kind.REASSIGNMENT, effective_on=effective_on,
                          reason=reason, case=case, before=before, after=after)


def demote(officer, *, by, rank: str, effective_on: date, reason: str, case: Case | None = None) -> PersonnelAction:
    reason = require(reason, "reason", "say why the officer is demoted")
    new, old = vocab.RANKS.get(rank), vocab.RANKS.get(officer.rank)
    if new is None:
        raise CaseInvalid("rank", f"{rank!r} is not a rank")
    if old is not None and new.level >= old.level:
        raise CaseInvalid("rank", f"{new.label} is not below {old.label}")
    with transaction.atomic():
        update_officer(officer, by=by, rank=rank)
        return _personnel(officer, by=by, kind=PersonnelAction.Kind.DEMOTION, effective_on=effective_on,
                          reason=reason, case=case, before={"rank": officer.rank},
                          after={"rank": rank})


def open_cases_about(officer):
    return Case.objects.filter(
        agency_id=officer.agency_id, officer_links__officer=officer, officer_links__role__in=UNDER_INVESTIGATION,
    ).exclude(status=Case.Status.CLOSED).distinct()


def separate(officer, *, by, separation: str, effective_on: date, reason: str, case: Case | None = None) -> PersonnelAction:
    """The officer resigns, retires or is terminated. If a case about them is open, that is kept
    for good ("separated while under investigation"), each such case goes on to a finding, and a
    report to the standards board falls due."""
    if separation not in ("resigned", "retired", "terminated"):
        raise CaseInvalid("separation", f"{separation!r} is not a separation (use resigned, retired or terminated)")
    reason = require(reason, "reason", "record the reason or the circumstances")
    if officer.status == "separated":
        raise CaseInvalid("officer", "the officer has already separated")
    open_cases = list(open_cases_about(officer))
    under = bool(open_cases)
    with transaction.atomic():
        for period in LeavePeriod.objects.filter(officer=officer, ends_on__isnull=True):
            LeavePeriod.objects.filter(pk=period.pk).update(ends_on=effective_on, ended_by=by)
        before = {"status": officer.status}
        update_officer(officer, by=by, status="separated")
        action = _personnel(officer, by=by, kind=PersonnelAction.Kind.SEPARATION, effective_on=effective_on,
                            reason=reason, case=case, before=before, after={"status": "separated"},
                            separation=separation, under_investigation=under)
        for open_case in open_cases:
            if case is None or open_case.pk != case.pk:
                audit_case("case.separation", open_case, by=by, after={
                    "officer": officer.badge_number, "effective_on": effective_on, "separation": separation,
                    "while_under_investigation": True}, note=reason)
            board.owe_report(open_case, officer, board.SEPARATION, effective_on, by=by)
    return action
