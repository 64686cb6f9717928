"""Evidence pages. Thin: read through ``evidence.access``, write through ``evidence.actions``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from forcereview.accounts.rules import allow
from forcereview.evidence import access, actions
from forcereview.evidence.access import CORRECTORS, EVIDENCE_READERS, HOLD_KEEPERS, UPLOADERS
from forcereview.evidence.forms import CorrectionForm, HoldForm, RetentionForm, UploadForm
from forcereview.evidence.models import Job, LegalHold, Transcript, TranscriptSegment
from forcereview.evidence.ranges import ranged_response
from forcereview.evidence.storage import get_store
from forcereview.evidence.views_data import (
    custody_rows,
    job_rows,
    latest_analysis,
    loudness_strip,
    signals_of,
    transcript_rows,
)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "") or request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _upload_incident(request, incident_pk):
    try:
        return access.access_incident_for_upload(request.user, incident_pk)
    except PermissionError as exc:
        raise PermissionDenied(str(exc)) from None


@allow(*UPLOADERS)
def upload(request, incident_pk: int):
    incident = _upload_incident(request, incident_pk)
    if request.method != "POST":
        return render(request, "evidence/upload.html", {"incident": incident, "form": UploadForm(incident=incident),
                                                        "inline_work": _inline_work()})
    files = request.FILES.getlist("files")  # parses the body; an oversized one is skipped
    refused = getattr(request, "upload_refused", None)
    if refused:
        return _upload_answer(request, incident, [], [{"file": "", "message": refused}], status=413)
    form = UploadForm(request.POST, incident=incident)
    if not form.is_valid() or not files:
        errors = [{"file": "", "field": f, "message": " ".join(e)} for f, e in form.errors.items()]
        if not files:
            errors.append({"file": "", "field": "files", "message": "choose at least one file to upload"})
        return _upload_answer(request, incident, [], errors, status=422, form=form)
    stored, errors, status = [], [], 201
    for upload_file in files:
        try:
            item = actions.add_evidence(incident, upload_file, by=request.user, name=upload_file.name,
                                        meta=form.metadata())
        except actions.EvidenceRefused as exc:
            errors.append({"file": upload_file.name, "field": exc.field, "message": exc.message})
            status = exc.status
        else:
            stored.append(item)
        finally:
            upload_file.close()
    return _upload_answer(request, incident, stored, errors, status=201 if not errors else status, form=form)


def _inline_work() -> bool:
    """Without a task queue, transcription and analysis run inside the upload request."""
    from django.conf import settings

    return not settings.CELERY_BROKER_URL


def _upload_answer(request, incident, stored, errors, *, status, form=None):
    if _wants_json(request):
        return JsonResponse({
            "stored": [{"id": i.pk, "name": i.original_name, "sha256": i.sha256,
                        "url": reverse("evidence:item", args=[i.pk])} for i in stored],
            "errors": errors,
        }, status=status)
    for item in stored:
        messages.success(request, f"{item.original_name} stored as evidence #{item.pk} (SHA-256 {item.sha256[:12]}...).")
    if errors:
        form = form or UploadForm(incident=incident)
        return render(request, "evidence/upload.html", {"incident": incident, "form": form, "errors": errors,
                                                        "inline_work": _inline_work()}, status=status)
    if len(stored) == 1:
        return redirect("evidence:item", stored[0].pk)
    return redirect("records:incident_detail", incident.pk)


@allow(*EVIDENCE_READERS)
@require_GET
def item_page(request, pk: int):
    item = access.access_evidence(request.user, pk)
    if not item.is_purged:
        actions.record_custody(item, "viewed", by=request.user)
    analysis = latest_analysis(item)
    signals = signals_of(analysis)
    user = request.user
    context = {
        "item": item,
        "incident": item.incident,
        "analysis": analysis,
        "risk": (analysis.result.get("risk") if analysis else None),
        "signals": signals,
        "rows": transcript_rows(item, analysis),
        "transcript": Transcript.objects.filter(item=item).first(),
        "strip": loudness_strip(item, signals),
        "custody": custody_rows(item)[-12:],
        "jobs": job_rows(item),
        "holds": list(item.holds.all()),
        "can_correct": access.can_correct_transcript(user, item) and not item.is_purged,
        "can_hold": access.can_manage_holds(user, item) and not item.is_purged,
        "can_retry": access.can_retry(user, item),
        "roles": CorrectionForm.base_fields["role"].choices,
        "retention_form": RetentionForm(initial={"retention_class": item.retention_class}),
    }
    return render(request, "evidence/item.html", context)


@allow(*EVIDENCE_READERS)
@require_GET
def custody(request, pk: int):
    item = access.access_evidence(request.user, pk)
    return render(request, "evidence/custody.html", {"item": item, "custody": custody_rows(item)})


@allow(*EVIDENCE_READERS)
@require_GET
def status(request, pk: int):
    """Job states for the page to poll while work is running (no custody entry: it shows no content)."""
    item = access.access_evidence(request.user, pk)
    analysis = latest_analysis(item)
    jobs = job_rows(item)
    return JsonResponse({
        "jobs": [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in j.items()} for j in jobs],
        "active": any(j["active"] for j in jobs),
        "analysis": analysis.pk if analysis else None,
    })


def _direct(item, *, attachment: bool):
    """A redirect to a signed object-storage link (after the permission check and custody
    entry), or None when the app serves the file itself."""
    content_type = "application/octet-stream" if attachment else item.content_type.split(";")[0]
    url = get_store().direct_url(item.sha256, filename=item.original_name, content_type=content_type,
                                 attachment=attachment)
    return HttpResponseRedirect(url) if url else None


def _stored(item):
    if item.is_purged:
        raise Http404("The recording was deleted under the retention schedule.")
    try:
        return get_store().open(item.sha256)
    except FileNotFoundError:
        raise Http404("The stored file is missing; run 'forcereview evidence verify'.") from None


@allow(*EVIDENCE_READERS)
@require_GET
def media(request, pk: int):
    """The recording for the page's player, with byte ranges. A listening session is recorded once."""
    item = access.access_evidence(request.user, pk)
    fh = _stored(item)
    range_header = request.headers.get("Range", "")
    if not range_header or range_header.replace(" ", "").startswith("bytes=0-"):
        actions.record_playback(item, by=request.user)
    direct = _direct(item, attachment=False)
    if direct:
        fh.close()
        return direct
    content_type = item.content_type.split(";")[0]
    return ranged_response(request, fh, item.size, content_type, filename=item.original_name)


