"""The whole path with nothing replaced: speech synthesised with espeak-ng (an officer
shouting force commands, a bystander objecting), uploaded to an incident, transcribed by
Whisper tiny.en, analysed by the engine, and fed into what the incident's review reads."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import REQUIRE_ALL, require_tool

pytestmark = pytest.mark.slow


def _model_or_skip():
    pytest.importorskip("faster_whisper")
    from forcereview.engine.speech import ModelNotFound, resolve_model

    try:
        resolve_model()
    except ModelNotFound as exc:
        if REQUIRE_ALL:
            pytest.fail(str(exc))
        pytest.skip(str(exc))


def synthesise_encounter(tmp_path) -> bytes:
    espeak, sox = require_tool("espeak-ng"), require_tool("sox")
    officer, bystander, out = tmp_path / "officer.wav", tmp_path / "bystander.wav", tmp_path / "encounter.wav"
    subprocess.run([espeak, "-v", "en-us+m3", "-a", "200", "-s", "140", "-w", str(officer),
                    "Stop resisting! Get on the ground! Stop resisting! Get on the ground now!"], check=True)
    subprocess.run([espeak, "-v", "en-us+f3", "-a", "60", "-s", "150", "-w", str(bystander),
                    "She's not a threat! This is excessive force!"], check=True)
    subprocess.run([sox, str(officer), str(bystander), str(out), "pad", "0.5", "0.5"], check=True)
    return out.read_bytes()


def test_synthesised_encounter_feeds_the_incident_risk(client, world, incident, tmp_path,
                                                      django_capture_on_commit_callbacks):
    from forcereview.accounts.actions import issue_token
    from forcereview.evidence.models import Analysis, LoudnessTrack, Transcript
    from forcereview.evidence.queries import incident_analyses
    from tests.evidence.conftest import api_upload

    require_tool("ffmpeg")
    _model_or_skip()
    audio = synthesise_encounter(tmp_path)
    _, token = issue_token(world.users["officer"], by=None, name="camera-dock")

    with django_capture_on_commit_callbacks(execute=True):
        response = api_upload(client, incident.pk, "encounter.wav", audio, token=token, camera_serial="X6039")
    assert response.status_code == 201, response.content
    item_id = response.json()["id"]

    transcript = Transcript.objects.get(item_id=item_id)
    assert transcript.origin == "speech_to_text" and transcript.settings["model"] == "tiny.en"
    text = " ".join(transcript.segments.values_list("text", flat=True)).lower()
    assert "ground" in text and "threat" in text, text
    assert LoudnessTrack.objects.get(item_id=item_id).values()

    analysis = Analysis.objects.get(item_id=item_id)
    categories = {s["category"] for s in analysis.result["signals"]}
    assert {"force_command", "bystander_objection"} <= categories, analysis.result["signals"]
    assert analysis.risk_level in ("high", "elevated")
    [summary] = incident_analyses(incident)
    assert summary["evidence_id"] == item_id and summary["analysis"]["risk"]["level"] == analysis.risk_level

    page = client.get(f"/api/evidence/{item_id}/analysis", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert page.json()["analysis"]["risk"]["level"] == analysis.risk_level
