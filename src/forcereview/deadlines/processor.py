"""The deadline processor: reminders before, escalation after. Run by ``forcereview deadlines
run`` from cron (every few minutes is plenty).

The database is the queue. Each due row is claimed with a conditional UPDATE on the value
of ``next_action_at`` the worker read; a second worker reading the same row updates nothing
and moves on, so two workers never send the same reminder or escalation twice. The claim,
the handler's writes and the audit entry commit together: a handler that fails rolls the
claim back and the row is tried again on the next run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from forcereview.audit.actions import record
from forcereview.deadlines import notify
from forcereview.deadlines.actions import target_label
from forcereview.deadlines.models import ACTIVE, Deadline, Status
from forcereview.deadlines.registry import kind_of
from forcereview.deadlines.schedule import ESCALATE, REMIND, next_step

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    reminded: int = 0
    escalated: int = 0
    skipped: int = 0  # claimed by another worker first
    failed: list[tuple[int, str]] = field(default_factory=list)  # (deadline id, error)

    def __str__(self) -> str:
        text = f"{self.reminded} reminders sent, {self.escalated} escalations"
        if self.skipped:
            text += f", {self.skipped} taken by another worker"
        if self.failed:
            text += f", {len(self.failed)} failed"
        return text


def _catch_up(d: Deadline, now: datetime):
    """The last step due at ``now`` and the column values once it is done.

    A processor that did not run for days does not fire every step it missed: the
    assignee gets the latest reminder, or command the escalation level now reached, once.
    """
    sent, level, last = d.reminders_sent, d.escalation_level, None
    while True:
        step = next_step(due_at=d.due_at, reminders=d.reminders, reminders_sent=sent, escalation_level=level,
                         escalate_every=d.escalate_every, max_escalations=d.max_escalations)
        if step is None or step.at > now:
            break
        last = step
        if step.kind == REMIND:
            sent += 1
        else:
            level += 1
    if last is None:
        return None, {}
    values = {"reminders_sent": sent, "escalation_level": level,
              "next_action_at": step.at if step else None, "updated_at": timezone.now()}
    if last.kind == ESCALATE and d.status != Status.MISSED:
        values["status"] = Status.MISSED
        values["missed_at"] = now
    return last, values


def claim(d: Deadline, values: dict) -> bool:
    """Take the row if nobody else has: true when this worker owns the step."""
    return Deadline.objects.filter(
        pk=d.pk, status=d.status, next_action_at=d.next_action_at,
    ).update(**values) == 1


def _handle(d: Deadline, step) -> None:
    kind = kind_of(d.kind)
    if step.kind == REMIND:
        handler = (kind.remind if kind and kind.remind else notify.default_reminder)
        handler(d, step.number)
        record("deadline.reminded", d, by=None, after={"reminder": step.number, "due_at": d.due_at.isoformat(),
                                                      "target": target_label(d)})
    else:
        handler = (kind.escalate if kind and kind.escalate else notify.default_escalation)
        handler(d, step.number)
        record("deadline.escalated", d, by=None,
               after={"level": step.number, "due_at": d.due_at.isoformat(), "status": Status.MISSED,
                      "target": target_label(d)})


def process_one(d: Deadline, now: datetime) -> str | None:
    """Do the deadline's due step if it is still ours; returns what was done."""
    step, values = _catch_up(d, now)
    if step is None:
        return None
    with transaction.atomic():
        if not claim(d, values):
            return "skipped"
        for key, value in values.items():
            setattr(d, key, value)
        _handle(d, step)
    return step.kind


def run(now: datetime | None = None, batch_size: int = 500) -> RunResult:
    """Process every deadline whose next step is due at ``now``."""
    now = now or timezone.now()
    result = RunResult()
    after_id = 0
    while True:
        batch = list(
            Deadline.objects.filter(status__in=ACTIVE, next_action_at__lte=now, pk__gt=after_id)
            .select_related("agency", "assignee_user", "target_type")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            return result
        for d in batch:
            after_id = d.pk
            try:
                outcome = process_one(d, now)
            except Exception as exc:  # one broken handler must not stop every other deadline
                log.exception("deadline %s: step failed", d.pk)
                result.failed.append((d.pk, f"{type(exc).__name__}: {exc}"))
                continue
            if outcome == REMIND:
                result.reminded += 1
            elif outcome == ESCALATE:
                result.escalated += 1
            elif outcome == "skipped":
                result.skipped += 1
