"""Criminal referrals to the state police, a district attorney or the attorney general."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from forcereview.cases.actions import board
from forcereview.cases.actions.cases import add_to_criminal_team
from forcereview.cases.actions.common import CaseInvalid, audit_case, same_agency
from forcereview.cases.config import rules
from forcereview.cases.models import Case, CaseOfficer, CriminalReferral, CriminalReferralUpdate
from forcereview.cases.models.case import UNDER_INVESTIGATION

Status = CriminalReferral.Status
# Which statuses may follow which: a decision can be revisited (a declined case taken up by
# the attorney general is a new referral, not a change of this one).
NEXT = {
    Status.PENDING: {Status.DECLINED, Status.CHARGED},
    Status.CHARGED: {Status.PLEA, Status.CONVICTION, Status.ACQUITTAL, Status.DECLINED},
    Status.DECLINED: set(),
    Status.PLEA: set(),
    Status.CONVICTION: set(),
    Status.ACQUITTAL: set(),
}


def refer_criminal(case: Case, *, by, referred_to: str, referred_on: date, office: str = "", officer=None,
                   team=()) -> CriminalReferral:
    """Refer the case (or one officer in it) for criminal investigation or prosecution.
    ``team``: users who will work the criminal side (compelled statements are hidden from them)."""
    if referred_to not in CriminalReferral.To.values:
        raise CaseInvalid("referred_to", f"{referred_to!r} is not a place to refer to "
                                         f"(use {', '.join(CriminalReferral.To.values)})")
    if officer is not None:
        same_agency(officer, case.agency_id, "officer", "officer")
        if not CaseOfficer.objects.filter(case=case, officer=officer, role__in=UNDER_INVESTIGATION).exists():
            raise CaseInvalid("officer", "only an officer under investigation in this case can be referred")
    if referred_on > board.timeline.today_for(case.agency):
        raise CaseInvalid("referred_on", "is in the future")
    with transaction.atomic():
        referral = CriminalReferral.objects.create(
            case=case, referred_to=referred_to, office=office.strip(), referred_on=referred_on, officer=officer,
            status=Status.PENDING, status_on=referred_on, created_by=by)
        CriminalReferralUpdate.objects.create(referral=referral, status=Status.PENDING, on=referred_on,
                                              note="referred", by=by)
        audit_case("case.criminal_referral", case, by=by, after={
            "referral": referral.pk, "referred_to": referred_to, "office": referral.office,
            "officer": officer.badge_number if officer else None, "referred_on": referred_on})
        for user in team:
            add_to_criminal_team(case, user, by=by)
    return referral


def update_referral(referral: CriminalReferral, *, by, status: str, on: date, note: str = "",
                    charges: str = "") -> CriminalReferral:
    """Record a prosecutor's decision or a court outcome, with its date."""
    if status not in Status.values:
        raise CaseInvalid("status", f"{status!r} is not a referral status")
    if status not in NEXT[referral.status]:
        allowed = ", ".join(sorted(NEXT[referral.status])) or "nothing (it is final)"
        raise CaseInvalid("status", f"a {referral.get_status_display().lower()} referral can become {allowed}")
    if on < referral.status_on:
        raise CaseInvalid("on", f"is before the last decision ({referral.status_on.isoformat()})")
    case = referral.case
    with transaction.atomic():
        before = {"status": referral.status}
        fields = {"status": status, "status_on": on}
        if note.strip():
            fields["decision"] = note.strip()
        if charges.strip():
            fields["charges"] = charges.strip()
        CriminalReferral.objects.filter(pk=referral.pk).update(**fields)
        referral.refresh_from_db()
        CriminalReferralUpdate.objects.create(referral=referral, status=status, on=on, note=note.strip(), by=by)
        audit_case("case.criminal_referral_updated", case, by=by, before=before,
                   after={"referral": referral.pk, "status": status, "on": on}, note=note)
        rule = rules().board
        if rule.criminal_outcome is not None and status in rule.criminal_outcomes:
            officers = [referral.officer] if referral.officer_id else [
                link.officer for link in case.officer_links.filter(role__in=UNDER_INVESTIGATION)]
            for officer in officers:
                board.owe_report(case, officer, board.CRIMINAL_OUTCOME, on, by=by)
    return referral
