"""``shouting.v1``: an officer's voice well above the recording's usual speech level.

Body cameras record at very different gains, so the test is relative: a segment is shouted
when its level (a high percentile of its 100 ms levels) stands ``MARGIN_DB`` above the
median level of all speech in the same recording. Three guards keep it honest:

- an absolute floor: nothing quieter than ``FLOOR_DBFS`` is a shout, however quiet the rest;
- headroom: in a loud recording the threshold stops at ``CEILING_DBFS`` (while still asking
  ``MIN_MARGIN_DB`` above typical), because RMS cannot climb far past it;
- clipping: a segment whose samples hit full scale was louder than the file could hold, so a
  smaller margin (``CLIPPED_MARGIN_DB``) is enough.

Screaming and crying written in the transcript are events found by the text detectors; this
detector only adds what the audio tells.
"""

from __future__ import annotations

from ..model import LoudnessTrack, Segment, Signal, Transcript
from .levels import clipped_windows, percentile, segment_level, segment_windows

NAME = "shouting.v1"
MARGIN_DB = 10.0
MIN_MARGIN_DB = 6.0
CEILING_DBFS = -8.0
FLOOR_DBFS = -30.0
CLIPPED_MARGIN_DB = 3.0
CLIPPED_MIN_WINDOWS = 2
SPEECH_GATE_DBFS = -70.0  # quieter windows between words are pauses, not speech
MIN_SPEECH_WINDOWS = 20  # two seconds of speech before "typical" means anything
MIN_SEGMENTS = 3  # without a track, the typical level needs this many measured segments


def detect(transcript: Transcript, context=None) -> list[Signal]:
    typical = typical_speech_level(transcript)
    if typical is None:
        return []
    threshold = shout_threshold(typical)
    signals = []
    for segment in transcript.segments:
        if segment.role != "officer":
            continue
        level = level_of(transcript.loudness, segment)
        if level is None:
            continue
        clipped = clipped_windows(transcript.loudness, segment) if transcript.loudness else 0
        is_clipped = clipped >= CLIPPED_MIN_WINDOWS
        if level >= threshold or (is_clipped and level >= max(FLOOR_DBFS, typical + CLIPPED_MARGIN_DB)):
            signals.append(shout(segment, level, typical, is_clipped))
    return signals


def shout_threshold(typical: float) -> float:
    return max(FLOOR_DBFS, min(typical + MARGIN_DB, max(typical + MIN_MARGIN_DB, CEILING_DBFS)))


def typical_speech_level(transcript: Transcript) -> float | None:
    """The median level of speech in this recording, in dBFS, or None when too little is known."""
    track = transcript.loudness
    if track is not None:
        windows: set[int] = set()
        for segment in transcript.segments:
            windows.update(segment_windows(track, segment))
        levels = [track.dbfs[i] for i in windows if track.dbfs[i] > SPEECH_GATE_DBFS]
        if len(levels) >= MIN_SPEECH_WINDOWS:
            return percentile(levels, 50)
        return None
    levels = [s.loudness_dbfs for s in transcript.segments if s.loudness_dbfs is not None]
    return percentile(levels, 50) if len(levels) >= MIN_SEGMENTS else None


def level_of(track: LoudnessTrack | None, segment: Segment) -> float | None:
    if segment.loudness_dbfs is not None:
        return segment.loudness_dbfs
    return segment_level(track, segment) if track is not None else None


def shout(segment: Segment, level: float, typical: float, clipped: bool) -> Signal:
    explanation = (
        f"Shouted: the officer's voice reaches {level:.1f} dBFS, {level - typical:.1f} dB above "
        f"this recording's typical speech level ({typical:.1f} dBFS)"
    )
    if clipped:
        explanation += "; the audio clips here, so the real level was higher"
    return Signal(
        category="officer_escalation",
        start=segment.start,
        end=segment.end,
        speaker=segment.speaker,
        role=segment.role,
        text=segment.text,
        detector=NAME,
        explanation=explanation + ".",
        segment=segment.index,
    )
