"""A recording in, a transcript out: decode once, measure loudness on the way, transcribe.

Long recordings are transcribed a piece at a time (``CHUNK_SECONDS``, cut at the quietest
moment near the end of each piece), so memory stays bounded whatever the length: holding an
hour whole would cost the speech-to-text model several gigabytes.
"""

from __future__ import annotations

import os
from dataclasses import replace

from ..audio import probe
from ..audio.levels import segment_level
from ..model import Segment, Transcript, Word
from .backend import Progress, SpeechBackend

SAMPLE_RATE = 16000
CHUNK_SECONDS = 180.0
CUT_SEARCH_SECONDS = 20.0  # look this far either side of a piece's end for a pause to cut in
CUT_WINDOW_SECONDS = 0.1


def transcribe_path(
    path: str | os.PathLike,
    model: str | os.PathLike | None = None,
    threads: int | None = None,
    progress: Progress | None = None,
    *,
    language: str = "en",
    backend: SpeechBackend | None = None,
    chunk_seconds: float = CHUNK_SECONDS,
) -> Transcript:
    """Transcribe an audio or video file.

    The result carries the loudness track (``Transcript.loudness``), each segment's level
    (``Segment.loudness_dbfs``) and the model and settings used (``Transcript.transcription``).
    ``progress(stage, fraction)`` reports the stage ("load" the model, "decode" the audio,
    "transcribe") and how much of the recording is done.
    Raises ``MediaError`` for a file that is not usable media and ``SpeechError`` (its
    ``ModelNotFound`` among them) when speech-to-text cannot run.
    """
    from ..audio.decode import stream_pcm
    from ..audio.loudness import LoudnessMeter
    from .pcm import PcmBuffer
    from .whisper import FasterWhisperBackend

    if backend is None:  # first, so a missing model is reported before any decoding
        if progress is not None:
            progress("load", 0.0)
        backend = FasterWhisperBackend(model, threads=threads)
    info = probe(path)
    if progress is not None:
        progress("decode", 0.0)
    total = info.duration or 0.0
    chunk = max(1, int(chunk_seconds * SAMPLE_RATE))
    search = int(min(CUT_SEARCH_SECONDS, chunk_seconds / 4) * SAMPLE_RATE)
    meter = LoudnessMeter()
    buffer = PcmBuffer(expected_seconds=min(total, chunk_seconds * 1.5))
    pieces: list[Transcript] = []
    offset = 0  # samples before the buffer's first one

    def transcribe(samples) -> None:
        start = offset / SAMPLE_RATE
        report = None
        if progress is not None and total:
            def report(stage: str, fraction: float) -> None:
                progress(stage, min(1.0, (start + fraction * len(samples) / SAMPLE_RATE) / total))

            report("transcribe", 0.0)  # the stage changes now, whenever the backend first reports
        piece = backend.transcribe(samples, language=language, progress=report)
        pieces.append(shifted(piece, start))

    for block in stream_pcm(path, info=info):
        meter.feed(block)
        buffer.append(block)
        while len(buffer) >= chunk + search:
            cut = quiet_cut(buffer.samples(), chunk, search)
            transcribe(buffer.samples()[:cut])
            buffer.drop(cut)
            offset += cut
    if len(buffer) or not pieces:
        transcribe(buffer.samples())
    if progress is not None:
        progress("transcribe", 1.0)
    track = meter.finish()
    transcript = joined(pieces)
    segments = tuple(replace(s, loudness_dbfs=segment_level(track, s)) for s in transcript.segments)
    return replace(transcript, segments=segments, source=os.fspath(path), loudness=track)


def quiet_cut(samples, chunk: int, search: int) -> int:
    """Where to end a piece: the middle of the quietest 100 ms within ``search`` samples either
    side of ``chunk``. Cutting in a pause keeps words whole."""
    import numpy as np

    window = int(CUT_WINDOW_SECONDS * SAMPLE_RATE)
    first = max(0, chunk - search)
    last = min(len(samples), chunk + search)
    count = (last - first) // window
    if count < 1:
        return min(len(samples), chunk)
    frames = samples[first:first + count * window].reshape(count, window)
    energy = np.einsum("ij,ij->i", frames, frames)
    return first + int(energy.argmin()) * window + window // 2


def shifted(piece: Transcript, seconds: float) -> Transcript:
    if not seconds:
        return piece

    def move(value):
        return None if value is None else round(value + seconds, 3)

    return replace(piece, segments=tuple(
        replace(s, start=move(s.start), end=move(s.end),
                words=tuple(Word(w.text, move(w.start), move(w.end), w.probability) for w in s.words))
        for s in piece.segments
    ))


def joined(pieces: list[Transcript]) -> Transcript:
    """One transcript from consecutive pieces: segments renumbered, times and durations summed."""
    segments: list[Segment] = []
    for piece in pieces:
        segments.extend(replace(s, index=len(segments)) for s in piece.segments)
    first = pieces[0]
    info = first.transcription
    if info is not None and len(pieces) > 1:
        durations = [p.transcription.duration for p in pieces if p.transcription and p.transcription.duration]
        elapsed = [p.transcription.elapsed for p in pieces if p.transcription and p.transcription.elapsed]
        info = replace(info, duration=round(sum(durations), 3), elapsed=round(sum(elapsed), 3))
    return replace(first, segments=tuple(segments), transcription=info)
