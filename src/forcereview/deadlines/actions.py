"""Every write to deadlines: open, meet, extend, cancel. Each validates, writes in one
transaction and appends its audit entry. The processor (``deadlines.processor``) writes the
reminder and escalation steps."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from forcereview.accounts.roles import Role
from forcereview.audit.actions import insert, record
from forcereview.deadlines.calendar import end_of_local_day
from forcereview.deadlines.models import ACTIVE, Deadline, Status
from forcereview.deadlines.registry import KINDS
from forcereview.deadlines.schedule import next_step, ordered_reminders, reminders_already_due


class DeadlineInvalid(ValueError):
    """A deadline change refused; ``field`` names what was wrong."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def _due_instant(agency, due: date | datetime) -> datetime:
    if isinstance(due, datetime):
        if timezone.is_naive(due):
            raise DeadlineInvalid("due", "a due time needs its time zone")
        return due
    if isinstance(due, date):
        return end_of_local_day(due, agency.timezone)
    raise DeadlineInvalid("due", f"{due!r} is not a date or a time")


def _schedule(deadline: Deadline, now: datetime) -> None:
    """Reset reminders and escalation for the deadline's (new) due time."""
    deadline.reminders_sent = reminders_already_due(deadline.due_at, deadline.reminders, now)
    deadline.escalation_level = 0
    step = next_step(
        due_at=deadline.due_at, reminders=deadline.reminders, reminders_sent=deadline.reminders_sent,
        escalation_level=0, escalate_every=deadline.escalate_every, max_escalations=deadline.max_escalations,
    )
    deadline.next_action_at = step.at if step else None


def _summary(d: Deadline) -> dict:
    return {
        "kind": d.kind,
        "title": d.title,
        "target": target_label(d),
        "due_at": d.due_at.isoformat(),
        "status": d.status,
        "assignee_user": d.assignee_user_id,
        "assignee_role": d.assignee_role,
        "basis": d.basis,
    }


def active_deadline(kind: str, target) -> Deadline | None:
    return Deadline.objects.filter(
        kind=kind, target_type=ContentType.objects.get_for_model(target), target_id=target.pk, status__in=ACTIVE,
    ).first()


def deadlines_of(target) -> list[Deadline]:
    """Every deadline of ``target`` (a case, a claim, a review task), soonest first."""
    return list(
        Deadline.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
        .select_related("agency", "assignee_user")
        .order_by("due_at", "id")
    )


def open_deadline(
    *,
    by,
    agency,
    kind: str,
    target,
    due: date | datetime,
    title: str,
    basis: str,
    assignee_user=None,
    assignee_role: str = "",
    remind_before: Iterable[timedelta] = (),
    escalate_every: timedelta = timedelta(days=1),
    max_escalations: int = 3,
    now: datetime | None = None,
    target_is_new: bool = False,
) -> Deadline:
    """Open a deadline on ``target``. ``due`` is a date (due at the end of that local day in
    the agency's time zone) or an aware datetime. ``basis`` says in plain words how it was
    computed: "90 days after the occurrence on 2019-08-27 (NM Tort Claims Act, NMSA 41-4-16)".
    ``target_is_new``: the target was made in this transaction (a review task just opened),
    so it has no deadline to look for first; the database's one-active-deadline constraint
    still holds either way.
    """
    if kind not in KINDS:
        raise DeadlineInvalid("kind", f"{kind!r} is not a registered kind of deadline")
    if not title.strip():
        raise DeadlineInvalid("title", "a deadline needs a title")
    if not basis.strip():
        raise DeadlineInvalid("basis", "say how the date was computed and under which rule")
    if assignee_role and assignee_role not in Role.values:
        raise DeadlineInvalid("assignee_role", f"{assignee_role!r} is not a known role")
    if assignee_user is not None and assignee_user.agency_id != agency.pk:
        raise DeadlineInvalid("assignee_user", "the assignee belongs to another agency")
    if escalate_every <= timedelta(0):
        raise DeadlineInvalid("escalate_every", "the escalation interval must be positive")
    spans = [td.total_seconds() for td in remind_before]
    if any(s <= 0 for s in spans):
        raise DeadlineInvalid("remind_before", "reminders are spans before the due time and must be positive")
    due_at = _due_instant(agency, due)
    now = now or timezone.now()
    with transaction.atomic():
        if not target_is_new and active_deadline(kind, target) is not None:
            raise DeadlineInvalid("kind", f"{target} already has an open {KINDS[kind].label.lower()} deadline; "
                                  "extend or cancel it instead")
        deadline = Deadline(
            agency=agency, kind=kind, title=title.strip()[:200], basis=basis.strip(),
            target=target, due_at=due_at, original_due_at=due_at, assignee_user=assignee_user, assignee_role=assignee_role,
            reminders=ordered_reminders([int(s) for s in spans]), escalate_every=escalate_every,
            max_escalations=max_escalations,
        )
        _schedule(deadline, now)
        insert(deadline)
        # The summary names the target by its id, which a review task opened in the same
        # block of appended entries has only once it is inserted.
        record("deadline.opened", deadline, by=by, after=lambda: _summary(deadline))
    return deadline


