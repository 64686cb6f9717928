"""Every write to evidence: validate, write in one transaction, append the audit entry.

Each entry about an item (uploaded, viewed, played, downloaded, exported, hold placed or
lifted, transcribed, corrected, analysed, deleted) is recorded against the item, so the
item's custody log is its slice of the audit log. Work that takes long (speech-to-text,
analysis) is queued as ``Job`` rows and started after commit (``evidence.tasks``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from forcereview.audit.actions import insert, record
from forcereview.evidence import filetype
from forcereview.evidence.engine_bridge import TranscriptRefused, read_transcript
from forcereview.evidence.media import MediaUnreadable, probe_media
from forcereview.evidence.models import (
    EvidenceItem,
    Job,
    Kind,
    LegalHold,
    LoudnessTrack,
    RetentionClass,
    SegmentCorrection,
    Transcript,
    TranscriptSegment,
)
from forcereview.evidence.storage import Incoming, TooLarge, get_store
from forcereview.records.models import Incident, Officer


class EvidenceRefused(ValueError):
    """A file or a change refused, with the field (or file name) it concerns. Nothing was written."""

    def __init__(self, field: str, message: str, status: int = 422):
        self.field = field
        self.message = message
        self.status = status
        super().__init__(f"{field}: {message}")


CUSTODY_EVENTS = {"viewed", "played", "downloaded", "exported"}


def actor_label(by) -> str:
    if by is None:
        return "system"
    if isinstance(by, str):
        return by
    return getattr(by, "username", None) or str(by)


def _user(by):
    return by if getattr(by, "pk", None) is not None and hasattr(by, "role") else None


def item_dict(item: EvidenceItem) -> dict:
    """What the audit entry of an upload keeps about the item."""
    return {
        "incident": item.incident.number,
        "kind": item.kind,
        "sha256": item.sha256,
        "size": item.size,
        "content_type": item.content_type,
        "format": item.format,
        "original_name": item.original_name,
        "duration": item.duration,
        "recorded_start": item.recorded_start.isoformat() if item.recorded_start else None,
        "camera_serial": item.camera_serial,
        "officer": item.officer.badge_number if item.officer_id else None,
        "description": item.description,
        "retention_class": item.retention_class,
    }


def _audit(action: str, item: EvidenceItem, *, by, **kwargs):
    return record(f"evidence.{action}", item, by=by, agency_id=item.incident.agency_id, **kwargs)


# -- upload ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metadata:
    camera_serial: str = ""
    officer: Officer | None = None
    recorded_start: datetime | None = None
    retention_class: str = RetentionClass.EVIDENTIARY
    description: str = ""


def check_metadata(incident: Incident, meta: Metadata) -> None:
    if meta.retention_class not in RetentionClass.values:
        known = ", ".join(RetentionClass.values)
        raise EvidenceRefused("retention_class", f"{meta.retention_class!r} is not a retention class (use one of {known})")
    if meta.officer is not None and meta.officer.agency_id != incident.agency_id:
        raise EvidenceRefused("officer", "the officer belongs to another agency")
    if len(meta.camera_serial) > 80:
        raise EvidenceRefused("camera_serial", "is longer than 80 characters")
    if len(meta.description) > 300:
        raise EvidenceRefused("description", "is longer than 300 characters")
    if meta.recorded_start is not None and timezone.is_naive(meta.recorded_start):
        raise EvidenceRefused("recorded_start", "needs a time zone (for example 2024-05-01T14:03:00-06:00)")


def _inspect(incoming: Incoming, name: str, expected_kind: str | None) -> tuple[filetype.FileType, dict]:
    """What the received file is, checked from its content. Raises ``EvidenceRefused``."""
    if incoming.size == 0:
        raise EvidenceRefused(name, "the file is empty (0 bytes)")
    found = filetype.sniff(incoming.head)
    if found is None:
        raise EvidenceRefused(name, f"{filetype.describe_unknown(incoming.head)}; upload an audio or video "
                                    "recording or a transcript (WebVTT, SRT, JSON, text, Word or PDF)", status=415)
    contradiction = filetype.name_contradicts(name, found.kind)
    if contradiction:
        raise EvidenceRefused(name, f"{contradiction}; check that this is the right file", status=415)
    limit = settings.TRANSCRIPT_MAX_BYTES if found.kind == Kind.TRANSCRIPT else settings.EVIDENCE_MAX_BYTES
    if incoming.size > limit:
        raise EvidenceRefused(name, f"the file is {incoming.size:,} bytes; the limit for a {found.kind} file is {limit:,}", status=413)
    details: dict = {}
    if found.kind == Kind.TRANSCRIPT:
        with open(incoming.path, "rb") as fh:
            data = fh.read()
        try:
            details["transcript"] = read_transcript(data, name)
        except TranscriptRefused as exc:
            raise EvidenceRefused(name, f"not a transcript forcereview can read: {exc}") from None
    else:
        try:
            media = probe_media(incoming.path)
        except MediaUnreadable as exc:
            raise EvidenceRefused(name, str(exc)) from None
        details["media"] = media
        kind = Kind.VIDEO if media.has_video else Kind.AUDIO
        found = filetype.FileType(kind, found.content_type if kind == found.kind else f"{kind}/{found.format}",
                                  found.format, found.label)
    if expected_kind and expected_kind != found.kind:
        raise EvidenceRefused(name, f"the content is {found.label} ({found.kind}), not {expected_kind}", status=415)
    return found, details


def _recorded_start(meta: Metadata, details: dict) -> datetime | None:
    if meta.recorded_start is not None:
        return meta.recorded_start
    media = details.get("media")
    if media is not None and media.creation_time:
        try:
            value = datetime.fromisoformat(media.creation_time.replace("Z", "+00:00"))
        except ValueError:
            return None
        return value if timezone.is_aware(value) else None
    return None


def add_evidence(incident: Incident, source: BinaryIO, *, by, name: str, meta: Metadata | None = None,
                 expected_kind: str | None = None) -> EvidenceItem:
    """Store a recording or transcript as evidence of ``incident``.

    The file is streamed into the store while hashed, checked from its content (type, size,
    readable to its end; a transcript must parse), kept once under its SHA-256, and recorded
    with its audit entry. Refused files raise ``EvidenceRefused`` and leave nothing behind.
    Transcription and analysis are queued after commit.
    """
    meta = meta or Metadata()
    name = (name or "upload").replace("\\", "/").rsplit("/", 1)[-1][:255] or "upload"
    check_metadata(incident, meta)
    store = get_store()
    limit = max(settings.EVIDENCE_MAX_BYTES, settings.TRANSCRIPT_MAX_BYTES)
    try:
        incoming = store.receive(source, max_bytes=limit, what=name)
    except TooLarge:
        raise EvidenceRefused(name, f"the file is larger than the limit of {limit:,} bytes", status=413) from None
    try:
        found, details = _inspect(incoming, name, expected_kind)
        earlier = EvidenceItem.objects.filter(incident=incident, sha256=incoming.sha256, purged_at__isnull=True).first()
        if earlier is not None:
            raise EvidenceRefused(name, f"this file is already evidence #{earlier.pk} of incident {incident.number} "
                                        f"(SHA-256 {incoming.sha256[:12]}...)", status=409)
        sha256, size = incoming.sha256, incoming.size
        newly_kept = store.keep(incoming)
    except BaseException:
        incoming.discard()
        raise
    try:
        item = _record_upload(incident, by=by, name=name, meta=meta, found=found, details=details,
                              sha256=sha256, size=size)
    except BaseException:
        if newly_kept and not EvidenceItem.objects.filter(sha256=sha256, purged_at__isnull=True).exists():
            store.delete(sha256)
        raise
    return item


def _record_upload(incident, *, by, name, meta, found, details, sha256, size) -> EvidenceItem:
    from forcereview.evidence import tasks

    media = details.get("media")
    user = _user(by)
    try:
        with transaction.atomic():
            item = EvidenceItem.objects.create(
                incident=incident, kind=found.kind, sha256=sha256, size=size,
                content_type=found.content_type, format=found.format, original_name=name,
                media=media.to_dict() if media else {}, duration=media.duration if media else None,
                recorded_start=_recorded_start(meta, details), camera_serial=meta.camera_serial,
                officer=meta.officer, description=meta.description, uploaded_by=user,
                uploaded_by_label=actor_label(by), retention_class=meta.retention_class,
            )
            _audit("uploaded", item, by=by, after=item_dict(item))
            if found.kind == Kind.TRANSCRIPT:
                parsed = details["transcript"]
                store_transcript(item, parsed, origin=Transcript.Origin.UPLOADED,
                                 producer=f"uploaded transcript file ({parsed.format or 'text'})",
                                 settings_used={"format": parsed.format, "file": name}, by=by)
                job = Job.objects.create(item=item, kind=Job.Kind.ANALYZE, trigger="uploaded", requested_by=user)
            else:
                job = Job.objects.create(item=item, kind=Job.Kind.TRANSCRIBE, trigger="uploaded", requested_by=user)
            tasks.enqueue_on_commit(job)
    except IntegrityError:
        raise EvidenceRefused(name, f"this file is already evidence of incident {incident.number}", status=409) from None
    return item


def store_transcript(item: EvidenceItem, transcript, *, origin: str, producer: str, settings_used: dict, by) -> Transcript:
    """Keep ``transcript`` (the engine's record) as the item's timed segments. Call inside a transaction."""
    info = getattr(transcript, "transcription", None)
    row = Transcript.objects.create(
        item=item, origin=origin, format=transcript.format or "text", producer=producer,
        settings=settings_used, language=(getattr(info, "language", None) or "") if info else "",
        speakers=dict(transcript.speakers or {}),
    )
    TranscriptSegment.objects.bulk_create(
        TranscriptSegment(
            transcript=row, index=n, start=s.start, end=s.end, speaker=s.speaker or "", role=s.role,
            text=s.text, events=list(s.events), line=s.line, loudness_dbfs=s.loudness_dbfs,
            words=[[w.text, w.start, w.end, w.probability] for w in s.words],
        )
        for n, s in enumerate(transcript.segments)
    )
    _audit("transcribed", item, by=by, after={"origin": origin, "producer": producer, "settings": settings_used,
                                              "segments": len(transcript.segments)})
    return row


# -- custody ----------------------------------------------------------------------------------------


def record_custody(item: EvidenceItem, event: str, *, by, note: str = "") -> None:
    """An access to the evidence: viewed, played, downloaded or exported."""
    if event not in CUSTODY_EVENTS:
        raise ValueError(f"{event!r} is not a custody event")
    with transaction.atomic():
        _audit(event, item, by=by, note=note)


def record_playback(item: EvidenceItem, *, by, within_seconds: int = 600) -> bool:
    """Record that ``by`` played the item, once per listening session (a player fetches many
    byte ranges). True when an entry was written."""
    from forcereview.audit.models import AuditEntry

    since = timezone.now() - timezone.timedelta(seconds=within_seconds)
    recent = AuditEntry.objects.for_object(item).filter(
        action="evidence.played", actor_label=actor_label(by), at__gte=since
    ).exists()
    if recent:
        return False
    record_custody(item, "played", by=by)
    return True


# -- legal holds and retention ---------------------------------------------------------------------


def place_legal_hold(item: EvidenceItem, *, by, reason: str, key: str = "") -> LegalHold:
    """Forbid deleting ``item`` until the hold is lifted. With a ``key`` (``"civil_claim:12"``)
    placing the same hold twice returns the active one."""
    reason = _hold_reason(reason)
    if item.is_purged:
        raise EvidenceRefused("item", f"evidence #{item.pk} was already deleted {item.purged_at:%Y-%m-%d}")
    with transaction.atomic():
        EvidenceItem.objects.select_for_update().filter(pk=item.pk).first()
        active = LegalHold.objects.filter(item=item, key=key, lifted_at__isnull=True).first() if key else None
        return active or _place_hold(item, by=by, reason=reason, key=key)


def _hold_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise EvidenceRefused("reason", "a legal hold needs a reason")
    return reason


def _place_hold(item: EvidenceItem, *, by, reason: str, key: str) -> LegalHold:
    hold = LegalHold(item=item, key=key, reason=reason[:300], placed_by_label=actor_label(by))
    insert(hold)
    _audit("hold_placed", item, by=by, after=lambda: {"hold": hold.pk, "reason": hold.reason, "key": key})
    return hold


def lift_legal_hold(item: EvidenceItem, *, by, reason: str, key: str | None = None,
                    hold: LegalHold | None = None) -> list[LegalHold]:
    """Lift one hold (``hold``, or the active one with ``key``), or every active hold of ``item``."""
    reason = (reason or "").strip()
    if not reason:
        raise EvidenceRefused("reason", "lifting a legal hold needs a reason")
    with transaction.atomic():
        holds = LegalHold.objects.select_for_update().filter(item=item, lifted_at__isnull=True)
        if hold is not None:
            holds = holds.filter(pk=hold.pk)
        elif key is not None:
            holds = holds.filter(key=key)
        lifted = list(holds)
        if not lifted:
            raise EvidenceRefused("hold", f"evidence #{item.pk} has no such active legal hold")
        now = timezone.now()
        for h in lifted:
            h.lifted_at, h.lifted_by_label, h.lift_reason = now, actor_label(by), reason[:300]
            h.save(update_fields=["lifted_at", "lifted_by_label", "lift_reason"])
            _audit("hold_lifted", item, by=by, before={"hold": h.pk, "reason": h.reason, "key": h.key},
                   after={"lift_reason": h.lift_reason})
    return lifted


def place_incident_hold(incident: Incident, *, by, reason: str, key: str = "",
                        targets: HoldTargets | None = None) -> list[LegalHold]:
    """A legal hold on every stored item of ``incident`` (a civil claim, a policy rule).
    ``targets``: the items and holds of many incidents, read and locked together."""
    if targets is None:
        items = EvidenceItem.objects.filter(incident=incident, purged_at__isnull=True).select_related("incident")
        with transaction.atomic():
            return [place_legal_hold(item, by=by, reason=reason, key=key) for item in items]
    reason = _hold_reason(reason)
    holds = []
    with transaction.atomic():
        for item in targets.items.get(incident.pk, []):
            active = targets.active.get((item.pk, key)) if key else None
            if active is None:
                active = targets.active[item.pk, key] = _place_hold(item, by=by, reason=reason, key=key)
            holds.append(active)
    return holds


class HoldTargets:
    """The stored items of many incidents, locked, and their active holds with ``key``: what
    ``place_incident_hold`` reads, read for all of them in two queries."""

    def __init__(self, incident_ids, key: str):
        items = EvidenceItem.objects.select_for_update(of=("self",)).filter(
            incident_id__in=list(incident_ids), purged_at__isnull=True).select_related("incident")
        self.items: dict[int, list[EvidenceItem]] = {}
        for item in items:
            self.items.setdefault(item.incident_id, []).append(item)
        self.active: dict[tuple[int, str], LegalHold] = {}
        ids = [item.pk for listed in self.items.values() for item in listed]
        if key and ids:
            # The first active hold of each item, as ``place_legal_hold`` takes it.
            for hold in LegalHold.objects.filter(item_id__in=ids, key=key, lifted_at__isnull=True):
                self.active.setdefault((hold.item_id, key), hold)


def set_retention_class(item: EvidenceItem, *, by, retention_class: str, reason: str) -> EvidenceItem:
    if retention_class not in RetentionClass.values:
        raise EvidenceRefused("retention_class", f"{retention_class!r} is not a retention class")
    if not (reason or "").strip():
        raise EvidenceRefused("reason", "changing the retention class needs a reason")
    with transaction.atomic():
        item = EvidenceItem.objects.select_for_update().select_related("incident").get(pk=item.pk)
        if item.retention_class != retention_class:
            before = item.retention_class
            item.retention_class = retention_class
            item.save(update_fields=["retention_class"])
            _audit("retention_changed", item, by=by, before={"retention_class": before},
                   after={"retention_class": retention_class}, note=reason.strip())
    return item


def purge_item(item: EvidenceItem, *, by, now: datetime | None = None) -> EvidenceItem:
    """Delete the stored file (and what was derived from it) of an item whose retention has
    ended. Re-checks under lock: a hold placed since the plan was made wins."""
    from forcereview.evidence.retention import decide

    store = get_store()
    with transaction.atomic():
        item = EvidenceItem.objects.select_for_update().select_related("incident").get(pk=item.pk)
        decision = decide(item, now)
        if not decision.due:
            raise EvidenceRefused("item", f"evidence #{item.pk} may not be deleted: {decision.reason}")
        item.purged_at = timezone.now()
        item.purged_reason = decision.reason[:300]
        item.save(update_fields=["purged_at", "purged_reason"])
        Transcript.objects.filter(item=item).delete()
        item.analyses.all().delete()
        LoudnessTrack.objects.filter(item=item).delete()
        _audit("purged", item, by=by, before={"sha256": item.sha256, "size": item.size}, note=decision.reason)
        shared = EvidenceItem.objects.filter(sha256=item.sha256, purged_at__isnull=True).exclude(pk=item.pk).exists()
        if not shared:
            transaction.on_commit(lambda: store.delete(item.sha256))
    return item


# -- metadata ----------------------------------------------------------------------------------------

EDITABLE = ("camera_serial", "officer", "recorded_start", "description")


def update_metadata(item: EvidenceItem, *, by, **changes) -> EvidenceItem:
    """Correct what is known about a recording's source. The stored file never changes."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise EvidenceRefused(sorted(unknown)[0], "cannot be changed after upload")
    with transaction.atomic():
        item = EvidenceItem.objects.select_for_update(of=("self",)).select_related("incident", "officer").get(pk=item.pk)
        current = Metadata(item.camera_serial, item.officer, item.recorded_start, item.retention_class, item.description)
        proposed = Metadata(**{**current.__dict__, **changes})
        check_metadata(item.incident, proposed)
        before = item_dict(item)
        for key, value in changes.items():
            setattr(item, key, value)
        item.save(update_fields=[("officer" if k == "officer" else k) for k in changes])
        after = item_dict(item)
        changed = {k: after[k] for k in after if after[k] != before[k]}
        if changed:
            _audit("metadata_changed", item, by=by, before={k: before[k] for k in changed}, after=changed)
    return item


# -- transcripts, analyses and background work ----------------------------------------------------


def effective_segment(segment: TranscriptSegment) -> tuple[str, str, str, SegmentCorrection | None]:
    """(text, speaker, role, the correction applied or None) of a segment as reviewers left it."""
    corrections = list(segment.corrections.all())
    latest = corrections[-1] if corrections else None
    if latest is None:
        return segment.text, segment.speaker, segment.role, None
    return latest.text, latest.speaker, latest.role, latest


def correct_segment(segment: TranscriptSegment, *, by, text: str, speaker: str | None = None,
                    role: str | None = None, reason: str = "") -> SegmentCorrection:
    """Record a reviewer's correction of one segment; the original stays. Analysis re-runs."""
    from forcereview.engine.model import ROLES

    text = (text or "").strip()
    if not text:
        raise EvidenceRefused("text", "the corrected text is empty")
    if len(text) > 5000:
        raise EvidenceRefused("text", "is longer than 5,000 characters")
    item = segment.transcript.item
    if item.is_purged:
        raise EvidenceRefused("item", f"evidence #{item.pk} was deleted")
    old_text, old_speaker, old_role, _ = effective_segment(segment)
    speaker = old_speaker if speaker is None else speaker.strip()[:120]
    role = old_role if role in (None, "") else role
    if role not in ROLES:
        raise EvidenceRefused("role", f"{role!r} is not a speaker role (use one of {', '.join(ROLES)})")
    if (text, speaker, role) == (old_text, old_speaker, old_role):
        raise EvidenceRefused("text", "nothing changed")
    with transaction.atomic():
        correction = SegmentCorrection.objects.create(
            segment=segment, text=text, speaker=speaker, role=role, reason=(reason or "").strip()[:300],
            by=_user(by), by_label=actor_label(by),
        )
        _audit("transcript_corrected", item, by=by, note=correction.reason,
               before={"segment": segment.index, "text": old_text, "speaker": old_speaker, "role": old_role},
               after={"segment": segment.index, "text": text, "speaker": speaker, "role": role})
        request_analysis(item, by=by, trigger="corrected")
    return correction


def request_analysis(item: EvidenceItem, *, by, trigger: str = "requested") -> Job | None:
    """Queue a fresh analysis of ``item`` (after a correction, a change of the incident's facts,
    or on request). None when the item has no transcript yet: its transcription will analyse."""
    from forcereview.evidence import tasks

    if item.is_purged or not Transcript.objects.filter(item=item).exists():
        return None
    with transaction.atomic():
        job = Job.objects.create(item=item, kind=Job.Kind.ANALYZE, trigger=trigger, requested_by=_user(by))
        tasks.enqueue_on_commit(job)
    return job


def retry_job(job: Job, *, by) -> Job:
    """Queue a failed (or abandoned) job again. The same job row runs again, so a retried
    transcription can never add a second transcript."""
    from forcereview.evidence import tasks

    if not tasks.is_retryable(job):
        raise EvidenceRefused("job", f"job #{job.pk} is {job.get_state_display().lower()}; only a failed job can be retried", status=409)
    with transaction.atomic():
        claimed = Job.objects.filter(pk=job.pk, state=job.state, attempts=job.attempts).update(
            state=Job.State.QUEUED, error="", progress=0.0, message="waiting to be retried", finished_at=None
        )
        if claimed != 1:
            raise EvidenceRefused("job", f"job #{job.pk} changed meanwhile; reload and try again", status=409)
        item = EvidenceItem.objects.select_related("incident").get(pk=job.item_id)
        _audit("task_retried", item, by=by, before={"job": job.pk, "kind": job.kind, "state": job.state,
                                                      "error": job.error[:300]})
        job.refresh_from_db()
        tasks.enqueue_on_commit(job)
    return job
