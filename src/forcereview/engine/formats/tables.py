"""Transcripts laid out as a table: tab- or comma-separated columns, one utterance a row.

    start	end	text                            (Whisper's ``--output_format tsv``)
    0	2100	Get on the ground!

    Time,Speaker,Transcript                       (a spreadsheet saved as CSV)
    00:00:05,Officer Smith,Get on the ground!

    00:00:05	Officer Smith	Get on the ground!    (a table copied out of a document: no header)
    00:00:07	Subject	I'm not resisting!

    | Time | Speaker | Text |                       (a table drawn with pipes, as Markdown has it)
    |---|---|---|
    | 00:00:05 | Officer Smith | Get on the ground! |

The first row names the columns, in any order and case (``COLUMN_NAMES``): the words, and a
start time or a speaker, perhaps an end time. Columns the reader does not use but knows to be
harmless (a row number, notes, a confidence) may stand beside them; any other name means the
text is no table. Without a header, tab-separated lines are read as a table when nearly all of
them have the same number of cells, the last holding the words and every other one either a
time or a speaker's name (names that come back, as speakers speak more than once).

Times: a clock (``00:01:02.500``, ``1:02``, ``00:01:02,500``; a timecode's frames,
``00:01:02:15``, as thirtieths of a second), seconds with a decimal point, or whole numbers.
Whole numbers are milliseconds in a column named ``start`` or ``end`` (as Whisper writes them)
or whose name says so (``start_ms``, ``Start (ms)``), seconds in any other. Each row is one
utterance; a row with too few cells or a time that is no time is an error naming its line.
"""

from __future__ import annotations

import csv
import re

from ..errors import TranscriptError
from ..model import Transcript
from .common import SegmentBuilder, finite_time, is_label, parse_clock, split_label

_START = ("start", "start time", "starttime", "begin", "begin time", "time", "timestamp", "time stamp", "timecode",
          "time code", "tc", "in", "time in", "offset", "start ms", "start s", "start seconds", "start sec")
_END = ("end", "end time", "endtime", "stop", "stop time", "out", "time out", "end ms", "end s", "end seconds",
        "end sec")
_SPEAKER = ("speaker", "speaker label", "speaker name", "name", "who", "participant", "person", "talker", "voice",
            "speaker id", "role")
_TEXT = ("text", "transcript", "transcription", "dialogue", "dialog", "utterance", "content", "words", "caption",
         "statement", "speech", "what was said", "spoken text", "sentence")
_IGNORED = ("", "no", "#", "number", "line", "line no", "row", "index", "id", "page", "notes", "note", "comments",
            "comment", "confidence", "duration", "length", "channel", "language", "segment", "seq")
COLUMN_NAMES: dict[str, str] = {**{n: "start" for n in _START}, **{n: "end" for n in _END},
                                **{n: "speaker" for n in _SPEAKER}, **{n: "text" for n in _TEXT},
                                **{n: "" for n in _IGNORED}}
_NAME_NOISE = re.compile(r"[_\-.()\[\]:]+")
_TIMECODE = re.compile(r"(\d{1,2}):(\d{2}):(\d{2})[:;](\d{2})$")
_DELIMITERS = {"\t": "tsv", ",": "csv", ";": "csv"}
_DELIMITER_NAMES = {"\t": "tab", ",": "comma", ";": "semicolon"}


def _column(name: str) -> str | None:
    """What a header cell names (start, end, speaker, text; "" for a column of no use), or None."""
    key = " ".join(_NAME_NOISE.sub(" ", name.strip().lower()).split())
    return COLUMN_NAMES.get(key)


def _in_milliseconds(name: str) -> bool:
    key = name.strip().lower()
    return "ms" in _NAME_NOISE.sub(" ", key).split() or "millisecond" in key


