"""Phrase matches of a transcript: one trie scan over all its tokens, sorted into the matches
each category's detector reads and what each segment's words say about its speaker.

What a trie node's entries mean (which of them become matches, what speaker evidence they
carry, whether a neighbouring word or a mask may cancel them) is worked out once per node and
remembered with the trie, so a transcript pays one dictionary lookup per phrase found.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Sequence
from itertools import compress
from operator import attrgetter, itemgetter
from typing import NamedTuple

from .model import Segment
from .phrasebook import Entry, Hit, Trie
from .text import SEPARATOR, normalize_many

_SENTENCE_END = (".", "?", "!", '."', '?"', '!"', ".\u201d", "?\u201d", "!\u201d", "...", "\u2026")
_new_hit = tuple.__new__  # Hit(...) without the named tuple's Python-level __new__


class Meaning(NamedTuple):
    """What the entries of one accepting trie node mean for a transcript."""

    kept: tuple[tuple[str | None, Entry], ...]  # (category, entry) of the entries that become matches
    evidence: tuple[tuple[str, float], ...]  # (role, weight) of every entry with evidence, in order
    checked: frozenset[str | None]  # categories of kept entries that are masks or may be cancelled
    masks: frozenset[str] | None  # what the kept masks hide: None (no mask), the categories, or none named (all)


# trie -> (entries' id -> meaning with speaker evidence, the same without)
_MEANINGS: weakref.WeakKeyDictionary[Trie, tuple[dict[int, Meaning], dict[int, Meaning]]] = (
    weakref.WeakKeyDictionary())
# trie -> the first words of the phrases that can become matches (those that carry only speaker
# evidence left out: a scan from there when no evidence is wanted meets fewer first words)
_MATCH_ROOTS: weakref.WeakKeyDictionary[Trie, dict[str, dict]] = weakref.WeakKeyDictionary()


def _meanings(trie: Trie, evidence: bool) -> dict[int, Meaning]:
    tables = _MEANINGS.get(trie)
    if tables is None:
        tables = _MEANINGS[trie] = ({}, {})
    return tables[0] if evidence else tables[1]


def _match_root(trie: Trie) -> dict[str, dict]:
    root = _MATCH_ROOTS.get(trie)
    if root is None:
        root = _MATCH_ROOTS[trie] = trie.first_words_of(_can_match)
    return root


def _can_match(entry: Entry) -> bool:
    return entry.group.category is not None or entry.group.mask


def _meaning(entries: tuple[Entry, ...], with_evidence: bool = True) -> Meaning:
    kept = tuple(e for e in entries if _can_match(e))
    evidence = tuple(pair for e in entries for pair in e.group.evidence.items()) if with_evidence else ()
    checked = frozenset(e.group.category for e in kept if _is_checked(e))
    return Meaning(tuple((e.group.category, e) for e in kept), evidence, checked, _hidden_by(kept))


def _hidden_by(entries: tuple[Entry, ...]) -> frozenset[str] | None:
    """The categories the masks among ``entries`` hide: None when there is no mask, an empty
    set when they hide every category."""
    hides = [e.group.hides for e in entries if e.group.mask]
    if not hides:
        return None
    if not all(hides):
        return frozenset()
    return frozenset().union(*hides)


class Matches(NamedTuple):
    by_category: dict[str | None, list[Hit]]  # in transcript order
    evidence: dict[int, dict[str, float]]  # segment -> role -> weight


def soft_boundaries(segments: Sequence[Segment], speakers: Sequence[str | None] | None = None) -> list[int]:
    """Segments whose words run on into the next one: both without a speaker (captions,
    speech-to-text without diarisation) and the first not ending a sentence. Phrases are matched
    across those boundaries ("put your hands behind your" / "back"). ``speakers``: each
    segment's speaker, when the caller has them at hand."""
    if speakers is not None and None not in speakers:
        return []  # every segment has a speaker
    soft = []
    previous = None
    for k, segment in enumerate(segments):
        if segment.speaker is not None or not segment.text:
            previous = None
            continue
        if previous is not None and not previous.text.endswith(_SENTENCE_END):
            soft.append(k - 1)
        previous = segment
    return soft


