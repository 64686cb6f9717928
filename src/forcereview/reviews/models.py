"""Policy versions, the policy's verdict on each incident, the review of each incident up the
chain of command, and the internal-affairs referrals that come out of it.

Rows are written only by ``reviews.actions`` (and ``reviews.evaluation``, which the actions
call); every change is audited. Reads that depend on who is asking go through
``reviews.access``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class PolicyVersion(models.Model):
    """One version of an agency's review policy (the YAML text), in force from a date.

    An incident is judged by the version in force on the local date it happened: the version
    with the latest ``effective_from`` on or before that date (the highest number among
    versions effective the same day)."""

    agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="policy_versions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    text = models.TextField()
    digest = models.CharField(max_length=64)
    effective_from = models.DateField()
    note = models.TextField(blank=True, help_text="What changed and why.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="policy_version_number_unique")]
        ordering = ["-effective_from", "-number"]

    def __str__(self) -> str:
        return f"Policy v{self.number} (from {self.effective_from:%Y-%m-%d})"


class PolicyEvaluation(models.Model):
    """One evaluation of an incident: the version used, the rules that fired and why, and
    what the policy requires. The latest is ``current``; earlier ones are kept."""

    class Trigger(models.TextChoices):
        CREATED = "created", "Report filed"
        UPDATED = "updated", "Report corrected"
        IMPORTED = "imported", "Report imported"
        ANALYSIS = "analysis", "Recording analysed"
        POLICY = "policy", "Policy changed"
        MANUAL = "manual", "Evaluated on request"
        REVIEW = "review", "Review flag resolved"

    incident = models.ForeignKey("records.Incident", on_delete=models.CASCADE, related_name="policy_evaluations")
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="evaluations")
    created_at = models.DateTimeField(default=timezone.now)
    trigger = models.CharField(max_length=12, choices=Trigger.choices)
    outcome = models.JSONField()
    signature = models.JSONField()
    rules = models.JSONField(default=list)  # ids of the rules that fired, for lists and filters
    requires_internal_affairs = models.BooleanField(default=False)
    risk_level = models.CharField(max_length=10, default="none")
    risk_score = models.PositiveSmallIntegerField(default=0)
    current = models.BooleanField(default=True)
    changed = models.BooleanField(default=True, help_text="The outcome differs from the previous evaluation.")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["incident", "current"], name="policy_eval_current")]
        constraints = [
            models.UniqueConstraint(fields=["incident"], condition=models.Q(current=True),
                                    name="policy_eval_one_current"),
        ]

    def __str__(self) -> str:
        return f"Policy evaluation of incident {self.incident_id} ({self.created_at:%Y-%m-%d %H:%M})"


class EvidenceFlag(models.Model):
    """Where the recordings do not support the officer's report (``policy.evidence_check``)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved by a reviewer"
        CLEARED = "cleared", "No longer raised by the evidence"

    incident = models.ForeignKey("records.Incident", on_delete=models.CASCADE, related_name="evidence_flags")
    key = models.CharField(max_length=200)
    kind = models.CharField(max_length=40)
    claim = models.JSONField(null=True, blank=True)
    summary = models.TextField()
    evidence = models.TextField()
    quotes = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["incident_id", "id"]
        constraints = [models.UniqueConstraint(fields=["incident", "key"], name="evidence_flag_key_unique")]

    def __str__(self) -> str:
        return self.summary[:120]


class Level(models.TextChoices):
    SUPERVISOR = "supervisor", "Supervisor"
    LIEUTENANT = "lieutenant", "Lieutenant"
    COMMANDER = "commander", "Commander"
    BOARD = "board", "Use-of-force review board"


CHAIN_LEVELS = (Level.SUPERVISOR, Level.LIEUTENANT, Level.COMMANDER)


