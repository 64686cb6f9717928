"""Streaming sample-rate conversion in numpy, for files read without ffmpeg.

A windowed-sinc (Kaiser) polyphase filter: each output sample is a weighted sum of the input
samples around its position, with a low-pass cut below the lower of the two Nyquist rates so
downsampling does not fold high frequencies into speech. Blocks may be any size; the output
does not depend on how the input was split.
"""

from __future__ import annotations

from math import ceil, gcd

import numpy as np

TAPS_PER_SIDE = 16  # at the lower rate; enough for speech (stop band below about -60 dB)
KAISER_BETA = 8.0
OUTPUT_STEP = 8192  # output samples computed at once


class Resampler:
    def __init__(self, in_rate: int, out_rate: int):
        if in_rate <= 0 or out_rate <= 0:
            raise ValueError(f"sample rates must be positive, got {in_rate} and {out_rate}")
        common = gcd(in_rate, out_rate)
        self.up, self.down = out_rate // common, in_rate // common
        ratio = min(1.0, out_rate / in_rate)
        self.half = ceil(TAPS_PER_SIDE / ratio)
        offsets = np.arange(-self.half + 1, self.half + 1)  # input taps around floor(t)
        phases = np.arange(self.up) / self.up  # fractional part of t, one filter each
        x = offsets[None, :] - phases[:, None]
        cutoff = 0.95 * ratio
        window = np.kaiser(2 * self.half + 1, KAISER_BETA)
        # Kaiser window evaluated at x (continuous): interpolate the sampled window
        taps = np.sinc(cutoff * x) * cutoff * np.interp(x, np.arange(-self.half, self.half + 1), window)
        self.filters = taps.astype(np.float32)  # (up, 2 * half)
        self.offsets = offsets
        self.history = np.zeros(self.half, dtype=np.float32)  # zeros before the first sample
        self.history_start = -self.half  # input index of history[0]
        self.next_out = 0  # index of the next output sample
        self.consumed = 0  # input samples fed so far

    def feed(self, block: np.ndarray) -> np.ndarray:
        self.history = np.concatenate([self.history, np.asarray(block, dtype=np.float32)])
        self.consumed += len(block)
        return self._emit(last_input=self.consumed - 1 - self.half)

    def flush(self) -> np.ndarray:
        """The remaining output, as if zeros followed the last input sample."""
        total = ceil(self.consumed * self.up / self.down)
        self.history = np.concatenate([self.history, np.zeros(self.half, dtype=np.float32)])
        out = self._emit(last_input=self.consumed - 1, limit=total)
        return out

    def _emit(self, last_input: int, limit: int | None = None) -> np.ndarray:
        # outputs n whose centre floor(n * down / up) <= last_input have all their taps
        stop = (last_input + 1) * self.up
        count = max(0, -(-stop // self.down) - self.next_out)
        if limit is not None:
            count = max(0, min(count, limit - self.next_out))
        out = np.empty(count, dtype=np.float32)
        for first in range(0, count, OUTPUT_STEP):  # bounded temporaries: step x taps
            n = np.arange(first, min(count, first + OUTPUT_STEP), dtype=np.int64) + self.next_out
            position = n * self.down
            centre, phase = position // self.up, position % self.up
            index = centre[:, None] + self.offsets[None, :] - self.history_start
            out[first:first + len(n)] = np.einsum("ij,ij->i", self.history[index], self.filters[phase])
        self.next_out += count
        # keep only the input the next outputs still need
        keep_from = (self.next_out * self.down) // self.up - self.half + 1
        drop = keep_from - self.history_start
        if drop > 0:
            self.history = self.history[drop:]
            self.history_start = keep_from
        return out
