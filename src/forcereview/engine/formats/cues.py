"""WebVTT and SRT: blocks of one timing line and the cue text.

WebVTT cues may carry voice tags (``<v Sgt. Diaz>Get down</v>``, several per cue); both
formats may prefix the text with a speaker label (``OFFICER SMITH: Get down``), mark speaker
changes inside a cue with dialogue dashes (``- Get down!`` / ``- I'm not resisting!``) or with
``>>`` as broadcast captions do. A cue whose timing line is missing or malformed is an error
naming its line; a stray text block without timing (an SRT cue with a blank line inside it) is
joined to the cue before it.

Roll-up captions (YouTube's automatic captions, broadcast roll-up converted to WebVTT or SRT)
show each line twice or more: a new cue repeats the line above the new one, often after a cue
of a few milliseconds that holds the line alone. Those repeated lines are dropped so every
line is read once; inline word timings (``<00:00:01.234><c> word</c>``) are removed.
"""

from __future__ import annotations

import re
from html import unescape
from itertools import compress, repeat
from operator import sub

from ..errors import TranscriptError
from ..model import Transcript
from .columns import (FixedMinuteSeconds, Lines, MinuteSeconds, add_columns, clock_column, clock_column_fixed,
                      label_column)
from .common import CLOCK, SegmentBuilder, clock_seconds, split_label

# the common timing line, read without building eight groups: (hours:)? minutes : seconds.fraction
_FAST_TIMING = re.compile(r"[ \t]*(?:(\d{1,3}):)?(\d{1,4}):(\d{1,2}(?:[.,]\d{1,3})?)[ \t]*-->[ \t]*"
                          r"(?:(\d{1,3}):)?(\d{1,4}):(\d{1,2}(?:[.,]\d{1,3})?)(?:[ \t].*)?$")
