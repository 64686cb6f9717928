from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class CriminalReferral(models.Model):
    class To(models.TextChoices):
        STATE_POLICE = "state_police", "State police"
        DISTRICT_ATTORNEY = "district_attorney", "District attorney"
        ATTORNEY_GENERAL = "attorney_general", "Attorney general"
        FEDERAL = "federal", "Federal prosecutor"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DECLINED = "declined", "Declined"
        CHARGED = "charged", "Charged"
        PLEA = "plea", "Plea (guilty or no contest)"
        CONVICTION = "conviction", "Conviction"
        ACQUITTAL = "acquittal", "Acquittal"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="criminal_referrals")
    officer = models.ForeignKey("records.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                help_text="The officer referred; empty when the referral covers every subject officer.")
    referred_to = models.CharField(max_length=20, choices=To.choices)
    office = models.CharField(max_length=200, blank=True, help_text="e.g. 11th Judicial District Attorney")
    referred_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    status_on = models.DateField()
    decision = models.TextField(blank=True)
    charges = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["referred_on", "id"]

    def __str__(self) -> str:
        return f"Referral to {self.get_referred_to_display().lower()} ({self.get_status_display().lower()})"


class CriminalReferralUpdate(models.Model):
    referral = models.ForeignKey(CriminalReferral, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=12, choices=CriminalReferral.Status.choices)
    on = models.DateField()
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "id"]


class StandardsReport(models.Model):
    """A report owed to the state's officer-standards board (New Mexico: form LEA-90)."""

    class Trigger(models.TextChoices):
        SUSTAINED_FINDING = "sustained_finding", "Sustained finding"
        SEPARATION = "separation_under_investigation", "Separated while under investigation"
        STILL_OPEN = "still_open", "Investigation still open"
        CRIMINAL_OUTCOME = "criminal_outcome", "Criminal plea or conviction"

    class Status(models.TextChoices):
        DUE = "due", "Due"
        FILED = "filed", "Filed"
        NOT_REQUIRED = "not_required", "Not required"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="board_reports")
    officer = models.ForeignKey("records.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    trigger = models.CharField(max_length=32, choices=Trigger.choices)
    trigger_on = models.DateField()
    due_on = models.DateField()
    basis = models.TextField()
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.DUE)
    filed_on = models.DateField(null=True, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    board_reference = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "officer", "trigger"], name="board_report_once_per_trigger"),
        ]

    def __str__(self) -> str:
        return f"Board report ({self.get_trigger_display().lower()})"


class CivilClaim(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Notice received"
        SUIT_FILED = "suit_filed", "Suit filed"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        NONE = "", "-"
        SETTLEMENT = "settlement", "Settlement"
        JUDGMENT_FOR_CLAIMANT = "judgment_for_claimant", "Judgment for the claimant"
        JUDGMENT_FOR_AGENCY = "judgment_for_agency", "Judgment for the agency"
        DISMISSAL = "dismissal", "Dismissal"
        WITHDRAWN = "withdrawn", "Withdrawn"

    agency = models.ForeignKey("records.Agency", on_delete=models.PROTECT, related_name="civil_claims")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="claims")
    incident = models.ForeignKey("records.Incident", on_delete=models.PROTECT, related_name="civil_claims")
    claimant_name = models.CharField(max_length=200)
    claimant_is_minor = models.BooleanField(default=False)
    claimant_born_on = models.DateField(null=True, blank=True)
    counsel = models.CharField(max_length=200, blank=True)
    received_on = models.DateField()
    occurred_on = models.DateField(help_text="Local date of the occurrence; the periods run from it.")
    wrongful_death = models.BooleanField(default=False)
    jurisdiction = models.CharField(max_length=8)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    suit_filed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    outcome_note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Claim {self.pk} (incident {self.incident.number})"


class ClaimPeriodRecord(models.Model):
    """One legal period of a claim as computed when it was recorded (notice, limitation)."""

    claim = models.ForeignKey(CivilClaim, on_delete=models.CASCADE, related_name="periods")
    code = models.CharField(max_length=40)
    label = models.CharField(max_length=200)
    kind = models.CharField(max_length=12)  # notice | limitation
    last_day = models.DateField()
    basis = models.TextField()
    # Notice periods: whether the notice arrived in time (None for limitation periods).
    timely = models.BooleanField(null=True)

    class Meta:
        ordering = ["last_day", "id"]
        constraints = [models.UniqueConstraint(fields=["claim", "code"], name="claim_period_once")]

    def __str__(self) -> str:
        return f"{self.label}: {self.last_day.isoformat()}"
