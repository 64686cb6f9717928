"""Where cases meet evidence: legal holds for civil claims, and the retention veto that keeps
every item of an incident with an open case or an open claim."""

from __future__ import annotations

from forcereview.cases.models import Case, CivilClaim


def claim_hold_key(claim: CivilClaim) -> str:
    return f"civil_claim:{claim.pk}"


def _evidence_actions():
    try:
        from forcereview.evidence import actions
    except ImportError:  # the evidence app has not landed its actions yet
        return None
    return actions


def hold_for_claim(claim: CivilClaim, *, by) -> list:
    """A legal hold on every stored item of the claim's incident."""
    actions = _evidence_actions()
    if actions is None:
        return []
    return actions.place_incident_hold(
        claim.incident, by=by, reason=f"civil claim {claim.pk} received {claim.received_on.isoformat()}",
        key=claim_hold_key(claim))


def release_for_claim(claim: CivilClaim, *, by, reason: str) -> int:
    """Lift the claim's own holds (holds placed for other reasons stay)."""
    actions = _evidence_actions()
    if actions is None:
        return 0
    from forcereview.evidence.models import EvidenceItem

    lifted = 0
    key = claim_hold_key(claim)
    for item in EvidenceItem.objects.filter(incident=claim.incident, holds__key=key,
                                            holds__lifted_at__isnull=True).distinct():
        lifted += len(actions.lift_legal_hold(item, by=by, reason=reason, key=key))
    return lifted


def retention_blocker(item) -> str | None:
    """Why ``item`` must be kept: its incident has an open case or an open claim."""
    case = Case.objects.filter(incident_links__incident_id=item.incident_id).exclude(
        status=Case.Status.CLOSED).order_by("opened_at").first()
    if case is not None:
        return f"the incident is part of open internal-affairs case {case.number}"
    claim = CivilClaim.objects.filter(incident_id=item.incident_id).exclude(status=CivilClaim.Status.CLOSED).first()
    if claim is not None:
        return f"the incident is the subject of open civil claim {claim.pk}"
    return None
