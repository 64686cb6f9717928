"""The readers' fast path: a regular file's fields read as columns (all texts, all start
times, all speakers) and its segments made in runs, without the per-utterance checks of
``SegmentBuilder.add``.

A text is taken as it is (stripped) when the builder would keep it unchanged: no bracketed
annotation, no doubled space, no quote opening it, not empty. The few that are not (and any
the reader itself marks) go through the reader's own one-by-one path, in order, so the
segments and their numbers are the same either way; the tests compare both.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, compress, repeat
from operator import add, contains, eq, itemgetter, lt, not_

from .common import _QUOTE_START, SegmentBuilder, is_label, make_segments, split_label

# what SegmentBuilder.add would change or take out of a text (besides the whitespace around it)
_NOT_PLAIN = ("[", "(", "*", "  ", "\t", "\xa0")
_OPENING_QUOTES = tuple(_QUOTE_START)
UNKNOWN = "unknown"


class Lines:
    """Texts joined by newlines (none holding a newline of its own), to find which of them hold
    or start with a string in a few searches of the whole."""

    __slots__ = ("texts", "joined", "_offsets")

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.joined = "\n".join(texts)
        self._offsets: list[int] | None = None  # where each text starts in ``joined``, once needed

    def _index_at(self, at: int) -> tuple[int, int]:
        """The index of the text that holds position ``at`` of ``joined``, and where the next
        text starts."""
        if self._offsets is None:
            self._offsets = list(accumulate(map((1).__add__, map(len, self.texts)), initial=0))
        k = bisect_right(self._offsets, at) - 1
        return k, self._offsets[k + 1]

    def holding(self, marks: Iterable[str]) -> set[int]:
        """Indices of the texts that hold any of ``marks``: one search of the whole for each mark,
        and only for a mark found there a look at each text (a pass in C, quicker than placing
        each occurrence among the texts)."""
        found: set[int] = set()
        joined, texts = self.joined, self.texts
        for mark in marks:
            if mark in joined:
                found.update(compress(range(len(texts)), map(contains, texts, repeat(mark))))
        return found

    def starting(self, marks: Iterable[str]) -> set[int]:
        """Indices of the texts that start with any of ``marks``."""
        found: set[int] = set()
        joined = self.joined
        for mark in marks:
            at = joined.find(mark)
            while at != -1:
                if at == 0 or joined[at - 1] == "\n":
                    k, following = self._index_at(at)
                    found.add(k)
                    at = joined.find(mark, following)
                else:  # inside a text: look again from the start of the next one
                    newline = joined.find("\n", at)
                    at = -1 if newline == -1 else joined.find(mark, newline + 1)
        return found


def unusual(texts: Sequence[str], marks: tuple[str, ...] = ()) -> set[int]:
    """Indices of the (stripped) texts that ``SegmentBuilder.add`` would change or drop, or that
    hold one of ``marks``."""
    odd: set[int] = set()
    if "\n" in "".join(texts):  # a text of several lines (a search, not a count of the newlines of Lines)
        odd.update(k for k, text in enumerate(texts) if "\n" in text)
        lines = Lines([text.replace("\n", " ") for text in texts])
    else:
        lines = Lines(texts)
    odd |= lines.holding(_NOT_PLAIN + marks)
    odd.update(compress(range(len(texts)), map(not_, texts)))
    odd.update(lines.starting(_OPENING_QUOTES))
    return odd


def ending_early(starts: Sequence[float], ends: Sequence[float]) -> set[int]:
    """Indices of the utterances that end before they start (times all known)."""
    return set(compress(range(len(starts)), map(lt, ends, starts)))


class MinuteSeconds(dict):
    """(hours, minutes) as written -> seconds, computed once per distinct minute."""

    def __missing__(self, key: tuple[str, str]) -> float:
        hours, minutes = key
        value = self[key] = int(hours or 0) * 3600.0 + int(minutes) * 60.0
        return value



def clock_column(hours: Sequence[str], minutes: Sequence[str], seconds: Sequence[str],
                 table: MinuteSeconds | None = None) -> list[float]:
    """Times written as ``[hours:]minutes:seconds[.,fraction]``, each captured in three
    columns, as seconds (the same floats the cue reader computes one by one)."""
    table = MinuteSeconds() if table is None else table
    bases = map(table.__getitem__, zip(hours, minutes))
    if "," in seconds[0]:  # SRT: 00:00:01,500
        seconds = " ".join(seconds).replace(",", ".").split(" ")
    return list(map(add, bases, map(float, seconds)))


class FixedMinuteSeconds(dict):
    """``HH:MM`` -> seconds, computed once per distinct minute (as ``MinuteSeconds``)."""

    def __missing__(self, clock: str) -> float:
        value = self[clock] = int(clock[:2]) * 3600.0 + int(clock[3:5]) * 60.0
        return value


def clock_column_fixed(minutes: Iterable[str], seconds: Iterable[str], table: FixedMinuteSeconds) -> list[float]:
    """Times of fixed width (``HH:MM`` and ``SS.mmm`` or ``SS,mmm``) as seconds, as
    ``clock_column`` computes them."""
    seconds = list(seconds)
    if "," in seconds[0]:  # SRT
        seconds = " ".join(seconds).replace(",", ".").split(" ")
    return list(map(add, map(table.__getitem__, minutes), map(float, seconds)))


def label_column(lines: Iterable[str]) -> tuple[list[str | None], list[str]]:
    """``split_label`` of every line: the speakers and the words."""
    lines = list(lines)
    regular = _labelled_column(lines)
    if regular is not None:
        return regular
    speakers: list[str | None] = []
    words: list[str] = []
    add_speaker, add_words = speakers.append, words.append
    seen: dict[str, str | None] = {}  # the text before a colon -> the label it is, or None
    several_lines = "\n" in "".join(lines)  # (one search, not one a line)
    # each line cut at its first colon in one pass (partition, not find and two slices)
    for line, (before, colon, rest) in zip(lines, map(str.partition, lines, repeat(":"))):
        if colon and (not rest or rest[0].isspace()) and 0 < len(before) <= 80 and not (
                several_lines and "\n" in line):
            # "NAME: words", read as split_label reads it: the label before the first colon,
            # the words after the whitespace that follows it
            label = seen.get(before, False)
            if label is False:
                label = before.strip()
                label = seen[before] = label if is_label(label) else None
            if label is not None:
                add_speaker(label)
                add_words(rest.lstrip())
            else:
                add_speaker(None)
                add_words(line)
            continue
        speaker, said = split_label(line)
        add_speaker(speaker)
        add_words(said)
    return speakers, words


def _labelled_column(lines: list[str]) -> tuple[list[str | None], list[str]] | None:
    """``label_column`` of lines that all read ``LABEL: words`` (one line each, a space after
    the colon, every text before a colon a label): the labels and the words, each looked at
    once per distinct label rather than once a line. None when some line is not of that kind."""
    parts = list(map(str.partition, lines, repeat(":")))
    if "" in map(_middle, parts):
        return None  # a line without a colon
    rests = list(map(_last, parts))
    words = list(map(str.lstrip, rests))
    if any(map(eq, rests, words)):
        return None  # a colon with no whitespace after it (or nothing at all)
    befores = list(map(_first, parts))
    labels: dict[str, str] = {}
    for before in set(befores):
        label = before.strip()
        if not (0 < len(before) <= 80 and "\n" not in before and is_label(label)):
            return None
        labels[before] = label
    if "\n" in "".join(words):
        return None  # a line of several lines
    return list(map(labels.__getitem__, befores)), words


_first, _middle, _last = itemgetter(0), itemgetter(1), itemgetter(2)


def add_columns(builder: SegmentBuilder, texts: Sequence[str], starts: Sequence[float | None],
                ends: Sequence[float | None], speakers: Sequence[str | None], lines: Sequence[int | None],
                odd: Iterable[int], add_one: Callable[[int], None], roles: Sequence[str] | None = None,
                marks: tuple[str, ...] = ()) -> None:
    """Add every utterance to ``builder``: ``add_one(k)`` for those in ``odd``, those whose
    text is not plain and those holding one of ``marks``, the others made directly in runs
    (``texts`` already stripped, ``speakers`` None where unknown)."""
    segments = builder.segments
    roles = [UNKNOWN] * len(texts) if roles is None else roles
    odd = sorted(set(odd) | unusual(texts, marks))
    if not odd and not segments:
        segments += make_segments(0, texts, starts, ends, speakers, roles, lines)
        return
    previous = 0
    for k in [*odd, len(texts)]:
        if k > previous:
            segments += make_segments(len(segments), texts[previous:k], starts[previous:k], ends[previous:k],
                                      speakers[previous:k], roles[previous:k], lines[previous:k])
        if k < len(texts):
            add_one(k)
        previous = k + 1