def target_label(d: Deadline) -> str:
    """``app.model:id`` of the deadline's target, kept in every audit entry (readers filter on it)."""
    return f"{d.target_type.app_label}.{d.target_type.model}:{d.target_id}"


def _locked_active(deadline: Deadline) -> Deadline:
    fresh = Deadline.objects.select_for_update().select_related("agency", "target_type").get(pk=deadline.pk)
    if fresh.status not in ACTIVE:
        raise DeadlineInvalid("status", f"this deadline is already {fresh.get_status_display().lower()}")
    return fresh


def meet_deadline(deadline: Deadline, *, by, note: str = "", at: datetime | None = None) -> Deadline:
    """Record that what was due has been done (late or not: ``met_late`` tells)."""
    at = at or timezone.now()
    with transaction.atomic():
        d = _locked_active(deadline)
        before = {"status": d.status}
        d.status, d.met_at, d.next_action_at, d.status_reason = Status.MET, at, None, note.strip()
        d.save()
        record("deadline.met", d, by=by, before=before,
               after={"status": d.status, "met_at": at.isoformat(), "late": d.met_late, "target": target_label(d)},
               note=note)
    return d


def extend_deadline(deadline: Deadline, *, by, due: date | datetime, reason: str,
                    now: datetime | None = None) -> Deadline:
    """Move a deadline later, with the reason (tolling, an agreed extension)."""
    if not reason.strip():
        raise DeadlineInvalid("reason", "say why the deadline is extended")
    now = now or timezone.now()
    with transaction.atomic():
        d = _locked_active(deadline)
        new_due = _due_instant(d.agency, due)
        if new_due <= d.due_at:
            raise DeadlineInvalid("due", "an extension must move the deadline later")
        before = {"status": d.status, "due_at": d.due_at.isoformat()}
        d.due_at, d.status, d.status_reason, d.missed_at = new_due, Status.EXTENDED, reason.strip(), None
        _schedule(d, now)
        d.save()
        record("deadline.extended", d, by=by, before=before,
               after={"status": d.status, "due_at": new_due.isoformat(), "target": target_label(d)}, note=reason)
    return d


def cancel_deadline(deadline: Deadline, *, by, reason: str) -> Deadline:
    """The deadline no longer applies (the case was closed another way, the claim withdrawn)."""
    if not reason.strip():
        raise DeadlineInvalid("reason", "say why the deadline no longer applies")
    with transaction.atomic():
        d = _locked_active(deadline)
        before = {"status": d.status}
        d.status, d.status_reason, d.next_action_at = Status.CANCELLED, reason.strip(), None
        d.save()
        record("deadline.cancelled", d, by=by, before=before, after={"status": d.status, "target": target_label(d)},
               note=reason)
    return d


def cancel_deadlines_of(target, *, by, reason: str) -> int:
    """Cancel every active deadline of ``target``; returns how many."""
    count = 0
    for d in deadlines_of(target):
        if d.is_active:
            cancel_deadline(d, by=by, reason=reason)
            count += 1
    return count
