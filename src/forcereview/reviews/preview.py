"""What a policy change would do: the recent incidents whose outcome would change.

Read-only: the facts are gathered as for an evaluation (with the flags as they stand) and
both the version in force and the candidate are evaluated; nothing is stored.
"""

from __future__ import annotations

from datetime import date

from forcereview.policy import build_facts, evaluate, load_policy
from forcereview.records.models import Incident
from forcereview.reviews.gather import EvidenceOf, gather_loaded, prefetched
from forcereview.reviews.models import EvidenceFlag
from forcereview.reviews.versions import VersionTable, compiled, local_date

RECENT = 200


def preview(agency, text: str, effective_from: date, *, limit: int = RECENT) -> dict:
    """Raises ``PolicyInvalid`` for a text with problems. Returns how many recent incidents
    the candidate would judge and those whose outcome would change."""
    candidate = load_policy(text)
    table = VersionTable.of(agency.pk)
    ids = list(Incident.objects.filter(agency=agency).order_by("-occurred_at", "-id").values_list("pk", flat=True)[:limit])
    open_flags: dict[int, list[dict]] = {}
    for incident_id, kind in EvidenceFlag.objects.filter(incident_id__in=ids, status="open").values_list("incident_id", "kind"):
        open_flags.setdefault(incident_id, []).append({"kind": kind})
    judged, changes = 0, []
    evidence_of = EvidenceOf(ids)
    for incident in prefetched(ids).order_by("-occurred_at", "-id"):
        if local_date(incident.occurred_at, agency.timezone) < effective_from:
            continue
        judged += 1
        inputs = gather_loaded(incident, evidence_of)
        facts = build_facts(inputs.report, analyses=inputs.analyses, recording_count=inputs.recording_count,
                            flags=open_flags.get(incident.pk, []))
        version = table.for_date(local_date(incident.occurred_at, agency.timezone))
        before = evaluate(compiled(version), facts) if version is not None else None
        after = evaluate(candidate, facts)
        if before is None or before.signature() != after.signature():
            old = set(before.rule_ids) if before else set()
            new = set(after.rule_ids)
            changes.append({
                "incident": incident,
                "added": sorted(new - old),
                "removed": sorted(old - new),
                "before": [r.text for r in before.required] if before else [],
                "after": [r.text for r in after.required],
            })
    return {"checked": judged, "changed": changes, "limit": limit, "rules": len(candidate.rules)}
