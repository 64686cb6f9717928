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
    assert stages[-2:] == [("decode", 1.0), ("transcribe", 1.0)]


def test_a_bad_file_is_refused_before_speech_to_text_runs(tmp_path):
    path = tmp_path / "statement.mp4"
    path.write_text("I saw the officer push her.\n")
    backend = ScriptedBackend([])
    with pytest.raises(MediaError, match=r"statement\.mp4: is a text file, not an audio or video file"):
        transcribe_path(path, backend=backend)
    assert backend.received is None
