"""Complaints from the public: received with no login, stored before anything else happens.

A submission whose fields a person can fix (nothing said about what happened, a date in the
future) is shown back with the mistake and not stored. Everything else is stored first, in
the transaction that screens it, before any acknowledgement or notification. Abuse is held back
without outside services: a submission that trips a check (the hidden field filled in, the form
sent too fast, many from one address within an hour) is stored but *held* for a person to
release or mark as spam, with its reasons.

The one refusal protects the database from a script, not the agency from a person: beyond
``COMPLAINT_REFUSE_AFTER`` stored submissions from one address within an hour (far more than
anyone writes) a submission is refused before it is stored, the sender is told how else to
reach the agency, and the refusals are counted (``ComplaintRefusal``) and written to the audit
log (the first of each hour and every tenfold count after it).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from forcereview.audit.actions import record
from forcereview.cases.actions.common import CaseInvalid, plain, require
from forcereview.cases.models import Complaint, ComplaintRefusal
from forcereview.deadlines.notify import email_after_commit, send_quietly

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed without mistakes
log = logging.getLogger(__name__)

LIMITS = {"what_happened": 20000, "where": 300, "who": 4000, "contact_name": 160, "contact_email": 200,
          "contact_phone": 40, "occurred_time": 40}


class TooManyComplaints(Exception):
    """A scripted flood from one address: refused without storing (the only case where nothing
    is kept). ``refused`` is how many were refused from that address this hour, this one included."""

    def __init__(self, refused: int):
        super().__init__(f"{refused} complaint(s) refused from one address this hour")
        self.refused = refused


@dataclass
class Submission:
    what_happened: str
    where: str
    occurred_on: date | None = None
    occurred_time: str = ""
    who: str = ""
    anonymous: bool = False
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    # Screening signals from the form.
    honeypot: str = ""
    fill_seconds: int | None = None
    errors: dict[str, str] = field(default_factory=dict)


def sender_hash(address: str) -> str:
    """A keyed hash of the sender's network address: enough to count, useless to identify."""
    return hmac.new(settings.SECRET_KEY.encode(), (address or "unknown").encode(), hashlib.sha256).hexdigest()


def new_tracking_number() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"C-{raw[:4]}-{raw[4:]}"


def check(sub: Submission, today: date) -> dict[str, str]:
    """Field errors a person can fix (shown on the form; nothing is stored until they are fixed)."""
    errors = {}
    if not sub.what_happened.strip():
        errors["what_happened"] = "Please tell us what happened."
    if not sub.where.strip():
        errors["where"] = "Please tell us where it happened (an address, a street corner, a school)."
    if sub.occurred_on and sub.occurred_on > today:
        errors["occurred_on"] = "This date is in the future."
    for name, limit in LIMITS.items():
        if len(getattr(sub, name) or "") > limit:
            errors[name] = f"Please keep this under {limit} characters."
    if sub.anonymous and (sub.contact_name or sub.contact_email or sub.contact_phone):
        errors["anonymous"] = "You chose to stay anonymous; leave the contact fields empty, or untick 'anonymous'."
    if sub.contact_email and "@" not in sub.contact_email:
        errors["contact_email"] = "This does not look like an email address."
    return errors


def _held_reasons(sub: Submission, recent_from_sender: int) -> list[str]:
    reasons = []
    if sub.honeypot.strip():
        reasons.append("the hidden field was filled in")
    if sub.fill_seconds is None:
        reasons.append("the form's start time was missing or altered")
    elif sub.fill_seconds < settings.COMPLAINT_MIN_SECONDS:
        reasons.append(f"the form was sent {sub.fill_seconds} s after it was opened")
    if recent_from_sender >= settings.COMPLAINT_HOLD_AFTER:
        reasons.append(f"{recent_from_sender} other complaints from the same address in the past hour")
    return reasons


def _recent_from(who_sent: str, now) -> int:
    return Complaint.objects.filter(sender_hash=who_sent, received_at__gte=now - timedelta(hours=1)).count()


def _is_tenfold(n: int) -> bool:
    while n >= 10 and n % 10 == 0:
        n //= 10
    return n == 1


