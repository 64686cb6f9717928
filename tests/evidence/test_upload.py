"""Uploading recordings through the web page, the API and the command line."""

from __future__ import annotations

import hashlib
import stat
from datetime import datetime
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from forcereview.evidence.models import EvidenceItem, Job
from tests.conftest import TZ
from tests.evidence.conftest import api_upload, evidence_audit, make_mp4, stored_files, tone_wav


def test_officer_uploads_recording_on_the_web_page(client_as, incident, media_tools, settings):
    data = tone_wav(1.5)
    client = client_as("officer")
    page = client.get(f"/evidence/incident/{incident.pk}/add/")
    assert page.status_code == 200 and b"Add evidence" in page.content

    response = client.post(f"/evidence/incident/{incident.pk}/add/", {
        "files": SimpleUploadedFile("bodycam.wav", data), "camera_serial": "AXON-X81", "officer": "101",
        "recorded_start": "2019-08-27T12:05", "retention_class": "evidentiary",
    })

    item = EvidenceItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/evidence/{item.pk}/"
    digest = hashlib.sha256(data).hexdigest()
    assert (item.kind, item.sha256, item.size, item.content_type) == ("audio", digest, len(data), "audio/wav")
    assert item.camera_serial == "AXON-X81" and item.officer.badge_number == "101"
    assert item.recorded_start == datetime(2019, 8, 27, 12, 5, tzinfo=TZ)
    assert abs(item.duration - 1.5) < 0.01
    assert item.uploaded_by.username == "officer"
    stored = Path(settings.DATA_DIR) / "evidence" / "objects" / digest[:2] / digest[2:4] / digest
    assert stored.read_bytes() == data
    assert stat.S_IMODE(stored.stat().st_mode) == 0o444
    assert stored_files(settings) == [stored]  # no temporary file left behind
    entry = evidence_audit("evidence.uploaded").get()
    assert entry.actor_label == "officer" and entry.after["sha256"] == digest
    assert entry.agency_id == incident.agency_id
    assert Job.objects.get(item=item).kind == "transcribe"


def test_upload_with_progress_answers_json(client_as, incident, media_tools):
    response = client_as("supervisor").post(
        f"/evidence/incident/{incident.pk}/add/",
        {"files": [SimpleUploadedFile("a.wav", tone_wav(1.0)), SimpleUploadedFile("b.wav", tone_wav(1.0, freq=300))],
         "retention_class": "non_evidentiary"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert [s["name"] for s in body["stored"]] == ["a.wav", "b.wav"] and body["errors"] == []
    assert EvidenceItem.objects.filter(retention_class="non_evidentiary").count() == 2
    assert evidence_audit("evidence.uploaded").count() == 2


def test_video_upload_through_the_api(client, world, incident, media_tools, tmp_path):
    from forcereview.accounts.actions import issue_token

    _, token = issue_token(world.users["investigator"], by=None, name="ingest")
    data = make_mp4(tmp_path)
    response = api_upload(client, incident.pk, "AXON_2019-08-27.mp4", data, token=token, camera_serial="X1",
                          recorded_start="2019-08-27T12:05:00-06:00")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "video" and body["content_type"] == "video/mp4"
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    assert body["jobs"][0]["kind"] == "transcribe" and body["legal_hold"] is False
    item = EvidenceItem.objects.get(pk=body["id"])
    assert item.media["has_video"] and item.media["has_audio"]
    assert evidence_audit("evidence.uploaded").get().actor_label == "investigator"

    listing = client.get(f"/api/evidence/?incident={incident.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [e["id"] for e in listing.json()] == [item.pk]
    assert not evidence_audit("evidence.viewed").exists()  # a list shows no content
    detail = client.get(f"/api/evidence/{item.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert detail.status_code == 200 and detail.json()["original_name"] == "AXON_2019-08-27.mp4"
    assert evidence_audit("evidence.viewed").get().actor_label == "investigator"


def test_same_content_is_stored_once_for_two_incidents(client_as, incident, other_incident, media_tools, settings):
    from forcereview.evidence.actions import add_evidence
    import io

    data = tone_wav(1.0)
    a = add_evidence(incident, io.BytesIO(data), by="cli:test", name="a.wav")
    b = add_evidence(other_incident, io.BytesIO(data), by="cli:test", name="copy.wav")
    assert a.sha256 == b.sha256 and a.pk != b.pk
    assert len(stored_files(settings)) == 1


def test_command_line_adds_files_to_an_incident(incident, media_tools, tmp_path, capsys):
    from forcereview.cli import main

    recording = tmp_path / "cam1.wav"
    recording.write_bytes(tone_wav(1.0))
    code = main(["evidence", "add", incident.number, str(recording), "--camera", "CAM-7", "--officer", "101",
                 "--retention", "non_evidentiary", "--recorded-start", "2019-08-27T12:05:00-06:00"])
    out = capsys.readouterr()
    item = EvidenceItem.objects.get()
    assert code == 0, out.err
    assert f"stored as evidence #{item.pk}" in out.out and item.sha256 in out.out
    assert item.camera_serial == "CAM-7" and item.retention_class == "non_evidentiary"
    assert evidence_audit("evidence.uploaded").get().actor_label.startswith("cli")


def test_command_line_acting_as_a_user_applies_their_access(world, other_incident, media_tools, tmp_path, capsys):
    from forcereview.cli import main

    recording = tmp_path / "cam1.wav"
    recording.write_bytes(tone_wav(1.0))
    code = main(["evidence", "add", other_incident.number, str(recording), "--as", "officer"])
    assert code == 2
    assert "may not add evidence" in capsys.readouterr().err
    assert not EvidenceItem.objects.exists() and not evidence_audit().exists()


def test_upload_page_says_when_transcription_runs_while_the_user_waits(client_as, incident, settings):
    settings.CELERY_BROKER_URL = ""
    page = client_as("officer").get(f"/evidence/incident/{incident.pk}/add/").content.decode()
    assert 'id="inline-work"' in page and "data-inline-work" in page
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    page = client_as("officer").get(f"/evidence/incident/{incident.pk}/add/").content.decode()
    assert 'id="inline-work"' not in page and "data-inline-work" not in page
