"""Re-hash every stored file and name the ones that are missing or changed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from forcereview.evidence.models import EvidenceItem
from forcereview.evidence.storage import get_store


@dataclass(frozen=True)
class Problem:
    sha256: str
    item_ids: str  # "3" or "3, 9" when incidents share a file
    message: str


@dataclass
class StoreReport:
    checked: int = 0
    where: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_store(progress=None) -> StoreReport:
    store = get_store()
    items: dict[str, list[int]] = defaultdict(list)
    for pk, sha256 in EvidenceItem.objects.filter(purged_at__isnull=True).order_by("id").values_list("pk", "sha256"):
        items[sha256].append(pk)
    report = StoreReport(where=store.describe())
    total = len(items)
    for n, (sha256, pks) in enumerate(items.items(), 1):
        ids = ", ".join(str(pk) for pk in pks)
        actual = store.rehash(sha256)
        if actual is None:
            report.problems.append(Problem(sha256, ids, "the stored file is MISSING"))
        elif actual != sha256:
            report.problems.append(Problem(sha256, ids, f"the stored file was CHANGED (it now hashes to {actual})"))
        report.checked += 1
        if progress:
            progress(n, total)
    return report