_TIMING = re.compile(r"\s*" + CLOCK + r"\s*-->\s*" + CLOCK + r"(?:\s.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
_CLOCK_START = re.compile(r"\s*\d{1,3}:\d{2}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
# a cue whose first text line is blank but for spaces (YouTube): that line is no blank line
_BLANK_AFTER_TIMING = re.compile(r"(-->[^\n]*)\n[ \t]+(?=\n)")
FLASH = 0.1  # seconds: a cue this short only repeats a line on its way up (roll-up captions)
_DIALOGUE = re.compile(r"^\s*(?:-|\u2013|\u2014|>>)\s*")
_OVERRIDE_CODE = re.compile(r"\{\\[^{}\n]*\}")  # "{\an8}", "{\i1}": a subtitle editor's codes


def looks_like_cues(text: str) -> bool:
    """Within its first lines the text has a timing line ``00:00:01,000 --> 00:00:02,000``."""
    seen = 0
    for line in text.split("\n", 12)[:12]:
        if not line.strip():
            continue
        if "-->" in line and _TIMING.match(line):
            return True
        seen += 1
        if seen >= 3:
            return False
    return False


def parse_cues(text: str, source: str | None, fmt: str) -> Transcript:
    if "\t" in text or " \n" in text:
        text = _TRAILING_SPACE.sub("\n", _BLANK_AFTER_TIMING.sub(r"\1", text))
    fast = _parse_regular(text, source, fmt)
    if fast is not None:
        return fast
    builder = SegmentBuilder()
    shown: list[str] = []  # the text lines of the cue before, to drop the lines roll-up repeats
    minutes: dict[tuple[str | None, str], float] = {}

    def clock(hours: str | None, mins: str, secs: str) -> float:
        base = minutes.get((hours, mins))
        if base is None:
            base = minutes[(hours, mins)] = int(hours or 0) * 3600.0 + int(mins) * 60.0
        return base + float(secs.replace(",", ".") if "," in secs else secs)

    line_no = 1
    first = True
    for block in text.split("\n\n"):
        start_line = line_no
        line_no += block.count("\n") + 2
        if not block.strip():
            continue
        lines = block.split("\n")
        while lines and not lines[0].strip():
            lines.pop(0)
            start_line += 1
        while not lines[-1].strip():  # the end of the file: no line of the cue
            lines.pop()
        if first:
            first = False
            if fmt == "webvtt":
                if not lines[0].lstrip().startswith("WEBVTT"):
                    raise TranscriptError("a WebVTT file must start with 'WEBVTT'", source=source, line=start_line)
                if not any("-->" in ln for ln in lines[1:]):
                    continue  # the header block
                # header immediately followed by a cue without a blank line: drop the header line
                lines = lines[1:]
                start_line += 1
        head = lines[0].lstrip()
        if fmt == "webvtt" and head.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in head:
            continue
        if "-->" in lines[0]:
            timing_at = 0
        elif len(lines) > 1 and "-->" in lines[1]:
            timing_at = 1
        else:
            for offset, candidate in enumerate(lines[:2]):
                if _CLOCK_START.match(candidate):
                    raise TranscriptError(f"malformed cue timing line {candidate.strip()[:60]!r} "
                                          "(expected 'start --> end')", source=source, line=start_line + offset)
            if builder.segments and builder.segments[-1].start is not None:
                builder.extend_last(" ".join(lines))  # an SRT cue with a blank line inside its text
                continue
            raise TranscriptError("expected a cue timing line such as '00:00:01.000 --> 00:00:04.000'",
                                  source=source, line=start_line)
        m = _FAST_TIMING.match(lines[timing_at])
        if m:
            g = m.groups()
            start = clock(g[0], g[1], g[2])
            end = clock(g[3], g[4], g[5])
        else:
            m = _TIMING.match(lines[timing_at])
            if not m:
                raise TranscriptError(f"malformed cue timing line {lines[timing_at].strip()[:60]!r}",
                                      source=source, line=start_line + timing_at)
            g = m.groups()
            start = clock_seconds(g[0], g[1], g[2], g[3])
            end = clock_seconds(g[4], g[5], g[6], g[7])
        body_lines = lines[timing_at + 1:]
        if "&" in block or "{" in block:
            body_lines = _unescaped(body_lines)
            lines = lines[:timing_at + 1] + body_lines
        body_lines, shown = _new_lines(body_lines, shown, end - start)
        if not body_lines:
            continue
        if len(body_lines) < len(lines) - timing_at - 1:
            start_line += len(lines) - timing_at - 1 - len(body_lines)
            lines = lines[:timing_at + 1] + body_lines
        if len(lines) == timing_at + 2:  # the usual cue: one line of text
            body = lines[timing_at + 1]
            voice = _VOICE.match(body) if body.startswith("<v") and body.count("<") <= 2 else None
            if voice:  # <v Name>words, <v.loud Name>words
                words = body[voice.end():]
                if words.endswith("</v>"):
                    words = words[:-4]
                if "<" not in words:
                    builder.add(words, start, end, (voice.group(1) or "").strip() or None, start_line + timing_at + 1)
                    continue
            _add_cue(builder, [body], start, end, start_line + timing_at + 1)
        elif len(lines) > timing_at + 1:
            _add_cue(builder, lines[timing_at + 1:], start, end, start_line + timing_at + 1)
    if not builder.segments:
        raise TranscriptError("no cues with text were found", source=source)
    return Transcript(segments=tuple(builder.segments), source=source, format=fmt)


def _unescaped(texts: list[str | None]) -> list[str | None]:
    """Texts with their character references read (``&gt;&gt;``, ``&#39;``, ``&amp;``), which
    WebVTT allows and captions exported from video sites are full of, and without the
    positioning codes that subtitle editors leave in SRT files (``{\\an8}``)."""
    out = []
    for text in texts:
        if text is not None:
            if "{\\" in text:
                text = _OVERRIDE_CODE.sub("", text)
            if "&" in text:
                text = unescape(text)
        out.append(text)
    return out


def _new_lines(body: list[str], shown: list[str], duration: float) -> tuple[list[str], list[str]]:
    """The lines of a cue that the cue before did not already show, and the lines this cue shows.

    A cue that starts with the last line(s) of the cue before is rolling up: those lines were
    read already. A cue that only repeats them is dropped when it flashes by (a few
    milliseconds) or follows a cue of several lines; a one-line cue repeating a one-line cue is
    a real repetition ("Get down!" twice) and is kept."""
    plain = [_TAG.sub("", line).strip() for line in body]
    if not shown:
        return body, plain
    overlap = 0
    for k in range(min(len(plain), len(shown)), 0, -1):
        if plain[:k] == shown[-k:]:
            overlap = k
            break
    if overlap == len(plain) and not (duration < FLASH or len(shown) > 1):
        overlap = 0
    return body[overlap:], plain


# A regular file: every block is one cue (an optional id line, the timing line, one line of text),
# except, in WebVTT, the header block and NOTE, STYLE and REGION blocks. The cues are read with one
# split of the file by a regular expression that matches a whole cue block, from the blank line
# before it (one is put before the first block) to the end of its text line: the pieces between
# the matches are then the blocks that are no cues, and an empty piece between two cues shows
# that nothing stands between them. Each match starts at a blank line, which the regular
# expression engine finds with a plain string search.
_ARROW = re.compile("-->")
_SKIPPED_BLOCK = ("NOTE", "STYLE", "REGION")


def _cue_expression(timing: str, voice: str, fmt: str) -> re.Pattern:
    """A whole cue block whose timing line is ``timing`` and whose text line may start with
    ``voice``; in WebVTT an id line never starts a block that is skipped. The first group is
    empty where the cue has an id line and None where it has none. An id line holds no ">"
    (nor does ``timing`` after its times), so no timing arrow hides there: a block with one
    is left to the careful reader.

    The id line is an alternative, not an optional group (which the expression engine runs
    through its general repeat, with a record of state per try); the likelier shape comes first
    (in SRT an id line, in WebVTT none). The order changes no match: a cue with an id line has a
    line more, so at most one of the two fits a block."""
    id_line = r"(?:|(?!NOTE|STYLE|REGION)[^\n>]+\n())" if fmt == "webvtt" else r"(?:[^\n>]+\n()|)"
    return re.compile(r"\n\n" + id_line + timing + r"\n" + voice + r"([^\n]+)(?=\n\n|\n?\Z)")


_GENERAL_TIMING = (r"[ \t]*(?:(\d{1,3}):)?(\d{1,4}):(\d{1,2}(?:[.,]\d{1,3})?)[ \t]*-->[ \t]*"
                   r"(?:(\d{1,3}):)?(\d{1,4}):(\d{1,2}(?:[.,]\d{1,3})?)(?:[ \t][^\n>]*)?")
_GENERAL_VOICE = r"(?:<v(?:\.[^ \t>\n]*)?[ \t]+([^>\n]*)>)?"
# What most tools write: times of fixed width with hours (00:01:02.500 --> 00:01:04.000), nothing
# else on the timing line, and voice tags without a class (a text line that starts with one, as
# "<v.loud Name>", is left to the general expression). Minutes, seconds, voice and text in six
# groups a cue: the same columns as the general expression gives, read faster. Its digits are
# [0-9], which the expression engine tests in a table where \d calls a function of the Unicode
# database per character; a time written in digits of another script is left to the general
# expression, which reads it as before.
_FIXED_TIMING = (r"([0-9][0-9]:[0-9][0-9]):([0-9][0-9][.,][0-9][0-9][0-9]) --> "
                 r"([0-9][0-9]:[0-9][0-9]):([0-9][0-9][.,][0-9][0-9][0-9])")
_FIXED_VOICE = r"(?:<v[ \t]+([^>\n]*)>)?(?!<v\.)"
_REGULAR_CUE = {fmt: _cue_expression(_GENERAL_TIMING, _GENERAL_VOICE, fmt) for fmt in ("webvtt", "srt")}
_FIXED_WIDTH_CUE = {fmt: _cue_expression(_FIXED_TIMING, _FIXED_VOICE, fmt) for fmt in ("webvtt", "srt")}


def _parse_regular(text: str, source: str | None, fmt: str) -> Transcript | None:
    """The fast path for the common shape; None when the file needs the careful reader (which
    also finds and names every error)."""
    body = text.strip("\n")
    if "\r" in body or (fmt == "webvtt" and not body.startswith("WEBVTT")):
        return None
    read = _fixed_width_cues(body, fmt) or _regular_cues(body, fmt)
    if read is None:
        return None
    starts, ends, voices, lines, skipped, with_id = read
    if "&" in body or "{" in body:  # (searches for one character)
        lines, voices = _unescaped(lines), _unescaped(voices)
    flashing = _flashing(starts, ends)
    if _repeats_in_passing(flashing, lines):
        return None  # roll-up captions: the careful reader drops the repeated lines
    cues = len(lines)
    # no timing arrow in a text line (the cue expressions refuse one in an id line, on a timing
    # line after its times and in a voice tag, and _skipped_blocks one outside the cues): a
    # search for ">" alone first, far quicker than one for "-->"
    joined = "\n".join(lines)
    if ">" in joined and "-->" in joined:
        return None
    # the line of each cue's text: the line after its timing line
    offset = text.count("\n", 0, text.index(body[:1])) if body else 0
    numbers = _uniform_lines(body, cues, skipped, with_id, fmt)
    if numbers is not None:
        numbers = range(numbers[0] + offset, numbers[0] + offset + numbers[1] * cues, numbers[1])
    else:
        count = body.count
        numbers = []
        line_no, previous = 1 + offset, 0
        for arrow in _ARROW.finditer(body):
            line_no += count("\n", previous, arrow.start())
            previous = arrow.start()
            numbers.append(line_no + 1)
    builder = SegmentBuilder()

    def add_one(k: int) -> None:
        _add_one_cue(builder, voices[k], lines[k], starts[k], ends[k], numbers[k])

    if None not in voices:  # every cue with a voice tag: <v Name>words
        closed = ">" in joined and "</v>" in joined
        texts = [line[:-4] if line.endswith("</v>") else line for line in lines] if closed else lines
        speakers = _voice_names(voices)
        odd = set()  # and any text with another tag in it (marks below)
    else:
        speakers, texts = label_column(lines)
        voiced = [voice is not None for voice in voices]
        for k in compress(range(cues), voiced):
            speakers[k] = None
        odd = set(compress(range(cues), voiced))  # a few cues with voice tags (<v > too): one by one
        plain = Lines(list(map(str.lstrip, lines)))
        odd |= plain.holding(("<",)) | plain.starting(_DIALOGUE_START)  # tags; dialogue dashes start turns
    odd.update(k for k in flashing if ends[k] < starts[k])  # ending before they start
    add_columns(builder, list(map(str.strip, texts)), starts, ends, speakers, numbers, odd, add_one, marks=("<",))
    if not builder.segments:
        return None
    return Transcript(segments=tuple(builder.segments), source=source, format=fmt)


def _flashing(starts: list[float], ends: list[float]) -> list[int]:
    """Indices of the cues that last under ``FLASH`` seconds or end before they start (found
    with one pass over the times when there are none, as in most files)."""
    if min(map(sub, ends, starts)) >= FLASH:
        return []
    return list(compress(range(len(starts)), map(FLASH.__gt__, map(sub, ends, starts))))


def _repeats_in_passing(flashing: list[int], lines: list[str]) -> bool:
    """Whether one of the ``flashing`` cues only repeats the line of the cue before: a line of
    roll-up captions on its way up, which ``_new_lines`` drops. The text lines are compared
    without their tags, voice tags already taken out."""
    return any(_TAG.sub("", lines[k]).strip() == _TAG.sub("", lines[k - 1]).strip() for k in flashing if k)


def _voice_names(voices: list[str]) -> list[str | None]:
    """The speaker a voice tag names (None for ``<v >``)."""
    names: list[str | None] = list(map(str.strip, voices))
    if "" in names:
        names = [name or None for name in names]
    return names


_DIALOGUE_START = ("-", "\u2013", "\u2014", ">>")
# starts, ends, voices (None where a cue has none), text lines, how many blocks are no cues, and
# the id line marks ("" where a cue has an id line, None where it has none)
Columns = tuple[list[float], list[float], list[str | None], list[str], int, list[str | None]]


def _cue_columns(expression: re.Pattern, body: str, fmt: str) -> tuple[list[list[str | None]], int] | None:
    """The groups of ``expression`` as columns, one row a cue, and how many blocks are no
    cues, when every block of ``body`` is a cue read by ``expression`` (or, in WebVTT, the
    header or a NOTE, STYLE or REGION block); else None."""
    pieces = expression.split("\n\n" + body)
    if len(pieces) == 1:
        return None
    step = expression.groups + 1
    header, *between = pieces[::step]  # what stands before the first cue, and after each
    if fmt != "webvtt":
        if header or any(between):  # every block of an SRT file is a cue
            return None
        skipped = 0
    else:
        if not header:  # a WebVTT file starts with its header block, which is no cue
            return None
        skipped = _skipped_blocks(header, list(filter(None, between)))
        if skipped is None:
            return None
    return [pieces[k::step] for k in range(1, step)], skipped


def _skipped_blocks(header: str, others: list[str]) -> int | None:
    """How many blocks stand outside the cues of a WebVTT file, given what stands before the
    first cue and the pieces between and after cues that are not empty; None unless those are
    the header block and NOTE, STYLE or REGION blocks. Each piece starts at a blank line."""
    skipped = 0
    for k, piece in enumerate([header, *others]):
        blocks = piece.split("\n\n")  # ["", block, ...]
        if blocks[0] or "\n\n\n" in piece or piece.endswith("\n") or "-->" in piece:  # no line, or a cue
            return None
        skippable = blocks[2:] if k == 0 else blocks[1:]  # (the header block itself comes first)
        if not all(map(str.startswith, skippable, repeat(_SKIPPED_BLOCK))):
            return None
        skipped += len(blocks) - 1
    return skipped


def _regular_cues(body: str, fmt: str) -> Columns | None:
    """Each cue's times, voice (or None) and text line, read with the general expression."""
    read = _cue_columns(_REGULAR_CUE[fmt], body, fmt)
    if read is None:
        return None
    (with_id, h1, m1, s1, h2, m2, s2, voices, lines), skipped = read
    minutes = MinuteSeconds()
    return clock_column(h1, m1, s1, minutes), clock_column(h2, m2, s2, minutes), voices, lines, skipped, with_id


def _fixed_width_cues(body: str, fmt: str) -> Columns | None:
    """The columns of ``_regular_cues`` when every cue has fixed-width times; else None."""
    read = _cue_columns(_FIXED_WIDTH_CUE[fmt], body, fmt)
    if read is None:
        return None
    (with_id, start_minutes, start_seconds, end_minutes, end_seconds, voices, lines), skipped = read
    minutes = FixedMinuteSeconds()
    return (clock_column_fixed(start_minutes, start_seconds, minutes),
            clock_column_fixed(end_minutes, end_seconds, minutes), voices, lines, skipped, with_id)


def _add_one_cue(builder: SegmentBuilder, voice: str | None, line: str, start: float, end: float,
                 number: int) -> None:
    if voice is not None:
        if line.endswith("</v>"):
            line = line[:-4]
        if "<" not in line:
            builder.add(line, start, end, voice.strip() or None, number)
            return
        line = f"<v {voice}>{line}"
    if "<" in line or _DIALOGUE.match(line):
        _add_cue(builder, [line], start, end, number)
    else:
        speaker, words = split_label(line)
        builder.add(words, start, end, speaker, number)


def _uniform_lines(body: str, cues: int, skipped: int, with_id: list[str | None],
                   fmt: str) -> tuple[int, int] | None:
    """The text line of the first cue and the lines per cue, when every cue has the same shape
    (all with an id line or none, one line of text) and nothing else stands between them;
    else None.

    The cue expressions match no newline but the one after the id line and the one after the
    timing line, so with nothing between the cues their lines follow from the id line marks,
    without counting the newlines of the whole file."""
    if skipped > 1 or (fmt == "webvtt" and "\n\n" not in body):
        return None
    if with_id.count(with_id[0]) != cues:  # (the marks are None or the one empty string)
        return None  # some cues with an id line, some without
    if fmt == "webvtt":
        header_lines = body.count("\n", 0, body.index("\n\n") + 2)  # the WEBVTT header block
    else:
        header_lines = 0
    per = 3 if with_id[0] is None else 4  # timing, text, blank / id, timing, text, blank
    return header_lines + per - 1, per


def _add_cue(builder: SegmentBuilder, body: list[str], start: float, end: float, line: int) -> None:
    if len(body) == 1:
        text = body[0]
        if "<" not in text and not _DIALOGUE.match(text):
            speaker, words = split_label(text)
            builder.add(words, start, end, speaker, line)
            return
    text = "\n".join(body)
    if "<v" in text or "<V" in text:
        _voices(builder, text, start, end, line)
        return
    if "<" in text:
        text = _TAG.sub("", text)
    turns = _turns(text.split("\n"))
    for offset, turn in turns:
        speaker, words = split_label(turn)
        builder.add(words, start, end, speaker, line + offset)


def _turns(lines: list[str]) -> list[tuple[int, str]]:
    """Lines of a cue grouped into speaker turns (dialogue dashes or >> start a new one)."""
    marked = [bool(_DIALOGUE.match(ln)) for ln in lines]
    if not any(marked):
        return [(0, " ".join(lines))]
    turns: list[tuple[int, str]] = []
    for i, (ln, is_new) in enumerate(zip(lines, marked)):
        if is_new or not turns:
            turns.append((i, _DIALOGUE.sub("", ln, count=1)))
        else:
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + ln)
    return turns


def _voices(builder: SegmentBuilder, text: str, start: float, end: float, line: int) -> None:
    parts = _VOICE.split(text)
    # parts: [before, name1, text1, name2, text2, ...]
    before = _TAG.sub("", parts[0]).strip()
    if before:
        speaker, words = split_label(before.replace("\n", " "))
        builder.add(words, start, end, speaker, line)
    for i in range(1, len(parts) - 1, 2):
        name = (parts[i] or "").strip() or None
        words = _TAG.sub("", parts[i + 1]).replace("\n", " ")
        builder.add(words, start, end, name, line + parts[0].count("\n") + sum(p.count("\n") for p in parts[1:i + 1]))
