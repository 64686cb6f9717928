"""Transcription runs as a background job: inline by default, claimed once, retried without
ever storing a second transcript."""

from __future__ import annotations

import io

import pytest

from forcereview.evidence.actions import add_evidence
from forcereview.evidence.models import Job, LoudnessTrack, Transcript, TranscriptSegment
from forcereview.evidence.tasks import claim, run_job
from tests.evidence.conftest import evidence_audit, tone_wav


@pytest.fixture
def item(incident, world, media_tools):
    return add_evidence(incident, io.BytesIO(tone_wav(1.0)), by=world.users["officer"], name="cam.wav")


def test_upload_transcribes_inline_after_commit(client_as, incident, media_tools, fake_speech,
                                                django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("officer").post(f"/evidence/incident/{incident.pk}/add/",
                                             {"files": SimpleUploadedFile("cam.wav", tone_wav(1.0))})
    assert response.status_code == 302
    job = Job.objects.get(kind="transcribe")
    assert (job.state, job.attempts, job.progress) == ("done", 1, 1.0)
    transcript = Transcript.objects.get(item=job.item)
    assert transcript.origin == "speech_to_text" and transcript.producer == "fake-whisper tiny.en"
    assert transcript.settings["beam_size"] == 1 and transcript.settings["vad_filter"] is True
    texts = list(TranscriptSegment.objects.filter(transcript=transcript).values_list("text", flat=True))
    assert texts == ["Stop resisting! Get on the ground!", "She's not a threat! This is excessive force!"]
    track = LoudnessTrack.objects.get(item=job.item)
    assert track.step_ms == 100 and track.values()[:2] == [-40.0, -40.0] and len(track.values()) == 27
    entry = evidence_audit("evidence.transcribed").get()
    assert entry.actor_label == "system" and entry.after["segments"] == 2
    assert Job.objects.filter(item=job.item, kind="analyze", trigger="transcribed").exists()


def test_a_job_is_claimed_once(item, fake_speech):
    job = item.jobs.get()
    assert claim(job.pk) is True
    assert claim(job.pk) is False  # a second worker receiving the same message
    assert run_job(job.pk) == "skipped"
    assert fake_speech.calls == 0


def test_failed_transcription_is_shown_and_can_be_retried_once(client_as, item, fake_speech,
                                                               django_capture_on_commit_callbacks):
    from forcereview.engine.speech import ModelNotFound

    job = item.jobs.get()
    fake_speech.fail_with = ModelNotFound("FORCEREVIEW_WHISPER_MODEL=/srv/models: the model folder is unreadable")
    assert run_job(job.pk) == "failed"
    job.refresh_from_db()
    # worded for whoever fixes the setup: no exception class, no stale progress message
    assert (job.state, job.error, job.message) == (
        "failed", "FORCEREVIEW_WHISPER_MODEL=/srv/models: the model folder is unreadable", "")
    page = client_as("officer").get(f"/evidence/{item.pk}/")
    assert b"model folder is unreadable" in page.content and f"/jobs/{job.pk}/retry/".encode() in page.content

    fake_speech.fail_with = None
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("officer").post(f"/evidence/{item.pk}/jobs/{job.pk}/retry/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("done", 2)
    assert Transcript.objects.filter(item=item).count() == 1
    assert evidence_audit("evidence.task_retried").get().before["error"].endswith("unreadable")

    again = client_as("officer").post(f"/evidence/{item.pk}/jobs/{job.pk}/retry/")  # done: not retryable
    assert again.status_code == 302
    assert Transcript.objects.filter(item=item).count() == 1 and fake_speech.calls == 2
    assert evidence_audit("evidence.task_retried").count() == 1


def test_rerunning_a_finished_transcription_never_adds_a_second_transcript(item, fake_speech):
    job = item.jobs.get()
    assert run_job(job.pk) == "done"
    Job.objects.filter(pk=job.pk).update(state="queued")  # a duplicate delivery after a crash
    assert run_job(job.pk) == "done"
    assert Transcript.objects.filter(item=item).count() == 1
    assert fake_speech.calls == 1
    assert Job.objects.get(pk=job.pk).message == "Transcript already stored"


def test_retry_through_the_api_refuses_a_running_job(client, world, item):
    from forcereview.accounts.actions import issue_token

    job = item.jobs.get()
    claim(job.pk)
    _, token = issue_token(world.users["officer"], by=None, name="t")
    response = client.post(f"/api/evidence/{item.pk}/jobs/{job.pk}/retry", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 409 and "only a failed job" in response.json()["errors"][0]["message"]
    assert not evidence_audit("evidence.task_retried").exists()


def test_unreachable_queue_marks_the_job_failed(item, settings):
    from forcereview.evidence.tasks import enqueue

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    job = item.jobs.get()
    enqueue(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and "could not reach the task queue" in job.error


def test_status_shows_each_stage_as_soon_as_it_begins(client_as, item):
    from forcereview.evidence.tasks import Progress

    job = item.jobs.get()
    assert claim(job.pk)
    progress = Progress(job.pk)
    seen = []
    for stage in ("load", "decode", "transcribe"):
        progress(stage, 0.0)  # each right after the other: a new stage is written at once
        [row] = client_as("officer").get(f"/evidence/{item.pk}/status/").json()["jobs"]
        seen.append((row["state"], row["message"]))
    assert seen == [("running", "Loading the speech model"), ("running", "Decoding audio"),
                    ("running", "Transcribing speech")]
    progress("transcribe", 1.0)
    assert client_as("officer").get(f"/evidence/{item.pk}/status/").json()["jobs"][0]["progress"] == 100
