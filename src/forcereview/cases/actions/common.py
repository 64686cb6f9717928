"""What every case action shares: the refusal it raises, and its audit entry.

Every change to a case, or to anything that belongs to it (allegations, log entries,
findings, discipline, referrals, board reports), is recorded on the case itself
(``cases.case:<id>``), so the case's history is one query and can be hidden as a whole from
the people who must not learn of it.
"""

from __future__ import annotations

from datetime import date, datetime

from forcereview.audit.actions import record


class CaseInvalid(ValueError):
    """A case action refused; ``field`` names what was wrong. Nothing was changed."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def require(text: str, field: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise CaseInvalid(field, message)
    return text


def plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def audit_case(action: str, case, *, by, before: dict | None = None, after: dict | None = None, note: str = ""):
    """Record ``action`` in the case's history (``after`` always names the case)."""
    after = {k: plain(v) for k, v in (after or {}).items()}
    after.setdefault("case", case.pk)
    before = {k: plain(v) for k, v in before.items()} if before else None
    return record(action, case, by=by, before=before, after=after, note=note, agency_id=case.agency_id)


def same_agency(obj, agency_id: int, field: str, what: str) -> None:
    if obj is not None and getattr(obj, "agency_id", None) != agency_id:
        raise CaseInvalid(field, f"the {what} belongs to another agency")
