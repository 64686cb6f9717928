"""Evidence through the REST API: upload, read (with custody entries), correct, hold, retry.

Thin like the pages: reads through ``evidence.access``, writes through ``evidence.actions``.
Refusals answer ``{"detail": ..., "errors": [{"field", "message"}]}`` with 404 (no such
incident or item, or not yours to see), 409 (already stored), 413 (too large), 415 (not a
recording or transcript) or 422 (unreadable, truncated, invalid field); nothing is written.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from forcereview.accounts.rules import api_roles
from forcereview.evidence import access, actions
from forcereview.evidence.access import CORRECTORS, EVIDENCE_READERS, HOLD_KEEPERS, UPLOADERS
from forcereview.evidence.models import Job, LegalHold, LoudnessTrack, Transcript, TranscriptSegment
from forcereview.evidence.ranges import ranged_response
from forcereview.evidence.storage import get_store
from forcereview.evidence.views_data import custody_rows, job_rows, latest_analysis, transcript_rows
from forcereview.records.models import Officer

try:  # django-ninja 1.5+: an explicit status object; older versions take a tuple
    from ninja.responses import Status
except ImportError:  # pragma: no cover
    def Status(code, value):  # noqa: N802
        return code, value

router = Router(tags=["Evidence"])


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut] = []


class HoldOut(Schema):
    id: int
    reason: str
    key: str
    placed_by: str
    placed_at: datetime
    lifted_at: datetime | None
    lifted_by: str
    lift_reason: str


class JobOut(Schema):
    id: int
    kind: str
    state: str
    progress: int
    message: str
    error: str
    attempts: int
    trigger: str
    retryable: bool


class RiskOut(Schema):
    level: str
    score: int


class EvidenceOut(Schema):
    id: int
    incident_id: int
    incident_number: str
    kind: str
    original_name: str
    sha256: str
    size: int
    content_type: str
    format: str
    duration: float | None
    recorded_start: datetime | None
    camera_serial: str
    officer_badge: str | None
    description: str
    uploaded_by: str
    uploaded_at: datetime
    retention_class: str
    legal_hold: bool
    holds: list[HoldOut]
    purged_at: datetime | None
    jobs: list[JobOut]
    risk: RiskOut | None


def _hold_out(h: LegalHold) -> dict:
    return {"id": h.pk, "reason": h.reason, "key": h.key, "placed_by": h.placed_by_label, "placed_at": h.placed_at,
            "lifted_at": h.lifted_at, "lifted_by": h.lifted_by_label, "lift_reason": h.lift_reason}


def evidence_out(item) -> dict:
    holds = list(item.holds.all())
    analysis = latest_analysis(item)
    return {
        "id": item.pk, "incident_id": item.incident_id, "incident_number": item.incident.number,
        "kind": item.kind, "original_name": item.original_name, "sha256": item.sha256, "size": item.size,
        "content_type": item.content_type, "format": item.format, "duration": item.duration,
        "recorded_start": item.recorded_start, "camera_serial": item.camera_serial,
        "officer_badge": item.officer.badge_number if item.officer_id else None, "description": item.description,
        "uploaded_by": item.uploaded_by_label, "uploaded_at": item.uploaded_at,
        "retention_class": item.retention_class, "legal_hold": any(h.is_active for h in holds),
        "holds": [_hold_out(h) for h in holds], "purged_at": item.purged_at,
        "jobs": [{k: j[k] for k in JobOut.model_fields} for j in job_rows(item)],
        "risk": {"level": analysis.risk_level, "score": analysis.risk_score} if analysis else None,
    }


def _refusal(exc: actions.EvidenceRefused):
    return Status(exc.status, {"detail": f"{exc.field}: {exc.message}. Nothing was stored.",
                               "errors": [{"field": exc.field, "message": exc.message}]})


def _parse_start(value: str | None):
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise actions.EvidenceRefused("recorded_start", f"{value!r} is not an ISO 8601 date and time") from None


@router.post("/", response={201: EvidenceOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 415: ErrorOut, 422: ErrorOut},
             auth=api_roles(*UPLOADERS), summary="Upload a recording or transcript to an incident")
def upload(request, incident_id: int = Form(...), file: UploadedFile = File(...), camera_serial: str = Form(""),
           officer_badge: str = Form(""), recorded_start: str = Form(""), retention_class: str = Form("evidentiary"),
           description: str = Form(""), kind: str = Form("")):
    refused = getattr(request, "upload_refused", None)
    if refused:
        return Status(413, {"detail": refused, "errors": [{"field": "file", "message": refused}]})
    try:
        incident = access.access_incident_for_upload(request.user, incident_id)
    except PermissionError as exc:
        raise PermissionDenied(str(exc)) from None
    try:
        officer = None
        if officer_badge:
            officer = Officer.objects.filter(agency_id=incident.agency_id, badge_number=officer_badge).first()
            if officer is None:
                raise actions.EvidenceRefused("officer_badge", f"no officer with badge #{officer_badge} in this agency")
        if kind and kind not in ("audio", "video", "transcript"):
            raise actions.EvidenceRefused("kind", f"{kind!r} is not audio, video or transcript")
        meta = actions.Metadata(camera_serial=camera_serial, officer=officer, recorded_start=_parse_start(recorded_start),
                                retention_class=retention_class, description=description)
        item = actions.add_evidence(incident, file, by=request.user, name=file.name, meta=meta, expected_kind=kind or None)
    except actions.EvidenceRefused as exc:
        return _refusal(exc)
    finally:
        file.close()
    item.refresh_from_db()
    return Status(201, evidence_out(item))


@router.get("/", response=list[EvidenceOut], auth=api_roles(*EVIDENCE_READERS), summary="Evidence of an incident")
def list_evidence(request, incident: int):
    incident_row = access.access_incident_evidence(request.user, incident)
    items = access.evidence_for(request.user).filter(incident=incident_row).select_related("incident", "officer")
    return [evidence_out(i) for i in items.prefetch_related("holds")]


@router.get("/{evidence_id}", response=EvidenceOut, auth=api_roles(*EVIDENCE_READERS), summary="One evidence item (recorded as viewed)")
def detail(request, evidence_id: int):
    item = access.access_evidence(request.user, evidence_id)
    if not item.is_purged:
        actions.record_custody(item, "viewed", by=request.user, note="API")
    return evidence_out(item)


@router.get("/{evidence_id}/transcript", auth=api_roles(*EVIDENCE_READERS), summary="The transcript with corrections and signals")
def transcript(request, evidence_id: int):
    item = access.access_evidence(request.user, evidence_id)
    row = Transcript.objects.filter(item=item).first()
    if row is None:
        raise Http404("No transcript yet.")
    actions.record_custody(item, "viewed", by=request.user, note="API transcript")
    segments = transcript_rows(item, latest_analysis(item))
    for s in segments:
        if s["correction"]:
            s["correction"]["at"] = s["correction"]["at"].isoformat()
    return {"evidence_id": item.pk, "origin": row.origin, "format": row.format, "producer": row.producer,
            "settings": row.settings, "language": row.language, "segments": segments}


@router.get("/{evidence_id}/analysis", auth=api_roles(*EVIDENCE_READERS), summary="The latest analysis (the engine's JSON)")
def analysis(request, evidence_id: int):
    item = access.access_evidence(request.user, evidence_id)
    latest = latest_analysis(item)
    if latest is None:
        raise Http404("No analysis yet.")
    return {"evidence_id": item.pk, "analysis_id": latest.pk, "created_at": latest.created_at.isoformat(),
            "engine_version": latest.engine_version, "context": latest.context, "trigger": latest.trigger,
            "analysis": latest.result}


@router.get("/{evidence_id}/custody", auth=api_roles(*EVIDENCE_READERS), summary="The item's custody log")
def custody(request, evidence_id: int):
    item = access.access_evidence(request.user, evidence_id)
    return [{**e, "at": e["at"].isoformat()} for e in custody_rows(item)]


@router.get("/{evidence_id}/loudness", auth=api_roles(*EVIDENCE_READERS), summary="Loudness in dBFS every step")
def loudness(request, evidence_id: int):
    item = access.access_evidence(request.user, evidence_id)
    track = LoudnessTrack.objects.filter(item=item).first()
    if track is None:
        raise Http404("No loudness track.")
    return {"evidence_id": item.pk, "step_ms": track.step_ms, "dbfs": track.values()}


@router.get("/{evidence_id}/jobs", response=list[JobOut], auth=api_roles(*EVIDENCE_READERS), summary="Background work and its progress")
def jobs(request, evidence_id: int):
    item = access.access_evidence(request.user, evidence_id)
    return [{k: j[k] for k in JobOut.model_fields} for j in job_rows(item)]


@router.get("/{evidence_id}/content", auth=api_roles(*EVIDENCE_READERS), summary="Download the stored file (Range supported)")
def content(request, evidence_id: int):
    item = access.access_evidence(request.user, evidence_id)
    if item.is_purged:
        raise Http404("Deleted under the retention schedule.")
    try:
        fh = get_store().open(item.sha256)
    except FileNotFoundError:
        raise Http404("The stored file is missing.") from None
    actions.record_custody(item, "downloaded", by=request.user, note="API")
    url = get_store().direct_url(item.sha256, filename=item.original_name, content_type="application/octet-stream",
                                 attachment=True)
    if url:  # object storage: a signed link, valid for minutes
        fh.close()
        return HttpResponseRedirect(url)
    return ranged_response(request, fh, item.size, "application/octet-stream", filename=item.original_name,
                           attachment=True)


class CorrectionIn(Schema):
    text: str
    speaker: str | None = None
    role: str | None = None
    reason: str = ""


@router.post("/{evidence_id}/segments/{index}/correction", response={201: dict, 404: ErrorOut, 422: ErrorOut, 403: ErrorOut},
             auth=api_roles(*CORRECTORS), summary="Correct one transcript segment (the original is kept)")
def correct(request, evidence_id: int, index: int, payload: CorrectionIn):
    item = access.access_evidence(request.user, evidence_id)
    if not access.can_correct_transcript(request.user, item):
        raise PermissionDenied("You may not correct the transcript of an incident you were part of.")
    segment = TranscriptSegment.objects.filter(transcript__item=item, index=index).select_related("transcript__item__incident").first()
    if segment is None:
        raise Http404("No such segment.")
    try:
        c = actions.correct_segment(segment, by=request.user, text=payload.text, speaker=payload.speaker,
                                    role=payload.role, reason=payload.reason)
    except actions.EvidenceRefused as exc:
        return _refusal(exc)
    return Status(201, {"segment": index, "text": c.text, "speaker": c.speaker, "role": c.role, "by": c.by_label,
                        "at": c.at.isoformat()})


class HoldIn(Schema):
    reason: str
    key: str = ""


class LiftIn(Schema):
    reason: str


@router.post("/{evidence_id}/holds", response={201: HoldOut, 404: ErrorOut, 422: ErrorOut}, auth=api_roles(*HOLD_KEEPERS),
             summary="Place a legal hold")
def place_hold(request, evidence_id: int, payload: HoldIn):
    item = access.access_evidence(request.user, evidence_id)
    try:
        hold = actions.place_legal_hold(item, by=request.user, reason=payload.reason, key=payload.key)
    except actions.EvidenceRefused as exc:
        return _refusal(exc)
    return Status(201, _hold_out(hold))


@router.post("/{evidence_id}/holds/{hold_id}/lift", response={200: HoldOut, 404: ErrorOut, 422: ErrorOut},
             auth=api_roles(*HOLD_KEEPERS), summary="Lift a legal hold")
def lift_hold(request, evidence_id: int, hold_id: int, payload: LiftIn):
    item = access.access_evidence(request.user, evidence_id)
    hold = LegalHold.objects.filter(item=item, pk=hold_id).first()
    if hold is None:
        raise Http404("No such hold.")
    try:
        lifted = actions.lift_legal_hold(item, by=request.user, reason=payload.reason, hold=hold)
    except actions.EvidenceRefused as exc:
        return _refusal(exc)
    return Status(200, _hold_out(lifted[0]))


@router.post("/{evidence_id}/jobs/{job_id}/retry", response={200: JobOut, 404: ErrorOut, 409: ErrorOut},
             auth=api_roles(*UPLOADERS), summary="Retry a failed transcription or analysis")
def retry(request, evidence_id: int, job_id: int):
    item = access.access_evidence(request.user, evidence_id)
    job = Job.objects.filter(item=item, pk=job_id).first()
    if job is None:
        raise Http404("No such job.")
    try:
        actions.retry_job(job, by=request.user)
    except actions.EvidenceRefused as exc:
        return _refusal(exc)
    row = next(j for j in job_rows(item) if j["id"] == job.pk)
    return Status(200, {k: row[k] for k in JobOut.model_fields})


@router.post("/{evidence_id}/analyse", response={202: JobOut, 404: ErrorOut, 409: ErrorOut},
             auth=api_roles(*UPLOADERS), summary="Analyse the transcript again")
def reanalyse(request, evidence_id: int):
    item = access.access_evidence(request.user, evidence_id)
    job = actions.request_analysis(item, by=request.user, trigger="requested")
    if job is None:
        return Status(409, {"detail": "There is no transcript to analyse yet.", "errors": []})
    row = next(j for j in job_rows(item) if j["id"] == job.pk)
    return Status(202, {k: row[k] for k in JobOut.model_fields})
