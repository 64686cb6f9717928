"""A speech-to-text transcript survives being stored as JSON and read back, field for field."""

from __future__ import annotations

import json

import pytest

from forcereview.engine.model import LoudnessTrack, Segment, Transcript, TranscriptionInfo, Word
from forcereview.engine.speech.serialize import transcript_from_dict, transcript_to_dict


def transcript() -> Transcript:
    return Transcript(
        segments=(
            Segment(0, "Get on the ground!", 1.0, 2.5, "Ofc. Miller", "officer",
                    words=(Word("Get", 1.0, 1.2, 0.91), Word("on", 1.2, 1.3, 0.99),
                           Word("the", 1.3, 1.4, None), Word("ground!", 1.4, 2.5, 0.87)),
                    loudness_dbfs=-9.5),
            Segment(1, "She is not a threat.", 3.0, 4.0, None, "unknown", events=("crying",)),
        ),
        source="/evidence/ab/cd.mp4",
        format="asr",
        speakers={"Ofc. Miller": "officer"},
        loudness=LoudnessTrack(dbfs=(-100.0, -30.5, -9.25), clipped=(2,)),
        transcription=TranscriptionInfo(backend="faster-whisper", model="tiny.en", compute_type="int8",
                                        cpu_threads=2, beam_size=1, vad_filter=True, duration=4.1, elapsed=0.3),
    )


def test_a_transcript_round_trips_through_json():
    original = transcript()
    stored = json.loads(json.dumps(transcript_to_dict(original)))
    assert transcript_from_dict(stored) == original
    assert stored["segments"][0]["words"][3] == {"word": "ground!", "start": 1.4, "end": 2.5, "probability": 0.87}
    assert stored["transcription"]["model"] == "tiny.en"


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.pop("segments"), "an object with a 'segments' list"),
        (lambda d: d["segments"][1].update(role="witness"), r"segments\[1\]\.role: 'witness' is not one of"),
        (lambda d: d["segments"][0]["words"][0].update(start="soon"), r"segments\[0\]: times, words and loudness"),
        (lambda d: d["loudness"].pop("dbfs"), "loudness: needs 'dbfs'"),
        (lambda d: d["transcription"].update(colour="red"), "transcription: .*colour"),
        (lambda d: d.update(version=9), "version 9 is not 1"),
    ],
)
def test_a_damaged_stored_transcript_names_the_field(change, message):
    data = json.loads(json.dumps(transcript_to_dict(transcript())))
    change(data)
    with pytest.raises(ValueError, match=message):
        transcript_from_dict(data)
