"""Bad uploads get a clear error naming the problem, and leave nothing behind: no item, no
stored or temporary file, no audit entry."""

from __future__ import annotations

import pytest

from forcereview.evidence.models import EvidenceItem
from tests.evidence.conftest import api_upload, evidence_audit, make_mp4, stored_files, tone_wav


@pytest.fixture
def token(world):
    from forcereview.accounts.actions import issue_token

    return issue_token(world.users["officer"], by=None, name="t")[1]


def _nothing_stored(settings):
    assert not EvidenceItem.objects.exists()
    assert not evidence_audit().exists()
    assert stored_files(settings) == []


def _truncated_wav() -> bytes:
    data = tone_wav(2.0)
    return data[: len(data) // 2]


CASES = [
    ("report.pdf", b"%PDF-1.7\n" + b"\x00\x01binary" * 50, 422, "not a transcript forcereview can read: report.pdf: the PDF cannot be read"),
    ("photos.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 18 + b"img.png" + bytes(range(200)), 415, "a ZIP archive"),
    ("bodycam.mp4", b"WEBVTT\n\n00:00.000 --> 00:01.000\nrenamed text\n", 415, "the name says video (.mp4) but the content is text"),
    ("empty.wav", b"", 422, "the file is empty (0 bytes)"),
    ("cut.wav", None, 422, "the recording is truncated"),
    ("noise.bin", bytes(range(256)) * 8, 415, "not a recognised audio, video or transcript file"),
]


@pytest.mark.parametrize("name,data,status,message", CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_refused_with_a_clear_message(client, incident, token, media_tools, settings, name, data, status, message):
    if data is None:
        data = _truncated_wav()
    response = api_upload(client, incident.pk, name, data, token=token)
    assert response.status_code == status, response.content
    body = response.json()
    assert message in body["errors"][0]["message"]
    assert body["errors"][0]["field"] == name
    assert "Nothing was stored" in body["detail"]
    _nothing_stored(settings)


def test_truncated_video_is_refused(client, incident, token, media_tools, settings, tmp_path):
    data = make_mp4(tmp_path, seconds=4.0)
    response = api_upload(client, incident.pk, "cut.mp4", data[: int(len(data) * 0.6)], token=token)
    assert response.status_code == 422
    assert "truncated" in response.json()["errors"][0]["message"] or "incomplete" in response.json()["errors"][0]["message"]
    _nothing_stored(settings)


def test_file_over_the_size_limit_is_refused(client, incident, token, media_tools, settings):
    settings.EVIDENCE_MAX_BYTES = 10_000
    settings.TRANSCRIPT_MAX_BYTES = 1_000
    response = api_upload(client, incident.pk, "long.wav", tone_wav(2.0), token=token)
    assert response.status_code == 413
    assert "limit" in response.json()["errors"][0]["message"]
    _nothing_stored(settings)


def test_oversized_request_is_refused_before_its_body_is_read(client_as, incident, settings):
    settings.EVIDENCE_MAX_BYTES = settings.TRANSCRIPT_MAX_BYTES = settings.IMPORT_MAX_BYTES = 1_000
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as("officer").post(
        f"/evidence/incident/{incident.pk}/add/", {"files": SimpleUploadedFile("big.wav", b"\x00" * 2_000_000)},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 413
    assert "the largest accepted is 1,000" in response.json()["errors"][0]["message"]
    _nothing_stored(settings)


def test_same_file_twice_on_one_incident_is_refused(client, incident, token, media_tools, settings):
    data = tone_wav(1.0)
    first = api_upload(client, incident.pk, "a.wav", data, token=token)
    again = api_upload(client, incident.pk, "a-copy.wav", data, token=token)
    assert first.status_code == 201 and again.status_code == 409
    assert f"already evidence #{first.json()['id']}" in again.json()["errors"][0]["message"]
    assert EvidenceItem.objects.count() == 1 and evidence_audit("evidence.uploaded").count() == 1
    assert len(stored_files(settings)) == 1


def test_unknown_incident_is_not_found(client, world, token, settings):
    response = api_upload(client, 999999, "a.wav", tone_wav(0.5), token=token)
    assert response.status_code == 404
    _nothing_stored(settings)


def test_officer_cannot_upload_to_an_incident_they_may_not_read(client, other_incident, token, settings):
    response = api_upload(client, other_incident.pk, "a.wav", tone_wav(0.5), token=token)
    assert response.status_code == 404  # the same answer as for a missing incident
    _nothing_stored(settings)


@pytest.mark.parametrize("persona,status", [("auditor", 403), ("admin", 403), ("outsider", 404)])
def test_roles_that_may_not_upload_are_refused(client, world, incident, persona, status, settings):
    from forcereview.accounts.actions import issue_token

    _, token = issue_token(world.users[persona], by=None, name="t")
    response = api_upload(client, incident.pk, "a.wav", tone_wav(0.5), token=token)
    assert response.status_code == status
    _nothing_stored(settings)


def test_bad_metadata_is_refused_before_storing(client, incident, token, media_tools, settings):
    response = api_upload(client, incident.pk, "a.wav", tone_wav(0.5), token=token, retention_class="forever")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "retention_class"
    response = api_upload(client, incident.pk, "a.wav", tone_wav(0.5), token=token, recorded_start="yesterday")
    assert response.json()["errors"][0]["field"] == "recorded_start"
    response = api_upload(client, incident.pk, "a.wav", tone_wav(0.5), token=token, officer_badge="999")
    assert response.json()["errors"][0]["field"] == "officer_badge"
    _nothing_stored(settings)


def test_web_page_names_the_refused_file(client_as, incident, media_tools, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as("officer").post(
        f"/evidence/incident/{incident.pk}/add/", {"files": SimpleUploadedFile("notes.mp3", b"just some text\n")},
    )
    assert response.status_code == 415
    assert b"notes.mp3" in response.content and b"the name says audio (.mp3) but the content is text" in response.content
    _nothing_stored(settings)


def test_command_line_refuses_a_bad_file(incident, tmp_path, capsys, settings):
    from forcereview.cli import main

    bad = tmp_path / "empty.wav"
    bad.write_bytes(b"")
    assert main(["evidence", "add", incident.number, str(bad)]) == 2
    assert "empty.wav: the file is empty (0 bytes); nothing stored" in capsys.readouterr().err
    assert main(["evidence", "add", "NO-SUCH", str(bad)]) == 2
    assert "no incident 'NO-SUCH'" in capsys.readouterr().err
    _nothing_stored(settings)
