"""When a deadline next needs attention: a reminder before it is due, an escalation after.

Pure functions over plain values, so the processor and the tests share one definition.
Reminders are spans before the due time, sent nearest-last ("14 days before", "3 days
before", "1 day before"). Escalations start at the due time and repeat every
``escalate_every`` until ``max_escalations`` have been sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

REMIND = "remind"
ESCALATE = "escalate"


@dataclass(frozen=True)
class Step:
    kind: str  # REMIND or ESCALATE
    at: datetime
    number: int  # which reminder (1-based) or which escalation level


def ordered_reminders(seconds: list[int]) -> list[int]:
    """Reminder spans in seconds, farthest from the due time first, without duplicates."""
    return sorted({int(s) for s in seconds if int(s) > 0}, reverse=True)


def reminders_already_due(due_at: datetime, reminders: list[int], now: datetime) -> int:
    """How many reminders to treat as sent when a deadline is opened or moved at ``now``.

    Reminders whose time has passed are skipped, except the latest of them, which goes out
    at once: a deadline opened two days before it falls due still gets one reminder. After
    the due time, reminders are pointless and all are skipped.
    """
    if now >= due_at:
        return len(reminders)
    passed = sum(1 for r in reminders if due_at - timedelta(seconds=r) <= now)
    return max(0, passed - 1)


def next_step(
    *,
    due_at: datetime,
    reminders: list[int],
    reminders_sent: int,
    escalation_level: int,
    escalate_every: timedelta,
    max_escalations: int,
) -> Step | None:
    """The next thing the processor must do for an active deadline, or None."""
    if reminders_sent < len(reminders):
        return Step(REMIND, due_at - timedelta(seconds=reminders[reminders_sent]), reminders_sent + 1)
    if escalation_level < max_escalations:
        # The first escalation comes the moment the deadline is past (the next local midnight).
        past_due = due_at + timedelta(microseconds=1)
        return Step(ESCALATE, past_due + escalate_every * escalation_level, escalation_level + 1)
    return None
