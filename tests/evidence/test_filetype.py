"""What an uploaded file is, told by its first bytes."""

from __future__ import annotations

import pytest

from forcereview.evidence.filetype import sniff


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_a_transcript_is_text_in_any_of_its_usual_encodings(encoding):
    found = sniff("Officer: Get on the ground!\nDriver: I'm not resisting!\n".encode(encoding))
    assert found is not None and found.kind == "transcript"


def test_bytes_with_zeros_here_and_there_are_no_text():
    assert sniff(bytes(range(256)) * 4) is None


def test_an_mpeg_frame_that_starts_like_a_utf16_mark_is_still_audio():
    import random

    rng = random.Random(4)
    frame = b"\xff\xfe" + bytes(rng.randrange(256) for _ in range(4094))
    found = sniff(frame)
    assert found is not None and found.kind == "audio"
