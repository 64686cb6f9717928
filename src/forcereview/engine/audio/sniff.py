"""What a file holds, told from its first bytes (never from its name).

``sniff(path)`` answers with a ``MediaKind`` or raises ``MediaError`` saying what the file is
instead (empty, text, a PDF, ...). ``kind_of(head)`` is the pure part, for tests.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from .errors import MediaError

HEAD_BYTES = 4096


@dataclass(frozen=True, slots=True)
class MediaKind:
    name: str  # "wav", "mp4", ... or "unknown" for binary content ffmpeg may still know
    description: str  # with its article: "an MP4/QuickTime video"
    soundfile: bool = False  # libsndfile reads it without ffmpeg
    container: bool = False  # may carry video as well as audio


WAV = MediaKind("wav", "a WAV file", soundfile=True)
FLAC = MediaKind("flac", "a FLAC file", soundfile=True)
OGG = MediaKind("ogg", "an Ogg file", soundfile=True)
MP3 = MediaKind("mp3", "an MP3 file", soundfile=True)
AIFF = MediaKind("aiff", "an AIFF file", soundfile=True)
MP4 = MediaKind("mp4", "an MP4/QuickTime video", container=True)
M4A = MediaKind("m4a", "an MPEG-4 audio file")
MATROSKA = MediaKind("matroska", "a Matroska/WebM video", container=True)
AVI = MediaKind("avi", "an AVI video", container=True)
MPEG_TS = MediaKind("mpeg-ts", "an MPEG transport stream", container=True)
MPEG_PS = MediaKind("mpeg-ps", "an MPEG program stream", container=True)
ASF = MediaKind("asf", "a Windows Media (ASF) file", container=True)
FLV = MediaKind("flv", "a Flash video", container=True)
AAC = MediaKind("aac", "an AAC (ADTS) audio stream")
AMR = MediaKind("amr", "an AMR audio file")
CAF = MediaKind("caf", "a Core Audio file")
UNKNOWN = MediaKind("unknown", "a binary file of an unrecognised kind", container=True)

# Common files people upload by mistake, named so the error can say what the file is.
NOT_MEDIA: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "a PDF document"),
    (b"PK\x03\x04", 0, "a ZIP archive (or an office document)"),
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF8", 0, "a GIF image"),
    (b"\x1f\x8b", 0, "a gzip archive"),
    (b"\x7fELF", 0, "a program (ELF executable)"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office document"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!", 0, "a RAR archive"),
)


def kind_of(head: bytes) -> MediaKind | None:
    """The media kind that ``head`` (the first bytes of a file) starts, or None."""
    if len(head) >= 12 and head[:4] == b"RIFF":
        form = head[8:12]
        if form == b"WAVE":
            return WAV
        if form == b"AVI ":
            return AVI
    if len(head) >= 12 and head[:4] == b"RF64" and head[8:12] == b"WAVE":
        return WAV
    if head[:4] == b"fLaC":
        return FLAC
    if head[:4] == b"OggS":
        return OGG
    if len(head) >= 12 and head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return AIFF
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        return M4A if brand in (b"M4A ", b"M4B ") else MP4
    if len(head) >= 8 and head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip"):
        return MP4  # QuickTime files without a leading ftyp box
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return MATROSKA
    if head[:3] == b"ID3":
        return MP3
    if head[:4] == b"\x00\x00\x01\xba":
        return MPEG_PS
    if head[:1] == b"\x47" and len(head) > 376 and head[188:189] == b"\x47" and head[376:377] == b"\x47":
        return MPEG_TS
    if head[:16] == bytes.fromhex("3026b2758e66cf11a6d900aa0062ce6c"):
        return ASF
    if head[:3] == b"FLV":
        return FLV
    if head[:5] == b"#!AMR":
        return AMR
    if head[:4] == b"caff":
        return CAF
    if len(head) >= 4 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and not is_utf16_text(head):
        layer = (head[1] >> 1) & 0x3
        if layer == 0 and head[1] & 0xF6 == 0xF0:
            return AAC  # ADTS: the MPEG-2/4 sync word with layer bits 00
        version = (head[1] >> 3) & 0x3
        bitrate, rate = head[2] >> 4, (head[2] >> 2) & 0x3
        if layer != 0 and version != 1 and bitrate != 0xF and rate != 0x3:
            return MP3  # an MPEG audio frame header with valid fields
    return None


def is_utf16_text(head: bytes) -> bool:
    if head[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        return False
    sample = head[: len(head) - len(head) % 2]
    try:
        sample.decode("utf-16")
    except UnicodeDecodeError:
        return False
    return True


def looks_like_text(head: bytes) -> bool:
    if is_utf16_text(head):
        return True
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the end of the sample is still text
        if exc.start < len(head) - 3:
            return False
    return True


def read_head(path: str | os.PathLike, size: int = HEAD_BYTES) -> bytes:
    """The first bytes of ``path``, with clear errors for a missing, unreadable or empty file."""
    if not os.path.exists(path):
        raise MediaError(path, "file not found")
    if os.path.isdir(path):
        raise MediaError(path, "is a folder, not a file")
    try:
        with open(path, "rb") as handle:
            head = handle.read(size)
    except OSError as exc:
        raise MediaError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not head:
        raise MediaError(path, "is empty (0 bytes)")
    return head


def is_media(path: str | os.PathLike) -> bool:
    """True when the content of ``path`` starts like a recording (for routing, not for trust)."""
    try:
        return kind_of(read_head(path, 512)) is not None
    except (MediaError, OSError):
        return False


def sniff(path: str | os.PathLike) -> MediaKind:
    """The kind of media in ``path``, or a ``MediaError`` naming what it holds instead."""
    head = read_head(path)
    kind = kind_of(head)
    if kind is not None:
        if kind is WAV:
            check_wav_complete(path)
        return kind
    for magic, offset, what in NOT_MEDIA:
        if head[offset:offset + len(magic)] == magic:
            raise MediaError(path, f"is {what}, not an audio or video file")
    if looks_like_text(head):
        raise MediaError(path, "is a text file, not an audio or video file")
    return UNKNOWN


def check_wav_complete(path: str | os.PathLike) -> None:
    """Refuse a WAV file whose data chunk claims more bytes than the file holds."""
    size = os.path.getsize(path)
    with open(path, "rb") as handle:
        riff = handle.read(12)
        if riff[:4] == b"RF64":
            return  # 64-bit sizes live in a ds64 chunk; leave the check to the decoder
        position = 12
        while position + 8 <= size:
            handle.seek(position)
            header = handle.read(8)
            if len(header) < 8:
                break
            chunk_id, chunk_size = header[:4], struct.unpack("<I", header[4:])[0]
            if chunk_id == b"data":
                if chunk_size == 0xFFFFFFFF or chunk_size == 0:
                    return  # streaming writers leave the size unset; the decoder reads to the end
                available = size - position - 8
                if available < chunk_size:
                    raise MediaError(
                        path,
                        f"is truncated: its WAV header declares {chunk_size} bytes of audio "
                        f"but only {available} are present",
                    )
                return
            position += 8 + chunk_size + (chunk_size & 1)
    raise MediaError(path, "is a damaged WAV file: no audio data chunk found")
