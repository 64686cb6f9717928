"""Plain text transcripts, one utterance a line.

    # comment lines start with '#'
    [00:12] OFFICER (Christensen): Get on the ground.
    [00:14] Student: I didn't do anything!
    [1:02:07] Sgt. Diaz: Stop resisting.
    Dispatch: Copy, one in custody.
    [crying]

Also read: a timestamp in parentheses or bare (``00:12 Name: ...``), after the label
(``Name [00:12]: ...``, ``Name (00:12): words``), and the header lines of common transcription
services (``Speaker 1  0:03`` or ``Speaker 1: (00:03)`` with the words on the following lines;
``00:00:03 Speaker 1`` or ``Officer Smith 0:03`` alone on a line when the whole file is laid out
that way, see ``header_lines``).
A line without a label continues the utterance above it when that one has a speaker; an
annotation alone on a line (``[crying]``) is its own segment with no speaker.

Court exhibits number every line of a page (1 to 25, say) and carry page headers and footers
(``Case 2:21-cv-01187 Document 45-3 Filed 06/14/22 Page 4 of 19``, ``Page 2``, a title). When
most lines start with a line number counting up, the numbers are dropped, the lines without
one (the page furniture) are ignored, and an annotation on a line of its own belongs to the
utterance above it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from itertools import compress, islice

from ..errors import TranscriptError
from ..model import Transcript
from .columns import add_columns, label_column
from .common import (_PERSON_WORDS, CLOCK, SegmentBuilder, bracketed_name, capitalised, clock_seconds, is_label,
                     make_segment, split_events, split_label)
from .furniture import front_matter

# a time opening a line; a timecode's frames ("01:00:05:12") are read no further than the second
_LEADING_TIME = re.compile(r"^\s*(?:[\[(]\s*" + CLOCK + r"(?:[:;]\d\d)?\s*[\])]|" + CLOCK + r"(?:[:;]\d\d)?(?=\s))"
                           r"[\s\-\u2013\u2014:|]*")
# the console output of Whisper and whisper.cpp: "[00:00:01.000 --> 00:00:04.000]  words"
# and the start and end of a line as other services write them: "[00:01:02 - 00:01:05]", "(1:02 to 1:05)"
_TIME_RANGE = re.compile(r"[\[(]\s*" + CLOCK + r"\s*(?:-->|->|-|\u2013|\u2014|to)\s*" + CLOCK + r"\s*[\])]\s*")
_LABEL_TIME = re.compile(r"^(.*?)\s*(?:[\[(]\s*" + CLOCK + r"\s*[\])]|\s" + CLOCK + r")\s*$")
# "Officer Smith [00:09]: words" or "Officer Smith (00:09): words"
_LABEL_WITH_TIME = re.compile(r"^([^:\[\]()\n]{1,60}?)\s*[\[(]\s*" + CLOCK + r"\s*[\])]\s*:\s*(.*)$")
_BULLET = re.compile(r"^(?:[-\u2013\u2014\u2022\u00b7*]|>>)\s+")
_HEADER = re.compile(r"^\s*([^\s:\d][^:\n]{0,50}?)\s{2,}" + CLOCK + r"\s*$")
_LINE_NUMBER = re.compile(r"[ \t]*(\d{1,2})(?=[ \t]|$)[ \t]*")
# a line that is only a time and a name, or a name and a time, when a file puts its words on the
# lines below: "00:00:03 Speaker 1", "[00:00:03] Officer Diaz", "Officer Diaz 0:03", "Speaker 1 - 00:03"
_HEADER_NAME = r"([^\s\d:\[\](][^:\n\[\]]{0,50}?)"
_HEADER_TIME = r"[\[(]?\s*" + CLOCK + r"\s*[\])]?"
_TIME_THEN_NAME = re.compile(r"^\s*" + _HEADER_TIME + r"\s*[-\u2013\u2014|]?\s*" + _HEADER_NAME + r"\s*$")
_NAME_THEN_TIME = re.compile(r"^\s*" + _HEADER_NAME + r"\s*[-\u2013\u2014|]?\s*" + _HEADER_TIME + r"\s*$")
_SENTENCE_MARKS = (".", "!", "?", ",", '"')
_HEAD = 4000  # characters: the start of a file, where a layout it is written in shows
# "Officer Smith - Get down", "SUBJECT — I'm not resisting": a name, then a dash between spaces
_DASH_LABEL = re.compile(r"^(?P<lead>\s*(?:[\[(]\s*" + CLOCK + r"\s*[\])]\s*|" + CLOCK + r"\s+)?)"
                         r"(?P<name>[^\s\-\u2013\u2014:\[\]()][^\-\u2013\u2014:\n\[\]]{0,50}?)"
                         r"\s+(?:--?|\u2013|\u2014)\s+(?P<words>\S.*)$")


def numbered_lines(lines: list[str]) -> list[str] | None:
    """The lines of a court exhibit without their line numbers and with the unnumbered page
    furniture blanked out; None when the text is not laid out that way."""
    sample = []
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            sample.append(line)
            if len(sample) == 60:
                break
    if len(sample) < 4 or not sample[0].lstrip()[:1].isdigit() and not any(
            ln.lstrip()[:1].isdigit() for ln in sample[1:4]):
        return None
    numbered = steps = 0
    previous = None
    for line in sample:
        m = _LINE_NUMBER.match(line)
        if m:
            numbered += 1
            n = int(m.group(1))
            steps += previous is not None and (n == previous + 1 or n == 1)
            previous = n
    if numbered < 0.6 * len(sample) or steps < 0.6 * (numbered - 1):
        return None
    out = []
    for line in lines:
        m = _LINE_NUMBER.match(line)
        out.append(line[m.end():] if m else ("" if line.strip() and not line.lstrip().startswith("#") else line))
    return out


# "[Officer Smith] Get down": a speaker's name in brackets opening the line (after a time)
_BRACKET_LABEL = re.compile(r"^(?P<lead>\s*(?:(?:[\[(]\s*" + CLOCK + r"\s*[\])]|" + CLOCK + r")\s*)?)"
                            r"\[(?P<name>[^\[\]\n:]{1,50})\]\s*(?P<words>[^:\s].*)$")
_BRACKET_FIRST = re.compile(r"\s*(?:(?:[\[(]\s*" + CLOCK + r"\s*[\])]|" + CLOCK + r")\s*)?\[[A-Za-z]")


def _content(lines: list[str]) -> list[int]:
    """Indices of the lines with words (not blank, no comment)."""
    return [k for k, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]


def _labelled_with_colons(lines: list[str], content: list[int]) -> bool:
    """Whether more than a fifth of the lines with words have a ``Name:`` label of their own (a
    file labelled with colons, whose dashes, spaces or capitals belong to the words)."""
    return sum(1 for k in content if split_label(lines[k])[0] is not None) > 0.2 * len(content)


def _first_at_margin(lines: list[str]) -> list[str]:
    """The first lines with words that start at the margin (where a layout shows first)."""
    return [line for line in islice(filter(str.strip, lines), 4) if not line[:1].isspace()]


def _at_margin(lines: list[str], content: list[int]) -> list[int]:
    """Those of ``content`` that start at the margin (not the indented rest of a wrapped turn)."""
    return [k for k in content if not lines[k][:1].isspace()]


def _relabelled(lines: list[str], content: list[int], found: Mapping[int, Mapping[str, str]]) -> list[str] | None:
    """``lines`` with each of ``found`` (a match with groups lead, name and words) written as
    ``lead name: words``, when most lines with words are found and some name comes back (a
    speaker speaks more than once); else None."""
    names = [m["name"].strip() for m in found.values()]
    if len(found) < 0.6 * len(content) or len(set(names)) == len(names):
        return None
    out = list(lines)
    for k, m in found.items():
        out[k] = f"{m['lead']}{m['name'].strip()}: {m['words']}"
    return out


def bracket_labels(lines: list[str]) -> list[str] | None:
    """The lines with each speaker's name as a label (``Name: words``), when the file puts the
    name in brackets at the start of its lines (``[Officer Smith] Get down``) throughout: most
    lines with words start that way, some name comes back, and a name is no note such as
    ``[Crying]``; else None. (A bracketed name with a colon after it is a label wherever it
    stands: ``split_label`` reads it.)"""
    first = [line for line in islice(filter(str.strip, lines), 3) if not line.lstrip().startswith("#")]
    if not any(map(_BRACKET_FIRST.match, first)):  # (a look at the first lines before reading them all)
        return None
    content = _content(lines)
    found = {}
    for k in content:
        m = _BRACKET_LABEL.match(lines[k])
        if m and bracketed_name(m["name"]):
            found[k] = m
    return _relabelled(lines, content, found)


def name_blocks(lines: list[str]) -> list[str] | None:
    """The lines with each speaker's name as a label, when the file is laid out as a script:
    blocks parted by blank lines, each opening with a name alone on its line (``OFFICER SMITH``)
    and the words below it. Most blocks of several lines open with a capitalised name, some
    name comes back, and no such line ends as a sentence does; else None."""
    blocks: list[list[int]] = [[]]
    for k, line in enumerate(lines):
        if line.strip():
            blocks[-1].append(k)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if len(b) >= 2]
    if len(blocks) < 2:
        return None
    heads = [b[0] for b in blocks if _block_name(lines[b[0]])]
    names = [lines[k].strip() for k in heads]
    if len(heads) < 0.8 * len(blocks) or len(set(names)) == len(names):
        return None
    out = list(lines)
    for k in heads:
        out[k] = lines[k].rstrip() + ":"  # a header line: the words follow on the lines below
    return out


def _block_name(line: str) -> bool:
    name = line.strip()
    return (len(name) <= 40 and len(name.split()) <= 4 and not name.endswith(_SENTENCE_MARKS) and ":" not in name
            and not name.startswith(("[", "(", "#")) and capitalised(name) and is_label(name))


def dash_labels(lines: list[str]) -> list[str] | None:
    """The lines with a colon after each speaker's name, when the file writes a dash instead
    (``Officer Smith - Get down``, ``SUBJECT — Why?``) throughout: most lines that are not
    blank start that way, some name comes back (a speaker speaks more than once) and hardly any
    line has a ``Name:`` label of its own; else None."""
    sample = []  # the first lines with words: most must start with a name and a dash
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            sample.append(line)
            if len(sample) == 40:
                break
    if len(sample) < 2 or sum(1 for line in sample if _DASH_LABEL.match(line)) < 0.6 * len(sample):
        return None
    content = _content(lines)
    if _labelled_with_colons(lines, content):
        return None  # labels with colons, and dashes inside the words
    found: dict[int, re.Match] = {}
    for k in content:
        m = _DASH_LABEL.match(lines[k])
        name = m["name"].strip() if m else ""
        if name and len(name.split()) <= 5 and capitalised(name) and is_label(name):  # "Officer Smith", "SUBJECT"
            found[k] = m
    return _relabelled(lines, content, found)


# "OFFICER SMITH      Get out of the car.", "00:01:02   DRIVER      Why?": a table of speakers and
# words with the columns kept apart by spaces, as `pdftotext -layout` and fixed-width exports give it
_COLUMN_LABEL = re.compile(r"^(?P<lead>(?:[\[(]\s*" + CLOCK + r"\s*[\])]|" + CLOCK + r")?\s*)"
                           r"(?P<name>[^\s:\[\]()#][^\s:\[\]()]*(?: [^\s:\[\]()]+){0,4})"
                           r"(?: {2,}|\t+)(?P<words>\S.*)$")


def column_labels(lines: list[str]) -> list[str] | None:
    """The lines with a colon after each speaker's name, when the file sets the names apart from
    the words by a run of spaces, as a column (``OFFICER SMITH      Get down``) throughout: most
    lines that start at the margin start that way (the others are the words of a long turn,
    wrapped and indented to the words' column), the names are capitalised labels, some name
    comes back, and hardly any line has a ``Name:`` label of its own; else None."""
    if not any(map(_COLUMN_LABEL.match, _first_at_margin(lines))):  # (a look at the first lines first)
        return None
    content = _content(lines)
    at_margin = _at_margin(lines, content)
    if len(at_margin) < 2 or _labelled_with_colons(lines, content):
        return None  # (labels with colons: the runs of spaces are inside the words)
    found: dict[int, re.Match] = {}
    for k in at_margin:
        m = _COLUMN_LABEL.match(lines[k])
        name = m["name"] if m else ""
        if name and capitalised(name) and is_label(name):
            found[k] = m
    return _relabelled(lines, at_margin, found)


# "Officer Smith 00:01:02 Get out of the car.": a speaker's name, then a time, then the words, as a
# table with the speaker's column before the time's comes out of a PDF (the time shows where the
# name ends, whatever its case)
_NAME_TIME_WORDS = re.compile(r"^(?P<name>[^\W\d_][^\s:\[\]()]*(?: [^\s:\[\]()]+){0,4}) "
                              r"[\[(]?(?P<time>" + CLOCK + r")[\])]?\s+(?P<words>[^\s:].*)$")


def name_time_labels(lines: list[str]) -> list[str] | None:
    """The lines as ``[time] Name: words``, when the file writes each turn as its speaker's name,
    a time and the words, with no mark between (``Officer Smith 00:01:02 Get out of the car.``)
    throughout: most lines at the margin start that way, the names are capitalised labels, some
    name comes back, and hardly any line has a ``Name:`` label of its own; else None."""
    if not any(map(_NAME_TIME_WORDS.match, _first_at_margin(lines))):  # (a look at the first lines first)
        return None
    content = _content(lines)
    at_margin = _at_margin(lines, content)
    if len(at_margin) < 2 or _labelled_with_colons(lines, content):
        return None
    found: dict[int, dict[str, str]] = {}
    for k in at_margin:
        m = _NAME_TIME_WORDS.match(lines[k])
        if m and capitalised(m["name"]) and is_label(m["name"]):
            found[k] = {"lead": f"[{m['time']}] ", "name": m["name"], "words": m["words"]}
    return _relabelled(lines, at_margin, found)


# a table's heading row: "Time Speaker Transcript", "SPEAKER | DIALOGUE", "Timestamp Speaker Text"
_HEADING_WORDS = frozenset("time timestamp timecode start end speaker speakers name text transcript transcription "
                           "dialogue dialog statement words content audio utterance remarks".split())
# a line of a table whose cells came out of a PDF joined by single spaces: a time perhaps, a name in
# capitals, then words in small letters ("00:01:02 OFFICER SMITH Get out of the car.")
_TIME_LEAD = r"\s*(?:[\[(]\s*" + CLOCK + r"\s*[\])]|" + CLOCK + r")?\s*"  # a time perhaps, opening a line
_CAPITALS_NAME = re.compile(r"^(?P<lead>" + _TIME_LEAD + r")"
                            r"(?P<name>[A-Z][A-Z0-9.'#\-]*(?: [A-Z0-9][A-Z0-9.'#\-]*){0,4}) (?P<words>\S.*)$")
# words in capitals that open a turn rather than end a name ("DRIVER I am", "SUBJECT OK, okay")
_OPENING_CAPITALS = frozenset("I A I'M I'LL I'VE I'D OK O.K. NO YES HEY OH".split())


def capitals_name_labels(lines: list[str]) -> list[str] | None:
    """The lines with a colon after each speaker's name, when every turn starts with its
    speaker's name in capitals and its words in small letters, with no mark between (a table's
    cells joined by single spaces, as text taken out of a PDF has them): most lines at the
    margin start that way, two names or more come back, and hardly any line has a ``Name:``
    label. The name is the run of words in capitals that opens the line, less a word such as "I"
    or "OK" that opens the turn ("DRIVER I am" is DRIVER); the words after it must hold small
    letters. A heading row ("Time Speaker Transcript") goes. Else None."""
    if not any(_CAPITALS_NAME.match(line) and split_label(line)[0] is None for line in _first_at_margin(lines)):
        return None  # (a look at the first lines before reading them all: "OFFICER SMITH: words" has its label)
    content = _content(lines)
    at_margin = _at_margin(lines, content)
    if len(at_margin) < 3 or _labelled_with_colons(lines, content):
        return None
    heading = at_margin[0] if _HEADING_WORDS.issuperset(lines[at_margin[0]].lower().replace("|", " ").split()) else None
    found: dict[int, dict[str, str]] = {}
    for k in at_margin:
        m = _CAPITALS_NAME.match(lines[k])
        if not m or not any(ch.islower() for ch in m["words"]):
            continue  # the whole line is in capitals: nothing tells where a name would end
        name, words = m["name"].split(" "), m["words"]
        while len(name) > 1 and name[-1] in _OPENING_CAPITALS:
            words = f"{name.pop()} {words}"
        name = " ".join(name)
        if name not in _OPENING_CAPITALS and len(name) > 1 and is_label(name):
            found[k] = {"lead": m["lead"], "name": name, "words": words}
    if len({m["name"] for m in found.values()}) < 2:
        return None  # one "name" on every line is how a sentence starts ("FBI agents ..."), not a table of turns
    out = _relabelled(lines, [k for k in at_margin if k != heading], found)
    if out is not None and heading is not None:
        out[heading] = ""
    return out


# the same table with the names in capitalised words ("00:01:02 Officer Smith Get out of the car."):
# the name is some words that open the line, each capitalised, and the word after it opens the turn,
# capitalised too. Which words are the name shows only across the file: the longest run of opening
# words that opens other lines too ("Officer Smith" of "Officer Smith Get ..." and "Officer Smith
# Stop ...")
_LEAD = re.compile(_TIME_LEAD)
_NAME_WORD = re.compile(r"[A-Z][A-Za-z0-9.'#\-]*$")
# the words turns most often open with, in a capital as a sentence starts: most words after the
# names must be among them, or the capitalised words are a sentence's subject ("Officer Smith
# arrived", "Sergeant Jones said"), not a table of turns
_TURN_OPENERS = frozenset(
    "i im ill ive id you youre your yours we were he hes she shes they theyre it its that thats this there theres "
    "what whats why where how who when which do dont does did didnt can cant could would will wont is isnt are "
    "arent was wasnt get got go stop put give show turn step hands hand drop let lets come keep hold stay move roll "
    "back sit lay lie relax calm listen look wait please sir maam officer okay ok alright all yes yeah yep no nope "
    "hey hi hello oh man dude bro thank thanks my the a and but so because if now right well just help ow mom "
    "mommy sorry good god jesus fuck shit damn watch try tell need have has had be been not never".split())


def titled_name_labels(lines: list[str]) -> list[str] | None:
    """The lines with a colon after each speaker's name, when every turn starts with its
    speaker's name in capitalised words and the turn's own words follow with no mark between (a
    table's cells joined by single spaces, the names written "Officer Smith"). A line's name is
    the longest run of its opening capitalised words that opens two lines or more (before a
    capitalised word); two names or more must come back, most lines at the margin must have one,
    most words after the names must be words turns open with, and hardly any line may have a
    ``Name:`` label. Else None."""
    if not any(map(_titled_candidates, _first_at_margin(lines))):
        return None  # (a look at the first lines before reading them all)
    content = _content(lines)
    at_margin = _at_margin(lines, content)
    if len(at_margin) < 3 or _labelled_with_colons(lines, content):
        return None
    candidates = {k: _titled_candidates(lines[k]) for k in at_margin}
    opening: dict[str, int] = {}  # a run of opening words -> how many lines it opens
    for found in candidates.values():
        for name, _ in found:
            opening[name] = opening.get(name, 0) + 1
    chosen: dict[int, dict[str, str]] = {}
    for k, found in candidates.items():
        for name, words in reversed(found):  # the longest name first
            if opening[name] >= 2 and is_label(name):
                chosen[k] = {"lead": _LEAD.match(lines[k]).group(), "name": name, "words": words}
                break
    openers = [_opener(m["words"]) for m in chosen.values()]
    if len({m["name"] for m in chosen.values()}) < 2 or sum(w in _TURN_OPENERS for w in openers) < 0.5 * len(openers):
        return None
    return _relabelled(lines, at_margin, chosen)


def _titled_candidates(line: str) -> list[tuple[str, str]]:
    """(name, words) for each way the line may open with a name in capitalised words (1 to 5 of
    them) and a capitalised word after it (none when the line, after its time, has a ``Name:``
    label)."""
    body = line[_LEAD.match(line).end():]
    if split_label(body)[0] is not None:
        return []  # "[00:00:03] Ofc. Ramirez: words" has its label
    tokens = body.split(" ")
    out = []
    for n in range(1, min(5, len(tokens) - 1) + 1):
        if not _NAME_WORD.match(tokens[n - 1]):
            break
        if tokens[n][:1].isupper():
            out.append((" ".join(tokens[:n]), " ".join(tokens[n:])))
    return out


def _opener(words: str) -> str:
    """The first word of ``words`` in small letters, without its marks ("Why?" -> "why")."""
    return "".join(ch for ch in words.split(" ", 1)[0].lower() if ch.isalnum())


def header_lines(lines: list[str]) -> dict[int, tuple[str, float]]:
    """Lines that are only a time and a speaker's name, with the words on the lines below, as
    some services export ("00:00:03 Speaker 1" / "Get down!"): line index -> (name, start).
    Found for the file as a whole: such lines, each followed by words without a time of their
    own, where some name comes back (a speaker speaks more than once; wrapped caption lines
    such as "00:03 Get down" / "on the ground" give a new "name" each time), and hardly any
    line of the same shape followed by another timed line (where a short utterance such as
    "[00:03] Stop" stands on its own)."""
    found: dict[int, tuple[str, float]] = {}
    standing_alone = 0
    for k, line in enumerate(lines):
        if not line or len(line) > 80 or line.endswith(_SENTENCE_MARKS):
            continue
        time_first = line.lstrip()[:1] in "[(0123456789"
        if time_first:
            m = _TIME_THEN_NAME.match(line)
        elif line[-1:].isdigit() or line[-1:] in ")]":
            m = _NAME_THEN_TIME.match(line)
        else:
            continue
        if m is None:
            continue
        g = m.groups()
        name, clock = (g[4], g[0:4]) if time_first else (g[0], g[1:5])
        name = name.strip()
        if not is_label(name):
            continue
        following = next((ln for ln in lines[k + 1:k + 3] if ln.strip()), "")
        if not following or _LEADING_TIME.match(following) or _NAME_THEN_TIME.match(following):
            standing_alone += 1
            continue
        found[k] = (name, clock_seconds(*clock))
    names = {name for name, _ in found.values()}
    return found if len(names) < len(found) and standing_alone <= len(found) // 4 else {}


# Markdown's bold around a label or a word ("**Officer Diaz:** Get down"); never a censored
# word's stars ("f**k"), which stand between letters
_BOLD = re.compile(r"(?<![A-Za-z*])\*\*(?=[^\s*])([^*\n]{1,80}?)(?<=[^\s*])\*\*(?![A-Za-z*])")


def parse_plain(text: str, source: str | None) -> Transcript:
    builder = SegmentBuilder()
    if "*" in text and "**" in text:  # (a search for one character first: the quickest)
        text = _BOLD.sub(r"\1", text)
    lines = text.split("\n")
    exhibit = numbered_lines(lines)
    if exhibit is not None:
        lines = exhibit
    front, described = front_matter(lines)
    if front:  # a document's title and facts: no one's speech (the line numbers stay)
        lines = list(lines)
        for k in front:
            lines[k] = ""
        text = "\n".join(lines)
    if exhibit is None:
        # (each layout, if the file has it, shows in its first lines: a look there, not through the whole file)
        head = text[:_HEAD]
        relabelled = dash_labels(lines) if " - " in head or " \u2013 " in head or " \u2014 " in head else None
        if relabelled is None and "[" in head:
            relabelled = bracket_labels(lines)
        if relabelled is None and "\n\n" in head:
            relabelled = name_blocks(lines)
        if relabelled is None and ("   " in head or "\t" in head):
            relabelled = column_labels(lines)
        if relabelled is None:
            relabelled = capitals_name_labels(lines)
        if relabelled is None:
            relabelled = titled_name_labels(lines)
        if relabelled is None and ":" in head:
            relabelled = name_time_labels(lines)
        if relabelled is not None:
            lines = relabelled
            text = "\n".join(lines)
        if not _add_timed_lines(builder, text, lines):
            continuable = False  # the last segment has a speaker (or waits for its words)
            headers = header_lines(lines)
            for number, raw in enumerate(lines, start=1):
                header = headers.get(number - 1) if headers else None
                if header is not None:
                    _add_header(builder, number, *header)
                    continuable = True
                    continue
                continuable = _read_line(builder, number, raw, continuable, exhibit=False)
    if exhibit is not None:
        continuable = False
        for number, raw in enumerate(lines, start=1):
            continuable = _read_line(builder, number, raw, continuable, exhibit=True)
    segments = [s for s in builder.segments if s.text or s.events]
    if not segments:
        raise TranscriptError("no utterances were found (every line is blank or a comment)", source=source)
    if len(segments) != len(builder.segments):
        segments = [replace(s, index=i) for i, s in enumerate(segments)]
    if described:
        segments = _described(segments, described)
    return Transcript(segments=tuple(segments), source=source, format="text")


def _described(segments: list, described: dict[str, str]) -> list:
    """The segments with each speaker that the document's list of the people heard describes
    named with that description too (``O1`` -> ``O1 (Officer Daniels)``): the reader sees who
    spoke, and the description's words tell the speaker's role."""
    names = {}
    for name in {s.speaker for s in segments if s.speaker}:
        description = described.get(name)
        if description is None:
            description = next((d for code, d in described.items() if code.lower() == name.lower()), None)
        if description is not None and description.lower() not in name.lower():
            description = description.replace(" (", ", ").replace("(", "").replace(")", "")
            names[name] = f"{name} ({description})"
    if not names:
        return segments
    return [replace(s, speaker=names[s.speaker]) if s.speaker in names else s for s in segments]


def _add_header(builder: SegmentBuilder, number: int, speaker: str, start: float | None) -> None:
    """A speaker's header line: an utterance with no words yet, which the lines below fill."""
    builder.segments.append(make_segment(len(builder.segments), "", start, None, speaker, "unknown", (), number))


# a change of speaker inside a line: broadcast captions' ">>", or a name in capitals with a colon
# after the end of a sentence (lines run together, as text taken out of a PDF often has them:
# "OFFICER: Get down! SUBJECT: Why?")
# (a sentence's full stop follows a small letter or a digit: "OFC. PRICE:" is one name)
_INLINE_TURN = re.compile(r"\s+>>\s*|(?:(?<=[a-z0-9)][.])|(?<=[!?\"\u201d]))\s+"
                          r"(?=[A-Z][A-Z0-9.'#\-]+(?: [A-Z0-9][A-Z0-9.'#\-]*){0,3}:\s)")


# the same with a name in capitalised words ("Officer: Get out of the car. Driver: Why?"), as a
# paragraph that quotes an exchange has it: taken only when the name holds a word for a person
# ("Officer Smith", "Driver", "Sgt. Diaz"), so that "Note:" or "Update:" stays in the words
# (read backwards from each ": " of the line, in the few characters before it)
_NAMED_TURN_BEFORE = re.compile(r"(?:(?<=[a-z0-9)][.])|(?<=[!?\"\u201d]))\s+"
                                r"([A-Z][a-z]*\.?(?: [A-Z][A-Za-z'\-]*\.?){0,3})$")

_SENTENCE_BEFORE = re.compile("[.!?\"\u201d] ")  # (only a line holding one can hold a second name)


def _turns_in(line: str, begin: int) -> list[tuple[int, int]]:
    """Where other speakers' turns start in ``line`` after ``begin``: (end of the turn before,
    start of the turn's label)."""
    cuts = [(cut.start(), cut.end()) for cut in _INLINE_TURN.finditer(line, begin)]
    named = []
    colon = line.find(": ", begin)
    while colon != -1:
        m = _NAMED_TURN_BEFORE.search(line, max(begin, colon - 60), colon)
        if m and not _PERSON_WORDS.isdisjoint(m.group(1).lower().replace(".", " ").split()):
            named.append((m.start(), m.start(1)))
        colon = line.find(": ", colon + 2)
    return sorted(set(cuts) | set(named)) if named else cuts


def _read_line(builder: SegmentBuilder, number: int, raw: str, continuable: bool, *, exhibit: bool) -> bool:
    """Add one line's utterance (or its words to the utterance above); whether the next line
    may continue the last utterance. A line holding several speakers' turns adds each, all at
    the line's time."""
    line = raw.strip()
    if not line or line.startswith("#"):
        return continuable
    if line[0] in "-\u2013\u2014\u2022\u00b7*>":
        line = _BULLET.sub("", line, count=1) or line
    start = end = None
    ranged = _TIME_RANGE.match(line) if line[0] in "[(" and line[1:2] in " 0123456789" else None
    if ranged:
        g = ranged.groups()
        start, end = clock_seconds(*g[0:4]), clock_seconds(*g[4:8])
        line = line[ranged.end():]
    m = _LEADING_TIME.match(line) if start is None and line[0] in "[(0123456789" else None
    if m:
        g = m.groups()
        start = clock_seconds(*g[0:4]) if g[1] is not None else clock_seconds(*g[4:8])
        line = line[m.end():]
    colon = line.find(":")
    if ">>" in line or (colon > 0 and (line.find(": ", colon + 1) != -1 or _SENTENCE_BEFORE.search(line, 0, colon))):
        # other speakers' turns after the line's own label (if it has one)
        begin = colon + 1 if split_label(line)[0] is not None else 1
        cuts = _turns_in(line, begin)
        if cuts:
            continuable = _read_turn(builder, number, line[:cuts[0][0]], start, end, continuable, exhibit)
            following = [a for a, _ in cuts[1:]] + [len(line)]
            for (_, turn_start), turn_end in zip(cuts, following):  # each a turn of its own, never more words
                turn = line[turn_start:turn_end].strip()                 # of the one before
                if turn:
                    continuable = _read_turn(builder, number, turn, start, end, False, exhibit)
            return continuable
    return _read_turn(builder, number, line, start, end, continuable, exhibit)


def _read_turn(builder: SegmentBuilder, number: int, line: str, start: float | None, end: float | None,
               continuable: bool, exhibit: bool) -> bool:
    """``_read_line`` for one speaker's turn of a line, its times (if any) already taken off."""
    if not line:
        return continuable
    header = None if start is not None or not line[-1:].isdigit() else _HEADER.match(line)
    labelled = None if start is not None or header or ":" not in line else _LABEL_WITH_TIME.match(line)
    if labelled and is_label(labelled.group(1)):
        g = labelled.groups()
        start = clock_seconds(g[1], g[2], g[3], g[4])
        speaker, words = g[0].strip(), g[5]
    elif header:
        g = header.groups()
        start = clock_seconds(g[1], g[2], g[3], g[4])
        speaker, words = header.group(1).strip(), ""
    else:
        speaker, words = split_label(line)
    if speaker is not None:
        lt = _LABEL_TIME.match(speaker) if speaker[-1] in ")]0123456789" else None
        if lt and is_label(lt.group(1) or "x"):
            g = lt.groups()
            seconds = clock_seconds(*g[1:5]) if g[2] is not None else clock_seconds(*g[5:9])
            speaker = lt.group(1).strip() or None
            start = seconds if start is None else start
        words = words.strip()
        wm = _LEADING_TIME.match(words) if words and words[0] in "[(0123456789" else None
        if wm and start is None:  # "Speaker 1: (00:03)"
            g = wm.groups()
            start = clock_seconds(*g[0:4]) if g[1] is not None else clock_seconds(*g[4:8])
            words = words[wm.end():]
        before = len(builder.segments)
        builder.add(words, start, end, speaker, number)
        if len(builder.segments) == before:  # a header line: the words follow on the next lines
            _add_header(builder, number, speaker, start)
        return True
    rest, events = split_events(line)
    only_events = events and not rest.strip()
    if start is None and continuable and builder.segments and (not only_events or exhibit):
        builder.extend_last(line)
        return continuable
    if start is None and only_events and builder.segments and not builder.segments[-1].text:
        builder.extend_last(line)
        return continuable
    builder.add(line, start, end, None, number)
    return False


# the usual line of a transcription service's export: "[00:01:23] Name: words" (hours optional)
_TIMED_LINE = re.compile(r"^\[(?:(\d{1,3}):)?(\d{1,4}):(\d{1,2})\] (?![\s\-\u2013\u2014:|])([^\n]*)$", re.M)


def _add_timed_lines(builder: SegmentBuilder, text: str, lines: list[str]) -> bool:
    """Every line at once when every line starts with its time in brackets (no blank lines,
    no comments); False, having added nothing, otherwise. A line that starts with its time
    never continues the one above, so the lines read alike one by one or all together."""
    if text[:1] != "[":
        return False
    matches = _TIMED_LINE.findall(text)
    content = len(lines)  # the lines up to the last that is not blank
    while content and not lines[content - 1].strip():
        content -= 1
    if len(matches) != content:  # some line is not a timed line (each matches at most once)
        return False
    hours, minutes, seconds, rests = zip(*matches)
    table: dict[tuple[str, str], int] = {}
    for key in set(zip(hours, minutes)):
        table[key] = int(key[0] or 0) * 3600 + int(key[1]) * 60
    starts = list(map(float, map(int.__add__, map(table.__getitem__, zip(hours, minutes)), map(int, seconds))))
    speakers, words = label_column(rests)
    numbers = range(1, content + 1)
    # a label that ends in a time ("Officer (00:12)") gives the line its start: read one by one
    timed_labels = {speaker for speaker in set(speakers) if speaker is not None and speaker[-1] in _TIME_AFTER_LABEL}
    odd = set(compress(range(content), map(timed_labels.__contains__, speakers))) if timed_labels else set()

    def add_one(k: int) -> None:
        _read_line(builder, k + 1, lines[k], True, exhibit=False)

    # (a change of speaker inside a line, ">>" or a second label, is read by the one-by-one path: the
    # words holding a ">" or a ":" go there, as a search for one character is the quickest)
    add_columns(builder, list(map(str.strip, words)), starts, [None] * content, speakers, numbers, odd, add_one,
                marks=(">", ":"))
    return True


_TIME_AFTER_LABEL = frozenset(")]0123456789")
