"""shouting.v1: an officer's segment well above the recording's typical speech level."""

from __future__ import annotations

import pytest

from forcereview.engine.audio import shouting
from forcereview.engine.model import LoudnessTrack, Segment, Transcript


def recording(levels: dict[tuple[float, float], float], seconds: float = 30.0, clipped=()) -> LoudnessTrack:
    """A track at silence except the given (start, end) spans at the given level."""
    dbfs = [LoudnessTrack.SILENCE_DBFS] * int(seconds * 10)
    for (start, end), level in levels.items():
        for i in range(int(start * 10), int(end * 10)):
            dbfs[i] = level
    return LoudnessTrack(dbfs=tuple(dbfs), clipped=tuple(clipped))


def scene(talk: float, shout: float, *, shouter: str = "officer", clipped=()) -> Transcript:
    """Ten seconds of talk at ``talk`` dBFS, then a 2 s command at ``shout`` dBFS."""
    segments = (
        Segment(0, "Good evening, I stopped you for a broken tail light.", 0.0, 4.0, "Ofc. Miller", "officer"),
        Segment(1, "Okay, here is my license.", 4.0, 7.0, "Driver", "subject"),
        Segment(2, "Why do you need me out of the car?", 7.0, 10.0, "Driver", "subject"),
        Segment(3, "Get on the ground now!", 10.0, 12.0, "Ofc. Miller", shouter),
    )
    track = recording({(0, 10): talk, (10, 12): shout}, clipped=clipped)
    return Transcript(segments=segments, loudness=track)


@pytest.mark.parametrize("talk, shout", [(-42.0, -30.0), (-25.0, -12.0), (-14.0, -7.5)])
def test_a_shouted_officer_command_is_escalation_in_quiet_and_loud_recordings(talk, shout):
    signals = shouting.detect(scene(talk, shout))
    assert len(signals) == 1
    signal = signals[0]
    assert (signal.category, signal.detector, signal.role, signal.speaker) == (
        "officer_escalation", "shouting.v1", "officer", "Ofc. Miller")
    assert (signal.start, signal.end, signal.text, signal.segment) == (10.0, 12.0, "Get on the ground now!", 3)
    assert signal.explanation == (
        f"Shouted: the officer's voice reaches {shout:.1f} dBFS, {shout - talk:.1f} dB above this "
        f"recording's typical speech level ({talk:.1f} dBFS)."
    )


@pytest.mark.parametrize("talk, shout", [(-30.0, -24.0), (-25.0, -17.0), (-50.0, -36.0)])
def test_ordinary_emphasis_and_quiet_recordings_are_not_shouting(talk, shout):
    # 6 dB and 8 dB louder is emphasis; 14 dB above a whisper is still below the floor
    assert shouting.detect(scene(talk, shout)) == []


def test_only_an_officers_voice_counts():
    assert shouting.detect(scene(-30.0, -12.0, shouter="subject")) == []
    assert shouting.detect(scene(-30.0, -12.0, shouter="unknown")) == []


def test_clipping_lowers_the_bar_because_the_true_level_was_higher():
    windows = range(100, 120)
    plain = shouting.detect(scene(-20.0, -15.0))
    clipped = shouting.detect(scene(-20.0, -15.0, clipped=windows))
    assert plain == []
    assert len(clipped) == 1 and clipped[0].explanation.endswith(
        "; the audio clips here, so the real level was higher.")


def test_too_little_speech_gives_no_baseline_and_no_signal():
    segments = (Segment(0, "Get on the ground!", 0.0, 1.5, "Ofc. Miller", "officer"),)
    track = recording({(0, 1.5): -10.0}, seconds=2.0)
    assert shouting.detect(Transcript(segments=segments, loudness=track)) == []


def test_segment_levels_alone_are_enough_without_a_track():
    segments = tuple(
        Segment(i, text, float(i), i + 1.0, speaker, role, loudness_dbfs=level)
        for i, (text, speaker, role, level) in enumerate([
            ("License please.", "Ofc. Miller", "officer", -28.0),
            ("Here you go.", "Driver", "subject", -30.0),
            ("What is this about?", "Driver", "subject", -29.0),
            ("Hands behind your back!", "Ofc. Miller", "officer", -14.0),
        ])
    )
    signals = shouting.detect(Transcript(segments=segments))
    assert [s.text for s in signals] == ["Hands behind your back!"]
    assert "14.5 dB above this recording's typical speech level (-28.5 dBFS)" in signals[0].explanation
