"""Review email: sent through Django's email backend (console by default) only after the
transaction that caused it commits, so a rolled-back change never sends mail."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from forcereview.accounts.models import User
from forcereview.records.models import Officer


def address_of(officer: Officer | None) -> str:
    if officer is None:
        return ""
    user = user_of(officer)
    if user is not None and user.email and user.is_active:
        return user.email
    return officer.email


def user_of(officer: Officer | None) -> User | None:
    if officer is None:
        return None
    try:
        return officer.user
    except User.DoesNotExist:
        return None


def role_addresses(agency_id: int, role: str) -> list[str]:
    return list(
        User.objects.filter(agency_id=agency_id, role=role, is_active=True).exclude(email="").values_list("email", flat=True)
    )


class Recipients:
    """Role addresses read once per agency and role, for the many notices of one transaction
    (``role_addresses`` read each time otherwise)."""

    def __init__(self):
        self._addresses: dict[tuple[int, str], list[str]] = {}

    def __call__(self, agency_id: int, role: str) -> list[str]:
        key = (agency_id, role)
        if key not in self._addresses:
            self._addresses[key] = role_addresses(agency_id, role)
        return self._addresses[key]


def send_after_commit(addresses: Iterable[str], subject: str, body: str) -> None:
    to = sorted({a for a in addresses if a})
    if not to:
        return
    transaction.on_commit(
        lambda: send_mail(subject[:200], body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=True)
    )


def incident_line(incident) -> str:
    return f"Incident {incident.number}, {incident.occurred_at:%Y-%m-%d}, {incident.location}"


def task_assigned(task, recipients=role_addresses) -> None:
    to = [address_of(task.assignee)] if task.assignee_id else recipients(task.agency_id, "command")
    send_after_commit(
        to,
        f"Review due {task.due_on:%Y-%m-%d}: incident {task.incident.number}",
        f"You have a {task.get_level_display().lower()} review to make.\n\n{incident_line(task.incident)}\n"
        f"Due by the end of {task.due_on:%Y-%m-%d}.\n\nWhy: {task.basis}\n",
    )


def task_escalated(old, new) -> None:
    send_after_commit(
        [address_of(old.assignee), address_of(new.assignee)] + role_addresses(new.agency_id, "command"),
        f"Overdue review moved up: incident {new.incident.number}",
        f"The {old.get_level_display().lower()} review of {incident_line(new.incident)} was due "
        f"{old.due_on:%Y-%m-%d} and was not made. It is now assigned to "
        f"{new.assignee or 'command staff'}, due {new.due_on:%Y-%m-%d}.\n",
    )


def role_notified(incident, role: str, reasons: list[str], recipients=role_addresses) -> None:
    send_after_commit(
        recipients(incident.agency_id, role),
        f"Policy notice: incident {incident.number}",
        f"The review policy asks that you be told about {incident_line(incident)}.\n\n"
        + "\n".join(f"- {r}" for r in reasons) + "\n",
    )


def referral_made(referral, reason: str, recipients=role_addresses) -> None:
    send_after_commit(
        recipients(referral.agency_id, "investigator"),
        f"Internal-affairs referral: incident {referral.incident.number}",
        f"{incident_line(referral.incident)} was referred to internal affairs.\n\nReason: {reason}\n",
    )


def disagreement_recorded(disagreement, next_officer: Officer | None) -> None:
    reasons = "\n".join(f"- {r}" for r in disagreement.reasons)
    incident = disagreement.incident
    reviewer = disagreement.reviewer
    send_after_commit(
        [reviewer.email],
        f"Your review of incident {incident.number} was referred to internal affairs",
        f"You found {incident_line(incident)} within policy. The system did not accept that, because:\n"
        f"{reasons}\n\nThe incident has been referred to internal affairs anyway, and the level above you "
        f"has been told. Your determination and rationale are kept as you wrote them.\n",
    )
    send_after_commit(
        [address_of(next_officer)] + role_addresses(incident.agency_id, "command"),
        f"Review disagreement: incident {incident.number}",
        f"{reviewer.display_name} found {incident_line(incident)} within policy, but:\n{reasons}\n\n"
        "The incident was referred to internal affairs and is waiting for your review.\n",
    )
