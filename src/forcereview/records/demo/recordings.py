"""Body-camera transcripts attached through the evidence app: the featured incidents' and
those written for the recent generated incidents (``bodycam``).

Each transcript is uploaded as the camera's export would be: stored once under its SHA-256
with the officer, camera and recording start, then analysed by the background job the
upload queues (inline after the load commits, or on Celery workers when configured).
"""

from __future__ import annotations

import io

from forcereview.records.demo.generate import DemoData
from forcereview.records.models import Agency, Incident, Officer


def camera_serial(officer: Officer) -> str:
    return f"X6A{int(officer.badge_number):05d}"


def attach_transcripts(agency: Agency, data: DemoData, officers: dict[str, Officer], uploader) -> list:
    """Upload every featured incident's transcript; returns the evidence items."""
    from forcereview.evidence.actions import Metadata, add_evidence

    items = []
    by_badge = {o.badge_number: o for o in officers.values()}
    for number, (badge, text) in data.recordings.items():
        incident = Incident.objects.get(agency=agency, number=number)
        officer = by_badge[badge]
        items.append(add_evidence(
            incident, io.BytesIO(text.encode()), by=uploader(officer), name=f"{number}-bwc.vtt",
            meta=Metadata(camera_serial=camera_serial(officer), officer=officer, recorded_start=incident.occurred_at,
                          description=f"Body-worn camera transcript, {officer.full_name}"),
        ))
    for item in data.featured.values():
        incident = Incident.objects.get(agency=agency, number=item.report["number"])
        officer = officers[item.camera_officer]
        with item.transcript_path.open("rb") as source:
            items.append(add_evidence(
                incident, source, by=uploader(officer), name=item.transcript_path.name,
                meta=Metadata(camera_serial=camera_serial(officer), officer=officer, recorded_start=item.recorded_at,
                              description=f"Body-worn camera transcript, {officer.full_name}"),
            ))
    return items


def analyse_now(items) -> None:
    """Run the analyses the uploads queued, now, so the reviews that follow see their results.
    (The after-commit run then finds them done and skips them.)"""
    from forcereview.evidence import tasks
    from forcereview.evidence.models import Job

    for job in Job.objects.filter(item__in=items, state=Job.State.QUEUED).order_by("pk"):
        tasks.run_job(job.pk)
