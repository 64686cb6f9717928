"""Re-compute the audit chain and name the first entry that does not fit."""

from __future__ import annotations

from dataclasses import dataclass

from forcereview.audit.chain import hash_of
from forcereview.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None and not self.problem


def verify_chain(progress=None) -> ChainReport:
    prev_hash, expected_id, checked = GENESIS_HASH, None, 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=5000):
        if expected_id is not None and entry.id != expected_id:
            return ChainReport(checked, expected_id, f"entry #{expected_id} is missing (next entry is #{entry.id})")
        if entry.prev_hash != prev_hash:
            return ChainReport(checked, entry.id, f"entry #{entry.id} does not point at the previous entry's hash")
        if hash_of(entry, prev_hash) != entry.hash:
            return ChainReport(checked, entry.id, f"entry #{entry.id} was changed after it was written (hash mismatch)")
        prev_hash, expected_id, checked = entry.hash, entry.id + 1, checked + 1
        if progress and checked % 10000 == 0:
            progress(checked)
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev_hash:
        return ChainReport(checked, expected_id or head.last_id, "the newest entries were removed (chain head does not match)")
    return ChainReport(checked)