def match_words(trie: Trie, flat: list[str], starts: list[int], tokens: Sequence[Sequence[str]],
                soft: Sequence[int] = (), *, evidence: bool = True) -> Matches:
    """The matches that can become signals, by category, and what each segment's words say
    about its speaker (unless ``evidence`` is false: then nothing, and the matches that only
    carry evidence are passed over).

    A match is counted in the segment where it starts; across a soft boundary its ``end`` runs
    past that segment's tokens into the next segment's."""
    by_category: dict[str | None, list[Hit]] = {}
    said: dict[int, dict[str, float]] = {}  # segment -> role -> weight of the evidence in its words
    meanings = _meanings(trie, evidence)
    checked: set[str | None] = set()  # categories with a match to check against its neighbours or masks
    masks: dict[int, list[tuple[int, int, frozenset[str]]]] = {}  # segment -> spans its masks cover, what they hide
    scanned = flat
    shifts: list[int] = []
    if soft:
        # scan without the separators of soft boundaries; map positions back to the flat list
        scanned = []
        previous = 0
        for m, k in enumerate(soft):
            cut = starts[k + 1] - 1
            scanned += flat[previous:cut]
            previous = cut + 1
            shifts.append(cut - m)
        scanned += flat[previous:]
    for i, j, entries in trie.scan(scanned, None if evidence else _match_root(trie)):
        meaning = meanings.get(id(entries))
        if meaning is None:
            meaning = meanings[id(entries)] = _meaning(entries, evidence)
        kept, roles, categories_to_check, masking = meaning
        if not kept and not roles:
            continue
        if shifts:
            length = j - i
            i += bisect_right(shifts, i)
            j = i + length
        segment = bisect_right(starts, i) - 1
        if roles:
            bucket = said.get(segment)
            if bucket is None:
                bucket = said[segment] = {}
            for role, weight in roles:
                bucket[role] = bucket.get(role, 0.0) + weight
        if kept:
            base = starts[segment]
            start, end = i - base, j - base
            for category, entry in kept:
                hit = _new_hit(Hit, (segment, start, end, entry))
                found = by_category.get(category)
                if found is None:
                    by_category[category] = [hit]
                else:
                    found.append(hit)
            if categories_to_check:
                checked |= categories_to_check
                if masking is not None:
                    masks.setdefault(segment, []).append((start, end, masking))
    if checked:
        by_category = _without_cancelled(by_category, tokens, masks, checked)
    return Matches(by_category, said)


def evidence_in(trie: Trie, tokens: Sequence[Sequence[str]], segments: Sequence[int]) -> dict[int, dict[str, float]]:
    """What the words of a few ``segments`` say about their speakers (segment -> role ->
    weight), for a transcript matched without evidence (``match_words(evidence=False)``) whose
    roles are settled except in those segments."""
    flat: list[str] = []
    starts: list[int] = []
    for k in segments:
        starts.append(len(flat))
        flat += tokens[k]
        flat.append(SEPARATOR)
    said = match_words(trie, flat, starts, [tokens[k] for k in segments]).evidence
    return {segments[k]: roles for k, roles in said.items()}


def _without_cancelled(by_category: dict[str | None, list[Hit]], tokens: Sequence[Sequence[str]],
                       masks: dict[int, list[tuple[int, int, frozenset[str]]]],
                       checked: set[str | None]) -> dict[str | None, list[Hit]]:
    """Drop matches next to a cancelling word (``unless_next``, ``unless_previous``) or covered by
    a mask; the masks themselves go too. ``masks``: the spans masks cover in each segment;
    ``checked``: the categories holding masks or matches that a neighbouring word may cancel."""
    out: dict[str | None, list[Hit]] = {}
    for category, found in by_category.items():
        if category not in checked and masks.keys().isdisjoint(map(_segment_of, found)):
            kept = found  # no mask in these segments, no mask itself, no neighbouring word to look at
        else:
            kept = [hit for hit in found if _stands(hit, tokens, masks)]
        if kept:
            out[category] = kept
    return out


_segment_of = itemgetter(0)
_events_of = attrgetter("events")


def _is_checked(entry: Entry) -> bool:
    group = entry.group
    return bool(group.mask or group.unless_next or group.unless_previous)


def _stands(hit: Hit, tokens: Sequence[Sequence[str]], masks: dict[int, list[tuple[int, int, frozenset[str]]]]) -> bool:
    group = hit.entry.group
    if group.mask:
        return False
    if group.unless_next:
        toks = tokens[hit.segment]
        if hit.end < len(toks) and toks[hit.end] in group.unless_next:
            return False
    if group.unless_previous:
        if hit.start > 0 and tokens[hit.segment][hit.start - 1] in group.unless_previous:
            return False
    spans = masks.get(hit.segment)
    return not (spans and any(a < hit.end and hit.start < b and (not hides or group.category in hides)
                              for a, b, hides in spans))


def match_events(trie: Trie, segments: Sequence[Segment]) -> dict[str | None, list[Hit]]:
    """Matches in the bracketed annotations, by category; ``unless_next``/``unless_previous``
    read the words of the annotation itself ("[officer punched by subject]": "by" turns the
    action around)."""
    by_category: dict[str | None, list[Hit]] = {}
    scan = trie.scan
    annotated = [(segment.index, event) for segment in compress(segments, map(_events_of, segments))
                 for event in segment.events]  # the few segments with annotations
    if not annotated:
        return by_category
    # the words of every annotation found in one pass, then matched annotation by annotation
    for (index, _), toks in zip(annotated, normalize_many([event for _, event in annotated])):
        for i, j, entries in scan(toks):
            for entry in entries:
                group = entry.group
                if group.unless_next and j < len(toks) and toks[j] in group.unless_next:
                    continue
                if group.unless_previous and i > 0 and toks[i - 1] in group.unless_previous:
                    continue
                by_category.setdefault(group.category, []).append(Hit(index, i, j, entry))
    return by_category
