"""Plain data the evidence page, the API and the export share: the transcript as reviewers
left it, the signals placed on it, the custody log, the loudness strip."""

from __future__ import annotations

from forcereview.audit.models import AuditEntry
from forcereview.evidence.models import Analysis, EvidenceItem, Job, LoudnessTrack, TranscriptSegment

STRIP_COLUMNS = 600
STRIP_HEIGHT = 40
STRIP_FLOOR_DBFS = -60.0

CUSTODY_LABELS = {
    "evidence.uploaded": "Uploaded",
    "evidence.viewed": "Viewed",
    "evidence.played": "Played",
    "evidence.downloaded": "Downloaded",
    "evidence.exported": "Exported",
    "evidence.hold_placed": "Legal hold placed",
    "evidence.hold_lifted": "Legal hold lifted",
    "evidence.retention_changed": "Retention class changed",
    "evidence.metadata_changed": "Details corrected",
    "evidence.transcribed": "Transcript stored",
    "evidence.transcript_corrected": "Transcript corrected",
    "evidence.analysed": "Analysed",
    "evidence.task_retried": "Task retried",
    "evidence.purged": "Deleted (retention)",
}


def custody_entries(item: EvidenceItem) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_object(item).order_by("id"))


def custody_rows(item: EvidenceItem) -> list[dict]:
    return [
        {
            "entry": e.pk,
            "at": e.at,
            "action": e.action.removeprefix("evidence."),
            "label": CUSTODY_LABELS.get(e.action, e.action),
            "by": e.actor_label,
            "note": e.note,
            "detail": custody_detail(e.action.removeprefix("evidence."), e.before or {}, e.after or {}, e.note),
            "before": e.before,
            "after": e.after,
        }
        for e in custody_entries(item)
    ]


def _quoted(text) -> str:
    return f"“{text}”"


def _changes(before: dict, after: dict) -> str:
    return "; ".join(f"{key.replace('_', ' ')}: {before.get(key) or '—'} → {after.get(key) or '—'}" for key in after)


def custody_detail(action: str, before: dict, after: dict, note: str) -> str:
    """One line saying what a custody entry recorded, for people reading the log."""
    parts: list[str] = []
    if action == "uploaded":
        parts.append(f"{after.get('original_name')} ({after.get('size') or 0:,} bytes, {after.get('format')})")
        for key, label in (("camera_serial", "camera"), ("officer", "officer #"), ("recorded_start", "recorded"),
                           ("retention_class", "retention")):
            if after.get(key):
                parts.append(f"{label}{'' if label.endswith('#') else ' '}{after[key]}")
    elif action == "hold_placed":
        parts.append(f"hold #{after.get('hold')}: {after.get('reason', '')}")
    elif action == "hold_lifted":
        parts.append(f"hold #{before.get('hold')} ({_quoted(before.get('reason', ''))}) lifted: "
                     f"{after.get('lift_reason', '')}")
    elif action in ("retention_changed", "metadata_changed"):
        parts.append(_changes(before, after))
    elif action == "transcribed":
        parts.append(f"{after.get('producer')}, {after.get('segments')} segments")
    elif action == "transcript_corrected":
        line = f"segment {int(after.get('segment', 0)) + 1}: {_quoted(before.get('text'))} → {_quoted(after.get('text'))}"
        moved = [f"{k} {before.get(k) or '—'} → {after.get(k) or '—'}" for k in ("speaker", "role")
                 if before.get(k) != after.get(k)]
        parts.append(line + (f" ({', '.join(moved)})" if moved else ""))
    elif action == "analysed":
        parts.append(f"{after.get('risk_level')} risk ({after.get('risk_score')}/100), {after.get('signals')} signals, "
                     f"after {str(after.get('trigger', '')).replace('_', ' ')}")
    elif action == "task_retried":
        parts.append(f"{before.get('kind')} job #{before.get('job')}, which had {before.get('state')}"
                     + (f": {before.get('error')}" if before.get("error") else ""))
    if note:
        parts.append(f"reason: {note}" if action in ("transcript_corrected", "retention_changed") else note)
    return " · ".join(p for p in parts if p)


def latest_analysis(item: EvidenceItem) -> Analysis | None:
    return Analysis.objects.filter(item=item).order_by("-id").first()


