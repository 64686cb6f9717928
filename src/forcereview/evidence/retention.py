"""When a stored recording may be deleted, and what forbids it.

Periods per retention class come from settings: non-evidentiary recordings are kept
``RETENTION_NON_EVIDENTIARY_DAYS`` after they were recorded; evidentiary ones until their
incident is closed (plus ``RETENTION_EVIDENTIARY_DAYS_AFTER_CLOSE``); homicide recordings
indefinitely. Nothing under legal hold is ever deleted, nor anything another app vetoes
through ``RETENTION_BLOCKERS``: the cases app, for example, appends a function that returns
a reason while the item's incident has an open case::

    from forcereview.evidence.retention import RETENTION_BLOCKERS
    RETENTION_BLOCKERS.append(lambda item: "open case 12" if ... else None)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from forcereview.audit.models import AuditEntry
from forcereview.evidence.hooks import RETENTION_BLOCKERS
from forcereview.evidence.models import EvidenceItem, RetentionClass



@dataclass(frozen=True)
class Decision:
    item: EvidenceItem
    due: bool
    reason: str


def _legal_hold(item: EvidenceItem) -> str | None:
    holds = [h for h in item.holds.all() if h.is_active]
    if holds:
        return "under legal hold: " + "; ".join(h.reason for h in holds)
    return None


def closed_at(incident) -> datetime | None:
    """When the incident was last closed, from the audit log (None if it is not closed)."""
    if incident.status != "closed":
        return None
    entry = (
        AuditEntry.objects.filter(
            object_type="records.incident", object_id=str(incident.pk), action="incident.status_changed",
            after__status="closed",
        )
        .order_by("-id")
        .first()
    )
    return entry.at if entry else incident.updated_at


def _period(item: EvidenceItem, now: datetime) -> tuple[bool, str]:
    if item.retention_class == RetentionClass.HOMICIDE:
        return False, "homicide recordings are kept indefinitely"
    if item.retention_class == RetentionClass.NON_EVIDENTIARY:
        days = settings.RETENTION_NON_EVIDENTIARY_DAYS
        since = item.recorded_start or item.uploaded_at
        until = since + timedelta(days=days)
        if now < until:
            return False, f"non-evidentiary, kept {days} days, until {until:%Y-%m-%d}"
        return True, f"non-evidentiary, recorded {since:%Y-%m-%d}, {days}-day period ended {until:%Y-%m-%d}"
    closed = closed_at(item.incident)
    if closed is None:
        return False, f"evidentiary, kept until incident {item.incident.number} is closed"
    days = settings.RETENTION_EVIDENTIARY_DAYS_AFTER_CLOSE
    until = closed + timedelta(days=days)
    if now < until:
        return False, f"evidentiary, incident closed {closed:%Y-%m-%d}, kept until {until:%Y-%m-%d}"
    return True, f"evidentiary, incident {item.incident.number} closed {closed:%Y-%m-%d}"


def decide(item: EvidenceItem, now: datetime | None = None) -> Decision:
    """Whether ``item`` may be deleted now, and why (or why not)."""
    now = now or timezone.now()
    if item.is_purged:
        return Decision(item, False, f"already deleted {item.purged_at:%Y-%m-%d}")
    for blocker in [_legal_hold, *RETENTION_BLOCKERS]:
        reason = blocker(item)
        if reason:
            return Decision(item, False, reason)
    due, reason = _period(item, now)
    return Decision(item, due, reason)


def review_all(now: datetime | None = None) -> list[Decision]:
    """A decision for every stored item."""
    now = now or timezone.now()
    items = (
        EvidenceItem.objects.filter(purged_at__isnull=True)
        .select_related("incident")
        .prefetch_related("holds")
        .order_by("uploaded_at", "id")
    )
    return [decide(item, now) for item in items]
