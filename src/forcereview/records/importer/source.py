"""Opening an import file: size limit, binary and encoding checks, format detection.

The format comes from the content, not the file name: JSON starts with ``[`` or ``{``
(one object per line is JSON Lines); anything else that is text is read as CSV.
"""

from __future__ import annotations

import codecs
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from forcereview.records.importer.problems import ImportFileError

SNIFF_BYTES = 64 * 1024
FORMATS = ("csv", "json", "jsonl")

# Files people pick by mistake, by their first bytes.
KNOWN_BINARIES = (
    (b"PK\x03\x04", "a ZIP archive or an Excel workbook (.xlsx); save the sheet as CSV UTF-8"),
    (b"\xd0\xcf\x11\xe0", "an Excel 97-2003 workbook (.xls); save the sheet as CSV UTF-8"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first"),
    (b"SQLite format 3", "an SQLite database"),
)


@dataclass
class Opened:
    stream: BinaryIO  # positioned at the start
    encoding: str  # "utf-8-sig" or "utf-16"
    format: str  # "csv" | "json" | "jsonl"
    size: int | None

    def lines(self) -> Iterator[str]:
        """The text, line by line with line endings kept; a byte that is not UTF-8 is an
        ``ImportFileError`` naming its line."""
        if self.encoding != "utf-8-sig":
            text = io.TextIOWrapper(io.BufferedReader(self.stream), encoding=self.encoding, errors="strict", newline="")
            try:
                yield from text
            except UnicodeDecodeError as exc:
                raise ImportFileError(f"the file is not {self.encoding} text ({exc.reason})") from None
            return
        for n, raw in enumerate(io.BufferedReader(self.stream, buffer_size=1 << 16), 1):
            if n == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise not_utf8(raw, exc, line_offset=n - 1) from None

    def read_text(self) -> str:
        data = self.stream.read()
        try:
            return data.decode(self.encoding)
        except UnicodeDecodeError as exc:
            raise not_utf8(data, exc) from None


def open_import(stream: BinaryIO, *, size: int | None, max_bytes: int, format: str | None = None) -> Opened:
    """Check the start of ``stream`` and tell how to read it; raise ``ImportFileError``."""
    if size is not None and size > max_bytes:
        raise ImportFileError(
            f"the file is {_megabytes(size)}; the largest accepted is {_megabytes(max_bytes)} "
            "(setting FORCEREVIEW_IMPORT_MAX_BYTES)"
        )
    stream = _Limited(stream, max_bytes)
    head = stream.peek(SNIFF_BYTES)
    if not head.strip():
        raise ImportFileError("the file is empty")
    encoding = _encoding(head)
    if encoding == "utf-8-sig":
        for magic, what in KNOWN_BINARIES:
            if head.startswith(magic):
                raise ImportFileError(f"this is not a CSV or JSON file: it looks like {what}")
        nul = head.find(b"\x00")
        if nul >= 0:
            raise ImportFileError(
                f"this is not a text file (it contains a NUL byte at byte {nul + 1}); expected CSV or JSON text in UTF-8"
            )
    text = _decode_head(head, encoding)
    detected = _detect(text)
    if format is not None:
        if format not in FORMATS:
            raise ImportFileError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
        detected = format
    return Opened(stream, encoding, detected, size)


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n} bytes"


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # "Unicode text" as some spreadsheet programs save it
    return "utf-8-sig"


def _decode_head(head: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        return decoder.decode(head, final=len(head) < SNIFF_BYTES)
    except UnicodeDecodeError as exc:
        raise not_utf8(head, exc) from None


def not_utf8(data: bytes, exc: UnicodeDecodeError, *, line_offset: int = 0) -> ImportFileError:
    line = line_offset + data.count(b"\n", 0, exc.start) + 1
    byte = data[exc.start : exc.start + 1].hex().upper()
    return ImportFileError(
        f"the file is not UTF-8 text (byte 0x{byte} cannot be read); save it as UTF-8 "
        "(in a spreadsheet: CSV UTF-8)",
        where=f"line {line}",
    )


def _detect(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        first_line = stripped.split("\n", 1)[0].strip()
        try:
            json.loads(first_line)
        except ValueError:
            return "json"  # an object spread over several lines: one JSON document
        rest = stripped[len(stripped.split("\n", 1)[0]):].strip()
        return "jsonl" if rest.startswith("{") else "json"
    return "csv"


class _Limited(io.RawIOBase):
    """A binary stream that refuses to read past ``limit`` bytes (uploads whose size was not
    known in advance, pipes)."""

    def __init__(self, raw: BinaryIO, limit: int):
        self._raw = raw
        self._limit = limit
        self._read = 0
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def peek(self, n: int) -> bytes:
        while len(self._buffer) < n:
            chunk = self._raw.read(n - len(self._buffer))
            if not chunk:
                break
            self._buffer += chunk
        self._count(self._read + len(self._buffer))
        return self._buffer[:n]

    def _count(self, total: int) -> None:
        if total > self._limit:
            raise ImportFileError(
                f"the file is larger than {_megabytes(self._limit)}, the largest accepted "
                "(setting FORCEREVIEW_IMPORT_MAX_BYTES)"
            )

    def readinto(self, b) -> int:
        if self._buffer:
            n = min(len(b), len(self._buffer))
            b[:n] = self._buffer[:n]
            self._buffer = self._buffer[n:]
            self._read += n
            return n
        chunk = self._raw.read(len(b))
        n = len(chunk)
        b[:n] = chunk
        self._read += n
        self._count(self._read)
        return n


def file_size(path: str | os.PathLike) -> int:
    return os.stat(path).st_size
