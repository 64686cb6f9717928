"""Internal-affairs referrals: made by the policy, by a reviewer or by the safety net; taken
up by internal affairs when a case is opened from one, or declined at intake."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from forcereview.audit.actions import insert, record, save_fields
from forcereview.records.models import Incident
from forcereview.reviews import notify
from forcereview.reviews.models import Referral

LIVE = (Referral.Status.PENDING, Referral.Status.OPENED)


class ReferralRefused(ValueError):
    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def _reason(source: str, text: str, rules, by) -> dict:
    return {"source": source, "text": text.strip(), "rules": list(rules), "at": timezone.now().isoformat(),
            "by": getattr(by, "username", None) or (by if isinstance(by, str) else "system")}


def refer(incident: Incident, *, by, source: str, text: str, rules=(), once: bool = False,
          referrals: list[Referral] | None = None, recipients=notify.role_addresses) -> Referral | None:
    """Refer ``incident`` to internal affairs for this reason, adding the reason to the live
    referral when there is one. With ``once`` (policy reasons), a reason already given in any
    earlier referral of the incident, a declined one included, is not given again.
    ``referrals``: the incident's referrals, newest first, already read and locked in this
    transaction (``reviews.batchreads``); a referral made here is added to it."""
    with transaction.atomic():
        if referrals is None:
            referrals = list(Referral.objects.select_for_update().filter(incident=incident).order_by("-created_at"))
        key = (source, tuple(rules), text.strip())
        given = {(r.get("source"), tuple(r.get("rules", ())), r.get("text")) for ref in referrals for r in ref.reasons}
        live = next((r for r in referrals if r.status in LIVE), None)
        if once and key in given:
            return live
        if live is not None and key in {(r.get("source"), tuple(r.get("rules", ())), r.get("text")) for r in live.reasons}:
            return live
        reason = _reason(source, text, rules, by)
        if live is None:
            live = Referral(agency_id=incident.agency_id, incident=incident, reasons=[reason])
            insert(live)
            referrals.insert(0, live)
            record("referral.created", live, by=by, agency_id=incident.agency_id,
                   after={"incident": incident.number, "reason": reason})
        else:
            live.reasons = live.reasons + [reason]
            live.updated_at = timezone.now()
            save_fields(live, ["reasons", "updated_at"])
            record("referral.reason_added", live, by=by, agency_id=incident.agency_id, after={"reason": reason})
        notify.referral_made(live, reason["text"], recipients)
    return live


def mark_referral_opened(referral: Referral, case, *, by) -> Referral:
    """Internal affairs opened ``case`` from the referral (called by the cases app)."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.status == Referral.Status.OPENED and referral.case_id == case.pk:
            return referral
        if referral.status == Referral.Status.DECLINED:
            raise ReferralRefused("status", "this referral was declined at intake")
        if referral.status == Referral.Status.OPENED:
            raise ReferralRefused("status", f"a case was already opened from this referral ({referral.case_label})")
        before = {"status": referral.status}
        referral.status, referral.case_id, referral.case_label = Referral.Status.OPENED, case.pk, str(case)[:100]
        referral.decided_at, referral.decided_by = timezone.now(), by if getattr(by, "pk", None) else None
        referral.updated_at = referral.decided_at
        referral.save()
        record("referral.opened", referral, by=by, agency_id=referral.agency_id, before=before,
               after={"status": referral.status, "case": referral.case_label})
        from forcereview.reviews.actions.tasks import sync_incident_status

        sync_incident_status(referral.incident, by=by)
    return referral


def decline_referral(referral: Referral, *, by, note: str) -> Referral:
    """Intake decides no case is needed; the reasons and the note stay on the record."""
    note = (note or "").strip()
    if len(note) < 10:
        raise ReferralRefused("note", "say why no case is opened (at least a sentence)")
    from forcereview.reviews.actions.tasks import sync_incident_status

    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("incident").get(pk=referral.pk)
        if referral.status != Referral.Status.PENDING:
            raise ReferralRefused("status", f"this referral is already {referral.get_status_display().lower()}")
        referral.status, referral.decision_note = Referral.Status.DECLINED, note
        referral.decided_at, referral.decided_by = timezone.now(), by if getattr(by, "pk", None) else None
        referral.updated_at = referral.decided_at
        referral.save()
        record("referral.declined", referral, by=by, agency_id=referral.agency_id, before={"status": "pending"},
               after={"status": referral.status}, note=note)
        sync_incident_status(referral.incident, by=by)
    return referral


def on_case_opened(case, by) -> None:
    """``cases`` hook: a case opened from one of our referrals marks it opened."""
    source_type = getattr(case, "source_type", None)
    if source_type is None or getattr(case, "source_id", None) is None:
        return
    if (source_type.app_label, source_type.model) != ("reviews", "referral"):
        return
    referral = Referral.objects.filter(pk=case.source_id).first()
    if referral is not None and referral.status == Referral.Status.PENDING:
        mark_referral_opened(referral, case, by=by)