def _refuse(agency, who_sent: str, now, recent: int) -> TooManyComplaints:
    """Count one refused submission; the audit log gets the first of the hour and every tenfold."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    with transaction.atomic():
        tally, _ = ComplaintRefusal.objects.select_for_update().get_or_create(
            agency=agency, sender_hash=who_sent, hour=hour, defaults={"last_at": now})
        tally.count += 1
        tally.last_at = now
        tally.save(update_fields=["count", "last_at"])
        if _is_tenfold(tally.count):
            record("complaint.refused", tally, by="public", agency_id=agency.pk, after={
                "refused_this_hour": tally.count, "hour": hour.isoformat(), "sender": who_sent[:12],
                "stored_in_past_hour": recent, "limit": settings.COMPLAINT_REFUSE_AFTER})
    return TooManyComplaints(tally.count)


def submit_complaint(agency, sub: Submission, *, address: str) -> Complaint:
    """Store a complaint from the public. Raises ``CaseInvalid`` for a field the person can fix
    and ``TooManyComplaints`` for a scripted flood; anything else is stored before it is
    screened, and a failure after it is stored (screening, acknowledgements) never loses it."""
    errors = check(sub, timezone.localdate())
    if errors:
        name, message = next(iter(errors.items()))
        raise CaseInvalid(name, message)
    who_sent = sender_hash(address)
    now = timezone.now()
    recent = _recent_from(who_sent, now)
    if recent >= settings.COMPLAINT_REFUSE_AFTER:
        raise _refuse(agency, who_sent, now, recent)
    with transaction.atomic():
        # Stored first, as held: should screening fail, a person still sees the complaint.
        complaint = Complaint(
            agency=agency, tracking_number=new_tracking_number(), received_at=now,
            what_happened=sub.what_happened.strip(), where=sub.where.strip(), occurred_on=sub.occurred_on,
            occurred_time=sub.occurred_time.strip(), who=sub.who.strip(), anonymous=sub.anonymous,
            contact_name=sub.contact_name.strip(), contact_email=sub.contact_email.strip(),
            contact_phone=sub.contact_phone.strip(), sender_hash=who_sent, fill_seconds=sub.fill_seconds,
            screening=Complaint.Screening.HELD, held_reasons=["not yet screened"],
        )
        while Complaint.objects.filter(tracking_number=complaint.tracking_number).exists():
            complaint.tracking_number = new_tracking_number()
        complaint.save()
        reasons = _screen(complaint, sub, recent)
        # The audit entry keeps the fact of the complaint, not the complainant's identity.
        record("complaint.received", complaint, by="public", agency_id=agency.pk, after={
            "tracking_number": complaint.tracking_number, "anonymous": complaint.anonymous,
            "screening": complaint.screening, "held_reasons": reasons})
    if complaint.screening == Complaint.Screening.ACCEPTED:
        try:
            _acknowledge(complaint)
        except Exception:  # the complaint is committed; telling people about it must not undo that
            log.exception("could not acknowledge complaint %s", complaint.tracking_number)
    return complaint


def _screen(complaint: Complaint, sub: Submission, recent: int) -> list[str]:
    """Decide whether the stored complaint enters the intake queue or waits for a person."""
    try:
        with transaction.atomic():
            reasons = _held_reasons(sub, recent)
            screening = Complaint.Screening.HELD if reasons else Complaint.Screening.ACCEPTED
            Complaint.objects.filter(pk=complaint.pk).update(screening=screening, held_reasons=reasons)
    except Exception:
        log.exception("could not screen complaint %s; it stays held", complaint.tracking_number)
        reasons = ["screening failed; a person must look at it"]
        Complaint.objects.filter(pk=complaint.pk).update(held_reasons=reasons)
    complaint.refresh_from_db(fields=["screening", "held_reasons"])
    return reasons


def _acknowledge(complaint: Complaint) -> None:
    from forcereview.accounts.models import User

    if complaint.contact_email:
        subject = f"Your complaint {complaint.tracking_number} was received"
        body = (f"We received your complaint on {timezone.localtime(complaint.received_at):%Y-%m-%d %H:%M}.\n"
                f"Your tracking number is {complaint.tracking_number}. Keep it to check the status of your "
                "complaint.\n")
        to = [complaint.contact_email]
        transaction.on_commit(lambda: send_quietly(subject, body, to))
    intake = User.objects.filter(agency_id=complaint.agency_id, role="investigator", is_active=True)
    email_after_commit(intake, f"New public complaint {complaint.tracking_number}",
                       "A new complaint from the public is waiting in the intake queue.\n")


def _change(complaint: Complaint, action: str, *, by, note: str = "", **fields) -> Complaint:
    before = {k: plain(getattr(complaint, k)) for k in fields}
    Complaint.objects.filter(pk=complaint.pk).update(**fields)
    complaint.refresh_from_db()
    record(action, complaint, by=by, agency_id=complaint.agency_id, before=before,
           after={k: plain(v) for k, v in fields.items()}, note=note)
    return complaint


def release_complaint(complaint: Complaint, *, by, note: str = "") -> Complaint:
    """A held complaint was checked by a person and is genuine: it enters the intake queue."""
    if complaint.screening != Complaint.Screening.HELD:
        raise CaseInvalid("screening", "only a held complaint can be released")
    with transaction.atomic():
        complaint = _change(complaint, "complaint.released", by=by, note=note, screening=Complaint.Screening.ACCEPTED)
        _acknowledge(complaint)
    return complaint


def mark_spam(complaint: Complaint, *, by, reason: str) -> Complaint:
    reason = require(reason, "reason", "say why this is not a genuine complaint")
    if complaint.status == Complaint.Status.CASE_OPENED:
        raise CaseInvalid("status", "a case was opened from this complaint")
    with transaction.atomic():
        return _change(complaint, "complaint.marked_spam", by=by, note=reason, screening=Complaint.Screening.SPAM,
                       status=Complaint.Status.CLOSED, closed_at=timezone.now())


def start_review(complaint: Complaint, *, by) -> Complaint:
    if complaint.status != Complaint.Status.RECEIVED:
        raise CaseInvalid("status", "the complaint is already past intake")
    with transaction.atomic():
        return _change(complaint, "complaint.review_started", by=by, status=Complaint.Status.REVIEWING)


def close_complaint(complaint: Complaint, *, by, reason: str, public_note: str = "") -> Complaint:
    """Close a complaint (with or without a case). ``public_note`` is shown on the status page
    to a complainant who gave contact details."""
    reason = require(reason, "reason", "say how the complaint was resolved")
    if not complaint.is_open:
        raise CaseInvalid("status", "the complaint is already closed")
    with transaction.atomic():
        return _change(complaint, "complaint.closed", by=by, note=reason, status=Complaint.Status.CLOSED,
                       closed_at=timezone.now(), public_note=public_note.strip())