def _header(cells: list[str]) -> dict[str, int] | None:
    """Column role -> index, when ``cells`` name a transcript's columns; else None."""
    if len(cells) < 2:
        return None
    columns: dict[str, int] = {}
    for k, cell in enumerate(cells):
        role = _column(cell)
        if role is None or (role and role in columns):
            return None
        if role:
            columns[role] = k
    if "text" not in columns or not ({"start", "speaker"} & columns.keys()):
        return None
    return columns


def _first_line(text: str) -> str:
    text = text.lstrip("\ufeff\n\r")
    end = text.find("\n")
    return (text if end == -1 else text[:end]).rstrip("\r")


def table_format(text: str) -> str | None:
    """``tsv`` or ``csv`` when the text is laid out as a table of a transcript (see the module's
    description); else None."""
    first = _first_line(text)
    for delimiter, fmt in _DELIMITERS.items():
        if delimiter in first and _header(_cells(first, delimiter)) is not None:
            return fmt
    if "\t" in first and _headerless(text.split("\n")) is not None:
        return "tsv"
    return None


# a Markdown table's rule under its header: "|---|:---:|---|"
_PIPE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")


def pipe_table(text: str) -> str | None:
    """The rows of a table drawn with pipes (``00:01:02 | OFFICER | Get down``, or a Markdown
    table with its rule under the header) as tab-separated lines, each where it stood (the rule
    a blank line), when every line with words is such a row, nearly all with the same number of
    cells, and the rows read as a table of a transcript; else None."""
    if "|" not in _first_line(text):
        return None
    out: list[str] = []
    widths: list[int] = []
    for line in text.split("\n"):
        row = line.strip()
        if not row or _PIPE_RULE.fullmatch(row):
            out.append("")
            continue
        if "|" not in row:
            return None
        if row.startswith("|"):
            row = row[1:]
        if row.endswith("|"):
            row = row[:-1]
        cells = [cell.strip() for cell in row.split("|")]
        widths.append(len(cells))
        out.append("\t".join(cells))
    if len(widths) < 2 or widths.count(max(set(widths), key=widths.count)) < 0.9 * len(widths):
        return None
    table = "\n".join(out)
    return table if table_format(table) is not None else None


def _cells(line: str, delimiter: str) -> list[str]:
    if delimiter == "\t":
        return line.split("\t")
    return next(csv.reader([line], delimiter=delimiter), [])


def _headerless(lines: list[str]) -> dict[str, int] | None:
    """The columns of tab-separated lines without a header (see the module's description), or None."""
    rows = [line.rstrip("\r").rstrip("\t").split("\t") for line in lines if line.strip()][:200]
    if len(rows) < 2:
        return None
    width = max(set(map(len, rows)), key=[len(r) for r in rows].count)
    shaped = [row for row in rows if len(row) == width]
    if not 2 <= width <= 4 or len(shaped) < 0.9 * len(rows):
        return None
    columns: dict[str, int] = {"text": width - 1}
    for k in range(width - 1):
        cells = [row[k].strip() for row in shaped]
        if all(parse_time_cell(cell) is not None for cell in cells if cell) and any(cells):
            role = "start" if "start" not in columns else "end"
            if role in columns:
                return None
            columns[role] = k
        elif "speaker" not in columns and all(is_label(cell) and not cell.endswith(":") for cell in cells if cell) \
                and any(cells):  # ("Officer:<tab>words" is a labelled line, which the plain reader reads)
            columns["speaker"] = k
        else:
            return None
    if "start" not in columns:  # names and words alone: some name comes back (speakers speak again)
        names = [cell for row in shaped if (cell := row[columns["speaker"]].strip())]
        if len(set(names)) == len(names):
            return None
    return columns


def parse_time_cell(value: str) -> float | None:
    """Seconds from a clock, a timecode or a number; None for anything else."""
    value = value.strip()
    if not value or not value.isascii():
        return None
    if ":" in value:
        m = _TIMECODE.match(value)
        if m:
            h, mnt, s, frames = map(int, m.groups())
            return h * 3600.0 + mnt * 60.0 + s + frames / 30.0
        return parse_clock(value)
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 and seconds == seconds and seconds != float("inf") else None


