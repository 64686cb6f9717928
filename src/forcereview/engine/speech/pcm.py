"""A growing array of samples that does not copy the whole recording on every block."""

from __future__ import annotations

import numpy as np

SAMPLE_RATE = 16000


class PcmBuffer:
    def __init__(self, expected_seconds: float = 0.0):
        # room for the declared length plus a little: decoders round lengths up
        self.data = np.empty(int(expected_seconds * SAMPLE_RATE) + SAMPLE_RATE, dtype=np.float32)
        self.size = 0

    def __len__(self) -> int:
        return self.size

    def append(self, block: np.ndarray) -> None:
        needed = self.size + len(block)
        if needed > len(self.data):
            grown = np.empty(max(needed, int(len(self.data) * 1.5)), dtype=np.float32)
            grown[: self.size] = self.data[: self.size]
            self.data = grown
        self.data[self.size:needed] = block
        self.size = needed

    def samples(self) -> np.ndarray:
        return self.data[: self.size]

    def drop(self, count: int) -> None:
        """Forget the first ``count`` samples (moving the rest to the front)."""
        rest = self.size - count
        self.data[:rest] = self.data[count:self.size]
        self.size = rest
