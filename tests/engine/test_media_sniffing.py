"""The kind of a file is told from its content; anything else is refused by name and reason."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forcereview.engine.audio import MediaError, is_media, sniff
from forcereview.engine.audio.sniff import kind_of

from .media import tone, write_wav


@pytest.mark.parametrize(
    "head, kind",
    [
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "wav"),
        (b"RIFF\x24\x00\x00\x00AVI LIST", "avi"),
        (b"fLaC\x00\x00\x00\x22", "flac"),
        (b"OggS\x00\x02\x00\x00", "ogg"),
        (b"ID3\x04\x00\x00\x00\x00", "mp3"),
        (b"\xff\xfb\x90\x64\x00\x00", "mp3"),
        (b"\xff\xf1\x50\x80\x00\x1f", "aac"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", "mp4"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "m4a"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81", "matroska"),
        (b"FORM\x00\x00\x10\x00AIFFCOMM", "aiff"),
        (b"\x00\x00\x01\xba\x44\x00\x04\x00", "mpeg-ps"),
        (b"#!AMR\n", "amr"),
        (b"\x47" + bytes(187) + b"\x47" + bytes(187) + b"\x47" + bytes(10), "mpeg-ts"),
    ],
)
def test_media_kind_is_read_from_the_first_bytes(head, kind):
    assert kind_of(head).name == kind


@pytest.mark.parametrize(
    "content, says",
    [
        (b"WEBVTT\n\n00:00.000 --> 00:01.000\nStop resisting\n", "is a text file"),
        ("Officer: stop resisting\n".encode("utf-16"), "is a text file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "is a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image"),
    ],
)
def test_a_file_that_is_not_media_is_refused_whatever_its_name(tmp_path, content, says):
    path = tmp_path / "bodycam.mp4"
    path.write_bytes(content)
    with pytest.raises(MediaError) as refused:
        sniff(path)
    assert str(refused.value).startswith(f"{path}: {says}")
    assert refused.value.problem.endswith("not an audio or video file")
    assert not is_media(path)


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    with pytest.raises(MediaError, match=r"empty\.wav: is empty \(0 bytes\)"):
        sniff(path)


def test_a_missing_file_and_a_folder_are_refused(tmp_path):
    with pytest.raises(MediaError, match=r"nowhere\.wav: file not found"):
        sniff(tmp_path / "nowhere.wav")
    with pytest.raises(MediaError, match="is a folder, not a file"):
        sniff(tmp_path)


def test_a_wav_file_cut_short_is_refused_as_truncated(tmp_path):
    whole = write_wav(tmp_path / "whole.wav", tone(2.0))
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole.read_bytes()[:30000])
    assert sniff(whole).name == "wav"
    with pytest.raises(MediaError) as refused:
        sniff(cut)
    assert refused.value.path == str(cut)
    assert "is truncated: its WAV header declares 64000 bytes of audio but only 29956 are present" in str(refused.value)


def test_media_named_like_a_transcript_is_still_media(tmp_path):
    path = write_wav(tmp_path / "transcript.vtt", tone(0.5))
    assert sniff(path).name == "wav"
    assert is_media(path)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_break_the_sniffer(data):
    kind = kind_of(data)
    assert kind is None or kind.name


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=0, max_size=300))
def test_arbitrary_files_are_a_kind_or_a_media_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("sniff") / "upload.bin"
    path.write_bytes(data)
    try:
        kind = sniff(path)
    except MediaError as refused:
        assert refused.path == str(path) and refused.problem
    else:
        assert kind.name
