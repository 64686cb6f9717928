"""The loudness track: RMS level in dBFS every 100 ms, computed while the audio streams by.

Memory stays flat whatever the length: the meter keeps one partial window between blocks and
one float per finished window (36,000 for an hour).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np

from ..model import LoudnessTrack
from .decode import SAMPLE_RATE, stream_pcm

WINDOW_SECONDS = 0.1
CLIP_LEVEL = 0.99  # a sample this close to full scale is at the limit of the recording
CLIP_SAMPLES = 3  # a window with this many such samples is clipped, not just a sharp peak


class LoudnessMeter:
    """Feed blocks of samples in order; ``finish()`` gives the track."""

    def __init__(self, sample_rate: int = SAMPLE_RATE, window: float = WINDOW_SECONDS):
        self.window = window
        self.size = max(1, round(sample_rate * window))
        self.pending = np.zeros(0, dtype=np.float32)
        self.levels: list[np.ndarray] = []
        self.clipped: list[np.ndarray] = []
        self.windows = 0

    def feed(self, samples: np.ndarray) -> None:
        data = np.concatenate([self.pending, np.asarray(samples, dtype=np.float32)])
        whole = len(data) // self.size
        if whole:
            frames = data[: whole * self.size].reshape(whole, self.size)
            self._measure(frames)
        self.pending = data[whole * self.size:].copy()

    def finish(self) -> LoudnessTrack:
        if len(self.pending):  # a last, shorter window
            self._measure(self.pending[None, :])
            self.pending = np.zeros(0, dtype=np.float32)
        levels = np.concatenate(self.levels) if self.levels else np.zeros(0)
        clipped = np.concatenate(self.clipped) if self.clipped else np.zeros(0, dtype=np.int64)
        return LoudnessTrack(
            dbfs=tuple(round(float(v), 2) for v in levels),
            window=self.window,
            clipped=tuple(int(i) for i in clipped),
        )

    def _measure(self, frames: np.ndarray) -> None:
        mean_square = np.einsum("ij,ij->i", frames, frames, dtype=np.float64) / frames.shape[1]
        with np.errstate(divide="ignore"):
            dbfs = 10.0 * np.log10(mean_square)
        # a full-scale sine reads -3 dBFS RMS; silence reads the floor instead of -inf
        self.levels.append(np.maximum(dbfs, LoudnessTrack.SILENCE_DBFS))
        at_limit = np.count_nonzero(np.abs(frames) >= CLIP_LEVEL, axis=1)
        self.clipped.append(np.flatnonzero(at_limit >= CLIP_SAMPLES) + self.windows)
        self.windows += frames.shape[0]


def loudness_track(
    path: str | os.PathLike,
    *,
    progress: Callable[[float], None] | None = None,
) -> LoudnessTrack:
    """The loudness track of a recording, decoded a block at a time."""
    meter = LoudnessMeter()
    done = 0
    for block in stream_pcm(path):
        meter.feed(block)
        done += len(block)
        if progress is not None:
            progress(done / SAMPLE_RATE)
    return meter.finish()
