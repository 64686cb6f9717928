"""The detector contract and the phrase-group detector most categories use.

A detector is any callable ``detect(transcript, context) -> Iterable[Signal]``:

- ``transcript`` is the whole transcript with every segment's role resolved, so a detector can
  look across segments (a per-recording loudness reference, commands repeated in a window);
- ``context`` (``forcereview.engine.context.Context``) holds the normalised tokens, the phrase
  matches by category, the incident's context (subject age, location type) and helpers that
  apply the shared rules (role, negation, question, reported speech) and build signals.

Every signal it yields carries the detector's versioned name (its key in ``REGISTRY``), so each
flag can be traced to the code and data that raised it. A detector must not raise on any input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from ..context import Context
from ..model import Signal, Transcript
from ..phrasebook import Hit


class Detector(Protocol):
    def __call__(self, transcript: Transcript, context: Context) -> Iterable[Signal]: ...


class PhraseDetector:
    """Signals of one category from the phrase groups of that category in the data files.

    One signal per segment: the strongest match explains it, every match's tags are kept, and
    ``repetition`` counts the separate matches (and, with ``repeat_window``, the matches of
    the same category in the repetition window before it)."""

    def __init__(self, name: str, category: str, *, repeat_window: bool = False) -> None:
        self.name = name
        self.category = category
        self.repeat_window = repeat_window

    def __repr__(self) -> str:
        return f"PhraseDetector({self.name!r}, {self.category!r})"

    def __call__(self, transcript: Transcript, context: Context) -> Iterator[Signal]:
        found = list(self._per_segment(context))
        if self.repeat_window and found:
            found = _repetition(found, transcript, context)
        for segment, best, factor, tags, count, each in found:
            group = best.entry.group
            explanation = group.explanation
            if "reported" in tags:
                explanation = "Reported speech. " + explanation
            if "question" in tags:
                explanation += " (Said as a question.)"
            if count > 1:
                explanation += f" Repeated {count} times" + (
                    " in a short window." if self.repeat_window else " in one utterance.")
            yield context.signal(self.category, segment, self.name, explanation,
                                 weight=group.weight * factor, tags=tags, repetition=count, hit=best,
                                 match_tags=each)

    def _per_segment(self, context: Context):
        current: int | None = None
        items: list[tuple[Hit, float, tuple[str, ...]]] = []
        qualify = context.qualify
        repeats = False  # some match of the segment counts only when said several times in it
        for hit in context.hits(self.category):
            if hit.segment != current:
                if items and (not repeats or (items := _repeated_enough(items))):
                    yield _combine(current, items)
                current, items, repeats = hit.segment, [], False
            qualified = qualify(hit)
            if qualified is not None:
                items.append((hit, *qualified))
                if hit.entry.group.min_repeats > 1:
                    repeats = True
        if items and (not repeats or (items := _repeated_enough(items))):
            yield _combine(current, items)


def _repeated_enough(items: list[tuple[Hit, float, tuple[str, ...]]]) -> list[tuple[Hit, float, tuple[str, ...]]]:
    """``items`` without the matches of phrases said fewer times in the segment than their
    group's ``min_repeats`` ("I'm sorry" once is an apology; "I'm sorry! I'm sorry!" a plea;
    "I promise I'll pay, I'm sorry" two phrases said once each)."""
    said: dict[int, int] = {}  # the phrase's entry (one object a phrase) -> times said
    for hit, _, _ in items:
        said[id(hit.entry)] = said.get(id(hit.entry), 0) + 1
    return [item for item in items if said[id(item[0].entry)] >= item[0].entry.group.min_repeats]


def _combine(segment: int, items: list[tuple[Hit, float, tuple[str, ...]]]):
    if len(items) == 1:  # the usual case: one match in the segment
        best, factor, extra = items[0]
        tags = best.entry.group.tags
        if extra or len(tags) > 1:
            tags = tuple(dict.fromkeys(tags + extra))
        return segment, best, factor, tags, 1, None
    # the strongest match explains the signal (the first of equals); every match's tags are kept
    best, factor, _ = items[0]
    strongest = best.entry.group.weight * factor
    tags: list[str] = []
    each: list[tuple[str, ...]] = []  # every match's tags
    in_order = True  # the matches come by where they start (as the matcher finds them)
    previous = -1
    for hit, hit_factor, extra in items:
        group = hit.entry.group
        if group.weight * hit_factor > strongest:
            best, factor, strongest = hit, hit_factor, group.weight * hit_factor
        these = group.tags + extra
        tags += these
        each.append(these)
        if hit.start < previous:
            in_order = False
        previous = hit.start
    alike = each.count(each[0]) == len(each)  # every match with the same tags (one phrase said again)
    return (segment, best, factor, tuple(dict.fromkeys(tags)), _occurrences(items, in_order),
            None if alike else tuple(each))


def _occurrences(items: list[tuple[Hit, float, tuple[str, ...]]], in_order: bool) -> int:
    """Separate occurrences: matches that do not overlap an earlier counted one, taken by
    where they start and, of those that start together, the longest first. Matches that
    already come by where they start need no sort: a match counted is stretched to the
    longest of those that start with it."""
    count, last_end, counted_start = 0, -1, -1
    for hit, _, _ in (items if in_order else sorted(items, key=_span_order)):
        start = hit.start
        if start >= last_end:
            count += 1
            last_end = hit.end
            counted_start = start
        elif start == counted_start and hit.end > last_end:
            last_end = hit.end
    return count


def _span_order(item: tuple[Hit, float, tuple[str, ...]]) -> tuple[int, int]:
    hit = item[0]
    return hit.start, -hit.end


def _repetition(found, transcript: Transcript, context: Context):
    """Raise the weight of commands repeated within the window (seconds, or segments)."""
    weights = context.book.risk
    segments = transcript.segments
    out = []
    window: list[tuple[float, int, int]] = []  # (time or index, segment, count)
    total = 0
    for segment, best, factor, tags, count, each in found:
        start = segments[segment].start
        use_time = start is not None
        position = start if use_time else float(segment)
        span = weights.window_seconds if use_time else float(weights.window_segments)
        while window and (position - window[0][0] > span or (window[0][0] > position)):
            total -= window.pop(0)[2]
        window.append((position, segment, count))
        total += count
        repeated = max(count, total)
        boost = min(weights.repetition_max, 1.0 + weights.repetition_step * (repeated - 1))
        out.append((segment, best, factor * boost, tags, repeated, each))
    return out


class AudioDetector:
    """A detector that needs the recording's loudness: imported on first use, and only run when
    the transcript carries loudness (a transcript typed or exported as text has none), so text
    analysis never pays for the audio modules."""

    def __init__(self, module: str, function: str) -> None:
        self.module = module
        self.function = function
        self._detect = None

    def __repr__(self) -> str:
        return f"AudioDetector({self.module}.{self.function})"

    def __call__(self, transcript: Transcript, context: Context):
        if transcript.loudness is None and not [s for s in transcript.segments if s.loudness_dbfs is not None]:
            return ()  # (a comprehension reads the slots quicker than an attrgetter does)
        if self._detect is None:
            import importlib

            self._detect = getattr(importlib.import_module(self.module), self.function)
        return self._detect(transcript, context)