def parse_table(text: str, source: str | None, fmt: str = "tsv") -> Transcript:
    lines = text.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise TranscriptError("the table holds no rows", source=source)
    delimiter = "\t" if fmt == "tsv" else _delimiter(lines[first])
    kind = _DELIMITER_NAMES[delimiter]
    header_cells = _cells(lines[first].lstrip("\ufeff").rstrip("\r"), delimiter)
    columns = _header(header_cells)
    names: list[str] = header_cells
    if columns is None:
        columns = _headerless(lines) if delimiter == "\t" else None
        if columns is None:
            raise TranscriptError(f"a {kind}-separated transcript starts with a header naming its columns: the "
                                  "text and a start time or a speaker", source=source, line=first + 1)
        names = [""] * (max(columns.values()) + 1)
        body = _rows(lines, first, delimiter, source)
    else:
        body = _rows(lines, first + 1, delimiter, source)
    width = max(columns.values()) + 1
    rows = []
    for number, fields in body:
        if len(fields) < width:
            raise TranscriptError(f"expected {width} {kind}-separated columns, found {len(fields)}", source=source,
                                  line=number)
        if len(fields) > width and columns["text"] == width - 1:
            fields[width - 1:] = [" ".join(fields[width - 1:])]  # a delimiter inside the text
        rows.append((number, fields))
    if not rows:
        raise TranscriptError("the table has a header but no rows", source=source)
    times = [name for name in ("start", "end") if name in columns]
    milliseconds = {name: (names[columns[name]].strip().lower() == name or _in_milliseconds(names[columns[name]]))
                    and all(_whole(fields[columns[name]]) for _, fields in rows) for name in times}
    builder = SegmentBuilder()
    for number, fields in rows:
        start, end = (_time(fields[columns[name]], name, milliseconds[name], source, number) if name in columns
                      else None for name in ("start", "end"))
        words = fields[columns["text"]].strip()
        speaker = (fields[columns["speaker"]].strip() or None) if "speaker" in columns else None
        if speaker is None:
            speaker, words = split_label(words)
        builder.add(words, start, end, speaker, number)
    return builder.transcript(source, fmt, "the table holds no text")


def _delimiter(line: str) -> str:
    """The delimiter of a comma-separated header (a semicolon where a spreadsheet uses one)."""
    for delimiter in (",", ";"):
        if delimiter in line and _header(_cells(line, delimiter)) is not None:
            return delimiter
    return ","


def _rows(lines: list[str], first: int, delimiter: str, source: str | None) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every row that is not blank, from line index ``first`` on."""
    if delimiter == "\t":
        return [(k + 1, line.rstrip("\r").split("\t")) for k, line in enumerate(lines[first:], start=first)
                if line.strip()]
    rows = []
    reader = csv.reader([line + "\n" for line in lines[first:]], delimiter=delimiter)
    number = first + 1
    try:
        for cells in reader:  # (a quoted cell may hold line breaks: a row then spans several lines)
            if any(cell.strip() for cell in cells):
                rows.append((number, [cell.replace("\r", "") for cell in cells]))
            number = first + reader.line_num + 1
    except csv.Error as exc:
        raise TranscriptError(f"malformed comma-separated row ({exc})", source=source, line=number) from None
    return rows


def _whole(value: str) -> bool:
    value = value.strip()
    return value.isdigit() or value == ""


def _time(value: str, name: str, milliseconds: bool, source: str | None, line: int) -> float | None:
    value = value.strip()
    if not value:
        return None
    if not value.isascii():
        raise TranscriptError(f"the {name} column must hold a time, not {value[:40]!r}", source=source, line=line)
    m = _TIMECODE.match(value)
    seconds = parse_time_cell(value) if m else finite_time(value, f"the {name} column", source, line)
    if seconds is not None and milliseconds:
        seconds /= 1000.0
    return seconds
