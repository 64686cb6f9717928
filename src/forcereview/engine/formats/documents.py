"""Transcripts released as documents: Word (``.docx``) and PDF.

Departments and courts often publish a body-camera transcript as a Word file or a PDF exhibit.
Its text is taken out here and then read like any other transcript (usually the plain-text
reader, which knows court exhibits' line numbers and page furniture).

- Word: the paragraphs of ``word/document.xml`` in order, one line each (a line break inside a
  paragraph starts a new line). A table row is one line: its cells joined, and when the cell
  before the last one is a speaker label without a colon ("Officer Diaz" | "Get down"), a colon
  is put after it. A header row (marked as one, or a first row of column names such as "Time |
  Speaker | Text") is left out.
- PDF: the text of each page in order (``pypdf``), one page after the other, without the running
  heads, footers and page numbers that come back page after page (``furniture.page_furniture``).

Limits keep a hostile file from exhausting memory: the document part may unpack to at most
``MAX_XML_BYTES``, a PDF may have at most ``MAX_PAGES`` pages, and the text at most
``MAX_TEXT_CHARS`` characters. Encrypted, damaged or image-only documents are clear errors.
"""

from __future__ import annotations

import io
import re

from ..errors import TranscriptError
from .furniture import without_page_furniture

MAX_XML_BYTES = 64 * 1024 * 1024
MAX_PAGES = 5000
MAX_TEXT_CHARS = 20_000_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LABEL_CELL = re.compile(r"^[A-Za-z][\w.'#\- ()]{0,40}$")


def document_kind(head: bytes) -> str | None:
    """``pdf`` or ``docx`` from a file's first bytes (a ZIP archive is taken for a Word file
    here; ``document_text`` checks that it holds one), or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    return None


def document_text(data: bytes, kind: str, source: str | None) -> str:
    text = _docx_text(data, source) if kind == "docx" else _pdf_text(data, source)
    if not text.strip():
        what = "Word document" if kind == "docx" else "PDF"
        hint = (" (perhaps only scanned images, which need to be typed or run through OCR first)"
                if kind == "pdf" else "")
        raise TranscriptError(f"the {what} holds no text{hint}", source=source)
    return text


def _docx_text(data: bytes, source: str | None) -> str:
    import zipfile  # (here, not at the top: most transcripts are text, and start-up stays light)
    import zlib
    from xml.etree import ElementTree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise TranscriptError("this ZIP archive is not a Word document (no word/document.xml); a transcript "
                                  "must be text, a Word document or a PDF", source=source) from None
        if info.file_size > MAX_XML_BYTES:
            raise TranscriptError(f"the Word document's text unpacks to {info.file_size:,} bytes; the limit is "
                                  f"{MAX_XML_BYTES:,}", source=source)
        with archive.open(info) as handle:
            xml = handle.read(MAX_XML_BYTES + 1)
    except TranscriptError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError, KeyError) as exc:
        raise TranscriptError(f"the Word document cannot be opened: {exc}", source=source) from None
    if len(xml) > MAX_XML_BYTES:
        raise TranscriptError(f"the Word document's text is larger than {MAX_XML_BYTES:,} bytes", source=source)
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise TranscriptError(f"the Word document is damaged: {exc}", source=source) from None
    body = root.find(f"{_W}body")
    if body is None:
        raise TranscriptError("the Word document has no body", source=source)
    lines: list[str] = []
    for block in body:
        if block.tag == f"{_W}p":
            lines.extend(_paragraph(block))
        elif block.tag == f"{_W}tbl":
            for k, row in enumerate(block.iter(f"{_W}tr")):
                cells = [" ".join(" ".join(_paragraph(p)) for p in cell.iter(f"{_W}p")).strip()
                         for cell in row.iter(f"{_W}tc")]
                if row.find(f"{_W}trPr/{_W}tblHeader") is not None or (k == 0 and _names_columns(cells)):
                    continue  # a header row names the columns; it is nothing said
                lines.append(row_line([c for c in cells if c]))
    text = "\n".join(lines)
    if len(text) > MAX_TEXT_CHARS:
        raise TranscriptError(f"the Word document holds more than {MAX_TEXT_CHARS:,} characters", source=source)
    return text


def _paragraph(paragraph) -> list[str]:
    """The lines of one paragraph: its runs' text, a break starting a new line."""
    lines = [""]
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{_W}t" and node.text:
            lines[-1] += node.text
        elif tag == f"{_W}tab":
            lines[-1] += "\t"
        elif tag in (f"{_W}br", f"{_W}cr"):
            lines.append("")
    return lines


_COLUMN_NAMES = frozenset("time timestamp start end speaker name text words transcript dialogue statement line "
                          "no no. # page speaker/role role".split())


def _names_columns(cells: list[str]) -> bool:
    """A table's first row whose every cell is a column name ("Time", "Speaker", "Text")."""
    named = [c.strip().rstrip(":").lower() for c in cells if c.strip()]
    return len(named) >= 2 and all(c in _COLUMN_NAMES for c in named)


def row_line(cells: list[str]) -> str:
    """A table row as one transcript line: ``Officer Diaz | Get down`` -> ``Officer Diaz: Get down``."""
    if len(cells) < 2:
        return cells[0] if cells else ""
    *before, said = cells
    label = before[-1]
    if not label.endswith(":") and _LABEL_CELL.match(label) and not label.replace(":", "").replace(".", "").isdigit():
        before[-1] = label + ":"
    return " ".join(before + [said])


def _pdf_text(data: bytes, source: str | None) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise TranscriptError("reading a PDF transcript needs the pypdf package (pip install pypdf)",
                              source=source) from None
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # what it notes about odd files is not ours to print
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several kinds for unsupported encryption
                opened = 0
            if not opened:
                raise TranscriptError("the PDF is encrypted with a password; save an unprotected copy",
                                      source=source)
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise TranscriptError(f"the PDF has {len(pages):,} pages; the limit is {MAX_PAGES:,}", source=source)
        texts = []
        size = 0
        for page in pages:
            text = page.extract_text() or ""
            size += len(text)
            if size > MAX_TEXT_CHARS:
                raise TranscriptError(f"the PDF holds more than {MAX_TEXT_CHARS:,} characters", source=source)
            texts.append(text)
    except TranscriptError:
        raise
    except (PdfReadError, RecursionError, MemoryError) as exc:
        raise TranscriptError(f"the PDF cannot be read: {exc}", source=source) from None
    except Exception as exc:  # noqa: BLE001 - a damaged PDF can make pypdf fail in many ways
        raise TranscriptError(f"the PDF cannot be read ({type(exc).__name__}: {exc})", source=source) from None
    return "\n".join(text.rstrip("\n") for text in without_page_furniture(texts))
