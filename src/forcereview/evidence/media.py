"""Check that a recording can be read to its end before it is accepted as evidence.

``probe_media(path)`` asks ffprobe what the file holds, then decodes the whole audio track
to prove that it is all there: a truncated file (a copy cut short, a download that stopped)
decodes to less than its header promises, or decodes with errors. Either way it is refused
with a message saying what is wrong.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


class MediaUnreadable(ValueError):
    """The file is not a recording we can read to its end."""


@dataclass(frozen=True)
class MediaInfo:
    duration: float | None
    format_name: str
    has_audio: bool
    has_video: bool
    creation_time: str | None = None
    streams: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "format_name": self.format_name,
            "duration": self.duration,
            "has_audio": self.has_audio,
            "has_video": self.has_video,
            "creation_time": self.creation_time,
            "streams": self.streams,
        }


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MediaUnreadable(f"{name} is not installed on the server (apt-get install ffmpeg); recordings cannot be checked")
    return path


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _ffprobe(path: Path) -> dict:
    cmd = [_tool("ffprobe"), "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "unknown error"
        raise MediaUnreadable(f"the recording cannot be read ({detail.split(': ', 1)[-1]})")
    return json.loads(done.stdout or "{}")


def _decoded_seconds(path: Path, stream: int) -> tuple[float, str]:
    """Decode one audio stream to nowhere; return the seconds decoded and ffmpeg's errors."""
    cmd = [_tool("ffmpeg"), "-nostdin", "-v", "error", "-i", str(path), "-map", f"0:{stream}",
           "-f", "null", "-progress", "pipe:1", "-"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    seconds = 0.0
    for line in done.stdout.splitlines():
        if line.startswith("out_time_us="):
            value = _float(line.split("=", 1)[1])
            if value is not None and value > 0:
                seconds = value / 1e6
    return seconds, done.stderr.strip()


def _wav_truncation(path: Path) -> str | None:
    """A WAV header states the size of its data; ffmpeg quietly reads what is there."""
    with open(path, "rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return None
        size = path.stat().st_size
        while True:
            chunk = fh.read(8)
            if len(chunk) < 8:
                return "the file ends before its audio data begins"
            name, length = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if name == b"data":
                if length in (0, 0xFFFFFFFF):  # written while streaming: length unknown
                    return None
                missing = fh.tell() + length - size
                if missing > 0:
                    return f"the header promises {length} bytes of audio but {missing} are missing"
                return None
            fh.seek(length + (length & 1), 1)


def _engine_probe(path: Path) -> None:
    """The engine's probe names what is wrong in a reviewer's words. A video without an audio
    track is still evidence (a muted camera is itself a fact), so that refusal is not ours."""
    from forcereview.engine.audio import MediaError, probe

    try:
        probe(path)
    except MediaError as exc:
        if "no audio track" in exc.problem:
            return
        problem = exc.problem
        raise MediaUnreadable(f"the recording {problem}" if problem.startswith("is ") else problem) from None


def probe_media(path: str | Path) -> MediaInfo:
    """What the recording at ``path`` holds; raises ``MediaUnreadable`` if it is unreadable or cut short."""
    path = Path(path)
    _engine_probe(path)
    info = _ffprobe(path)
    streams = info.get("streams") or []
    fmt = info.get("format") or {}
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    video = [s for s in streams if s.get("codec_type") == "video" and not (s.get("disposition") or {}).get("attached_pic")]
    if not audio and not video:
        raise MediaUnreadable("the file holds no audio or video stream")
    problem = _wav_truncation(path)
    if problem:
        raise MediaUnreadable(f"the recording is truncated: {problem}")
    duration = _float(fmt.get("duration"))
    if audio:
        stream = audio[0]
        expected = _float(stream.get("duration")) or duration
        decoded, errors = _decoded_seconds(path, int(stream.get("index", 0)))
        if errors and ("partial file" in errors or "Invalid data" in errors or "exhausted" in errors):
            raise MediaUnreadable(f"the recording is damaged or truncated ({errors.splitlines()[-1].split('] ')[-1]})")
        if expected and decoded < expected - max(1.0, 0.02 * expected):
            raise MediaUnreadable(
                f"the recording is truncated: its header promises {expected:.1f} s of audio "
                f"but only {decoded:.1f} s can be decoded"
            )
        if decoded <= 0:
            raise MediaUnreadable("no audio could be decoded from the recording")
        duration = duration or decoded
    tags = fmt.get("tags") or {}
    return MediaInfo(
        duration=duration,
        format_name=str(fmt.get("format_name", "")),
        has_audio=bool(audio),
        has_video=bool(video),
        creation_time=tags.get("creation_time"),
        streams=[
            {k: s.get(k) for k in ("index", "codec_type", "codec_name", "sample_rate", "channels", "width", "height")
             if s.get(k) is not None}
            for s in streams
        ],
    )
