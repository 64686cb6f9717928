"""Advanced SubStation Alpha (``.ass``) and SubStation Alpha (``.ssa``) subtitles, as subtitle
editors such as Aegisub write them::

    [Script Info]
    ScriptType: v4.00+

    [Events]
    Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
    Dialogue: 0,0:00:01.00,0:00:03.00,Default,OFFICER,0,0,0,,Get on the ground!
    Dialogue: 0,0:00:03.00,0:00:05.00,Default,,{\\i1}I'm not resisting!{\\i0}\\NPlease!

The ``Format`` line of the ``[Events]`` section names the fields; each ``Dialogue`` line is one
utterance, its ``Name`` (the actor) the speaker, or a ``NAME:`` label in its text. Override
blocks (``{\\i1}``) are styling and go; ``\\N`` and ``\\n`` are line breaks and ``\\h`` a space.
``Comment`` lines and the other sections are not speech. A line that is no dialogue of the
format's shape, or a time that is no time, is an error naming its line.
"""

from __future__ import annotations

import re

from ..errors import TranscriptError
from ..model import Transcript
from .common import SegmentBuilder, parse_clock, split_label

_OVERRIDE = re.compile(r"\{[^{}]*\}")
_BREAK = re.compile(r"\\[Nnh]")


def looks_like_ass(head: str) -> bool:
    """The text opens with a ``[Script Info]`` section, as every SubStation file does."""
    return head.lstrip("\ufeff \t\r\n")[:13].lower() == "[script info]"


def parse_ass(text: str, source: str | None) -> Transcript:
    lines = text.split("\n")
    builder = SegmentBuilder()
    section = ""
    fields: list[str] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            continue
        if section != "events":
            continue
        kind, colon, rest = line.partition(":")
        kind = kind.strip().lower()
        if not colon:
            raise TranscriptError(f"expected 'Format:', 'Dialogue:' or 'Comment:' in the [Events] section, found "
                                  f"{line[:40]!r}", source=source, line=number)
        if kind == "format":
            fields = [name.strip().lower() for name in rest.split(",")]
            if "text" not in fields or fields[-1] != "text" or "start" not in fields:
                raise TranscriptError("the [Events] Format line must name Start and end with Text", source=source,
                                      line=number)
            continue
        if kind != "dialogue":
            continue  # Comment, Picture, Sound, Movie, Command: no speech
        if fields is None:
            raise TranscriptError("a Dialogue line comes before the [Events] Format line", source=source, line=number)
        values = rest.split(",", len(fields) - 1)  # the text, last, may hold commas
        if len(values) != len(fields):
            raise TranscriptError(f"expected {len(fields)} comma-separated fields, found {len(values)}",
                                  source=source, line=number)
        row = dict(zip(fields, values))
        start = _time(row.get("start", ""), "start", source, number)
        end = _time(row.get("end", ""), "end", source, number) if "end" in row else None
        words = " ".join(_BREAK.sub(" ", _OVERRIDE.sub("", row["text"])).split())
        speaker = (row.get("name") or row.get("actor") or "").strip() or None
        if speaker is None:
            speaker, words = split_label(words)
        builder.add(words, start, end, speaker, number)
    if section == "" and not builder.segments:
        raise TranscriptError("a SubStation file needs an [Events] section", source=source)
    return builder.transcript(source, "ass", "the [Events] section holds no dialogue")


def _time(value: str, name: str, source: str | None, line: int) -> float | None:
    value = value.strip()
    if not value:
        return None
    seconds = parse_clock(value) if value.isascii() else None
    if seconds is None:
        raise TranscriptError(f"the {name} time must be a time such as 0:00:01.50, not {value[:40]!r}",
                              source=source, line=line)
    return seconds
