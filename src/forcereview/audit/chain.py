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
    return EntryHasher(at=at, actor_id=actor_id, actor_label=actor_label).hash(
        prev_hash=prev_hash, entry_id=entry_id, agency_id=agency_id, action=action, object_type=object_type,
        object_id=object_id, before_text=canonical(before), after_text=canonical(after), note=note,
    )


class EntryHasher:
    """The hash of entries written at one time by one actor.

    The hash is SHA-256 of the previous entry's hash and ``canonical`` of the dict ``{"id",
    "at", "actor", "actor_label", "agency", "action", "object", "before", "after", "note"}``.
    That text is written out here key by key in sorted order, so that a writer of many entries
    (a bulk import) encodes what they share once, and ``before`` and ``after`` once each
    (``before_text``, ``after_text``: their ``canonical`` text, which the writer also stores)."""

    def __init__(self, *, at: datetime, actor_id: int | None, actor_label: str):
        self._actor_to_after = f',"actor":{canonical(actor_id)},"actor_label":{canonical(actor_label)},"after":'
        self._at_to_before = f',"at":{canonical(at.isoformat(timespec="microseconds"))},"before":'
        self._texts: dict[tuple[type, object], str] = {}

    def _text(self, value) -> str:
        """``canonical`` of a value that repeats from entry to entry (action, agency, note)."""
        key = (type(value), value)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = canonical(value)
        return text

    def hash(
        self,
        *,
        prev_hash: str,
        entry_id: int,
        agency_id: int | None,
        action: str,
        object_type: str,
        object_id: str,
        before_text: str,
        after_text: str,
        note: str,
    ) -> str:
        body = "".join((
            '{"action":', self._text(action),
            self._actor_to_after, after_text,
            ',"agency":', self._text(agency_id),
            self._at_to_before, before_text,
            ',"id":', str(entry_id) if type(entry_id) is int else canonical(entry_id),
            ',"note":', self._text(note),
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
