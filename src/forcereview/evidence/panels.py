"""The evidence section of the incident page."""

from __future__ import annotations

from django.db.models import Prefetch

from forcereview.evidence.access import EVIDENCE_READERS, can_upload
from forcereview.evidence.models import Analysis, EvidenceItem, Job, LegalHold
from forcereview.evidence.templatetags.evidence_tags import clock

TOP_SIGNALS = 3
# The categories a reviewer must see first, in order.
CATEGORY_ORDER = ("medical_distress", "bystander_objection", "subject_distress", "force_command",
                  "officer_escalation", "weapon_mention", "vulnerable_subject", "subject_aggression", "deescalation")


def _top(signals: list[dict]) -> list[dict]:
    rank = {c: n for n, c in enumerate(CATEGORY_ORDER)}
    ordered = sorted(signals, key=lambda s: (rank.get(s.get("category"), 99), s.get("start") or 0))
    seen, out = set(), []
    for s in ordered:  # one per category: the panel is a summary
        if s.get("category") in seen:
            continue
        seen.add(s.get("category"))
        out.append(s)
    return out[:TOP_SIGNALS]


def incident_panel(request, incident) -> dict | None:
    user = request.user
    if user.role not in EVIDENCE_READERS:
        return None
    items = (
        EvidenceItem.objects.filter(incident=incident)
        .prefetch_related(
            Prefetch("analyses", queryset=Analysis.objects.order_by("-id")),
            Prefetch("jobs", queryset=Job.objects.order_by("-id")),
            Prefetch("holds", queryset=LegalHold.objects.filter(lifted_at__isnull=True)),
        )
        .order_by("recorded_start", "id")
    )
    rows = []
    for item in items:
        analyses = list(item.analyses.all())
        latest = analyses[0] if analyses else None
        jobs = list(item.jobs.all())
        rows.append({
            "item": item,
            "duration": clock(item.duration),
            "risk": latest.result.get("risk") if latest else None,
            "top_signals": _top(latest.result.get("signals") or []) if latest else [],
            "job": jobs[0] if jobs and jobs[0].state != Job.State.DONE else None,
            "on_hold": bool(list(item.holds.all())),
        })
    return {"items": rows, "incident": incident, "can_upload": can_upload(user, incident)}
