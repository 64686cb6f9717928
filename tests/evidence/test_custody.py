"""Every access to a recording is in its custody log; the player gets byte ranges."""

from __future__ import annotations

import io
import zipfile

import pytest

from forcereview.evidence.actions import add_evidence
from tests.evidence.conftest import evidence_audit, tone_wav


@pytest.fixture
def item(incident, world, media_tools):
    return add_evidence(incident, io.BytesIO(tone_wav(1.0)), by=world.users["officer"], name="cam.wav")


def test_viewing_the_page_is_logged_and_the_page_shows_the_item(client_as, item):
    response = client_as("supervisor").get(f"/evidence/{item.pk}/")
    assert response.status_code == 200
    assert item.sha256.encode() in response.content and b'<audio id="player"' in response.content
    entry = evidence_audit("evidence.viewed").get()
    assert entry.actor_label == "supervisor" and entry.object_id == str(item.pk)


def test_player_gets_byte_ranges_and_one_play_entry_per_session(client_as, item):
    client = client_as("investigator")
    data = tone_wav(1.0)
    first = client.get(f"/evidence/{item.pk}/media/", HTTP_RANGE="bytes=0-")
    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-{len(data) - 1}/{len(data)}"
    assert b"".join(first.streaming_content) == data
    middle = client.get(f"/evidence/{item.pk}/media/", HTTP_RANGE="bytes=100-199")
    assert middle.status_code == 206 and middle["Content-Length"] == "100"
    assert b"".join(middle.streaming_content) == data[100:200]
    tail = client.get(f"/evidence/{item.pk}/media/", HTTP_RANGE="bytes=-10")
    assert b"".join(tail.streaming_content) == data[-10:]
    again = client.get(f"/evidence/{item.pk}/media/", HTTP_RANGE="bytes=0-")  # replay within minutes
    assert again.status_code == 206
    beyond = client.get(f"/evidence/{item.pk}/media/", HTTP_RANGE=f"bytes={len(data)}-")
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(data)}"
    assert evidence_audit("evidence.played").count() == 1
    assert evidence_audit("evidence.played").get().actor_label == "investigator"


def test_download_and_export_are_logged(client_as, item):
    client = client_as("command")
    download = client.get(f"/evidence/{item.pk}/download/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == tone_wav(1.0)
    export = client.get(f"/evidence/{item.pk}/export/")
    assert export.status_code == 200
    package = zipfile.ZipFile(io.BytesIO(b"".join(export.streaming_content)))
    assert package.read("cam.wav") == tone_wav(1.0)
    assert item.sha256 in package.read("SHA256SUMS").decode()
    assert b'"sha256"' in package.read("evidence.json")
    assert evidence_audit("evidence.downloaded").get().actor_label == "command"
    assert evidence_audit("evidence.exported").get().actor_label == "command"


def test_custody_page_lists_every_entry_in_order(client_as, item):
    client = client_as("command")
    client.get(f"/evidence/{item.pk}/")
    client.get(f"/evidence/{item.pk}/download/")
    page = client.get(f"/evidence/{item.pk}/custody/")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index("Uploaded") < text.index("Viewed") < text.index("Downloaded")
    api = client.get(f"/api/evidence/{item.pk}/custody")
    assert [e["action"] for e in api.json()] == ["uploaded", "viewed", "downloaded"]


def test_status_polling_writes_no_custody_entry(client_as, item):
    response = client_as("supervisor").get(f"/evidence/{item.pk}/status/")
    assert response.status_code == 200 and response.json()["jobs"][0]["kind"] == "transcribe"
    assert not evidence_audit("evidence.viewed").exists()


@pytest.mark.parametrize("persona", ["outsider", "admin"])
def test_others_cannot_see_or_play_the_evidence(client_as, item, persona):
    client = client_as(persona)
    for url in (f"/evidence/{item.pk}/", f"/evidence/{item.pk}/media/", f"/evidence/{item.pk}/download/"):
        assert client.get(url).status_code in (403, 404)
    assert not evidence_audit("evidence.viewed").exists() and not evidence_audit("evidence.played").exists()


def test_officer_not_involved_cannot_see_the_evidence(client, world, item):
    from forcereview.accounts.actions import create_user

    create_user(by=None, username="stranger", password=world.password, role="officer", agency=world.agency,
                officer=world.stranger)
    client.force_login(type(world.users["officer"]).objects.get(username="stranger"))
    assert client.get(f"/evidence/{item.pk}/").status_code == 404
    assert client.get(f"/api/evidence/{item.pk}").status_code == 404


def test_incident_page_lists_the_evidence(client_as, item, incident):
    response = client_as("officer").get(f"/incidents/{incident.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"/evidence/{item.pk}/" in body and "cam.wav" in body
    assert f"/evidence/incident/{incident.pk}/add/" in body
    auditor = client_as("auditor").get(f"/incidents/{incident.pk}/").content.decode()
    assert "cam.wav" in auditor and f"/evidence/incident/{incident.pk}/add/" not in auditor
