"""Background work: transcription and analysis of evidence items.

A ``Job`` row is the unit of work. It runs inline (after the transaction that queued it
commits, in the same process) unless ``CELERY_BROKER_URL`` is set, when a Celery worker runs
it. Either way ``run_job`` first claims the row with a conditional UPDATE (``state='queued'``
-> ``'running'``) and does nothing unless it changed exactly one row, so a job delivered twice
runs once. A transcript is one-to-one with its item and an analysis one-to-one with its job,
so a retried job can never store a second of either.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from forcereview.audit.actions import record
from forcereview.engine.model import LoudnessTrack as EngineLoudness, Segment
from forcereview.evidence import engine_bridge
from forcereview.evidence.hooks import ANALYSIS_COMPLETED_HOOKS
from forcereview.evidence.models import Analysis, EvidenceItem, Job, LoudnessTrack, Transcript, TranscriptSegment
from forcereview.evidence.storage import get_store

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=15)
PROGRESS_EVERY_S = 0.5
STAGES = {"decode": "Decoding audio", "transcribe": "Transcribing speech", "load": "Loading the speech model"}


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# -- queueing -------------------------------------------------------------------------------------


def enqueue_on_commit(job: Job) -> None:
    transaction.on_commit(partial(enqueue, job.pk))


def enqueue(job_id: int) -> None:
    if not settings.CELERY_BROKER_URL:
        run_job(job_id)
        return
    from forcereview.evidence.celery_app import send_job

    try:
        send_job(job_id)
    except Exception as exc:  # the queue is down: say so on the job, which can be retried
        log.exception("could not queue job %s", job_id)
        Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
            state=Job.State.FAILED, finished_at=timezone.now(),
            error=f"could not reach the task queue ({type(exc).__name__}: {exc})",
        )


def is_retryable(job: Job) -> bool:
    if job.state == Job.State.FAILED:
        return True
    if job.state == Job.State.RUNNING:  # a worker that died mid-job stops beating
        return job.heartbeat_at is not None and timezone.now() - job.heartbeat_at > STALE_AFTER
    if job.state == Job.State.QUEUED:  # a message the queue lost
        return timezone.now() - job.created_at > STALE_AFTER and not job.attempts
    return False


# -- running --------------------------------------------------------------------------------------


class Progress:
    """Writes a job's progress at most every half second (speech-to-text reports often), and
    at once when the stage changes or the work is done."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.last = 0.0
        self.stage = None

    def __call__(self, stage: str, fraction: float) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY_S and fraction < 1.0 and stage == self.stage:
            return
        self.last, self.stage = now, stage
        Job.objects.filter(pk=self.job_id, state=Job.State.RUNNING).update(
            progress=max(0.0, min(1.0, float(fraction))), message=STAGES.get(stage, stage)[:200],
            heartbeat_at=timezone.now(),
        )


def claim(job_id: int) -> bool:
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, attempts=F("attempts") + 1, started_at=now, heartbeat_at=now,
        worker=worker_name()[:200], progress=0.0, message="Started", error="",
    )
    return claimed == 1


def run_job(job_id: int) -> str:
    """Run one queued job; returns "done", "failed" or "skipped" (someone else has it, or it
    is not queued). Never raises for a failure of the work: the job records it."""
    if not claim(job_id):
        return "skipped"
    try:
        job = Job.objects.select_related("item__incident", "requested_by").get(pk=job_id)
        if job.item.is_purged:
            _finish(job, "The recording was deleted")
        elif job.kind == Job.Kind.TRANSCRIBE:
            transcribe(job)
        else:
            analyze(job)
    except Exception as exc:
        log.exception("job %s failed", job_id)
        Job.objects.filter(pk=job_id, state=Job.State.RUNNING).update(
            state=Job.State.FAILED, finished_at=timezone.now(), error=_explain(exc)[:2000], message="",
        )
        return "failed"
    return "done"


def _explain(exc: Exception) -> str:
    """The error as the evidence page shows it. Speech-to-text and media errors are worded for
    whoever fixes the setup; anything else keeps its type, which says more than the text."""
    from forcereview.engine.speech.errors import SpeechError

    text = str(exc) or type(exc).__name__
    return text if isinstance(exc, (ValueError, SpeechError)) else f"{type(exc).__name__}: {text}"


def _finish(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
        state=Job.State.DONE, progress=1.0, message=message[:200], finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )


# -- transcription ----------------------------------------------------------------------------------


def transcribe(job: Job) -> None:
    item = job.item
    if Transcript.objects.filter(item=item).exists():
        _finish(job, "Transcript already stored")
        return
    if item.media and not item.media.get("has_audio", True):
        _finish(job, "The recording has no audio track")
        return
    with get_store().local_path(item.sha256) as path:
        result = engine_bridge.transcribe(path, progress=Progress(job.pk))
    try:
        with transaction.atomic():
            save_transcription(job, item, result)
    except IntegrityError:  # another run stored it first
        _finish(job, "Transcript already stored")