def signals_of(analysis: Analysis | None) -> list[dict]:
    if analysis is None:
        return []
    signals = list(analysis.result.get("signals") or [])
    signals.sort(key=lambda s: (s.get("start") is None, s.get("start") or 0.0))
    return signals


def _normal(text: str) -> str:
    return " ".join((text or "").lower().split())


def _segment_of(signal: dict, rows: list[dict]) -> int | None:
    """The row a signal quotes: its time falls in the segment and the quote is in its text."""
    quote = _normal(signal.get("text", ""))
    start = signal.get("start")
    candidates = rows
    if start is not None:
        candidates = [r for r in rows if r["start"] is not None and r["start"] - 0.05 <= start <= (r["end"] or r["start"]) + 0.05]
    for row in candidates:
        if quote and quote in _normal(row["text"]):
            return row["index"]
    if candidates and start is not None:
        return candidates[0]["index"]
    return None


def transcript_rows(item: EvidenceItem, analysis: Analysis | None = None) -> list[dict]:
    segments = TranscriptSegment.objects.filter(transcript__item=item).prefetch_related("corrections").order_by("index")
    rows = []
    for seg in segments:
        corrections = list(seg.corrections.all())
        latest = corrections[-1] if corrections else None
        rows.append({
            "index": seg.index,
            "start": seg.start,
            "end": seg.end,
            "speaker": latest.speaker if latest else seg.speaker,
            "role": latest.role if latest else seg.role,
            "text": latest.text if latest else seg.text,
            "original_text": seg.text,
            "original_speaker": seg.speaker,
            "original_role": seg.role,
            "corrected": latest is not None,
            "correction": {"by": latest.by_label, "at": latest.at, "reason": latest.reason} if latest else None,
            "events": seg.events,
            "loudness_dbfs": seg.loudness_dbfs,
            "signals": [],
        })
    if analysis is not None:
        inferred = analysis.segment_roles or []
        for row in rows:
            if row["role"] == "unknown" and row["index"] < len(inferred) and inferred[row["index"]] != "unknown":
                row["role"] = inferred[row["index"]]
                row["role_inferred"] = True
        by_index = {r["index"]: r for r in rows}
        for signal in signals_of(analysis):
            index = _segment_of(signal, rows)
            if index is not None:
                by_index[index]["signals"].append(signal)
    return rows


def loudness_strip(item: EvidenceItem, signals: list[dict]) -> dict | None:
    """The loudness track as an SVG area (one column per slice of time, its loudest level) with
    the signals marked where they happen."""
    track = LoudnessTrack.objects.filter(item=item).first()
    if track is None:
        return None
    values = track.values()
    if not values:
        return None
    step = track.step_ms / 1000.0
    duration = len(values) * step
    columns = min(STRIP_COLUMNS, len(values))
    per = len(values) / columns
    points = []
    for c in range(columns):
        chunk = values[int(c * per): max(int(c * per) + 1, int((c + 1) * per))]
        level = max(chunk)
        height = max(0.0, min(1.0, (level - STRIP_FLOOR_DBFS) / -STRIP_FLOOR_DBFS)) * STRIP_HEIGHT
        points.append(f"{c},{STRIP_HEIGHT - height:.1f}")
    path = f"M0,{STRIP_HEIGHT} L" + " L".join(points) + f" L{columns - 1},{STRIP_HEIGHT} Z"
    marks = [
        {"x": round(s["start"] / duration * columns, 1), "category": s.get("category"), "start": s["start"],
         "text": s.get("text", "")}
        for s in signals
        if s.get("start") is not None and duration > 0
    ]
    return {"path": path, "width": columns, "height": STRIP_HEIGHT, "duration": duration, "step": step,
            "marks": marks, "mark_width": round(max(0.3, columns / 250), 2), "peak": max(values),
            "floor": STRIP_FLOOR_DBFS}


def job_rows(item: EvidenceItem) -> list[dict]:
    from forcereview.evidence.tasks import is_retryable

    return [
        {
            "id": j.pk,
            "kind": j.kind,
            "label": j.get_kind_display(),
            "state": j.state,
            "state_label": j.get_state_display(),
            "progress": round(j.progress * 100),
            "message": j.message,
            "error": j.error,
            "attempts": j.attempts,
            "trigger": j.trigger,
            "created_at": j.created_at,
            "finished_at": j.finished_at,
            "retryable": is_retryable(j),
            "active": j.is_active,
        }
        for j in Job.objects.filter(item=item).order_by("-id")[:20]
    ]
