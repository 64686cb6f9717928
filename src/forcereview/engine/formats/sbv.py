"""SubViewer (``.sbv``) captions, as YouTube Studio downloads them::

    0:00:01.000,0:00:03.500
    >> OFFICER: Get on the ground!

    0:00:03.600,0:00:05.000
    I'm not resisting!

Blocks of a timing line (start and end joined by a comma) and the caption text: the same blocks
as SRT without the arrow, so each timing line is written as SRT writes it and the cue reader
does the rest (speaker labels, ``>>`` speaker changes, roll-up lines, errors naming the line).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import TranscriptError
from ..model import Transcript
from .cues import parse_cues

_TIMING = re.compile(r"^[ \t]*(\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d{1,3})?),(\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d{1,3})?)[ \t]*$",
                     re.M)


def looks_like_sbv(text: str) -> bool:
    """The first line that is not blank is a SubViewer timing line."""
    first = text.lstrip()[:60].split("\n", 1)[0]
    return "," in first and _TIMING.match(first) is not None


def parse_sbv(text: str, source: str | None) -> Transcript:
    try:
        transcript = parse_cues(_TIMING.sub(r"\1 --> \2", text), source, "srt")
    except TranscriptError as exc:
        if "start --> end" not in exc.message:
            raise
        message = exc.message.replace("'start --> end'", "'0:00:01.000,0:00:03.500'")
        raise TranscriptError(message, source=exc.source, line=exc.line) from None
    return replace(transcript, format="sbv")
