from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Finding(models.TextChoices):
    SUSTAINED = "sustained", "Sustained"
    NOT_SUSTAINED = "not_sustained", "Not sustained"
    EXONERATED = "exonerated", "Exonerated"
    UNFOUNDED = "unfounded", "Unfounded"
    POLICY_FAILURE = "policy_failure", "Policy failure"


class Case(models.Model):
    class Source(models.TextChoices):
        REFERRAL = "referral", "Referral from a review"
        COMPLAINT = "complaint", "Public complaint"
        COMMAND = "command", "Opened by command staff"

    class Status(models.TextChoices):
        INVESTIGATING = "investigating", "Under investigation"
        ABEYANCE = "abeyance", "Held in abeyance (criminal case first)"
        ADJUDICATION = "adjudication", "Awaiting command's findings"
        CLOSED = "closed", "Closed"

    agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="cases")
    number = models.CharField(max_length=20)
    title = models.CharField(max_length=200, help_text="What the case is about, without names.")
    summary = models.TextField(blank=True)
    source = models.CharField(max_length=12, choices=Source.choices)
    # The review workflow's referral (or another record) the case was opened from.
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    complaint = models.ForeignKey("cases.Complaint", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="cases")
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.INVESTIGATING)
    first_reported_on = models.DateField(help_text="When misconduct was first reported (starts the board's clock).")
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    lead_investigator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="lead_cases")
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_note = models.TextField(blank=True)
    rules_version = models.CharField(max_length=80)
    rules_digest = models.CharField(max_length=64)
    incidents = models.ManyToManyField("records.Incident", through="CaseIncident", related_name="cases")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="case_number_unique_per_agency")]
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return f"Case {self.number}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class CaseIncident(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="incident_links")
    incident = models.ForeignKey("records.Incident", on_delete=models.PROTECT, related_name="case_links")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "incident"], name="case_incident_unique")]


class CaseEvidence(models.Model):
    """A piece of evidence named in the case beyond its incidents' own (a bystander's video
    filed with another incident, a school camera). Kept from deletion while the case is open."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence_links")
    item = models.ForeignKey("evidence.EvidenceItem", on_delete=models.PROTECT, related_name="case_links")
    note = models.CharField(max_length=300, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "item"], name="case_evidence_unique")]


class CaseOfficer(models.Model):
    class Role(models.TextChoices):
        SUBJECT = "subject", "Subject officer"
        WITNESS = "witness", "Witness officer"
        REVIEWER = "reviewer", "Reviewer under review"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="officer_links")
    officer = models.ForeignKey("records.Officer", on_delete=models.PROTECT, related_name="case_links")
    role = models.CharField(max_length=10, choices=Role.choices)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="case_officer_unique")]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.officer} ({self.get_role_display()})"


# Officers whose conduct a case examines: they, and officers of their unit, never see it.
UNDER_INVESTIGATION = (CaseOfficer.Role.SUBJECT, CaseOfficer.Role.REVIEWER)


class CriminalTeamMember(models.Model):
    """A user working the criminal side of a case. Compelled (Garrity) statements, and
    everything drawn from them, are walled off from these users."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="criminal_team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="criminal_team_unique")]


class Allegation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allegations")
    officer = models.ForeignKey("records.Officer", on_delete=models.PROTECT, related_name="allegations")
    category = models.CharField(max_length=40, help_text="A category of the discipline matrix.")
    policy_section = models.CharField(max_length=200)
    description = models.TextField()
    # An allegation against a reviewer names the review they answer for.
    review_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    review_id = models.PositiveBigIntegerField(null=True, blank=True)
    recommended_finding = models.CharField(max_length=16, choices=Finding.choices, blank=True)
    recommended_reason = models.TextField(blank=True)
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    recommended_at = models.DateTimeField(null=True, blank=True)
    final_finding = models.CharField(max_length=16, choices=Finding.choices, blank=True)
    final_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case_id", "id"]
        indexes = [models.Index(fields=["officer", "final_finding", "decided_at"], name="allegation_history")]

    def __str__(self) -> str:
        return f"Allegation {self.pk}: {self.category} ({self.policy_section})"

    @property
    def is_decided(self) -> bool:
        return bool(self.final_finding)


class InvestigationEntry(models.Model):
    """One line of the investigation log. Entries are never edited: a correction is a new entry."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", "Interview"
        EVIDENCE_REVIEW = "evidence_review", "Evidence reviewed"
        NOTE = "note", "Note"

    class Advisement(models.TextChoices):
        NONE = "", "None"
        GARRITY = "garrity", "Garrity (compelled, administrative use only)"
        KALKINES = "kalkines", "Kalkines (compelled, federal form)"
        MIRANDA = "miranda", "Miranda (voluntary, criminal rights given)"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="log")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    occurred_at = models.DateTimeField()
    interviewee_officer = models.ForeignKey("records.Officer", null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="+")
    interviewee_name = models.CharField(max_length=160, blank=True, help_text="A civilian interviewee.")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    # Compelled under threat of discipline (Garrity), or drawn from such a statement.
    compelled = models.BooleanField(default=False)
    advisement = models.CharField(max_length=10, choices=Advisement.choices, blank=True)
    evidence_ref = models.CharField(max_length=200, blank=True)
    summary = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name_plural = "investigation entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%Y-%m-%d}"
