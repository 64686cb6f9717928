"""Any recording decodes to mono 16 kHz float32; broken ones are refused with a clear reason."""

from __future__ import annotations

import re

import numpy as np
import pytest
import soundfile

from forcereview.engine.audio import MediaError, ToolMissing, probe, tools
from forcereview.engine.audio.decode import SAMPLE_RATE, read_pcm, stream_pcm
from tests.conftest import require_tool

from .media import cut, silent_video, tone, video_of, write_wav


def dominant_frequency(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.fft.rfftfreq(len(samples), 1 / SAMPLE_RATE)[spectrum.argmax()])


@pytest.fixture
def no_ffmpeg(monkeypatch):
    real = tools.find
    monkeypatch.setattr(tools, "find", lambda tool: None if tool in {"ffmpeg", "ffprobe"} else real(tool))


def test_stereo_44k_wav_decodes_to_mono_16k_without_ffmpeg(tmp_path, no_ffmpeg):
    stereo = np.stack([tone(2.0, 1000, 0.5, 44100), tone(2.0, 1000, 0.5, 44100)], axis=1)
    path = write_wav(tmp_path / "stereo.wav", stereo, rate=44100)

    info = probe(path)
    samples = read_pcm(path)

    assert (info.kind, info.sample_rate, info.channels, info.duration) == ("wav", 44100, 2, 2.0)
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert len(samples) == 2 * SAMPLE_RATE
    assert dominant_frequency(samples) == pytest.approx(1000, abs=2)
    assert np.sqrt(np.mean(samples[1000:-1000] ** 2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.01)


def test_decoding_streams_in_blocks(tmp_path):
    path = write_wav(tmp_path / "long.wav", tone(25.0))
    blocks = list(stream_pcm(path, block_seconds=10.0))
    assert [len(b) for b in blocks] == [160000, 160000, 80000]


def test_a_video_file_needs_ffmpeg_and_says_how_to_install_it(tmp_path, no_ffmpeg):
    path = tmp_path / "bodycam.mp4"
    path.write_bytes(b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00" + bytes(64))
    with pytest.raises(ToolMissing) as refused:
        probe(path)
    assert str(path) in str(refused.value)
    assert "apt-get install ffmpeg" in str(refused.value)
    with pytest.raises(ToolMissing, match="apt-get install ffmpeg"):
        list(stream_pcm(path, info=probe_stub(path)))


def probe_stub(path):
    from forcereview.engine.audio.probe import MediaInfo

    return MediaInfo(path=str(path), kind="mp4", size=1, duration=None, sample_rate=None, channels=None, codec=None)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["clip.mp4", "clip.mkv"])
def test_video_containers_decode_their_sound_track(tmp_path, name):
    audio = write_wav(tmp_path / "a.wav", tone(3.0, 700, 0.3))
    video = video_of(audio, tmp_path / name)

    info = probe(video)
    samples = read_pcm(video)

    assert info.has_video and info.codec == "aac" and info.duration == pytest.approx(3.0, abs=0.1)
    assert len(samples) / SAMPLE_RATE == pytest.approx(3.0, abs=0.1)
    assert dominant_frequency(samples[SAMPLE_RATE:2 * SAMPLE_RATE]) == pytest.approx(700, abs=2)


@pytest.mark.parametrize("name", ["a.flac", "a.mp3", "a.ogg"])
def test_flac_mp3_and_ogg_decode_without_ffmpeg(tmp_path, no_ffmpeg, name):
    soundfile.write(tmp_path / name, tone(2.0, 500, 0.3, 22050).astype(np.float32), 22050)
    samples = read_pcm(tmp_path / name)
    assert len(samples) / SAMPLE_RATE == pytest.approx(2.0, abs=0.1)
    assert dominant_frequency(samples) == pytest.approx(500, abs=2)


@pytest.mark.slow
def test_truncated_videos_are_refused(tmp_path):
    audio = write_wav(tmp_path / "a.wav", tone(4.0, 700, 0.3))
    plain = cut(video_of(audio, tmp_path / "plain.mp4"), tmp_path / "plain-cut.mp4")
    streamable = cut(video_of(audio, tmp_path / "fast.mp4", faststart=True), tmp_path / "fast-cut.mp4")
    matroska = cut(video_of(audio, tmp_path / "clip.mkv"), tmp_path / "clip-cut.mkv")

    with pytest.raises(MediaError) as refused:
        probe(plain)
    assert str(refused.value).startswith(f"{plain}: cannot be read as an MP4/QuickTime video: the file is incomplete")
    for path in (streamable, matroska):
        with pytest.raises(MediaError) as refused:
            list(stream_pcm(path))
        assert re.fullmatch(
            re.escape(f"{path}: is truncated: it declares ") + r"4\.[01] s of (audio|recording) but only [12]\.\d s of audio could be decoded",
            str(refused.value),
        ), refused.value


def test_a_truncated_flac_is_refused(tmp_path):
    soundfile.write(tmp_path / "a.flac", tone(30.0, 500, 0.3).astype(np.float32), SAMPLE_RATE)
    damaged = cut(tmp_path / "a.flac", tmp_path / "cut.flac")
    with pytest.raises(MediaError) as refused:
        read_pcm(damaged)
    assert str(refused.value).startswith(f"{damaged}: is truncated")


def test_a_video_without_sound_is_refused(tmp_path):
    video = silent_video(tmp_path / "silent.mp4")
    with pytest.raises(MediaError, match=r"silent\.mp4: is an MP4/QuickTime video with no audio track"):
        probe(video)


@pytest.mark.parametrize("name", ["notes.mp4", "empty.mp4"])
def test_text_and_empty_files_named_mp4_are_refused(tmp_path, name):
    path = tmp_path / name
    path.write_text("" if name == "empty.mp4" else "Officer Miller: stop resisting\n")
    with pytest.raises(MediaError) as refused:
        list(stream_pcm(path))
    assert refused.value.path == str(path)
    assert refused.value.problem in {"is empty (0 bytes)", "is a text file, not an audio or video file"}


def test_unrecognised_binary_is_refused_by_ffmpeg_in_plain_words(tmp_path):
    require_tool("ffprobe")
    path = tmp_path / "mystery.dat"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(MediaError, match=r"mystery\.dat: is not an audio or video file"):
        probe(path)
