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
    converted = False

    def to_text(obj):
        nonlocal converted
        converted = True
        return str(obj)

    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=to_text)
    # Plain JSON values (the usual case) are stored as they are; only values that JSON could
    # not hold (dates, decimals) are replaced by their text, exactly as ``canonical`` wrote them.
    return json.loads(text) if converted else value


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
    _insert(entries)
    AuditChainHead.objects.filter(pk=1).update(last_id=entries[-1].id, last_hash=entries[-1].hash)
    return entries


def _insert(entries: list[AuditEntry]) -> None:
    """One ``executemany`` for the whole list: a bulk import appends hundreds of thousands of
    entries, and compiling an ORM insert per row would take most of its time."""
    connection = transaction.get_connection()
    fields = AuditEntry._meta.concrete_fields
    prepare = [f.get_db_prep_save if f.get_internal_type() in {"DateTimeField", "JSONField"} else None for f in fields]
    q = connection.ops.quote_name
    sql = (f"INSERT INTO {q(AuditEntry._meta.db_table)} ({', '.join(q(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    rows = []
    for entry in entries:
        row = []
        for field, convert in zip(fields, prepare):
            value = getattr(entry, field.attname)
            row.append(convert(value, connection) if convert is not None and value is not None else value)
        rows.append(row)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
    for entry in entries:
        entry._state.adding = False
        entry._state.db = connection.alias


def diff(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields that changed, as (old values, new values)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    keys += [k for k in before if k not in after]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}