class ReviewTask(models.Model):
    """One review of an incident by one level of the chain of command (or the board)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETED = "completed", "Determination made"
        ESCALATED = "escalated", "Overdue, moved up the chain"
        CANCELLED = "cancelled", "Cancelled"

    class Origin(models.TextChoices):
        POLICY = "policy", "Required by the policy"
        CHAIN = "chain", "Next level of the chain"
        ESCALATION = "escalation", "Escalated when overdue"
        DISAGREEMENT = "disagreement", "The level below missed what the evidence shows"

    agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="review_tasks")
    incident = models.ForeignKey("records.Incident", on_delete=models.CASCADE, related_name="review_tasks")
    level = models.CharField(max_length=12, choices=Level.choices)
    assignee = models.ForeignKey("records.Officer", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="review_tasks",
                                 help_text="Empty: no eligible officer in the chain; command staff take it.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.POLICY)
    due_on = models.DateField()
    basis = models.TextField(help_text="Why this review exists and how its deadline was set.")
    rules = models.JSONField(default=list)
    escalated_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="escalations")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["assignee", "status", "due_on"], name="review_task_queue"),
            models.Index(fields=["agency", "status", "due_on"], name="review_task_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} review of incident {self.incident.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today=None) -> bool:
        return self.is_open and (today or timezone.localdate()) > self.due_on


class Decision(models.TextChoices):
    WITHIN_POLICY = "within_policy", "Within policy"
    WITHIN_POLICY_TRAINING = "within_policy_training", "Within policy, with a training need"
    POLICY_VIOLATION = "policy_violation", "Policy violation"
    REFER_INTERNAL_AFFAIRS = "refer_internal_affairs", "Refer to internal affairs"


WITHIN_POLICY_DECISIONS = (Decision.WITHIN_POLICY, Decision.WITHIN_POLICY_TRAINING)


class Determination(models.Model):
    """A reviewer's determination and written rationale. It is the reviewer's judgement,
    separate from the final finding, which command makes on an internal-affairs case."""

    task = models.OneToOneField(ReviewTask, on_delete=models.CASCADE, related_name="determination")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="determinations")
    reviewer_officer = models.ForeignKey("records.Officer", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="determinations")
    decision = models.CharField(max_length=30, choices=Decision.choices)
    rationale = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} by {self.reviewer}"


class Disagreement(models.Model):
    """The system's record that a reviewer found an incident within policy when the policy,
    the risk of the recordings or the report-against-evidence flags said otherwise."""

    incident = models.ForeignKey("records.Incident", on_delete=models.CASCADE, related_name="review_disagreements")
    determination = models.OneToOneField(Determination, on_delete=models.CASCADE, related_name="disagreement")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer_officer = models.ForeignKey("records.Officer", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="review_disagreements")
    reasons = models.JSONField(default=list)
    next_level = models.ForeignKey("records.Officer", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", help_text="Who was notified above the reviewer.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Disagreement with {self.reviewer} on incident {self.incident_id}"


class Referral(models.Model):
    """An incident referred to internal affairs, with every reason it was referred. The
    intake queue lists pending referrals; the cases app opens a case from one
    (``reviews.actions.mark_referral_opened``)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for intake"
        OPENED = "opened", "Case opened"
        DECLINED = "declined", "Declined at intake"

    agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="referrals")
    incident = models.ForeignKey("records.Incident", on_delete=models.CASCADE, related_name="referrals")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # [{"source": "policy" | "reviewer" | "safety_net", "text": ..., "rules": [...], "at": iso, "by": label}]
    reasons = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    case_id = models.PositiveBigIntegerField(null=True, blank=True, help_text="The case opened from it.")
    case_label = models.CharField(max_length=100, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["incident"], condition=models.Q(status__in=["pending", "opened"]),
                                    name="referral_one_live_per_incident"),
        ]
        indexes = [models.Index(fields=["agency", "status", "-created_at"], name="referral_queue")]

    def __str__(self) -> str:
        return f"Referral of incident {self.incident.number}"

    @property
    def sources(self) -> list[str]:
        return sorted({r.get("source", "") for r in self.reasons})
