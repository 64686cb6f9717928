"""Review tasks: opening them up the chain of command with their deadlines, moving an
overdue one up, and the incident status that follows from them."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from forcereview.audit.actions import insert, record
from forcereview.deadlines.actions import active_deadline, cancel_deadline, meet_deadline, open_deadline
from forcereview.deadlines.calendar import add_days
from forcereview.records.actions import set_incident_status
from forcereview.records.models import Incident, Officer
from forcereview.reviews import notify
from forcereview.reviews.models import CHAIN_LEVELS, Level, Referral, ReviewTask
from forcereview.reviews.routing import NEXT_LEVEL, route
from forcereview.reviews.versions import local_date

DEADLINE_KIND = "review.task"
DEFAULT_DAYS = {Level.SUPERVISOR: 3, Level.LIEUTENANT: 7, Level.COMMANDER: 7, Level.BOARD: 30}


def _summary(task: ReviewTask) -> dict:
    return {
        "incident": task.incident.number, "level": task.level, "status": task.status, "origin": task.origin,
        "assignee": task.assignee.badge_number if task.assignee_id else None, "due_on": task.due_on.isoformat(),
        "rules": task.rules, "basis": task.basis,
    }


def open_task(
    incident: Incident,
    *,
    by,
    level: str,
    days: int,
    basis: str,
    rules: list[str] = (),
    origin: str = ReviewTask.Origin.POLICY,
    above: Officer | None = None,
    escalated_from: ReviewTask | None = None,
    start=None,
    reads=None,
) -> ReviewTask:
    """Open a review of ``incident`` at ``level``, routed up the chain (from ``above`` when
    given), due ``days`` local days from ``start`` (today), with its deadline. ``reads``:
    what routing and notices need, read for a whole batch (``reviews.batchreads``)."""
    if level == Level.BOARD:
        assignee = None
    elif reads is None:
        assignee = route(incident, level, above=above)
    else:
        assignee = route(incident, level, above=above, involvements=reads.involvements.get(incident.pk, []),
                         prior_reviewers=reads.prior_reviewers.get(incident.pk, set()))
    today = start or local_date(timezone.now(), incident.agency.timezone)
    due_on = add_days(today, days)
    task = ReviewTask(
        agency_id=incident.agency_id, incident=incident, level=level, assignee=assignee, origin=origin, due_on=due_on,
        basis=basis, rules=list(rules), escalated_from=escalated_from,
    )
    insert(task)
    record("review_task.opened", task, by=by, agency_id=incident.agency_id, after=_summary(task))
    user = notify.user_of(assignee)
    open_deadline(
        by=by, agency=incident.agency, kind=DEADLINE_KIND, target=task, due=due_on,
        title=f"{task.get_level_display()} review of incident {incident.number}",
        basis=f"{days} day{'s' if days != 1 else ''} from {today:%Y-%m-%d}: {basis}",
        assignee_user=user if user is not None and user.is_active else None,
        assignee_role="" if user is not None and user.is_active else "command",
        remind_before=[timedelta(days=1)], max_escalations=1, target_is_new=True,
    )
    notify.task_assigned(task, reads.recipients if reads is not None else notify.role_addresses)
    return task


def has_task(incident: Incident, level: str, statuses=(ReviewTask.Status.OPEN, ReviewTask.Status.COMPLETED)) -> bool:
    return ReviewTask.objects.filter(incident=incident, level=level, status__in=statuses).exists()


def close_deadline_of(task: ReviewTask, *, by, met: bool, note: str) -> None:
    deadline = active_deadline(DEADLINE_KIND, task)
    if deadline is None:
        return
    if met:
        meet_deadline(deadline, by=by, note=note)
    else:
        cancel_deadline(deadline, by=by, reason=note)


def escalate_task(task: ReviewTask, *, by=None) -> ReviewTask | None:
    """An overdue review moves to the next eligible officer above its assignee (command staff
    when the chain runs out), due as many days after the missed date as it first had. The
    overdue task is closed as escalated; returns the new one. A review already waiting for
    command staff stays with them (the deadline engine keeps telling them it is overdue)."""
    with transaction.atomic():
        task = (
            ReviewTask.objects.select_for_update(of=("self",)).select_related("incident__agency", "assignee")
            .get(pk=task.pk)
        )
        if not task.is_open or task.assignee_id is None:
            return None
        task.status, task.closed_at = ReviewTask.Status.ESCALATED, timezone.now()
        new_holder = route(task.incident, task.level, above=task.assignee)
        task.close_note = f"Overdue since {task.due_on:%Y-%m-%d}; moved to {new_holder or 'command staff'}."
        task.save(update_fields=["status", "closed_at", "close_note"])
        record("review_task.escalated", task, by=by, agency_id=task.agency_id,
               before={"status": "open"}, after={"status": task.status, "note": task.close_note})
        close_deadline_of(task, by=by, met=False, note=task.close_note)
        tz = task.incident.agency.timezone
        days = max(1, (task.due_on - local_date(task.created_at, tz)).days)
        new = open_task(
            task.incident, by=by, level=task.level, days=days,
            basis=f"Escalated: the review by {task.assignee} was due {task.due_on:%Y-%m-%d}. {task.basis}",
            rules=task.rules, origin=ReviewTask.Origin.ESCALATION, above=task.assignee, escalated_from=task,
            start=max(task.due_on, local_date(timezone.now(), tz)),
        )
        notify.task_escalated(task, new)
    return new


def escalate_on_deadline(deadline, level: int) -> None:
    """The deadline engine's escalation handler for review deadlines."""
    task = ReviewTask.objects.filter(pk=deadline.target_id).first()
    if task is not None and task.is_open:
        escalate_task(task, by=None)


def open_next_level(incident: Incident, after: ReviewTask, *, by, required_top: str | None, days: int,
                    forced_reason: str = "") -> ReviewTask | None:
    """After a determination, the next level of the chain reviews when the policy requires a
    review that high, or when the system disagreed with the determination."""
    if after.level == Level.BOARD:
        return None
    following = NEXT_LEVEL.get(after.level)
    if following is None:
        return None
    wanted = required_top is not None and CHAIN_LEVELS.index(following) <= CHAIN_LEVELS.index(required_top)
    if not (wanted or forced_reason) or has_task(incident, following):
        return None
    basis = forced_reason or f"The policy requires review at the {required_top} level."
    origin = ReviewTask.Origin.DISAGREEMENT if forced_reason else ReviewTask.Origin.CHAIN
    return open_task(incident, by=by, level=following, days=days, basis=basis, rules=after.rules, origin=origin)


def sync_incident_status(incident: Incident, *, by) -> None:
    """The incident's status once the review has started (a determination made, or a case
    opened from a referral): referred while a referral is live, under review while a review
    is open, reviewed when every review is done. Before that it stays "reported", so its
    officer may still correct it; a closed incident stays closed."""
    from forcereview.reviews.models import Determination

    incident.refresh_from_db(fields=["status"])
    if incident.status == "closed":
        return
    live = Referral.objects.filter(incident=incident, status__in=[Referral.Status.PENDING, Referral.Status.OPENED])
    started = Determination.objects.filter(task__incident=incident).exists() or live.filter(
        status=Referral.Status.OPENED).exists()
    if not started:
        return
    if live.exists():
        status = "referred"
    elif ReviewTask.objects.filter(incident=incident, status=ReviewTask.Status.OPEN).exists():
        status = "under_review"
    else:
        status = "reviewed"
    if status != incident.status:
        set_incident_status(incident, status, by=by, note="set by the review workflow")
