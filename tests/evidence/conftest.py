"""Evidence fixtures: an incident of the shared world, small recordings made on the spot, and
speech-to-text replaced at its edge by a backend that returns fixed segments."""

from __future__ import annotations

import io
import math
import struct
import subprocess
import wave
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import report, require_tool


def tone_wav(seconds: float = 1.0, rate: int = 16000, freq: float = 440.0, amplitude: float = 0.3) -> bytes:
    """A mono 16-bit WAV of a sine tone: valid media without any tool."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = int(seconds * rate)
        w.writeframes(b"".join(
            struct.pack("<h", int(amplitude * 32767 * math.sin(2 * math.pi * freq * n / rate))) for n in range(frames)
        ))
    return buf.getvalue()


def make_mp4(tmp_path: Path, seconds: float = 2.0) -> bytes:
    ffmpeg = require_tool("ffmpeg")
    out = tmp_path / "clip.mp4"
    subprocess.run(
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=size=96x64:rate=5:duration={seconds}",
         "-f", "lavfi", "-i", f"sine=frequency=300:duration={seconds}", "-shortest", "-c:v", "libx264",
         "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", str(out)],
        check=True,
    )
    return out.read_bytes()


@pytest.fixture
def media_tools():
    require_tool("ffprobe")
    require_tool("ffmpeg")


@pytest.fixture
def incident(world):
    from forcereview.records.actions import create_incident

    return create_incident(world.agency, report(), by=world.users["officer"])


@pytest.fixture
def other_incident(world):
    """An incident of another officer and sergeant: not visible to the officer persona."""
    from forcereview.records.actions import create_incident

    data = report(number="2019-0901-002", officers=[{"badge": "201", "role": "primary"}])
    data["force"] = [{"officer": "201", "subject": "S1", "type": "takedown"}]
    return create_incident(world.agency, data, by=world.users["command"])


FAKE_SEGMENTS = [
    (0.0, 1.2, "Stop resisting! Get on the ground!"),
    (1.3, 2.6, "She's not a threat! This is excessive force!"),
]


class FakeSpeech:
    """Stands in for speech-to-text (the edge): fixed segments, a loudness track, model info."""

    def __init__(self):
        self.calls = 0
        self.fail_with: Exception | None = None

    def __call__(self, path, progress=None):
        from forcereview.engine.model import Segment, Transcript

        self.calls += 1
        assert Path(path).exists()
        if progress:
            progress("decode", 0.5)
            progress("transcribe", 1.0)
        if self.fail_with is not None:
            raise self.fail_with
        segments = tuple(Segment(index=n, text=t, start=s, end=e, loudness_dbfs=-6.0 - n)
                         for n, (s, e, t) in enumerate(FAKE_SEGMENTS))
        transcript = Transcript(segments=segments, source=str(path), format="asr")
        loudness = SimpleNamespace(window=0.1, dbfs=tuple([-40.0] * 10 + [-5.0] * 12 + [-30.0] * 5))
        info = SimpleNamespace(backend="fake-whisper", model="tiny.en", language="en",
                               to_dict=lambda: {"backend": "fake-whisper", "model": "tiny.en", "beam_size": 1,
                                                "vad_filter": True, "cpu_threads": 2})
        return SimpleNamespace(segments=transcript.segments, format="asr", speakers={}, loudness=loudness,
                               transcription=info)


@pytest.fixture
def fake_speech(monkeypatch):
    from forcereview.evidence import engine_bridge

    fake = FakeSpeech()
    monkeypatch.setattr(engine_bridge, "transcribe", fake)
    return fake


def evidence_audit(action: str | None = None):
    from forcereview.audit.models import AuditEntry

    qs = AuditEntry.objects.filter(object_type="evidence.evidenceitem")
    return qs.filter(action=action) if action else qs


def stored_files(settings) -> list[Path]:
    root = Path(settings.DATA_DIR) / "evidence"
    return sorted(p for p in root.rglob("*") if p.is_file())


def api_upload(client, incident_id, name: str, data: bytes, token: str | None = None, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    payload = {"incident_id": str(incident_id), "file": SimpleUploadedFile(name, data), **fields}
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post("/api/evidence/", payload, **headers)
