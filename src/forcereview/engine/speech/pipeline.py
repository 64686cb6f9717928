"""A recording in, a transcript out: decode once, measure loudness on the way, transcribe."""

from __future__ import annotations

import os
from dataclasses import replace

from ..audio import probe
from ..audio.levels import segment_level
from ..model import Transcript
from .backend import Progress, SpeechBackend


def transcribe_path(
    path: str | os.PathLike,
    model: str | os.PathLike | None = None,
    threads: int | None = None,
    progress: Progress | None = None,
    *,
    language: str = "en",
    backend: SpeechBackend | None = None,
) -> Transcript:
    """Transcribe an audio or video file.

    The result carries the loudness track (``Transcript.loudness``), each segment's level
    (``Segment.loudness_dbfs``) and the model and settings used (``Transcript.transcription``).
    Raises ``MediaError`` for a file that is not usable media and ``SpeechError`` (its
    ``ModelNotFound`` among them) when speech-to-text cannot run.
    """
    from ..audio.decode import SAMPLE_RATE, stream_pcm
    from ..audio.loudness import LoudnessMeter
    from .pcm import PcmBuffer
    from .whisper import FasterWhisperBackend

    if backend is None:  # first, so a missing model is reported before any decoding
        backend = FasterWhisperBackend(model, threads=threads)
    info = probe(path)
    meter = LoudnessMeter()
    buffer = PcmBuffer(expected_seconds=info.duration or 0.0)
    for block in stream_pcm(path, info=info):
        meter.feed(block)
        buffer.append(block)
        if progress is not None and info.duration:
            progress("decode", min(1.0, len(buffer) / SAMPLE_RATE / info.duration))
    track = meter.finish()
    transcript = backend.transcribe(buffer.samples(), language=language, progress=progress)
    segments = tuple(replace(s, loudness_dbfs=segment_level(track, s)) for s in transcript.segments)
    return replace(transcript, segments=segments, source=os.fspath(path), loudness=track)
