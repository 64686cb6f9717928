"""Reading a loudness track against a transcript: how loud each segment was.

Pure Python (no numpy) so the detectors can use it on the light ``analyze`` path.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..model import LoudnessTrack, Segment

SEGMENT_PERCENTILE = 90  # a segment's level: loud enough to catch a shout, deaf to one bang


def percentile(values: Iterable[float], q: float) -> float | None:
    """The q-th percentile (0..100) with linear interpolation, or None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def segment_windows(track: LoudnessTrack, segment: Segment) -> list[int]:
    """The windows where the segment's words were spoken (its whole span when it has no words).

    Word times are tighter than segment times, which speech-to-text often stretches over the
    pauses around an utterance.
    """
    spans = [(w.start, w.end) for w in segment.words if w.end > w.start]
    if not spans and segment.start is not None and segment.end is not None and segment.end > segment.start:
        spans = [(segment.start, segment.end)]
    windows: set[int] = set()
    for start, end in spans:
        windows.update(track.span(start, end))
    return sorted(windows)


def segment_level(track: LoudnessTrack, segment: Segment) -> float | None:
    """The segment's loudness in dBFS: a high percentile of its 100 ms levels."""
    values = [track.dbfs[i] for i in segment_windows(track, segment)]
    level = percentile(values, SEGMENT_PERCENTILE)
    return None if level is None else round(level, 1)


def clipped_windows(track: LoudnessTrack, segment: Segment) -> int:
    clipped = set(track.clipped)
    return sum(1 for i in segment_windows(track, segment) if i in clipped)
