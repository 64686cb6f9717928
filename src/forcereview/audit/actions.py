"""Appending to the audit log. The only code that writes ``AuditEntry`` rows.

Every action elsewhere calls ``record()`` inside its own transaction, so the change and its
audit entry commit or roll back together. Work that records thousands of entries in one
transaction (re-evaluating incidents after a policy change) opens ``appended_together()``
around it: the same entries, chained the same way, with the chain head locked, read and
updated once instead of once per entry. Inside the block, actions insert the new rows their
entries describe with ``insert()``: the rows of a model are inserted together when the block
ends, and their entries then completed with their ids.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from forcereview.audit.chain import EntryHasher, canonical
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


class _Pending(NamedTuple):
    """An entry to write: its change, actor and time; for an entry about a row inserted when
    its block ends, that row (its id is the entry's object id) and what gives its ``after``."""

    change: Change
    actor_id: int | None
    actor_label: str
    at: datetime
    row: object = None
    after: Callable[[], dict] | None = None


class _Block:
    """What ``appended_together()`` holds until it ends: the entries, in recorded order, and
    the new rows to insert, by model in the order each model's first row came (a row comes
    after the rows it points to)."""

    def __init__(self):
        self.entries: list[_Pending] = []
        self.rows: dict[type, list] = {}
        self.waiting: set[int] = set()  # id() of the rows not inserted yet


_open_batch: ContextVar[_Block | None] = ContextVar("audit_batch", default=None)


@contextmanager
def appended_together() -> Iterator[None]:
    """Entries recorded inside the block are appended when it ends, in the order they were
    recorded, each with its own time and actor, in one insert with one update of the chain
    head; rows given to ``insert()`` inside it are inserted just before, a statement per
    model. Open it inside the transaction of the changes: the rows and entries are written at
    the end of the block, still in that transaction; a failure that ends the block writes none.
    Code inside must let failures end the block (a change rolled back to a savepoint inside
    it and carried on from would keep its entry). A block opened inside another adds to it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit entries must be written inside the transaction of their change")
    if _open_batch.get() is not None:
        yield
        return
    block = _Block()
    token = _open_batch.set(block)
    try:
        yield
    finally:
        _open_batch.reset(token)
    for model, rows in block.rows.items():
        for row in rows:
            _point_at_inserted(row)
        model.objects.bulk_create(rows)
    if block.entries:
        _write(_completed(item) for item in block.entries)


def insert(row) -> None:
    """Insert ``row``, a new record. Inside ``appended_together()`` it is inserted when the
    block ends, with the block's other new rows of its model; until then it has no id, so
    only rows that nothing in the block reads back from the database are inserted this way.
    Its entry (``record``) gets its id then, and an ``after`` given as a function is called
    then; ``save_fields`` of it before then changes what is inserted."""
    block = _open_batch.get()
    if block is None:
        row.save(force_insert=True)
        return
    block.rows.setdefault(type(row), []).append(row)
    block.waiting.add(id(row))


def save_fields(row, fields: list[str]) -> None:
    """Write ``fields`` of ``row``, or nothing yet for a row waiting to be inserted by
    ``insert()`` (it is inserted with its values as they are when its block ends)."""
    block = _open_batch.get()
    if block is not None and id(row) in block.waiting:
        return
    row.save(update_fields=fields)


def _point_at_inserted(row) -> None:
    """A generic relation (a deadline's target) set to a row inserted in the same block
    holds that row's id once it has one: Django resolves plain foreign keys itself."""
    for field in row._meta.private_fields:
        if getattr(field, "fk_field", None) and field.is_cached(row):
            target = field.get_cached_value(row)
            if target is not None:
                setattr(row, field.fk_field, target.pk)


def _completed(item: _Pending) -> _Pending:
    if item.row is None and item.after is None:
        return item
    change = item.change
    if item.row is not None:
        change = replace(change, object_id=str(item.row.pk))
    if item.after is not None:
        change = replace(change, after=item.after())
    return item._replace(change=change, row=None, after=None)


def record(
    action: str,
    obj=None,
    *,
    by,
    before: dict | None = None,
    after: dict | Callable[[], dict] | None = None,
    note: str = "",
    agency_id: int | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
) -> AuditEntry | None:
    """Append one entry describing ``action`` on ``obj`` by ``by`` (a user, or None for the
    system). Inside ``appended_together()`` the entry is written when the block ends, and
    None is returned. For a row given to ``insert()``, ``after`` may be a function (the values
    hold its id, or ids of other new rows): it is called once the rows are inserted."""
    block = _open_batch.get()
    # A row waiting to be inserted (``insert``) is named by its id once it has one.
    waiting = obj if block is not None and obj is not None and not object_id and id(obj) in block.waiting else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or ("" if waiting is not None else str(obj.pk))
        object_repr = object_repr if object_repr is not None else str(obj)[:300]
        if agency_id is None:
            agency_id = getattr(obj, "agency_id", None)
    later = after if callable(after) else None
    change = Change(
        action=action,
        object_type=object_type or "",
        object_id=object_id or "",
        object_repr=object_repr or "",
        before=before,
        after=None if later is not None else after,
        note=note,
        agency_id=agency_id,
    )
    if block is not None and (waiting is not None or later is not None):
        actor_id, actor_label = _actor(by)
        block.entries.append(_Pending(change, actor_id, actor_label, timezone.now(), waiting, later))
        return None
    if later is not None:
        change = replace(change, after=later())
    entries = record_many([change], by=by)
    return entries[0] if entries else None


def record_many(changes: Iterable[Change], *, by, at: datetime | None = None) -> list[AuditEntry]:
    """Append many entries in one go, chained in order. Inside ``appended_together()`` they
    are written when the block ends, and an empty list is returned."""
    block = _open_batch.get()
    if block is not None:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("audit entries must be written inside the transaction of their change")
        actor_id, actor_label = _actor(by)
        at = at or timezone.now()
        block.entries.extend(_Pending(change, actor_id, actor_label, at) for change in changes)
        return []
    connection = transaction.get_connection()
    entries = []
    for values in _append(changes, by=by, at=at):
        entry = AuditEntry(**dict(zip(_COLUMNS, values)))
        entry._state.adding = False
        entry._state.db = connection.alias
        entries.append(entry)
    return entries


def record_imported(changes: Iterable[Change], *, by) -> int:
    """``record_many`` for a bulk import: the same entries, chained the same way, without a
    model instance per entry (an import appends hundreds of thousands). Returns how many."""
    return len(_append(changes, by=by, at=None))


_COLUMNS = (
    "id", "at", "actor_id", "actor_label", "agency_id", "action", "object_type", "object_id", "object_repr",
    "before", "after", "note", "prev_hash", "hash",
)


def _append(changes: Iterable[Change], *, by, at: datetime | None) -> list[tuple]:
    """Chain and insert ``changes``; returns each entry's values, in ``_COLUMNS`` order."""
    actor_id, actor_label = _actor(by)
    at = at or timezone.now()
    return _write(_Pending(change, actor_id, actor_label, at) for change in changes)


def _write(pending: Iterable[_Pending]) -> list[tuple]:
    """Chain and insert entries, each with its own actor and time, after the newest one."""
    head = _lock_head()
    connection = transaction.get_connection()
    fields = {f.attname: f for f in AuditEntry._meta.concrete_fields}
    json_field = fields["after"]
    # SQLite keeps JSON as text: the canonical text made for the hash is stored as it is
    # (the same value, read back, as Django's own encoding of it).
    as_text = connection.vendor == "sqlite"
    written_by = None  # (at, actor_id, actor_label) of the hasher below
    encoded = _Encoder()
    prev_hash, next_id = head.last_hash, head.last_id + 1
    rows, values = [], []
    for item in pending:
        change, actor_id, actor_label, at = item.change, item.actor_id, item.actor_label, item.at
        if written_by != (at, actor_id, actor_label):
            written_by = (at, actor_id, actor_label)
            hasher = EntryHasher(at=at, actor_id=actor_id, actor_label=actor_label)
            stored_at = fields["at"].get_db_prep_save(at, connection)
        before, before_text = encoded(change.before)
        after, after_text = encoded(change.after)
        digest = hasher.hash(
            prev_hash=prev_hash,
            entry_id=next_id,
            agency_id=change.agency_id,
            action=change.action,
            object_type=change.object_type,
            object_id=change.object_id,
            before_text=before_text,
            after_text=after_text,
            note=change.note,
        )
        if as_text:
            stored_before = None if before is None else before_text
            stored_after = None if after is None else after_text
        else:
            stored_before = None if before is None else json_field.get_db_prep_save(before, connection)
            stored_after = None if after is None else json_field.get_db_prep_save(after, connection)
        entry = (
            next_id, at, actor_id, actor_label, change.agency_id, change.action, change.object_type,
            change.object_id, change.object_repr[:300], before, after, change.note, prev_hash, digest,
        )
        values.append(entry)
        rows.append((*entry[:1], stored_at, *entry[2:9], stored_before, stored_after, *entry[11:]))
        prev_hash, next_id = digest, next_id + 1
    if not rows:
        return []
    _insert(connection, rows)
    AuditChainHead.objects.filter(pk=1).update(last_id=next_id - 1, last_hash=prev_hash)
    return values


class _Encoder:
    """(a before or after value as ``jsonable`` stores it, its ``canonical`` text), encoding
    each value once."""

    def __init__(self):
        self.converted = 0

        def to_text(obj):
            self.converted += 1
            return str(obj)

        self._encoder = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=to_text)

    def __call__(self, value) -> tuple[object, str]:
        if value is None:
            return None, "null"
        converted = self.converted
        text = self._encoder.encode(value)
        if self.converted == converted:
            return value, text
        stored = json.loads(text)
        return stored, canonical(stored)


def _insert(connection, rows: list[tuple]) -> None:
    """One ``executemany`` per 5,000 entries: a bulk import appends hundreds of thousands of
    entries, and compiling an ORM insert per row would take most of its time."""
    q = connection.ops.quote_name
    fields = {f.attname: f for f in AuditEntry._meta.concrete_fields}
    sql = (f"INSERT INTO {q(AuditEntry._meta.db_table)} ({', '.join(q(fields[c].column) for c in _COLUMNS)}) "
           f"VALUES ({', '.join(['%s'] * len(_COLUMNS))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def diff(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields that changed, as (old values, new values)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    keys += [k for k in before if k not in after]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}

