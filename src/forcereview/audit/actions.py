"""Appending to the audit log. The only code that writes ``AuditEntry`` rows.

Every action elsewhere calls ``record()`` inside its own transaction, so the change and its
audit entry commit or roll back together.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from forcereview.audit.chain import canonical, entry_hash
from forcereview.audit.models import AuditChainHead, AuditEntry

SYSTEM = "system"


@dataclass(frozen=True)
class Change:
    """One entry to append, for ``record_many``."""

    action: str
    object_type: str
    object_id: str
    object_repr: str = ""
    before: dict | None = None
    after: dict | None = None
    note: str = ""
    agency_id: int | None = None


def jsonable(value):
    """The exact JSON value that will be stored, so the hash computed now matches the row read later."""
    if value is None:
        return None
    return json.loads(canonical(value))


def _actor(by) -> tuple[int | None, str]:
    if by is None or by == SYSTEM:
        return None, SYSTEM
    if isinstance(by, str):
        return None, by
    label = getattr(by, "username", None) or str(by)
    return by.pk, label


def _lock_head() -> AuditChainHead:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit entries must be written inside the transaction of their change")
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head, _ = AuditChainHead.objects.get_or_create(pk=1)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def record(
    action: str,
    obj=None,
    *,
    by,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    agency_id: int | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
) -> AuditEntry:
    """Append one entry describing ``action`` on ``obj`` by ``by`` (a user, or None for the system)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr if object_repr is not None else str(obj)[:300]
        if agency_id is None:
            agency_id = getattr(obj, "agency_id", None)
    change = Change(
        action=action,
        object_type=object_type or "",
        object_id=object_id or "",
        object_repr=object_repr or "",
        before=before,
        after=after,
        note=note,
        agency_id=agency_id,
    )
    return record_many([change], by=by)[0]


def record_many(changes: Iterable[Change], *, by, at: datetime | None = None) -> list[AuditEntry]:
    """Append many entries in one go (bulk import), chained in order."""
    head = _lock_head()
    actor_id, actor_label = _actor(by)
    at = at or timezone.now()
    prev_hash, next_id = head.last_hash, head.last_id + 1
    entries = []
    for change in changes:
        before, after = jsonable(change.before), jsonable(change.after)
        digest = entry_hash(
            prev_hash=prev_hash,
            entry_id=next_id,
            at=at,
            actor_id=actor_id,
            actor_label=actor_label,
            agency_id=change.agency_id,
            action=change.action,
            object_type=change.object_type,
            object_id=change.object_id,
            before=before,
            after=after,
            note=change.note,
        )
        entries.append(
            AuditEntry(
                id=next_id,
                at=at,
                actor_id=actor_id,
                actor_label=actor_label,
                agency_id=change.agency_id,
                action=change.action,
                object_type=change.object_type,
                object_id=change.object_id,
                object_repr=change.object_repr[:300],
                before=before,
                after=after,
                note=change.note,
                prev_hash=prev_hash,
                hash=digest,
            )
        )
        prev_hash, next_id = digest, next_id + 1
    if not entries:
        return []
    AuditEntry.objects.bulk_create(entries, batch_size=2000)
    AuditChainHead.objects.filter(pk=1).update(last_id=entries[-1].id, last_hash=entries[-1].hash)
    return entries


def diff(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields that changed, as (old values, new values)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    keys += [k for k in before if k not in after]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}

