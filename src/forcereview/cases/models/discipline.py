from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Discipline(models.Model):
    """What the matrix proposes for a sustained allegation, and what command decided.

    The proposal (presumptive range, prior history, rules version) is written by the system
    when the final finding is sustained; the decision is a person's, with factors and reason.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed (awaiting command's decision)"
        DECIDED = "decided", "Decided"
        WITHDRAWN = "withdrawn", "Withdrawn (finding changed)"

    allegation = models.OneToOneField("cases.Allegation", on_delete=models.CASCADE, related_name="discipline")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="discipline")
    officer = models.ForeignKey("records.Officer", on_delete=models.PROTECT, related_name="discipline")
    category = models.CharField(max_length=40)
    prior_sustained = models.PositiveSmallIntegerField()
    history_level = models.CharField(max_length=40)
    presumptive_mildest = models.CharField(max_length=40)
    presumptive_harshest = models.CharField(max_length=40)
    rules_version = models.CharField(max_length=80)
    rules_digest = models.CharField(max_length=64)
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    penalty = models.CharField(max_length=40, blank=True)
    suspension_days = models.PositiveSmallIntegerField(null=True, blank=True)
    aggravating = models.JSONField(default=list, blank=True)
    mitigating = models.JSONField(default=list, blank=True)
    departs_from_range = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case_id", "id"]


class TrainingAssignment(models.Model):
    class Status(models.TextChoices):
        ASSIGNED = "assigned", "Assigned"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="training")
    allegation = models.ForeignKey("cases.Allegation", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="training")
    officer = models.ForeignKey("records.Officer", on_delete=models.PROTECT, related_name="training_assignments")
    course = models.CharField(max_length=200)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASSIGNED)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    completed_on = models.DateField(null=True, blank=True)
    completion_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Training: {self.course}"


class LeavePeriod(models.Model):
    class Kind(models.TextChoices):
        ADMINISTRATIVE_PAID = "administrative_paid", "Administrative leave (paid)"
        ADMINISTRATIVE_UNPAID = "administrative_unpaid", "Administrative leave (unpaid)"

    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="leave")
    officer = models.ForeignKey("records.Officer", on_delete=models.PROTECT, related_name="leave_periods")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reason = models.TextField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["officer"], condition=models.Q(ends_on__isnull=True),
                                    name="one_open_leave_per_officer"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.starts_on}"


class PersonnelAction(models.Model):
    """A change to an officer's employment decided in a case: reassignment, demotion, separation."""

    class Kind(models.TextChoices):
        REASSIGNMENT = "reassignment", "Reassignment"
        DEMOTION = "demotion", "Demotion"
        SEPARATION = "separation", "Separation"

    class Separation(models.TextChoices):
        NONE = "", "-"
        RESIGNED = "resigned", "Resigned"
        RETIRED = "retired", "Retired"
        TERMINATED = "terminated", "Terminated"

    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="personnel")
    officer = models.ForeignKey("records.Officer", on_delete=models.PROTECT, related_name="personnel_actions")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    effective_on = models.DateField()
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    separation = models.CharField(max_length=12, choices=Separation.choices, blank=True)
    # Kept for good: the officer left while a case about them was open. The case goes on.
    while_under_investigation = models.BooleanField(default=False)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["effective_on", "id"]

    def __str__(self) -> str:
        if self.kind == self.Kind.SEPARATION:
            return f"Separation ({self.get_separation_display().lower()})"
        return self.get_kind_display()


class DisclosureMark(models.Model):
    """A Brady/Giglio mark: a sustained finding of excessive force, dishonesty or bias that
    prosecutors must be told about when the officer is a witness."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        WITHDRAWN = "withdrawn", "Withdrawn"

    officer = models.ForeignKey("records.Officer", on_delete=models.PROTECT, related_name="disclosure_marks")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="disclosure_marks")
    allegation = models.OneToOneField("cases.Allegation", on_delete=models.PROTECT, related_name="disclosure_mark")
    category = models.CharField(max_length=40)
    sustained_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    withdrawn_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["officer__last_name", "officer__first_name", "sustained_on", "id"]
