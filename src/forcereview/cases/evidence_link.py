"""Where cases meet evidence: legal holds for civil claims, and the retention veto that keeps
every item of an incident with an open case or an open claim."""

from __future__ import annotations

from django.db.models import Q

from forcereview.cases.models import Case, CivilClaim


def claim_hold_key(claim: CivilClaim) -> str:
    return f"civil_claim:{claim.pk}"


def hold_for_claim(claim: CivilClaim, *, by) -> list:
    """A legal hold on every stored item of the claim's incident."""
    from forcereview.evidence import actions

    return actions.place_incident_hold(
        claim.incident, by=by, reason=f"civil claim {claim.pk} received {claim.received_on.isoformat()}",
        key=claim_hold_key(claim))


def release_for_claim(claim: CivilClaim, *, by, reason: str) -> int:
    """Lift the claim's own holds (holds placed for other reasons stay)."""
    from forcereview.evidence import actions
    from forcereview.evidence.models import EvidenceItem

    lifted = 0
    key = claim_hold_key(claim)
    for item in EvidenceItem.objects.filter(incident=claim.incident, holds__key=key,
                                            holds__lifted_at__isnull=True).distinct():
        lifted += len(actions.lift_legal_hold(item, by=by, reason=reason, key=key))
    return lifted


def retention_blocker(item) -> str | None:
    """Why ``item`` must be kept: its incident has an open case or an open claim, or an open
    case names it."""
    case = Case.objects.filter(Q(incident_links__incident_id=item.incident_id) | Q(evidence_links__item_id=item.pk)).exclude(
        status=Case.Status.CLOSED).order_by("opened_at").first()
    if case is not None:
        return f"the incident is part of open internal-affairs case {case.number}"
    claim = CivilClaim.objects.filter(incident_id=item.incident_id).exclude(status=CivilClaim.Status.CLOSED).first()
    if claim is not None:
        return f"the incident is the subject of open civil claim {claim.pk}"
    return None


def evidence_rows(case: Case, user, incidents) -> list[dict]:
    """The evidence of the case as ``user`` may see it: every stored item of its incidents and
    every item named in the case, each with its latest analysis (risk and signals)."""
    from forcereview.evidence.access import evidence_for
    from forcereview.evidence.models import Analysis

    items = (evidence_for(user).filter(Q(incident__in=[i.pk for i in incidents]) | Q(case_links__case=case))
             .select_related("incident").prefetch_related("holds").distinct().order_by("recorded_start", "id"))
    rows = []
    for item in items:
        analysis = Analysis.objects.filter(item=item).order_by("-id").first()
        result = analysis.result if analysis else {}
        rows.append({
            "item": item,
            "named": item.incident_id not in {i.pk for i in incidents},
            "on_hold": any(h.is_active for h in item.holds.all()),
            "risk": result.get("risk"),
            "signals": result.get("signals", []),
        })
    return rows
