"""Agencies, their people, and the use-of-force incidents they report.

Rows are written only by ``records.actions`` (each write with its audit entry); reads that
depend on who is asking go through ``records.access``.
"""

from __future__ import annotations

from django.db import models

from forcereview.records import vocab


class Agency(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    ori = models.CharField("ORI", max_length=9, blank=True, help_text="FBI Originating Agency Identifier")
    state = models.CharField(max_length=2, blank=True)
    timezone = models.CharField(max_length=64, default="America/Denver")

    class Meta:
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=30, choices=vocab.UNIT_KINDS.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        unique_together = [("agency", "name")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Officer(models.Model):
    """A sworn member of the agency. ``supervisor`` forms the chain of command."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="officers")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="officers")
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    badge_number = models.CharField(max_length=20)
    rank = models.CharField(max_length=20, choices=vocab.RANKS.choices, default="officer")
    assignment = models.CharField(max_length=30, choices=vocab.ASSIGNMENTS.choices, default="patrol")
    supervisor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="direct_reports"
    )
    hire_date = models.DateField()
    status = models.CharField(max_length=20, choices=vocab.OFFICER_STATUS.choices, default="active")
    email = models.EmailField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "badge_number"], name="officer_badge_unique_per_agency")
        ]
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.get_rank_display()} {self.first_name} {self.last_name} #{self.badge_number}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Incident(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="incidents")
    number = models.CharField("agency incident number", max_length=40)
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=300)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    location_type = models.CharField(max_length=30, choices=vocab.LOCATION_TYPES.choices)
    contact_reason = models.CharField("reason for initial contact", max_length=30, choices=vocab.CONTACT_REASONS.choices)
    offense = models.CharField("most serious offense observed", max_length=200, blank=True)
    narrative = models.TextField()
    nibrs_number = models.CharField("NIBRS incident number", max_length=40, blank=True)
    supervisor_present = models.BooleanField("supervisor present or consulted", default=False)
    recording_expected = models.BooleanField(
        "body-worn camera recording required", default=True,
        help_text="Agency policy required the encounter to be recorded.",
    )
    status = models.CharField(max_length=20, choices=vocab.INCIDENT_STATUS.choices, default="reported")
    reported_by = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="incident_number_unique_per_agency")
        ]
        indexes = [
            models.Index(fields=["agency", "-occurred_at"], name="incident_agency_recent"),
            models.Index(fields=["agency", "location_type", "-occurred_at"], name="incident_agency_loctype"),
            models.Index(fields=["agency", "status", "-occurred_at"], name="incident_agency_status"),
        ]
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"Incident {self.number}"


class Subject(models.Model):
    """A person force was used on. Age is required or given as a range; juvenile is derived."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="subjects")
    ref = models.CharField(max_length=20, help_text="Reference within the incident, e.g. S1")
    name = models.CharField(max_length=160, blank=True)
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    is_juvenile = models.BooleanField(default=False, db_index=True)
    sex = models.CharField(max_length=10, choices=vocab.SEX.choices, default="unknown")
    race = models.CharField(max_length=30, choices=vocab.RACE.choices, blank=True)
    ethnicity = models.CharField(max_length=20, choices=vocab.ETHNICITY.choices, blank=True)
    impairments = models.JSONField(default=list, blank=True)
    armed = models.CharField(max_length=20, choices=vocab.ARMED.choices, default="unarmed")
    perceived_threat = models.BooleanField(default=False)
    resistance = models.JSONField(default=list, blank=True)
    injuries = models.JSONField(default=list, blank=True)
    medical_treatment = models.CharField(max_length=30, choices=vocab.MEDICAL_TREATMENT.choices, default="none")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "ref"], name="subject_ref_unique")]
        # Covers the incident list's "juvenile subject" filter, an EXISTS per incident, from
        # the index alone.
        indexes = [models.Index(fields=["incident", "is_juvenile"], name="subject_incident_juvenile")]
        ordering = ["incident_id", "id"]

    def __str__(self) -> str:
        return f"Subject {self.ref}"

    @property
    def age_text(self) -> str:
        if self.age is not None:
            return str(self.age)
        if self.age_min is not None or self.age_max is not None:
            return f"{self.age_min if self.age_min is not None else '?'}-{self.age_max if self.age_max is not None else '?'}"
        return "unknown"

    @property
    def youngest_age(self) -> int | None:
        return self.age if self.age is not None else self.age_min


class OfficerInvolvement(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="involvements")
    role = models.CharField(max_length=20, choices=vocab.INVOLVEMENT_ROLES.choices)
    injuries = models.JSONField(default=list, blank=True)
    on_duty = models.BooleanField(default=True)
    in_uniform = models.BooleanField(default=True)
    camera_activated = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "officer"], name="involvement_unique"),
        ]
        indexes = [models.Index(fields=["officer", "incident"], name="involvement_officer")]
        ordering = ["incident_id", "id"]

    def __str__(self) -> str:
        return f"{self.officer} ({self.role})"


class ForceApplication(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="force_applications")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="force_applications")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="force_applications")
    force_type = models.CharField(max_length=30, choices=vocab.FORCE_TYPES.choices)
    at = models.DateTimeField(null=True, blank=True)
    subject_resistance = models.CharField(
        "resistance at that moment", max_length=30, choices=vocab.RESISTANCE_TYPES.choices, blank=True
    )
    description = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["force_type", "incident"], name="force_type_incident")]
        ordering = ["incident_id", "at", "id"]

    def __str__(self) -> str:
        return f"{vocab.FORCE_TYPES.label(self.force_type)} by {self.officer} on {self.subject}"


class Witness(models.Model):
    """A civilian who saw the incident (a teacher, a parent, a bystander)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="witnesses")
    name = models.CharField(max_length=160)
    role = models.CharField(max_length=20, choices=vocab.WITNESS_ROLES.choices, default="bystander")
    contact = models.CharField(max_length=200, blank=True)
    statement = models.TextField(blank=True)

    class Meta:
        ordering = ["incident_id", "id"]
        verbose_name_plural = "witnesses"

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Claim(models.Model):
    """One element of an officer's structured justification for the force they used."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="claims")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="claims")
    subject = models.ForeignKey(Subject, null=True, blank=True, on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(max_length=40, choices=vocab.CLAIMS.choices)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["incident_id", "id"]

    def __str__(self) -> str:
        return vocab.CLAIMS.label(self.kind)
