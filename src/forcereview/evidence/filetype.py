"""What a file is, told from its first bytes, never from its name.

Recordings are recognised by their container's signature; a transcript is text (UTF-8 or
UTF-16 with a byte-order mark, no NUL bytes) whose format the engine's parser then confirms.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from forcereview.engine.formats.common import utf16_without_bom

HEAD_BYTES = 4096


@dataclass(frozen=True)
class FileType:
    kind: str  # "audio", "video" or "transcript"
    content_type: str
    format: str
    label: str


def _mp4(head: bytes) -> FileType | None:
    if head[4:8] != b"ftyp":
        return None
    brand = head[8:12]
    if brand in (b"M4A ", b"M4B ", b"M4P "):
        return FileType("audio", "audio/mp4", "m4a", "MPEG-4 audio")
    if brand == b"qt  ":
        return FileType("video", "video/quicktime", "mov", "QuickTime video")
    if brand.startswith(b"3g"):
        return FileType("video", "video/3gpp", "3gp", "3GP video")
    return FileType("video", "video/mp4", "mp4", "MPEG-4 video")


def _riff(head: bytes) -> FileType | None:
    if head[:4] != b"RIFF":
        return None
    if head[8:12] == b"WAVE":
        return FileType("audio", "audio/wav", "wav", "WAV audio")
    if head[8:12] == b"AVI ":
        return FileType("video", "video/x-msvideo", "avi", "AVI video")
    return None


def _mpeg_audio(head: bytes) -> FileType | None:
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0 and (head[1] & 0x06)):
        return FileType("audio", "audio/mpeg", "mp3", "MP3 audio")
    if len(head) > 1 and head[0] == 0xFF and (head[1] & 0xF6) == 0xF0:
        return FileType("audio", "audio/aac", "aac", "AAC audio")
    return None


def _mpeg_ts(head: bytes) -> FileType | None:
    if len(head) >= 189 * 2 and head[0] == 0x47 and head[188] == 0x47 and head[376] == 0x47:
        return FileType("video", "video/mp2t", "mpegts", "MPEG transport stream")
    return None


SIGNATURES: list[tuple[bytes, int, FileType]] = [
    (b"fLaC", 0, FileType("audio", "audio/flac", "flac", "FLAC audio")),
    (b"\x1a\x45\xdf\xa3", 0, FileType("video", "video/webm", "matroska", "Matroska/WebM video")),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", 0, FileType("video", "video/x-ms-asf", "asf", "Windows Media video")),
    (b"\x00\x00\x01\xba", 0, FileType("video", "video/mpeg", "mpeg", "MPEG program stream")),
    (b"#!AMR", 0, FileType("audio", "audio/amr", "amr", "AMR audio")),
]

# Well-known binary formats that are not evidence we accept, named in the refusal.
OTHER_BINARIES: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document other than a Word or OpenDocument text file)"),
    (b"\xd0\xcf\x11\xe0", "a file in Microsoft Office's old format (a Word 97-2003 .doc, say): save it as .docx, "
                          "PDF or text first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\x1f\x8b", "a gzip archive"),
]


def _ogg(head: bytes) -> FileType | None:
    if head[:4] != b"OggS":
        return None
    if b"theora" in head[:512].lower():
        return FileType("video", "video/ogg", "ogg", "Ogg video")
    return FileType("audio", "audio/ogg", "ogg", "Ogg audio")


def _text(head: bytes) -> FileType | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return FileType("transcript", "text/plain; charset=utf-16", "text", "text")
    if b"\x00" in head:
        if utf16_without_bom(head) is not None:  # UTF-16 written without its byte order mark
            return FileType("transcript", "text/plain; charset=utf-16", "text", "text")
        return None
    sample = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The sample may end in the middle of a character.
        if exc.start < len(sample) - 4:
            return None
    return FileType("transcript", "text/plain; charset=utf-8", "text", "text")


def _utf16_text(head: bytes) -> bool:
    """Whether the bytes after a UTF-16 byte order mark read as text in a Latin script (as a
    transcript's do; the random bytes of audio read as scattered characters of every script)."""
    body = head[2:len(head) // 2 * 2]
    encoding = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        try:
            text = body[:-2].decode(encoding)  # (the head may end inside a pair of surrogates)
        except UnicodeDecodeError:
            return False
    latin = sum(ch < "\u2000" and (ch.isprintable() or ch in "\r\n\t") for ch in text)
    return bool(text) and latin >= 0.9 * len(text)


def _document(head: bytes) -> FileType | None:
    """A transcript released as a PDF, a Word or OpenDocument file or Rich Text (the engine takes its text
    out)."""
    if head.startswith(b"%PDF-"):
        return FileType("transcript", "application/pdf", "pdf", "PDF document")
    if head.startswith(b"PK\x03\x04") and (b"[Content_Types].xml" in head[:200] or b"word/" in head[:200]):
        return FileType("transcript", DOCX_TYPE, "docx", "Word document")
    if head.startswith(b"PK\x03\x04") and b"mimetypeapplication/vnd.oasis.opendocument.text" in head[:200]:
        return FileType("transcript", "application/vnd.oasis.opendocument.text", "odt", "OpenDocument text")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return FileType("transcript", "application/rtf", "rtf", "Rich Text document")
    return None


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sniff(head: bytes) -> FileType | None:
    """The type of a file whose first bytes are ``head``, or None when it is none we accept."""
    for detect in (_mp4, _riff, _ogg, _mpeg_ts, _document):
        found = detect(head)
        if found:
            return found
    for signature, offset, found in SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return found
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and _utf16_text(head):
        return _text(head)  # (a UTF-16 byte order mark also reads as an MPEG frame's first bytes)
    found = _mpeg_audio(head)
    if found:
        return found
    return _text(head)


def describe_unknown(head: bytes) -> str:
    for signature, what in OTHER_BINARIES:
        if head.startswith(signature):
            return what
    return "not a recognised audio, video or transcript file"


# What a file name's extension claims. A name that claims one kind while the content is
# another is refused: a renamed file is a custody question, not something to guess about.
EXTENSION_KINDS = {
    ".wav": "audio", ".mp3": "audio", ".m4a": "audio", ".aac": "audio", ".flac": "audio", ".ogg": "audio",
    ".opus": "audio", ".amr": "audio",
    ".mp4": "video", ".mov": "video", ".avi": "video", ".mkv": "video", ".webm": "video", ".wmv": "video",
    ".ts": "video", ".mts": "video", ".m4v": "video", ".3gp": "video", ".mpg": "video", ".mpeg": "video",
    ".vtt": "transcript", ".srt": "transcript", ".sbv": "transcript", ".ttml": "transcript", ".dfxp": "transcript",
    ".json": "transcript", ".tsv": "transcript", ".txt": "transcript", ".pdf": "transcript", ".docx": "transcript",
    ".csv": "transcript", ".ass": "transcript", ".ssa": "transcript", ".rtf": "transcript", ".odt": "transcript", ".html": "transcript",
    ".htm": "transcript", ".md": "transcript",
}
RECORDING = {"audio", "video"}


def name_contradicts(name: str, kind: str) -> str | None:
    """A message when ``name``'s extension says something other than the content does."""
    claimed = EXTENSION_KINDS.get(os.path.splitext(name.lower())[1])
    if claimed is None or claimed == kind:
        return None
    if claimed in RECORDING and kind in RECORDING:
        return None  # audio in a video container, or the reverse, is ordinary
    return f"the name says {claimed} ({os.path.splitext(name)[1]}) but the content is {_what(kind)}"


def _what(kind: str) -> str:
    return {"transcript": "text", "audio": "audio", "video": "video"}[kind]
