"""Reads other apps use: an incident's evidence analyses and recordings.

These take an incident the caller has already permission-checked (or the system acting on
its own); they return plain values, never querysets.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from forcereview.evidence.models import RECORDING_KINDS, Analysis, EvidenceItem


def incident_analyses(incident) -> list[dict]:
    """The latest analysis of each stored item of ``incident``, oldest item first: dicts with
    ``evidence_id``, ``kind``, ``analysis`` (the engine's ``to_dict()`` JSON), ``analysis_id``,
    ``engine_version``, ``context`` and ``created_at``."""
    latest = Analysis.objects.filter(item=OuterRef("item_id")).order_by("-id").values("id")[:1]
    rows = (
        Analysis.objects.filter(item__incident=incident, item__purged_at__isnull=True, id=Subquery(latest))
        .select_related("item")
        .order_by("item__recorded_start", "item_id")
    )
    return [
        {
            "evidence_id": a.item_id,
            "kind": a.item.kind,
            "analysis": a.result,
            "analysis_id": a.pk,
            "engine_version": a.engine_version,
            "context": a.context,
            "created_at": a.created_at.isoformat(),
        }
        for a in rows
    ]


def incident_recording_count(incident) -> int:
    """Audio and video recordings stored for ``incident`` (transcripts alone do not count)."""
    return EvidenceItem.objects.filter(incident=incident, kind__in=RECORDING_KINDS, purged_at__isnull=True).count()
