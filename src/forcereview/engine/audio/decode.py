"""Decode any recording to mono 16 kHz float32 samples, a block at a time.

WAV, FLAC, Ogg, MP3 and AIFF are read with libsndfile (``soundfile``) and resampled in numpy,
so they need no ffmpeg; video containers and everything else stream through an ffmpeg
subprocess. A file that stops well short of the length its header declares is refused as
truncated, as is one ffmpeg cannot read, each with a ``MediaError`` naming file and problem.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator

import numpy as np

from . import tools
from .errors import MediaError
from .probe import MediaInfo, probe, unreadable
from .resample import Resampler
from .sniff import MediaKind, sniff

SAMPLE_RATE = 16000
BLOCK_SECONDS = 10.0

Progress = Callable[[float], None]  # seconds of audio decoded so far


def stream_pcm(
    path: str | os.PathLike,
    *,
    info: MediaInfo | None = None,
    block_seconds: float = BLOCK_SECONDS,
) -> Iterator[np.ndarray]:
    """Yield blocks of mono float32 samples at 16 kHz (the last block may be shorter).

    Raises ``MediaError`` (before the first block, or at the end for a truncated file).
    """
    kind = sniff(path)
    info = info or probe(path)
    block = max(1, int(block_seconds * SAMPLE_RATE))
    if kind.soundfile and (soundfile_opens(path) or tools.find("ffmpeg") is None):
        decoded = yield from stream_soundfile(path, kind, block)
    else:
        decoded = yield from stream_ffmpeg(path, kind, block)
    if decoded == 0:
        raise MediaError(path, "holds no audio samples")
    check_complete(path, info, decoded / SAMPLE_RATE)


def read_pcm(path: str | os.PathLike, *, progress: Progress | None = None) -> np.ndarray:
    """The whole recording as one array (16 kHz mono float32)."""
    blocks = []
    decoded = 0
    for block in stream_pcm(path):
        blocks.append(block)
        decoded += len(block)
        if progress is not None:
            progress(decoded / SAMPLE_RATE)
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)


def soundfile_opens(path: str | os.PathLike) -> bool:
    """Whether libsndfile reads this file (it lacks some codecs inside WAV; ffmpeg has them)."""
    import soundfile

    try:
        soundfile.info(os.fspath(path))
    except (RuntimeError, OSError, ValueError):  # LibsndfileError is a RuntimeError
        return False
    return True


def stream_soundfile(path, kind: MediaKind, block: int) -> Iterator[np.ndarray]:
    import soundfile

    try:
        handle = soundfile.SoundFile(os.fspath(path))
    except (RuntimeError, OSError, ValueError) as exc:
        raise MediaError(path, f"is {kind.description} that is damaged or uses an unsupported codec ({exc})") from None
    decoded = 0
    with handle:
        rate = handle.samplerate
        resampler = None if rate == SAMPLE_RATE else Resampler(rate, SAMPLE_RATE)
        frames = max(1, int(block * rate / SAMPLE_RATE))
        while True:
            try:
                data = handle.read(frames, dtype="float32", always_2d=True)
            except (RuntimeError, OSError, ValueError) as exc:
                raise MediaError(
                    path,
                    f"is truncated or damaged: decoding stops at {decoded / SAMPLE_RATE:.1f} s "
                    f"({str(exc).removeprefix('Error : ').rstrip('.')})",
                ) from None
            if len(data) == 0:
                break
            mono = data[:, 0] if data.shape[1] == 1 else data.mean(axis=1, dtype=np.float32)
            out = mono if resampler is None else resampler.feed(mono)
            if len(out):
                decoded += len(out)
                yield out
        if resampler is not None:
            tail = resampler.flush()
            if len(tail):
                decoded += len(tail)
                yield tail
    return decoded


def stream_ffmpeg(path, kind: MediaKind, block: int) -> Iterator[np.ndarray]:
    ffmpeg = tools.need("ffmpeg", path, f"it is {kind.description}")
    command = [
        ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error",
        "-i", "file:" + os.path.abspath(path),
        "-map", "0:a:0", "-vn", "-sn", "-dn",
        "-ac", "1", "-ar", str(SAMPLE_RATE), "-f", "f32le", "pipe:1",
    ]
    decoded = 0
    with tempfile.TemporaryFile() as errors:  # a file, so a chatty ffmpeg never blocks on a full pipe
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL)
        try:
            carry = b""
            while True:
                chunk = process.stdout.read(block * 4)
                if not chunk:
                    break
                chunk = carry + chunk
                usable = len(chunk) - len(chunk) % 4
                carry = chunk[usable:]
                samples = np.frombuffer(chunk[:usable], dtype="<f4").astype(np.float32)
                if len(samples):
                    decoded += len(samples)
                    yield samples
            returncode = process.wait()
        finally:
            if process.poll() is None:  # the reader stopped early
                process.kill()
                process.wait()
            process.stdout.close()
        errors.seek(0)
        stderr = errors.read()
    if returncode != 0:
        raise MediaError(path, unreadable(kind, stderr))
    if decoded == 0 and stderr.strip():
        raise MediaError(path, unreadable(kind, stderr))
    return decoded


def check_complete(path, info: MediaInfo, decoded_seconds: float) -> None:
    """Refuse a file that ends well before the duration its header declares."""
    expected = info.duration
    if expected is None or expected <= 0:
        return
    missing = expected - decoded_seconds
    slack = max(2.0, 0.05 * expected) if info.duration_from_container else max(0.5, 0.02 * expected)
    if missing > slack:
        what = "of recording" if info.duration_from_container else "of audio"
        raise MediaError(
            info.path,
            f"is truncated: it declares {expected:.1f} s {what} but only "
            f"{decoded_seconds:.1f} s of audio could be decoded",
        )

