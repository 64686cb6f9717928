"""The loudness track: RMS dBFS every 100 ms, streamed, with clipping marked."""

from __future__ import annotations

import numpy as np
import pytest

from forcereview.engine.audio.loudness import LoudnessMeter, loudness_track
from forcereview.engine.model import LoudnessTrack

from .media import tone, write_wav


def test_levels_every_100_ms_in_dbfs(tmp_path):
    quiet, loud = tone(1.0, 440, 0.05), tone(1.0, 440, 0.5)
    path = write_wav(tmp_path / "steps.wav", np.concatenate([np.zeros(8000), quiet, loud]))

    track = loudness_track(path)

    assert track.window == 0.1 and len(track.dbfs) == 25 and track.duration == pytest.approx(2.5)
    assert track.dbfs[:5] == (LoudnessTrack.SILENCE_DBFS,) * 5
    # a sine of amplitude A reads 20*log10(A) - 3.01 dBFS
    assert all(v == pytest.approx(-29.03, abs=0.05) for v in track.dbfs[5:15])
    assert all(v == pytest.approx(-9.03, abs=0.05) for v in track.dbfs[15:25])
    assert track.clipped == ()


def test_clipped_windows_are_marked_and_single_peaks_are_not():
    meter = LoudnessMeter()
    clipped = np.clip(tone(0.2, 300, 2.0), -1, 1)  # a clipped shout
    peak = np.zeros(1600)
    peak[800] = 1.0  # one sharp click
    meter.feed(np.concatenate([tone(0.2, 300, 0.2), clipped, peak]))
    track = meter.finish()
    assert track.clipped == (2, 3)


def test_the_track_does_not_depend_on_how_the_samples_arrive():
    rng = np.random.default_rng(1)
    samples = (rng.standard_normal(16000 * 3 + 555) * 0.1).astype(np.float32)
    whole, pieces = LoudnessMeter(), LoudnessMeter()
    whole.feed(samples)
    for start in range(0, len(samples), 1234):
        pieces.feed(samples[start:start + 1234])
    assert whole.finish() == pieces.finish()


def test_a_short_last_window_is_measured_on_its_own_samples():
    meter = LoudnessMeter()
    meter.feed(tone(0.25, 440, 0.5))
    track = meter.finish()
    assert len(track.dbfs) == 3
    assert track.dbfs[2] == pytest.approx(-9.03, abs=0.2)


def test_the_span_of_a_time_range_covers_every_window_it_touches():
    track = LoudnessTrack(dbfs=(-30.0,) * 10)
    assert list(track.span(0.05, 0.25)) == [0, 1, 2]
    assert list(track.span(0.2, 0.3)) == [2]
    assert list(track.span(0.95, 5.0)) == [9]
    assert list(track.span(2.0, 3.0)) == []