@allow(*EVIDENCE_READERS)
@require_GET
def download(request, pk: int):
    item = access.access_evidence(request.user, pk)
    fh = _stored(item)
    actions.record_custody(item, "downloaded", by=request.user)
    direct = _direct(item, attachment=True)
    if direct:
        fh.close()
        return direct
    return ranged_response(request, fh, item.size, "application/octet-stream", filename=item.original_name,
                           attachment=True)


@allow(*EVIDENCE_READERS)
@require_GET
def export(request, pk: int):
    from forcereview.evidence.export import build_package

    item = access.access_evidence(request.user, pk)
    _stored(item).close()
    path = build_package(item)
    actions.record_custody(item, "exported", by=request.user, note="evidence package (ZIP)")
    fh = open(path, "rb")
    path.unlink()  # the open handle keeps the data until the response is sent
    return FileResponse(fh, as_attachment=True, filename=f"evidence-{item.pk}-{item.sha256[:12]}.zip")


def _back(item):
    return redirect("evidence:item", item.pk)


def _refused(request, item, exc: actions.EvidenceRefused):
    messages.error(request, f"{exc.field}: {exc.message}")
    return _back(item)


@allow(*CORRECTORS)
@require_POST
def correct(request, pk: int, index: int):
    item = access.access_evidence(request.user, pk)
    if not access.can_correct_transcript(request.user, item):
        raise PermissionDenied("You may not correct the transcript of an incident you were part of.")
    segment = TranscriptSegment.objects.filter(transcript__item=item, index=index).select_related("transcript__item__incident").first()
    if segment is None:
        raise Http404("No such segment.")
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(f"{f}: {' '.join(e)}" for f, e in form.errors.items()))
        return _back(item)
    try:
        actions.correct_segment(segment, by=request.user, **form.cleaned_data)
    except actions.EvidenceRefused as exc:
        return _refused(request, item, exc)
    messages.success(request, f"Segment {index + 1} corrected; the original is kept and the analysis re-runs.")
    return _back(item)


@allow(*HOLD_KEEPERS)
@require_POST
def place_hold(request, pk: int):
    item = access.access_evidence(request.user, pk)
    form = HoldForm(request.POST)
    if not form.is_valid():
        messages.error(request, "A legal hold needs a reason.")
        return _back(item)
    try:
        actions.place_legal_hold(item, by=request.user, reason=form.cleaned_data["reason"])
    except actions.EvidenceRefused as exc:
        return _refused(request, item, exc)
    messages.success(request, "Legal hold placed: this evidence cannot be deleted until it is lifted.")
    return _back(item)


@allow(*HOLD_KEEPERS)
@require_POST
def lift_hold(request, pk: int, hold_pk: int):
    item = access.access_evidence(request.user, pk)
    hold = LegalHold.objects.filter(item=item, pk=hold_pk).first()
    if hold is None:
        raise Http404("No such hold.")
    form = HoldForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Lifting a legal hold needs a reason.")
        return _back(item)
    try:
        actions.lift_legal_hold(item, by=request.user, reason=form.cleaned_data["reason"], hold=hold)
    except actions.EvidenceRefused as exc:
        return _refused(request, item, exc)
    messages.success(request, "Legal hold lifted.")
    return _back(item)


@allow(*HOLD_KEEPERS)
@require_POST
def retention(request, pk: int):
    item = access.access_evidence(request.user, pk)
    form = RetentionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a retention class and give a reason.")
        return _back(item)
    try:
        actions.set_retention_class(item, by=request.user, **form.cleaned_data)
    except actions.EvidenceRefused as exc:
        return _refused(request, item, exc)
    messages.success(request, "Retention class changed.")
    return _back(item)


@allow(*UPLOADERS)
@require_POST
def retry(request, pk: int, job_pk: int):
    item = access.access_evidence(request.user, pk)
    job = Job.objects.filter(item=item, pk=job_pk).first()
    if job is None:
        raise Http404("No such task.")
    try:
        actions.retry_job(job, by=request.user)
    except actions.EvidenceRefused as exc:
        return _refused(request, item, exc)
    messages.success(request, f"{job.get_kind_display()} queued again.")
    return _back(item)


@allow(*UPLOADERS)
@require_POST
def reanalyse(request, pk: int):
    item = access.access_evidence(request.user, pk)
    job = actions.request_analysis(item, by=request.user, trigger="requested")
    if job is None:
        messages.error(request, "There is no transcript to analyse yet.")
    else:
        messages.success(request, "Analysis queued.")
    return _back(item)
