"""transcribe_path decodes once, measures loudness on the way and gives each segment its level.

The speech-to-text backend is replaced here (an edge); the real model has its own slow test.
"""

from __future__ import annotations

import numpy as np
import pytest

from forcereview.engine.audio import MediaError
from forcereview.engine.model import Segment, Transcript, TranscriptionInfo, Word
from forcereview.engine.speech import SpeechBackend, transcribe_path

from .media import tone, write_wav


class ScriptedBackend:
    """Answers with fixed segments and records what it was given."""

    name = "scripted"

    def __init__(self, segments):
        self.segments = segments
        self.received = None

    def transcribe(self, audio, *, language="en", progress=None):
        self.received = audio
        if progress is not None:
            progress("transcribe", 1.0)
        return Transcript(
            segments=tuple(self.segments),
            format="asr",
            transcription=TranscriptionInfo(backend=self.name, model="script", language=language),
        )


def test_segments_get_their_loudness_and_the_transcript_keeps_track_and_settings(tmp_path):
    # 1 s at amplitude 0.05, then 1 s at 0.5: levels -29 and -9 dBFS
    path = write_wav(tmp_path / "talk.wav", np.concatenate([tone(1.0, 300, 0.05), tone(1.0, 300, 0.5)]))
    backend = ScriptedBackend([
        Segment(0, "Sir, step out of the car.", 0.0, 1.0,
                words=(Word("Sir,", 0.1, 0.3), Word("step", 0.3, 0.6), Word("out", 0.6, 0.9))),
        Segment(1, "Get on the ground!", 1.0, 2.0),
    ])
    stages = []

    transcript = transcribe_path(path, backend=backend, progress=lambda stage, done: stages.append((stage, done)))

    assert isinstance(backend, SpeechBackend)
    assert isinstance(backend.received, np.ndarray) and len(backend.received) == 32000
    assert [s.loudness_dbfs for s in transcript.segments] == [pytest.approx(-29.0, abs=0.1), pytest.approx(-9.0, abs=0.1)]
    assert [s.text for s in transcript.segments] == ["Sir, step out of the car.", "Get on the ground!"]
    assert transcript.source == str(path) and transcript.format == "asr"
    assert len(transcript.loudness.dbfs) == 20
    assert transcript.transcription.model == "script"
    assert stages[0] == ("decode", 0.0) and stages[-1] == ("transcribe", 1.0)
    assert [stage for stage, _ in stages] == ["decode"] + ["transcribe"] * (len(stages) - 1)


def test_a_bad_file_is_refused_before_speech_to_text_runs(tmp_path):
    path = tmp_path / "statement.mp4"
    path.write_text("I saw the officer push her.\n")
    backend = ScriptedBackend([])
    with pytest.raises(MediaError, match=r"statement\.mp4: is a text file, not an audio or video file"):
        transcribe_path(path, backend=backend)
    assert backend.received is None


class PieceBackend:
    """One segment per piece it is given, spanning the piece, so the joins can be checked."""

    name = "pieces"

    def __init__(self):
        self.lengths = []

    def transcribe(self, audio, *, language="en", progress=None):
        self.lengths.append(len(audio))
        seconds = len(audio) / 16000
        number = len(self.lengths)
        return Transcript(
            segments=(Segment(0, f"piece {number}", 0.0, seconds, words=(Word("piece", 0.0, seconds),)),),
            transcription=TranscriptionInfo(backend=self.name, model="m", duration=seconds, elapsed=0.5),
        )


def test_a_long_recording_is_transcribed_in_pieces_cut_in_pauses(tmp_path):
    # tone with pauses at 9.5-9.8 s and 19.2-19.5 s; pieces of about 10 s are asked for
    audio = np.concatenate([tone(9.5, 300, 0.3), np.zeros(4800), tone(9.4, 300, 0.3), np.zeros(4800),
                            tone(5.0, 300, 0.3)])
    path = write_wav(tmp_path / "long.wav", audio)
    backend = PieceBackend()
    stages = []

    transcript = transcribe_path(path, backend=backend, chunk_seconds=10.0,
                                 progress=lambda stage, done: stages.append(done))

    assert sum(backend.lengths) == len(audio)
    cuts = np.cumsum(backend.lengths)[:-1] / 16000
    assert cuts == pytest.approx([9.55, 19.3], abs=0.06)  # inside the pauses
    assert [s.index for s in transcript.segments] == [0, 1, 2]
    assert [s.text for s in transcript.segments] == ["piece 1", "piece 2", "piece 3"]
    assert [s.start for s in transcript.segments] == pytest.approx([0.0, cuts[0], cuts[1]], abs=0.001)
    assert transcript.segments[1].words[0].start == transcript.segments[1].start
    assert transcript.transcription.duration == pytest.approx(len(audio) / 16000, abs=0.01)
    assert transcript.transcription.elapsed == 1.5
    assert stages == sorted(stages) and stages[-1] == 1.0
