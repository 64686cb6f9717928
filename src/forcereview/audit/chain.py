"""Hashing of audit entries. Kept apart from the models so the verifier and the writer use
exactly the same canonical form."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


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
    body = canonical(
        {
            "id": entry_id,
            "at": at.isoformat(timespec="microseconds"),
            "actor": actor_id,
            "actor_label": actor_label,
            "agency": agency_id,
            "action": action,
            "object": f"{object_type}:{object_id}",
            "before": before,
            "after": after,
            "note": note,
        }
    )
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
