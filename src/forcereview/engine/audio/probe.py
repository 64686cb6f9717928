"""Facts about a recording before decoding it: duration, channels, sample rate, codec.

ffprobe answers for every kind; where it is missing, libsndfile answers for the kinds it
reads (WAV, FLAC, Ogg, MP3, AIFF) and anything else is a clear error saying how to install it.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
from dataclasses import asdict, dataclass

from . import tools
from .errors import MediaError
from .sniff import MediaKind, sniff

PROBE_TIMEOUT_S = 60


@dataclass(frozen=True, slots=True)
class MediaInfo:
    path: str
    kind: str  # MediaKind.name, from the content
    size: int  # bytes
    duration: float | None  # seconds of audio
    sample_rate: int | None
    channels: int | None
    codec: str | None  # audio codec, e.g. "pcm_s16le", "aac"
    has_video: bool = False
    format_name: str | None = None  # as ffprobe or libsndfile names it
    # True when the duration is the container's (audio and video together), not the sound
    # track's own: it may then differ from the sound by a second or two
    duration_from_container: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


def probe(path: str | os.PathLike) -> MediaInfo:
    """Probe ``path``; raises ``MediaError`` for non-media, damaged files or files without audio."""
    kind = sniff(path)
    if tools.find("ffprobe") is not None:
        return probe_ffprobe(path, kind)
    if kind.soundfile:
        return probe_soundfile(path, kind)
    tools.need("ffprobe", path, f"it is {kind.description}")
    raise AssertionError("unreachable")  # pragma: no cover


def probe_ffprobe(path: str | os.PathLike, kind: MediaKind) -> MediaInfo:
    command = [
        tools.need("ffprobe", path), "-v", "error", "-print_format", "json",
        "-show_format", "-show_streams", "file:" + os.path.abspath(path),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise MediaError(path, f"could not be probed within {PROBE_TIMEOUT_S} seconds") from None
    if done.returncode != 0:
        raise MediaError(path, unreadable(kind, done.stderr))
    try:
        report = json.loads(done.stdout or b"{}")
    except ValueError:
        raise MediaError(path, unreadable(kind, done.stderr)) from None
    streams = report.get("streams") or []
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    has_video = any(
        s.get("codec_type") == "video" and not (s.get("disposition") or {}).get("attached_pic")
        for s in streams
    )
    if not audio:
        if has_video:
            raise MediaError(path, f"is {kind.description} with no audio track")
        if kind.name == "unknown":
            raise MediaError(path, "is not an audio or video file")
        raise MediaError(path, f"is {kind.description} with no audio in it")
    stream, container = audio[0], report.get("format") or {}
    duration = number(stream.get("duration")) or clock((stream.get("tags") or {}).get("DURATION"))
    from_container = duration is None
    if from_container:
        duration = number(container.get("duration"))
    return MediaInfo(
        path=os.fspath(path),
        kind=kind.name,
        size=os.path.getsize(path),
        duration=duration,
        sample_rate=int(number(stream.get("sample_rate")) or 0) or None,
        channels=stream.get("channels"),
        codec=stream.get("codec_name"),
        has_video=has_video,
        format_name=container.get("format_name"),
        duration_from_container=from_container and has_video,
    )


def probe_soundfile(path: str | os.PathLike, kind: MediaKind) -> MediaInfo:
    import soundfile

    try:
        info = soundfile.info(os.fspath(path))
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        raise MediaError(path, f"is {kind.description} that is damaged or uses an unsupported codec ({exc})") from None
    return MediaInfo(
        path=os.fspath(path),
        kind=kind.name,
        size=os.path.getsize(path),
        duration=info.frames / info.samplerate if info.samplerate and info.frames > 0 else None,
        sample_rate=info.samplerate,
        channels=info.channels,
        codec=info.subtype.lower() if info.subtype else None,
        has_video=False,
        format_name=info.format.lower() if info.format else None,
    )


def number(value) -> float | None:
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) and result >= 0 else None


def clock(value) -> float | None:
    """Seconds from a Matroska "HH:MM:SS.fraction" duration tag."""
    match = re.fullmatch(r"(\d+):(\d\d):(\d\d(?:\.\d+)?)", str(value or "").strip())
    if not match:
        return None
    hours, minutes, secs = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(secs)


# ffmpeg's wording for the usual ways a file is broken, and what to tell a person instead.
FFMPEG_HINTS: tuple[tuple[str, str], ...] = (
    ("moov atom not found", "the file is incomplete (cut off before the end was written)"),
    ("Invalid data found when processing input", "its content is damaged or not media"),
    ("partial file", "the file is incomplete (cut off before the end)"),
    ("End of file", "the file ends too early"),
    ("EBML header parsing failed", "the file is damaged"),
)


def unreadable(kind: MediaKind, stderr: bytes) -> str:
    """A person-sized message from ffmpeg's error output."""
    message = first_line(stderr)
    if kind.name == "unknown":
        return f"is not an audio or video file that ffmpeg can read (ffmpeg: {message})"
    everything = stderr.decode("utf-8", "replace").lower()
    for needle, hint in FFMPEG_HINTS:
        if needle.lower() in everything:
            return f"cannot be read as {kind.description}: {hint} (ffmpeg: {message})"
    return f"cannot be read as {kind.description} (ffmpeg: {message})"


def first_line(stderr: bytes) -> str:
    for line in stderr.decode("utf-8", "replace").splitlines():
        # ffmpeg prefixes lines with its component ("[mov,mp4 @ 0x5...]") or with the file
        # name, which the error already names
        line = re.sub(r"^\[[^\]]*\]\s*", "", line.strip())
        if line.startswith(("file:", "/")) and ": " in line:
            line = line.split(": ", 1)[1]
        if line:
            return line
    return "no message"
