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
    """An officer asks, then shouts; a bystander objects in another voice. Each utterance is
    normalised to its level (the shout near full scale) and followed by a pause."""
    espeak, sox = require_tool("espeak-ng"), require_tool("sox")
    lines = [
        ("calm", "Sir, step out of the car please.", "en-us", "150", "50", "-14"),
        ("shout", "Stop resisting! Get on the ground!", "en-us", "170", "60", "-0.5"),
        ("objection", "She's not a threat! This is excessive force!", "en-gb-x-rp+f2", "135", "50", "-14"),
    ]
    pieces = []
    for name, text, voice, speed, pitch, peak in lines:
        raw, piece = tmp_path / f"{name}.wav", tmp_path / f"{name}-16k.wav"
        subprocess.run([espeak, "-v", voice, "-s", speed, "-p", pitch, "-w", str(raw), text], check=True)
        subprocess.run([sox, str(raw), "-r", "16000", str(piece), "norm", peak, "pad", "0", "0.5"], check=True)
        pieces.append(str(piece))
    out = tmp_path / "encounter.wav"
    subprocess.run([sox, *pieces, str(out), "pad", "0.3", "0"], check=True)
    return out.read_bytes()


def test_synthesised_encounter_feeds_the_incident_risk(client, world, incident, tmp_path,
                                                      django_capture_on_commit_callbacks):
    from forcereview.accounts.actions import issue_token
    from forcereview.evidence.models import Analysis, LoudnessTrack, Transcript
    from forcereview.evidence.queries import incident_analyses
    from forcereview.reviews.models import PolicyEvaluation
    from tests.evidence.conftest import api_upload

    require_tool("ffmpeg")
    _model_or_skip()
    audio = synthesise_encounter(tmp_path)
    _, token = issue_token(world.users["officer"], by=None, name="camera-dock")
    before = PolicyEvaluation.objects.get(incident=incident, current=True)
    assert before.risk_level == "none"  # the report alone: no recording yet

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
    signals = analysis.result["signals"]
    categories = {s["category"] for s in signals}
    assert {"force_command", "bystander_objection"} <= categories, signals
    shouted = [s for s in signals if s["detector"] == "shouting.v1"]
    assert shouted and all(s["category"] == "officer_escalation" and s["role"] == "officer" for s in shouted), signals
    assert all("resisting" in s["text"].lower() or "ground" in s["text"].lower() for s in shouted), shouted
    assert analysis.risk_level in ("high", "elevated")
    [summary] = incident_analyses(incident)
    assert summary["evidence_id"] == item_id and summary["analysis"]["risk"]["level"] == analysis.risk_level

    # the incident's own risk, which its review reads, now comes from the recording
    after = PolicyEvaluation.objects.get(incident=incident, current=True)
    assert after.trigger == "analysis"
    assert (after.risk_level, after.risk_score) == (analysis.risk_level, analysis.risk_score)

    page = client.get(f"/api/evidence/{item_id}/analysis", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert page.json()["analysis"]["risk"]["level"] == analysis.risk_level
