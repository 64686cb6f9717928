"""Deadlines: one table for every date something must happen by (review deadlines, case
timelines, notice and limitation periods, reports to the standards board).

Rows are written only by ``deadlines.actions`` and the processor; every change is audited.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from forcereview.accounts.roles import Role
from forcereview.deadlines.registry import label_of


class Status(models.TextChoices):
    OPEN = "open", "Open"
    EXTENDED = "extended", "Extended"
    MISSED = "missed", "Missed (still open)"
    MET = "met", "Met"
    CANCELLED = "cancelled", "Cancelled"


# Deadlines still waiting to be met. A missed deadline stays active: the thing still has to
# be done, and escalation continues until it is.
ACTIVE = (Status.OPEN, Status.EXTENDED, Status.MISSED)


class Deadline(models.Model):
    agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="deadlines")
    kind = models.CharField(max_length=60, db_index=True)
    title = models.CharField(max_length=200)
    basis = models.TextField(
        help_text="How the date was computed, in plain words, with the rule it comes from.")

    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")

    due_at = models.DateTimeField(help_text="Stored in UTC; usually the end of a local day.")
    original_due_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    status_reason = models.TextField(blank=True)

    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="deadlines")
    assignee_role = models.CharField(max_length=20, choices=Role.choices, blank=True)

    # Reminder spans before the due time, in seconds, farthest first.
    reminders = models.JSONField(default=list, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    escalate_every = models.DurationField(default=timedelta(days=1))
    max_escalations = models.PositiveSmallIntegerField(default=3)
    # When the processor must next look at this row; None when nothing is left to do.
    next_action_at = models.DateTimeField(null=True, blank=True)

    missed_at = models.DateTimeField(null=True, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "next_action_at"], name="deadline_due_work"),
            models.Index(fields=["agency", "status", "due_at"], name="deadline_agency_due"),
            models.Index(fields=["target_type", "target_id"], name="deadline_target"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_type", "target_id"],
                condition=models.Q(status__in=["open", "extended", "missed"]),
                name="deadline_one_active_per_kind_and_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (due {self.due_local:%Y-%m-%d})"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.agency.timezone)

    @property
    def due_local(self):
        return timezone.localtime(self.due_at, self.tz)

    @property
    def kind_label(self) -> str:
        return label_of(self.kind)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    def is_overdue(self, now=None) -> bool:
        return self.is_active and (now or timezone.now()) > self.due_at

    @property
    def met_late(self) -> bool:
        return self.status == Status.MET and self.met_at is not None and self.met_at > self.due_at

    @property
    def assignee_text(self) -> str:
        if self.assignee_user_id:
            return self.assignee_user.display_name
        if self.assignee_role:
            return Role(self.assignee_role).label
        return "unassigned"
