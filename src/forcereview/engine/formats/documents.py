"""Transcripts released as documents: Word (``.docx``), OpenDocument text (``.odt``) and PDF.

Departments and courts often publish a body-camera transcript as a Word file or a PDF exhibit.
Its text is taken out here and then read like any other transcript (usually the plain-text
reader, which knows court exhibits' line numbers and page furniture).

- Word: the paragraphs of ``word/document.xml`` in order, one line each (a line break inside a
  paragraph starts a new line). A table row is one line: its cells joined, and when the cell
  before the last one is a speaker label without a colon ("Officer Diaz" | "Get down"), a colon
  is put after it. A header row (marked as one, or a first row of column names such as "Time |
  Speaker | Text") is left out.
- OpenDocument text: the same from ``content.xml`` (paragraphs, headings, list items and table
  rows; a line break starts a new line; notes are left out).
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


_OLD_OFFICE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Microsoft's compound file: .doc, .xls, .ppt, .msg


def document_kind(head: bytes) -> str | None:
    """``pdf``, ``docx`` or ``ole`` from a file's first bytes (a ZIP archive is taken for a Word
    or OpenDocument file here; ``document_text`` checks that it holds one), or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(_OLD_OFFICE):
        return "ole"
    return None


def document_text(data: bytes, kind: str, source: str | None) -> str:
    if kind == "ole":
        raise TranscriptError("this is a file in Microsoft Office's old format (a Word 97-2003 .doc, say), which "
                              "cannot be read here: save it as .docx, PDF or text first", source=source)
    text = _zip_document_text(data, source) if kind == "docx" else _pdf_text(data, source)
    if not text.strip():
        what = "document" if kind == "docx" else "PDF"
        hint = (" (perhaps only scanned images, which need to be typed or run through OCR first)"
                if kind == "pdf" else "")
        raise TranscriptError(f"the {what} holds no text{hint}", source=source)
    return text


def _zip_document_text(data: bytes, source: str | None) -> str:
    """The text of a Word (``.docx``) or OpenDocument (``.odt``) file: both are ZIP archives
    holding the document as XML."""
    import zipfile  # (here, not at the top: most transcripts are text, and start-up stays light)
    import zlib
    from xml.etree import ElementTree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "word/document.xml" in names:
            member, what = "word/document.xml", "Word document"
        elif "content.xml" in names and _odt_type(archive):
            member, what = "content.xml", "OpenDocument text"
        else:
            raise TranscriptError("this ZIP archive is not a Word or OpenDocument text file (no word/document.xml "
                                  "or content.xml); a transcript must be text, a document or a PDF", source=source)
        info = archive.getinfo(member)
        if info.file_size > MAX_XML_BYTES:
            raise TranscriptError(f"the {what}'s text unpacks to {info.file_size:,} bytes; the limit is "
                                  f"{MAX_XML_BYTES:,}", source=source)
        with archive.open(info) as handle:
            xml = handle.read(MAX_XML_BYTES + 1)
    except TranscriptError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError, KeyError) as exc:
        raise TranscriptError(f"the document cannot be opened: {exc}", source=source) from None
    if len(xml) > MAX_XML_BYTES:
        raise TranscriptError(f"the {what}'s text is larger than {MAX_XML_BYTES:,} bytes", source=source)
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise TranscriptError(f"the {what} is damaged: {exc}", source=source) from None
    lines = _docx_lines(root, source) if member == "word/document.xml" else _odt_lines(root, source)
    text = "\n".join(lines)
    if len(text) > MAX_TEXT_CHARS:
        raise TranscriptError(f"the {what} holds more than {MAX_TEXT_CHARS:,} characters", source=source)
    return text


def _docx_lines(root, source: str | None) -> list[str]:
    body = root.find(f"{_W}body")
    if body is None:
        raise TranscriptError("the Word document has no body", source=source)
    lines: list[str] = []
    for block in body:
        if block.tag == f"{_W}p":
            lines.extend(_paragraph(block))
        elif block.tag == f"{_W}tbl":
            lines.extend(_table_lines(
                ([" ".join(" ".join(_paragraph(p)) for p in cell.iter(f"{_W}p")).strip() for cell in row.iter(f"{_W}tc")],
                 row.find(f"{_W}trPr/{_W}tblHeader") is not None)
                for row in block.iter(f"{_W}tr")))
    return lines


def _table_lines(rows) -> list[str]:
    """The transcript lines of a table's rows, each given as (its cells' text, whether the
    document marks it as a header row): a header row, or a first row of column names, names the
    columns and is nothing said."""
    lines = []
    for k, (cells, header) in enumerate(rows):
        if not (header or (k == 0 and _names_columns(cells))):
            lines.append(row_line([c for c in cells if c]))
    return lines


_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
# blocks that hold paragraphs: lists, sections, and the like
_ODT_CONTAINERS = frozenset(f"{_TEXT}{name}" for name in ("list", "list-item", "list-header", "section",
                                                           "index-body", "numbered-paragraph"))


def _odt_type(archive) -> bool:
    try:
        return archive.read("mimetype")[:len(_ODT_MIME) + 16].startswith(_ODT_MIME)
    except KeyError:
        return True  # (the mimetype entry is optional; content.xml says the rest)


def _odt_lines(root, source: str | None) -> list[str]:
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise TranscriptError("the OpenDocument file holds no text document", source=source)
    lines: list[str] = []

    def blocks(parent) -> None:
        for block in parent:
            tag = block.tag
            if tag in (f"{_TEXT}p", f"{_TEXT}h"):
                lines.extend(_odt_paragraph(block))
            elif tag == f"{_TABLE}table":
                headers = {id(row) for rows in block.iter(f"{_TABLE}table-header-rows") for row in rows}
                lines.extend(_table_lines(
                    ([" ".join(" ".join(_odt_paragraph(p)) for p in cell.iter(f"{_TEXT}p")).strip()
                      for cell in row.iter(f"{_TABLE}table-cell")], id(row) in headers)
                    for row in block.iter(f"{_TABLE}table-row")))
            elif tag in _ODT_CONTAINERS:
                blocks(block)

    blocks(body)
    return lines


def _odt_paragraph(paragraph) -> list[str]:
    """The lines of one OpenDocument paragraph: its text and its spans' text, a line break
    starting a new line (notes and their citations left out)."""
    lines = [""]

    def add(node) -> None:
        tag = node.tag
        if tag == f"{_TEXT}line-break":
            lines.append("")
        elif tag == f"{_TEXT}tab":
            lines[-1] += "\t"
        elif tag == f"{_TEXT}s":
            count = node.get(f"{_TEXT}c", "1")
            lines[-1] += " " * (min(int(count), 80) if count.isdigit() else 1)
        elif tag != f"{_TEXT}note":
            if node.text:
                lines[-1] += node.text
            for child in node:
                add(child)
                if child.tail:
                    lines[-1] += child.tail

    add(paragraph)
    return lines


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
