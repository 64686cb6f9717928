"""Reading transcripts: the format is told by the content, not the file name.

``parse_text``, ``parse_bytes`` and ``parse_file`` return a ``Transcript`` or raise
``TranscriptError`` (and nothing else, whatever the input). ``parse_bytes`` and ``parse_file``
also take a transcript released as a Word document or a PDF (``documents``), and ``parse_file``
takes audio and video recordings, recognised by their first bytes, and hands them to
speech-to-text.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..collector import collector_paused
from ..errors import SpeechUnavailable, TranscriptError
from ..model import Transcript
from .ass import looks_like_ass, parse_ass
from .common import decode
from .cues import looks_like_cues, parse_cues
from .documents import document_kind, document_text
from .html import html_text, looks_like_html
from .jsonseg import load_json, parse_json
from .media import media_kind
from .plain import parse_plain
from .rtf import looks_like_rtf, rtf_text
from .sbv import looks_like_sbv, parse_sbv
from .tables import parse_table, pipe_table, table_format
from .ttml import looks_like_ttml, parse_ttml

FORMATS = ("webvtt", "srt", "sbv", "ttml", "ass", "json", "tsv", "csv", "text")
_ALIASES = {"vtt": "webvtt", "webvtt": "webvtt", "srt": "srt", "sbv": "sbv", "ttml": "ttml", "dfxp": "ttml",
            "ass": "ass", "ssa": "ass", "json": "json", "tsv": "tsv", "csv": "csv", "text": "text", "txt": "text",
            "plain": "text"}
INSTALL_HINT = ("install the speech extra (pip install 'forcereview[speech]') and provide a model "
                "folder with --model DIR")


def detect_format(text: str) -> str:
    """``webvtt``, ``srt``, ``sbv``, ``ttml``, ``ass``, ``json``, ``tsv``, ``csv`` or ``text``, from the content."""
    head = text.lstrip()[:64]
    if head.startswith("WEBVTT"):
        return "webvtt"
    if head.startswith("{"):
        return "json"
    if head[:1] == "[" and looks_like_ass(head):
        return "ass"
    if head.startswith("["):
        rest = head[1:].lstrip()
        if rest[:1] in ("{", "]", '"') or rest == "":
            return "json"
    if "\t" in head or "," in head or ";" in head:
        table = table_format(text)
        if table is not None:
            return table
    if head[:1].isdigit() and looks_like_sbv(head):
        return "sbv"
    if head.startswith("<") and looks_like_ttml(text[:400]):
        return "ttml"
    if looks_like_cues(text.lstrip("\n")):
        return "srt"
    return "text"


def parse_text(text: str, *, format: str | None = None, source: str | None = None) -> Transcript:
    """A transcript from text; ``format`` (webvtt, srt, sbv, ttml, ass, json, tsv, csv, text) skips detection."""
    try:
        with collector_paused():
            return _parse(text, format, source)
    except TranscriptError as exc:
        raise exc.with_source(source) from exc.__cause__
    except RecursionError:
        raise TranscriptError("the transcript is nested too deeply", source=source) from None


_FIRST_LINE_CHARS = 400  # (where a table's first row shows its pipes)


def _parse(text: str, format: str | None, source: str | None) -> Transcript:
    if not isinstance(text, str):
        raise TranscriptError("a transcript must be text", source=source)
    from .common import clean_text

    text = clean_text(text, source)
    if format is None and text[:1] in "{\ufeff \t\r\n" and looks_like_rtf(text):
        text = rtf_text(text, source)  # a Rich Text document: the text it shows, then read as any transcript
    if format is None and text[:1] in "<\ufeff \t\r\n" and looks_like_html(text[:64]):
        text = html_text(text)  # a web page: its visible text, then read as any transcript
    if format is None and "|" in text[:_FIRST_LINE_CHARS]:
        piped = pipe_table(text)  # a table drawn with pipes: read as the tab-separated table it is
        if piped is not None:
            text = piped
    fmt = _ALIASES.get((format or "").lower()) if format else detect_format(text)
    if fmt is None:
        raise TranscriptError(f"unknown transcript format {format!r} (expected one of {', '.join(FORMATS)})",
                              source=source)
    if fmt == "json":
        return parse_json(load_json(text, source), source)
    if fmt in ("webvtt", "srt"):
        return parse_cues(text, source, fmt)
    if fmt in ("tsv", "csv"):
        return parse_table(text, source, fmt)
    if fmt == "sbv":
        return parse_sbv(text, source)
    if fmt == "ttml":
        return parse_ttml(text, source)
    if fmt == "ass":
        return parse_ass(text, source)
    return parse_plain(text, source)


def parse_bytes(data: bytes, *, format: str | None = None, source: str | None = None) -> Transcript:
    """A transcript from the bytes of a file (any text encoding; see ``common.decode``)."""
    kind = media_kind(data[:200])
    if kind is not None:
        raise TranscriptError(f"this is a {kind} recording, not a transcript; analyse the file itself so it "
                              "can be transcribed", source=source)
    document = document_kind(data[:8])
    if document is not None:
        return parse_text(document_text(data, document, source), format=format, source=source)
    return parse_text(decode(data, source), format=format, source=source)


def parse_file(path: str | os.PathLike, *, format: str | None = None, model: str | None = None) -> Transcript:
    """A transcript from a file; a recording (audio or video) is transcribed first."""
    path = Path(path)
    source = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(200)
            kind = media_kind(head)
            if kind is None:
                if handle.seekable():  # the whole file read into one buffer, not a second joined to the head
                    handle.seek(0)
                    data = handle.read()
                else:
                    data = head + handle.read()
    except IsADirectoryError:
        raise TranscriptError("is a folder, not a file", source=str(path)) from None
    except FileNotFoundError:
        raise TranscriptError("no such file", source=str(path)) from None
    except OSError as exc:
        raise TranscriptError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None
    if kind is not None:
        return transcribe(path, kind, model=model)
    transcript = parse_bytes(data, format=format, source=source)
    return transcript


def transcribe(path: Path, kind: str, *, model: str | None = None) -> Transcript:
    """Speech-to-text through ``forcereview.engine.speech.transcribe_path`` (imported only here)."""
    try:
        from ..speech import transcribe_path  # type: ignore[attr-defined]
    except ImportError as exc:
        raise SpeechUnavailable(f"this is a {kind} recording and speech-to-text is not available "
                                f"({exc}); {INSTALL_HINT}", source=path.name) from None
    from ..audio.errors import MediaError
    from ..speech.errors import SpeechError

    try:
        transcript = transcribe_path(path, model=model)
    except MediaError as exc:
        raise TranscriptError(exc.problem, source=path.name) from exc
    except SpeechError as exc:
        raise SpeechUnavailable(f"this is a {kind} recording and speech-to-text cannot run: {exc}",
                                source=path.name) from exc
    except ImportError as exc:
        raise SpeechUnavailable(f"this is a {kind} recording and speech-to-text is not available "
                                f"({exc}); {INSTALL_HINT}", source=path.name) from exc
    if not isinstance(transcript, Transcript):
        raise TranscriptError("speech-to-text returned no transcript", source=path.name)
    return transcript
