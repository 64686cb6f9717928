"""Reads other apps use: an incident's evidence analyses and recordings.

These take an incident the caller has already permission-checked (or the system acting on
its own); they return plain values, never querysets.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, OuterRef, Subquery

from forcereview.evidence.models import RECORDING_KINDS, Analysis, EvidenceItem


def incident_analyses(incident) -> list[dict]:
    """The latest analysis of each stored item of ``incident``, oldest item first: dicts with
    ``evidence_id``, ``kind``, ``analysis`` (the engine's ``to_dict()`` JSON), ``analysis_id``,
    ``engine_version``, ``context`` and ``created_at``."""
    return analyses_by_incident([incident.pk]).get(incident.pk, [])


def analyses_by_incident(incident_ids: Iterable[int]) -> dict[int, list[dict]]:
    """``incident_analyses`` for many incidents in one query: incident id -> its analyses
    (incidents with none are left out)."""
    ids = list(incident_ids)
    if not ids:
        return {}
    latest = Analysis.objects.filter(item=OuterRef("item_id")).order_by("-id").values("id")[:1]
    rows = (
        Analysis.objects.filter(item__incident_id__in=ids, item__purged_at__isnull=True, id=Subquery(latest))
        .select_related("item")
        .order_by("item__recorded_start", "item_id")
    )
    out: dict[int, list[dict]] = {}
    for a in rows:
        out.setdefault(a.item.incident_id, []).append({
            "evidence_id": a.item_id,
            "kind": a.item.kind,
            "analysis": a.result,
            "analysis_id": a.pk,
            "engine_version": a.engine_version,
            "context": a.context,
            "created_at": a.created_at.isoformat(),
        })
    return out


def incident_recording_count(incident) -> int:
    """Audio and video recordings stored for ``incident`` (transcripts alone do not count)."""
    return EvidenceItem.objects.filter(incident=incident, kind__in=RECORDING_KINDS, purged_at__isnull=True).count()


def recording_counts(incident_ids: Iterable[int]) -> dict[int, int]:
    """``incident_recording_count`` for many incidents in one query (incidents with no
    recording are left out)."""
    ids = list(incident_ids)
    if not ids:
        return {}
    rows = (
        EvidenceItem.objects.filter(incident_id__in=ids, kind__in=RECORDING_KINDS, purged_at__isnull=True)
        .values("incident_id").annotate(n=Count("id")).values_list("incident_id", "n")
    )
    return dict(rows)
