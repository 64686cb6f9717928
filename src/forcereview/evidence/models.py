"""Evidence items (recordings and transcripts attached to an incident) and what is derived
from them: transcripts with their corrections, loudness tracks, analyses, background jobs.

Rows are written only by ``evidence.actions`` and ``evidence.tasks``; reads that depend on who
is asking go through ``evidence.access``. The stored file of an item never changes: its hash,
size, type and incident are fixed at upload, here and by database triggers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from forcereview.records.models import Incident, Officer


class ImmutableFieldError(RuntimeError):
    pass


class Kind(models.TextChoices):
    AUDIO = "audio", "Audio recording"
    VIDEO = "video", "Video recording"
    TRANSCRIPT = "transcript", "Transcript"


RECORDING_KINDS = (Kind.AUDIO, Kind.VIDEO)


class RetentionClass(models.TextChoices):
    NON_EVIDENTIARY = "non_evidentiary", "Non-evidentiary"
    EVIDENTIARY = "evidentiary", "Evidentiary (kept until the case closes)"
    HOMICIDE = "homicide", "Homicide (kept indefinitely)"


class EvidenceItem(models.Model):
    # Fixed at upload; the save() guard and a database trigger refuse any change.
    IMMUTABLE = ("incident_id", "kind", "sha256", "size", "content_type", "format", "original_name",
                 "uploaded_by_id", "uploaded_by_label", "uploaded_at")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.BigIntegerField()
    content_type = models.CharField(max_length=100)  # detected from the content
    format = models.CharField(max_length=60)  # container or transcript format, as detected
    original_name = models.CharField(max_length=255)
    media = models.JSONField(default=dict, blank=True)  # what probing found: streams, codecs
    duration = models.FloatField(null=True, blank=True)  # seconds
    recorded_start = models.DateTimeField(null=True, blank=True)
    camera_serial = models.CharField(max_length=80, blank=True)
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by_label = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(default=timezone.now)
    retention_class = models.CharField(
        max_length=20, choices=RetentionClass.choices, default=RetentionClass.EVIDENTIARY
    )
    purged_at = models.DateTimeField(null=True, blank=True)
    purged_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "sha256"], condition=Q(purged_at__isnull=True),
                name="evidence_stored_once_per_incident",
            )
        ]
        ordering = ["incident_id", "recorded_start", "id"]

    def __str__(self) -> str:
        return f"Evidence #{self.pk} {self.original_name}"

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        obj._fixed = {name: getattr(obj, name) for name in cls.IMMUTABLE if name in obj.__dict__}
        return obj

    def save(self, *args, **kwargs):
        fixed = getattr(self, "_fixed", None)
        if self.pk is not None and fixed:
            changed = [name for name, value in fixed.items() if getattr(self, name) != value]
            if changed:
                raise ImmutableFieldError(f"evidence #{self.pk}: {', '.join(changed)} cannot change after upload")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableFieldError("evidence items are never deleted; retention purges the file and keeps the record")

    @property
    def agency_id(self) -> int:
        return self.incident.agency_id

    @property
    def is_recording(self) -> bool:
        return self.kind in RECORDING_KINDS

    @property
    def is_purged(self) -> bool:
        return self.purged_at is not None


class LegalHold(models.Model):
    """A hold forbids deleting the item. Several may be active (an internal investigation and
    a civil claim); each is lifted on its own. ``key`` lets another app find its own hold."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="holds")
    key = models.CharField(max_length=80, blank=True)
    reason = models.CharField(max_length=300)
    placed_by_label = models.CharField(max_length=200)
    placed_at = models.DateTimeField(default=timezone.now)
    lifted_by_label = models.CharField(max_length=200, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["placed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "key"], condition=Q(lifted_at__isnull=True) & ~Q(key=""),
                name="legal_hold_key_active_once",
            )
        ]

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class Transcript(models.Model):
    """The words of an item, as timed segments. One per item: a retried transcription can
    never add a second."""

    class Origin(models.TextChoices):
        SPEECH_TO_TEXT = "speech_to_text", "Speech-to-text"
        UPLOADED = "uploaded", "Uploaded transcript file"

    item = models.OneToOneField(EvidenceItem, on_delete=models.CASCADE, related_name="transcript")
    origin = models.CharField(max_length=20, choices=Origin.choices)
    format = models.CharField(max_length=20)  # webvtt, srt, json, text, asr
    producer = models.CharField(max_length=200)  # "faster-whisper tiny.en" / "uploaded transcript file (webvtt)"
    settings = models.JSONField(default=dict, blank=True)  # model, beam size, VAD, threads, ...
    language = models.CharField(max_length=20, blank=True)
    speakers = models.JSONField(default=dict, blank=True)  # speaker label -> role
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Transcript of evidence #{self.item_id}"


