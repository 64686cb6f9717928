from __future__ import annotations

from django.db import models
from django.utils import timezone


class Complaint(models.Model):
    """A complaint from the public. Stored the moment it arrives, before anything else."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        REVIEWING = "reviewing", "Being reviewed"
        CASE_OPENED = "case_opened", "Under investigation"
        CLOSED = "closed", "Closed"

    class Screening(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        HELD = "held", "Held for a person to check (possible spam)"
        SPAM = "spam", "Spam or abuse"

    agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="complaints")
    tracking_number = models.CharField(max_length=16, unique=True)
    received_at = models.DateTimeField(default=timezone.now)
    what_happened = models.TextField()
    occurred_on = models.DateField(null=True, blank=True)
    occurred_time = models.CharField(max_length=40, blank=True)
    where = models.CharField(max_length=300)
    who = models.TextField(blank=True, help_text="Officers involved, if known (names, badge numbers, cars).")
    anonymous = models.BooleanField(default=False)
    contact_name = models.CharField(max_length=160, blank=True)
    contact_email = models.CharField(max_length=200, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED)
    screening = models.CharField(max_length=10, choices=Screening.choices, default=Screening.ACCEPTED)
    held_reasons = models.JSONField(default=list, blank=True)
    # A keyed hash of the sender's address, for rate limits; the address itself is not kept.
    sender_hash = models.CharField(max_length=64, db_index=True)
    fill_seconds = models.PositiveIntegerField(null=True, blank=True)
    public_note = models.TextField(blank=True, help_text="Shown to a complainant who gave contact details.")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["sender_hash", "received_at"], name="complaint_sender_recent")]

    def __str__(self) -> str:
        return f"Complaint {self.tracking_number}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class ComplaintRefusal(models.Model):
    """How many submissions from one sender were refused within one clock hour, because they
    came faster than any person writes (``COMPLAINT_REFUSE_AFTER``). Nothing of what they said is
    kept; the audit log records the first refusal of each hour and every tenfold count after it."""

    agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="+")
    sender_hash = models.CharField(max_length=64)
    hour = models.DateTimeField(help_text="Start of the clock hour (UTC) the refusals fell in.")
    count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-hour", "-count"]
        constraints = [models.UniqueConstraint(fields=["agency", "sender_hash", "hour"], name="complaint_refusal_hour")]

    def __str__(self) -> str:
        return f"{self.count} complaint(s) refused from sender {self.sender_hash[:12]} at {self.hour:%Y-%m-%d %H}:00"