def save_transcription(job: Job, item: EvidenceItem, result) -> None:
    """Store speech-to-text's output, mark the job done and queue the analysis, atomically."""
    from forcereview.evidence.actions import store_transcript

    info = getattr(result, "transcription", None)
    info_dict = info.to_dict() if info is not None else {}
    producer = f"{info.backend} {info.model}" if info is not None else "speech-to-text"
    store_transcript(item, result, origin=Transcript.Origin.SPEECH_TO_TEXT, producer=producer,
                     settings_used=info_dict, by=None)
    loudness = getattr(result, "loudness", None)
    if loudness is not None:
        LoudnessTrack.objects.create(item=item, step_ms=round(loudness.window * 1000),
                                     data=LoudnessTrack.pack(list(loudness.dbfs)))
    _finish(job, f"Transcribed {len(result.segments)} segments")
    follow = Job.objects.create(item=item, kind=Job.Kind.ANALYZE, trigger="transcribed",
                                requested_by=job.requested_by)
    enqueue_on_commit(follow)


# -- analysis ---------------------------------------------------------------------------------------


def incident_context(incident) -> dict:
    """What the engine is told about the incident: the youngest subject's age and the place."""
    ages = [s.youngest_age for s in incident.subjects.all() if s.youngest_age is not None]
    return {"subject_age": min(ages) if ages else None, "location_type": incident.location_type}


def current_segments(item: EvidenceItem) -> tuple[list[Segment], dict[str, str]]:
    """The item's transcript as reviewers left it (corrections applied), and the speaker roles
    the corrections set."""
    rows = TranscriptSegment.objects.filter(transcript__item=item).prefetch_related("corrections").order_by("index")
    segments, roles = [], {}
    for row in rows:
        corrections = list(row.corrections.all())
        text, speaker, role = row.text, row.speaker, row.role
        if corrections:
            latest = corrections[-1]
            text, speaker, role = latest.text, latest.speaker, latest.role
            if speaker:
                roles[speaker] = role
        segments.append(Segment(index=row.index, text=text, start=row.start, end=row.end, speaker=speaker or None,
                                role=role, events=tuple(row.events), line=row.line, loudness_dbfs=row.loudness_dbfs))
    return segments, roles


def stored_loudness(item: EvidenceItem) -> EngineLoudness | None:
    """The recording's level track as the engine reads it, or None (a transcript file has none)."""
    row = LoudnessTrack.objects.filter(item=item).first()
    if row is None:
        return None
    return EngineLoudness(dbfs=tuple(row.values()), window=row.step_ms / 1000)


def analyze(job: Job) -> None:
    item = job.item
    segments, roles = current_segments(item)
    if not segments:
        _finish(job, "No transcript to analyse yet")
        return
    context = {**incident_context(item.incident), "roles": roles}
    loudness = stored_loudness(item)
    version = engine_bridge.engine_version()
    digest = engine_bridge.input_digest(segments, context, version, loudness)
    latest = Analysis.objects.filter(item=item).order_by("-id").first()
    if latest is not None and latest.input_digest == digest:
        _finish(job, "Nothing changed since the last analysis")
        return
    result, segment_roles = engine_bridge.analyze(segments, subject_age=context["subject_age"],
                                                  location_type=context["location_type"], roles=roles,
                                                  loudness=loudness)
    with transaction.atomic():
        save_analysis(job, item, result, context=context, version=version, digest=digest,
                      segment_roles=segment_roles)


def save_analysis(job: Job, item: EvidenceItem, result: dict, *, context: dict, version: str, digest: str,
                  segment_roles: list[str]) -> Analysis:
    risk = result.get("risk") or {}
    analysis = Analysis.objects.create(
        item=item, job=job, engine_version=version, context=context, result=result,
        risk_level=risk.get("level", "low"), risk_score=int(risk.get("score", 0)), input_digest=digest,
        trigger=job.trigger, segment_roles=segment_roles,
    )
    signals = result.get("signals") or []
    record("evidence.analysed", item, by=None, agency_id=item.incident.agency_id, after={
        "analysis": analysis.pk, "risk_level": analysis.risk_level, "risk_score": analysis.risk_score,
        "signals": len(signals), "engine_version": version, "trigger": job.trigger, "context": context,
    })
    for hook in ANALYSIS_COMPLETED_HOOKS:
        hook(item.incident, item, job.requested_by)
    _finish(job, f"Analysed: {analysis.risk_level} risk, {len(signals)} signals")
    return analysis


def reanalyse_incident(incident, event: str, by) -> None:
    """``records.actions.INCIDENT_CHANGED_HOOKS``: the incident's facts feed the analysis
    (subject age, location type), so a changed incident re-analyses its transcribed evidence."""
    if event != "updated":
        return  # a new incident has no evidence yet
    from forcereview.evidence.actions import request_analysis

    items = EvidenceItem.objects.filter(incident=incident, purged_at__isnull=True, transcript__isnull=False)
    for item in items.select_related("incident"):
        request_analysis(item, by=by, trigger="incident_changed")
