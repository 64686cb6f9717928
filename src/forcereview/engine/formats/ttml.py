"""Timed Text (TTML, DFXP) captions, as broadcasters and video platforms export them::

    <tt xmlns="http://www.w3.org/ns/ttml"><body><div>
      <p begin="00:00:01.000" end="00:00:03.500">OFFICER: Get on the ground!</p>
      <p begin="3.6s" dur="1.4s" ttm:agent="suspect">I can't breathe!</p>
    </div></body></tt>

Each ``<p>`` is one cue: its text (a ``<br/>`` is a line break, spans are read through), its
``begin`` and ``end`` (or ``begin`` plus ``dur``), and its speaker from ``ttm:agent`` (the
agent's ``ttm:name`` when the head declares one) or a ``NAME:`` label at the start of its text.
Times may be clocks (``00:00:01.500``, ``00:00:01:12`` with frames at the document's frame rate,
30 when unstated) or offsets (``1.5s``, ``1500ms``, ``2m``, ``1h``, ``45f``, ``1000t`` in ticks
at its tick rate). Times are counted from the start of the document, as most exports write them.
The XML is parsed with Python's own parser, which expands no external entities.
"""

from __future__ import annotations

import re

from ..errors import TranscriptError
from ..model import Transcript
from .common import SegmentBuilder, split_label

_TTP = "http://www.w3.org/ns/ttml#parameter"
_TTM = "http://www.w3.org/ns/ttml#metadata"
_XML = "http://www.w3.org/XML/1998/namespace"
_CLOCK = re.compile(r"^(\d{1,4}):(\d{2}):(\d{2})(?:(\.\d{1,9})|:(\d{1,6}(?:\.\d{1,6})?))?$")
_OFFSET = re.compile(r"^(\d{1,12}(?:\.\d{1,9})?)(h|ms|m|s|f|t)$")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
MAX_SECONDS = 1e7  # about 115 days: a time beyond it is a mistake


def looks_like_ttml(head: str) -> bool:
    """The text starts as a Timed Text document does (``<tt``, perhaps after an XML declaration)."""
    start = head.lstrip()
    if start.startswith("<?xml"):
        start = start[start.find("?>") + 2:].lstrip() if "?>" in start else ""
    return start.startswith(("<tt ", "<tt>", "<tt:tt", "<tt\n"))


def parse_ttml(text: str, source: str | None) -> Transcript:
    from xml.etree import ElementTree

    # the text is decoded already: the declaration's encoding no longer applies (its line stays)
    body = _DECLARATION.sub(lambda m: "\n" * m.group().count("\n"), text, count=1)
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise TranscriptError(f"not valid Timed Text XML: {exc}", source=source, line=line) from None
    except (ValueError, LookupError) as exc:
        raise TranscriptError(f"not valid Timed Text XML: {exc}", source=source) from None
    if _local(root.tag) != "tt":
        raise TranscriptError("a Timed Text document's root element is <tt>", source=source)
    rates = _Rates(root)
    agents = {}
    for element in root.iter():
        if _local(element.tag) == "agent":
            ident = element.get(f"{{{_XML}}}id")
            name = next((n.text for n in element if _local(n.tag) == "name" and n.text), None)
            if ident:
                agents[ident] = (name or ident).strip()
    builder = SegmentBuilder()
    for number, p in enumerate((e for e in root.iter() if _local(e.tag) == "p"), start=1):
        where = f"caption {number}"
        begin = rates.time(p.get("begin"), f"{where}: begin", source)
        end = rates.time(p.get("end"), f"{where}: end", source)
        if end is None and begin is not None and p.get("dur") is not None:
            end = begin + rates.time(p.get("dur"), f"{where}: dur", source)
        words = " ".join(_text(p).split())
        agent = (p.get(f"{{{_TTM}}}agent") or "").split()[:1]  # the first agent named
        speaker = agents.get(agent[0], agent[0]) if agent else None
        if speaker is None:
            speaker, words = split_label(words)
        builder.add(words, begin, end, speaker, None)
    return builder.transcript(source, "ttml", "no captions with text were found (<p> elements)")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element) -> str:
    """The text of a caption, a ``<br/>`` read as a line break (a space once joined)."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if _local(child.tag) == "br" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


class _Rates:
    @staticmethod
    def _checked(seconds: float, where: str, source: str | None) -> float:
        if not seconds <= MAX_SECONDS:
            raise TranscriptError(f"{where} is {seconds:g} seconds, more than any recording lasts", source=source)
        return seconds

    def __init__(self, root) -> None:
        self.frames = self._number(root.get(f"{{{_TTP}}}frameRate"), 30.0)
        self.ticks = self._number(root.get(f"{{{_TTP}}}tickRate"), 1.0)

    @staticmethod
    def _number(value: str | None, default: float) -> float:
        try:
            number = float(value) if value is not None else default
        except ValueError:
            return default
        return number if 0 < number < 1e9 else default

    def time(self, value: str | None, where: str, source: str | None) -> float | None:
        if value is None:
            return None
        value = value.strip()
        m = _CLOCK.match(value)
        if m:
            hours, minutes, seconds, fraction, frames = m.groups()
            total = int(hours) * 3600 + int(minutes) * 60 + int(seconds) + float(fraction or 0)
            return self._checked(total + (float(frames) / self.frames if frames else 0.0), where, source)
        m = _OFFSET.match(value)
        if m:
            number, unit = float(m.group(1)), m.group(2)
            scale = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, "f": 1 / self.frames, "t": 1 / self.ticks}[unit]
            return self._checked(number * scale, where, source)
        raise TranscriptError(f"{where} must be a time such as 00:00:01.500 or 1.5s, not {value[:40]!r}",
                              source=source)
