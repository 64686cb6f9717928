"""The deadlines a case keeps, opened and closed through the deadline engine.

Kinds (registered in ``cases.apps``): the investigation, command's review of it, each report
owed to the standards board, each remedial training, and each claim's limitation period.
Titles name the case number, never a person: the deadlines dashboard is read agency-wide.
"""

from __future__ import annotations

from datetime import date, timedelta

from forcereview.accounts.roles import Role
from forcereview.cases.config import rules
from forcereview.deadlines import actions as deadlines
from forcereview.deadlines.calendar import local_date

INVESTIGATION = "cases.investigation"
COMMAND_REVIEW = "cases.command_review"
BOARD_REPORT = "cases.board_report"
TRAINING = "cases.training"
CLAIM_LIMITATION = "cases.claim_limitation"


def today_for(agency) -> date:
    from django.utils import timezone

    return local_date(timezone.now(), agency.timezone)


def reminders() -> list[timedelta]:
    return [timedelta(days=p.amount) for p in rules().reminders]


def open_investigation_deadline(case, *, by, start: date) -> None:
    step = rules().investigation
    due = step.period.after(start)
    deadlines.open_deadline(
        by=by, agency=case.agency, kind=INVESTIGATION, target=case, due=due,
        title=f"{case.number}: investigation complete",
        basis=f"{step.period} after {start.isoformat()} ({step.citation})",
        assignee_user=case.lead_investigator, assignee_role="" if case.lead_investigator else Role.INVESTIGATOR,
        remind_before=reminders(),
    )


def open_command_review_deadline(case, *, by, start: date) -> None:
    step = rules().command_review
    deadlines.open_deadline(
        by=by, agency=case.agency, kind=COMMAND_REVIEW, target=case, due=step.period.after(start),
        title=f"{case.number}: command's findings",
        basis=f"{step.period} after the investigation was submitted on {start.isoformat()} ({step.citation})",
        assignee_role=Role.COMMAND, remind_before=reminders(),
    )


def meet(kind: str, target, *, by, note: str) -> None:
    d = deadlines.active_deadline(kind, target)
    if d is not None:
        deadlines.meet_deadline(d, by=by, note=note)


def cancel(kind: str, target, *, by, reason: str) -> None:
    d = deadlines.active_deadline(kind, target)
    if d is not None:
        deadlines.cancel_deadline(d, by=by, reason=reason)
