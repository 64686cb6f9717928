"""Tab-separated transcripts, as Whisper writes them (``--output_format tsv``)::

    start	end	text
    0	2100	Get on the ground!
    2100	4380	I can't breathe.

The header names the columns (``start``, ``end``, ``text`` and, where a tool adds one,
``speaker``; in any order, any case). Whisper writes times as whole milliseconds: a time column
holding only whole numbers is read as milliseconds, one with a decimal point as seconds, and
``00:01:02.500`` as a clock. Each row is one utterance; a row with too few columns or a time
that is no time is an error naming its line.
"""

from __future__ import annotations

from ..errors import TranscriptError
from ..model import Transcript
from .common import SegmentBuilder, finite_time, split_label

_COLUMNS = {"start": "start", "start_time": "start", "begin": "start", "end": "end", "end_time": "end",
            "stop": "end", "text": "text", "transcript": "text", "speaker": "speaker", "speaker_label": "speaker"}


def _header(line: str) -> dict[str, int] | None:
    names = [name.strip().lower() for name in line.split("\t")]
    columns = {_COLUMNS[name]: k for k, name in enumerate(names) if name in _COLUMNS}
    if len(names) < 3 or not {"start", "end", "text"} <= columns.keys() or len(columns) != len(set(names) - {""}):
        return None
    return columns


def looks_like_tsv(text: str) -> bool:
    """The first line that is not blank names tab-separated columns with start, end and text."""
    first = text.lstrip("\n").split("\n", 1)[0]
    return "\t" in first and _header(first.rstrip("\r")) is not None


def parse_tsv(text: str, source: str | None) -> Transcript:
    lines = text.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    columns = _header(lines[first]) if first is not None else None
    if columns is None:
        raise TranscriptError("a tab-separated transcript starts with a header naming its columns: start, end and "
                              "text", source=source, line=(first or 0) + 1)
    width = max(columns.values()) + 1
    rows = []
    for k in range(first + 1, len(lines)):
        line = lines[k]
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < width:
            raise TranscriptError(f"expected {width} tab-separated columns, found {len(fields)}", source=source,
                                  line=k + 1)
        if len(fields) > width and columns["text"] == width - 1:
            fields[width - 1:] = [" ".join(fields[width - 1:])]  # a tab inside the text
        rows.append((k + 1, fields))
    if not rows:
        raise TranscriptError("the tab-separated transcript has a header but no rows", source=source)
    milliseconds = {name: all(_whole(fields[columns[name]]) for _, fields in rows) for name in ("start", "end")}
    builder = SegmentBuilder()
    for number, fields in rows:
        start, end = (_time(fields[columns[name]], name, milliseconds[name], source, number)
                      for name in ("start", "end"))
        words = fields[columns["text"]].strip()
        speaker = (fields[columns["speaker"]].strip() or None) if "speaker" in columns else None
        if speaker is None:
            speaker, words = split_label(words)
        builder.add(words, start, end, speaker, number)
    return builder.transcript(source, "tsv", "the tab-separated transcript holds no text")


def _whole(value: str) -> bool:
    value = value.strip()
    return value.isdigit() or value == ""


def _time(value: str, name: str, milliseconds: bool, source: str | None, line: int) -> float | None:
    value = value.strip()
    if not value:
        return None
    if not value.isascii():
        raise TranscriptError(f"the {name} column must hold a time, not {value[:40]!r}", source=source, line=line)
    seconds = finite_time(value, f"the {name} column", source, line)
    if seconds is not None and milliseconds:
        seconds /= 1000.0
    return seconds
