"""Files read without ffmpeg are resampled to 16 kHz in numpy, faithfully and block by block."""

from __future__ import annotations

import numpy as np
import pytest

from forcereview.engine.audio.resample import Resampler

from .media import tone


def resample(samples: np.ndarray, rate: int, block: int) -> np.ndarray:
    resampler = Resampler(rate, 16000)
    pieces = [resampler.feed(samples[i:i + block]) for i in range(0, len(samples), block)]
    return np.concatenate(pieces + [resampler.flush()])


def level_at(samples: np.ndarray, frequency: float) -> float:
    spectrum = np.abs(np.fft.rfft(samples)) / (len(samples) / 2)
    return float(spectrum[round(frequency * len(samples) / 16000)])


@pytest.mark.parametrize("rate", [8000, 22050, 44100, 48000])
def test_speech_band_passes_and_length_follows_the_rate(rate):
    samples = tone(2.0, 1000, 0.5, rate)
    out = resample(samples, rate, 4410)
    assert len(out) == 32000
    assert level_at(out[8000:24000], 1000) == pytest.approx(0.5, abs=0.005)


@pytest.mark.parametrize("rate", [22050, 44100, 48000])
def test_frequencies_above_8_khz_do_not_fold_into_speech(rate):
    out = resample(tone(2.0, 10000, 0.5, rate), rate, 10000)
    # 10 kHz would alias to 6 kHz at 16 kHz; the filter removes it (below -50 dB)
    assert np.sqrt(np.mean(out[2000:-2000] ** 2)) < 0.5 * 10 ** (-50 / 20)


@pytest.mark.parametrize("block", [1, 7, 1000, 44100, 10**6])
def test_the_output_does_not_depend_on_block_sizes(block):
    rng = np.random.default_rng(4)
    samples = rng.uniform(-1, 1, 44100).astype(np.float32)
    reference = resample(samples, 44100, 44100)
    assert np.allclose(resample(samples, 44100, block), reference, atol=1e-6)
