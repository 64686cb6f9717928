"""Recognising audio and video files by their first bytes (not by their names)."""

from __future__ import annotations

# (offset, magic, kind)
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"ID3", "mp3"),
    (0, b"OggS", "ogg"),
    (0, b"fLaC", "flac"),
    (0, b"\x1a\x45\xdf\xa3", "matroska/webm"),
    (0, b"#!AMR", "amr"),
    (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "asf/wma"),
    (0, b"FLV\x01", "flv"),
    (0, b"\x00\x00\x01\xba", "mpeg"),
    (0, b"caff", "caf"),
    (4, b"ftyp", "mp4/mov"),
)


def media_kind(head: bytes) -> str | None:
    """The container of an audio or video file from its first 16+ bytes, or None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return None  # a text byte-order mark (UTF-16 looks like an MPEG frame sync)
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI ", b"RF64"):
        return "wav" if head[8:12] != b"AVI " else "avi"
    if len(head) >= 12 and head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return "aiff"
    for offset, magic, kind in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return kind
    if len(head) >= 3 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0:  # MPEG audio frame / AAC ADTS sync
        adts = (head[1] & 0xF6) == 0xF0
        mpeg = ((head[1] >> 3) & 3) != 1 and ((head[1] >> 1) & 3) != 0 and (head[2] >> 4) != 15 and ((head[2] >> 2) & 3) != 3
        if adts or mpeg:
            return "mpeg audio"
    if len(head) > 188 and head[0] == 0x47 and head[188] == 0x47:
        return "mpeg-ts"
    return None
