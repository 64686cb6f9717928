"""Civil claims: the notice, the legal periods it starts, a legal hold on the evidence, the outcome.

Periods come from the jurisdiction's rules (``jurisdictions`` in the rules file) and run from
the local date of the occurrence. Notice periods are recorded with whether the notice came in
time; each limitation period gets a deadline, met when suit is filed and cancelled when the
claim closes.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from forcereview.accounts.roles import Role
from forcereview.audit.actions import record
from forcereview.cases import evidence_link
from forcereview.cases.actions import timeline
from forcereview.cases.actions.common import CaseInvalid, audit_case, plain, require, same_agency
from forcereview.cases.config import jurisdiction_for
from forcereview.cases.models import CivilClaim, ClaimPeriodRecord
from forcereview.deadlines import actions as deadlines
from forcereview.deadlines.calendar import local_date


def _audit(action: str, claim: CivilClaim, *, by, before=None, after=None, note: str = "") -> None:
    after = {k: plain(v) for k, v in (after or {}).items()}
    record(action, claim, by=by, agency_id=claim.agency_id, before=before, after=after, note=note)
    if claim.case_id:
        audit_case(action.replace("claim.", "case.claim_"), claim.case, by=by, after={"claim": claim.pk, **after})


def record_claim(agency, *, by, incident, claimant_name: str, received_on: date, counsel: str = "",
                 claimant_is_minor: bool = False, claimant_born_on: date | None = None,
                 wrongful_death: bool = False, case=None) -> CivilClaim:
    """Record a notice of claim. Computes its legal periods, opens the limitation deadlines and
    places a legal hold on every stored piece of evidence of the incident."""
    claimant_name = require(claimant_name, "claimant_name", "name the claimant")
    same_agency(incident, agency.pk, "incident", "incident")
    if case is not None:
        same_agency(case, agency.pk, "case", "case")
    occurred_on = local_date(incident.occurred_at, agency.timezone)
    if received_on < occurred_on:
        raise CaseInvalid("received_on", f"is before the occurrence on {occurred_on.isoformat()}")
    if received_on > timeline.today_for(agency):
        raise CaseInvalid("received_on", "is in the future")
    if claimant_born_on is not None:
        if claimant_born_on > occurred_on:
            raise CaseInvalid("claimant_born_on", "is after the occurrence")
        from forcereview.deadlines.calendar import age_on

        claimant_is_minor = claimant_is_minor or age_on(claimant_born_on, occurred_on) < 18
    jurisdiction = jurisdiction_for(agency)
    with transaction.atomic():
        claim = CivilClaim.objects.create(
            agency=agency, case=case, incident=incident, claimant_name=claimant_name, counsel=counsel.strip(),
            received_on=received_on, occurred_on=occurred_on, claimant_is_minor=claimant_is_minor,
            claimant_born_on=claimant_born_on, wrongful_death=wrongful_death, jurisdiction=jurisdiction.code,
            created_by=by)
        periods = []
        for rule in jurisdiction.periods:
            if not rule.applies_to(occurred_on):
                continue
            last_day, basis = rule.compute(occurred_on, claimant_born=claimant_born_on, wrongful_death=wrongful_death)
            if claimant_is_minor and claimant_born_on is None and rule.minor_under_age is not None:
                basis += (f"; the claimant's date of birth is not recorded: a child under {rule.minor_under_age} "
                          f"would have until the {rule.minor_until_birthday}th birthday")
            periods.append(ClaimPeriodRecord.objects.create(
                claim=claim, code=rule.code, label=rule.label, kind=rule.kind, last_day=last_day, basis=basis,
                timely=(received_on <= last_day) if rule.kind == "notice" else None))
        _audit("claim.recorded", claim, by=by, after={
            "incident": incident.number, "received_on": received_on, "occurred_on": occurred_on,
            "jurisdiction": jurisdiction.code,
            "periods": {p.code: {"last_day": p.last_day.isoformat(), "timely": p.timely} for p in periods}})
        for p in periods:
            if p.kind == "limitation":
                deadlines.open_deadline(
                    by=by, agency=agency, kind=timeline.CLAIM_LIMITATION, target=p, due=p.last_day,
                    title=f"Claim {claim.pk}: {p.label} ends", basis=p.basis, assignee_role=Role.COMMAND,
                    remind_before=timeline.reminders())
        evidence_link.hold_for_claim(claim, by=by)
    return claim


def record_suit(claim: CivilClaim, *, by, filed_on: date) -> CivilClaim:
    if claim.status != CivilClaim.Status.OPEN:
        raise CaseInvalid("status", "suit can only be recorded on an open claim")
    if filed_on < claim.received_on:
        raise CaseInvalid("filed_on", "is before the notice of claim")
    with transaction.atomic():
        CivilClaim.objects.filter(pk=claim.pk).update(status=CivilClaim.Status.SUIT_FILED, suit_filed_on=filed_on)
        claim.refresh_from_db()
        _audit("claim.suit_filed", claim, by=by, after={"suit_filed_on": filed_on})
        for p in claim.periods.filter(kind="limitation"):
            timeline.meet(timeline.CLAIM_LIMITATION, p, by=by, note=f"suit filed on {filed_on.isoformat()}")
    return claim


def record_outcome(claim: CivilClaim, *, by, outcome: str, on: date, amount: Decimal | None = None,
                   note: str = "") -> CivilClaim:
    """Close the claim with its outcome. Lifts the claim's own legal hold (other holds stay)."""
    if outcome not in CivilClaim.Outcome.values or not outcome:
        raise CaseInvalid("outcome", f"{outcome!r} is not an outcome")
    if claim.status == CivilClaim.Status.CLOSED:
        raise CaseInvalid("status", "the claim is already closed")
    if on < claim.received_on:
        raise CaseInvalid("on", "is before the notice of claim")
    if amount is not None and amount < 0:
        raise CaseInvalid("amount", "cannot be negative")
    if outcome in ("settlement", "judgment_for_claimant") and amount is None:
        raise CaseInvalid("amount", "record the amount of a settlement or judgment")
    with transaction.atomic():
        before = {"status": claim.status}
        CivilClaim.objects.filter(pk=claim.pk).update(status=CivilClaim.Status.CLOSED, outcome=outcome,
                                                      outcome_on=on, amount=amount, outcome_note=note.strip())
        claim.refresh_from_db()
        _audit("claim.closed", claim, by=by, before=before, after={
            "outcome": outcome, "outcome_on": on, "amount": str(amount) if amount is not None else None}, note=note)
        for p in claim.periods.filter(kind="limitation"):
            timeline.cancel(timeline.CLAIM_LIMITATION, p, by=by, reason=f"claim closed ({outcome})")
        evidence_link.release_for_claim(claim, by=by, reason=f"claim closed: {claim.get_outcome_display().lower()}")
    return claim
