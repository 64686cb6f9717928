"""A real Redis and a real Celery worker process: an uploaded recording is transcribed and
analysed by the worker, in the same test database (a file on SQLite), and the result is
visible to the app.

Needs ``FORCEREVIEW_TEST_REDIS_URL`` (CI sets it); without it the test skips locally and
fails in CI (``FORCEREVIEW_REQUIRE_ALL=1``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import REQUIRE_ALL, require_tool

pytestmark = [pytest.mark.celery, pytest.mark.slow]


def _redis_url() -> str:
    url = os.environ.get("FORCEREVIEW_TEST_REDIS_URL", "")
    why = None
    if not url:
        why = "FORCEREVIEW_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379/14)"
    else:
        try:
            import redis

            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except Exception as exc:  # noqa: BLE001 - any failure means no usable Redis
            why = f"Redis at {url} is not reachable ({exc})"
    if why:
        if REQUIRE_ALL:
            pytest.fail(why)
        pytest.skip(why)
    return url


def _database_url(connection) -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = db["NAME"]
        if name == ":memory:" or "mode=memory" in str(name):
            pytest.fail("the test database is in memory; a worker process cannot open it")
        return f"sqlite:///{Path(name).resolve()}"
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"])
        return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    pytest.fail(f"no worker database URL for {connection.vendor}")


def _speech(tmp_path: Path) -> bytes:
    espeak = require_tool("espeak-ng")
    out = tmp_path / "encounter.wav"
    subprocess.run([espeak, "-s", "150", "-w", str(out),
                    "Stop resisting! Get on the ground! She is not a threat! This is excessive force!"],
                   check=True, capture_output=True)
    return out.read_bytes()


def test_worker_transcribes_and_analyses_an_upload(transactional_db, world, incident, client, settings, tmp_path):
    from django.db import connection

    from forcereview.evidence.models import Analysis, Job, Transcript

    url = _redis_url()
    require_tool("ffmpeg")
    pytest.importorskip("faster_whisper")
    queue = f"forcereview-test-{uuid.uuid4().hex[:12]}"
    settings.CELERY_BROKER_URL = url
    settings.TASK_QUEUE = queue

    env = {**os.environ, "DATABASE_URL": _database_url(connection), "FORCEREVIEW_DATA_DIR": str(settings.DATA_DIR),
           "CELERY_BROKER_URL": url, "FORCEREVIEW_TASK_QUEUE": queue, "DJANGO_SETTINGS_MODULE": "forcereview.settings",
           "FORCEREVIEW_WHISPER_THREADS": "2"}
    log = open(tmp_path / "worker.log", "wb")
    worker = subprocess.Popen([sys.executable, "-m", "forcereview.cli", "evidence", "worker", "--concurrency", "1",
                               "--loglevel", "INFO"], env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        client.force_login(world.users["officer"])
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(f"/evidence/incident/{incident.pk}/add/",
                               {"files": SimpleUploadedFile("encounter.wav", _speech(tmp_path))})
        assert response.status_code == 302
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not Analysis.objects.exists():
            if worker.poll() is not None:
                break
            failed = Job.objects.filter(state="failed").first()
            assert failed is None, f"{failed} failed: {failed.error}"
            time.sleep(0.5)
        worker_log = (tmp_path / "worker.log").read_text(errors="replace")
        assert Analysis.objects.exists(), "no analysis within 240 s; worker log:\n" + worker_log[-3000:]
        job = Job.objects.get(kind="transcribe")
        assert job.state == "done" and job.worker and not job.worker.endswith(f":{os.getpid()}")
        transcript = Transcript.objects.get()
        assert transcript.origin == "speech_to_text" and "tiny" in transcript.producer
        text = " ".join(transcript.segments.values_list("text", flat=True)).lower()
        assert "ground" in text
        analysis = Analysis.objects.get()
        assert analysis.result["signals"], analysis.result
        page = client.get(f"/evidence/{job.item_id}/")
        assert b"Signals" in page.content and analysis.risk_level.encode() in page.content
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        log.close()
        import redis

        redis.Redis.from_url(url).delete(queue)

