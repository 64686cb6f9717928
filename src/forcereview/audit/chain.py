"""Hashing of audit entries. Kept apart from the models so the verifier and the writer use
exactly the same canonical form."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical(value) -> str:
    return _CANONICAL.encode(value)


def entry_hash(
    *,
    prev_hash: str,
    entry_id: int,
    at: datetime,
    actor_id: int | None,
    actor_label: str,
    agency_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    before,
    after,
    note: str,
) -> str:
    return hash_with_texts(
        prev_hash=prev_hash, entry_id=entry_id, at=at, actor_id=actor_id, actor_label=actor_label,
        agency_id=agency_id, action=action, object_type=object_type, object_id=object_id,
        before_text=canonical(before), after_text=canonical(after), note=note,
    )


def hash_with_texts(
    *,
    prev_hash: str,
    entry_id: int,
    at: datetime,
    actor_id: int | None,
    actor_label: str,
    agency_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    before_text: str,
    after_text: str,
    note: str,
) -> str:
    """``entry_hash`` for a writer that already holds ``canonical(before)`` and
    ``canonical(after)`` (a bulk import encodes each value once, for the hash and the row).

    The body is ``canonical`` of the dict ``{"id", "at", "actor", "actor_label", "agency",
    "action", "object", "before", "after", "note"}``, written out key by key in sorted order."""
    body = "".join((
        '{"action":', canonical(action),
        ',"actor":', canonical(actor_id),
        ',"actor_label":', canonical(actor_label),
        ',"after":', after_text,
        ',"agency":', canonical(agency_id),
        ',"at":', canonical(at.isoformat(timespec="microseconds")),
        ',"before":', before_text,
        ',"id":', canonical(entry_id),
        ',"note":', canonical(note),
        ',"object":', canonical(f"{object_type}:{object_id}"),
        "}",
    ))
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def hash_of(entry, prev_hash: str) -> str:
    return entry_hash(
        prev_hash=prev_hash,
        entry_id=entry.id,
        at=entry.at,
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        agency_id=entry.agency_id,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        before=entry.before,
        after=entry.after,
        note=entry.note,
    )