class TranscriptSegment(models.Model):
    """One utterance as first transcribed. Corrections never change it; they are added."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="segments")
    index = models.PositiveIntegerField()
    start = models.FloatField(null=True, blank=True)
    end = models.FloatField(null=True, blank=True)
    speaker = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=20, default="unknown")
    text = models.TextField(blank=True)
    events = models.JSONField(default=list, blank=True)
    words = models.JSONField(default=list, blank=True)  # [[text, start, end, probability], ...]
    loudness_dbfs = models.FloatField(null=True, blank=True)
    line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["transcript_id", "index"]
        constraints = [models.UniqueConstraint(fields=["transcript", "index"], name="segment_index_unique")]


class SegmentCorrection(models.Model):
    """A reviewer's correction of one segment. The newest one is what analysis reads."""

    segment = models.ForeignKey(TranscriptSegment, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField()
    speaker = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=20)
    reason = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    by_label = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["segment_id", "id"]


class LoudnessTrack(models.Model):
    """Loudness every ``step_ms`` as one unsigned byte per step: -dBFS in half-decibel steps
    (0 = full scale, 255 = -127.5 dBFS or quieter). An hour takes 36 kB."""

    item = models.OneToOneField(EvidenceItem, on_delete=models.CASCADE, related_name="loudness")
    step_ms = models.PositiveIntegerField(default=100)
    data = models.BinaryField()

    def values(self) -> list[float]:
        return [-b / 2.0 for b in bytes(self.data)]

    @staticmethod
    def pack(dbfs: list[float]) -> bytes:
        out = bytearray()
        for v in dbfs:
            if v is None or v != v:  # None or NaN: silence
                out.append(255)
            else:
                out.append(max(0, min(255, round(-float(v) * 2))))
        return bytes(out)


class Job(models.Model):
    """Background work on an item. Workers claim a job with a conditional UPDATE, so a job
    runs once at a time however many workers receive it."""

    class Kind(models.TextChoices):
        TRANSCRIBE = "transcribe", "Transcription"
        ANALYZE = "analyze", "Analysis"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    trigger = models.CharField(max_length=40, default="uploaded")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["item_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(kind="transcribe"), name="one_transcription_job_per_item"
            )
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="job_state_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of evidence #{self.item_id} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)


class Analysis(models.Model):
    """The engine's findings on one item's (corrected) transcript, in the incident's context."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="analyses")
    job = models.OneToOneField(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="analysis")
    created_at = models.DateTimeField(default=timezone.now)
    engine_version = models.CharField(max_length=40)
    context = models.JSONField(default=dict)  # subject_age, location_type, roles
    result = models.JSONField()  # Analysis.to_dict()
    risk_level = models.CharField(max_length=20)
    risk_score = models.PositiveSmallIntegerField()
    segment_roles = models.JSONField(default=list)  # the role the engine settled on, per segment
    input_digest = models.CharField(max_length=64)  # transcript + context + engine version
    trigger = models.CharField(max_length=40)

    class Meta:
        ordering = ["item_id", "-id"]
        get_latest_by = "id"
        verbose_name_plural = "analyses"
