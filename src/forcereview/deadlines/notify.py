"""The default reminder and escalation: email to the people a deadline concerns, after commit."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from forcereview.accounts.models import User
from forcereview.accounts.roles import Role

log = logging.getLogger(__name__)


def assignees(deadline) -> list[User]:
    if deadline.assignee_user_id:
        user = deadline.assignee_user
        return [user] if user.is_active else []
    if deadline.assignee_role:
        return list(User.objects.filter(agency_id=deadline.agency_id, role=deadline.assignee_role, is_active=True))
    return []


def command_staff(agency_id: int) -> list[User]:
    return list(User.objects.filter(agency_id=agency_id, role=Role.COMMAND, is_active=True))


def send_quietly(subject: str, body: str, addresses: list[str]) -> None:
    """Send, logging a failure: the change it reports is already committed and must stand."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    except Exception:
        log.exception("could not send %r to %d recipient(s)", subject, len(addresses))


def email_after_commit(users, subject: str, body: str) -> None:
    addresses = sorted({u.email for u in users if u.email})
    if not addresses:
        return
    transaction.on_commit(lambda: send_quietly(subject, body, addresses))


def _when(deadline) -> str:
    return f"{deadline.due_local:%Y-%m-%d %H:%M} ({deadline.agency.timezone})"


def default_reminder(deadline, number: int) -> None:
    email_after_commit(
        assignees(deadline),
        f"Due {deadline.due_local:%Y-%m-%d}: {deadline.title}",
        f"{deadline.title} is due by {_when(deadline)}.\n\nHow the date was computed: {deadline.basis}\n",
    )


def default_escalation(deadline, level: int) -> None:
    people = assignees(deadline) + command_staff(deadline.agency_id)
    email_after_commit(
        people,
        f"OVERDUE (level {level}): {deadline.title}",
        f"{deadline.title} was due by {_when(deadline)} and is not done.\n"
        f"Assigned to: {deadline.assignee_text}.\n\nHow the date was computed: {deadline.basis}\n",
    )
