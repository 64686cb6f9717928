"""Phrase groups compiled into one token trie, and the matcher that runs it.

A phrase is written in a small pattern language (see docs/engine.md):

    stop resist(ing)          -> no: write whole words; "-ing" words also match "-in" (ASR)
    get (on|down on) the ground
    [please] stop             -> [x] is optional
    get * on the ground       -> * is any one word ("get the f on the ground")
    <num:0-17> years old      -> a number in digits or words within the range

Every phrase is normalised like transcript text (``text.normalize``) and expanded into concrete
token sequences: alternatives, optional parts, the data file's ``variants`` (``cant`` also
matches ``can not`` and ``cannot``; ``youre`` also ``your``), and the ``-in`` form of ``-ing``
words. All sequences of all groups go into one trie keyed by token, so matching a transcript is
one dictionary lookup per token, whatever the number of phrases.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .errors import DataFileError
from .model import CATEGORIES, ROLES
from .text import BOUNDARIES, SEPARATOR, normalize

STOPS = BOUNDARIES | {SEPARATOR}

ACCEPT = ""  # trie key holding the entries that end at a node (tokens are never empty)
ANY = "*"  # trie key for "any one word" (normalised tokens never contain "*")
MAX_EXPANSIONS = 4096

_ATOM = re.compile(r"\(|\)|\[|\]|\||\*|<[^>]*>|[^\s()\[\]|*<>]+")
_NUM_SLOT = re.compile(r"<num:(\d{1,3})-(\d{1,3})>$")

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> tuple[str, ...]:
    """``n`` in words, as tokens: 11 -> ("eleven",), 65 -> ("sixty", "five")."""
    if n < 20:
        return (_UNITS[n],)
    if n < 100:
        tens, unit = divmod(n, 10)
        return (_TENS[tens],) if unit == 0 else (_TENS[tens], _UNITS[unit])
    hundreds, rest = divmod(n, 100)
    head = (_UNITS[hundreds], "hundred")
    return head if rest == 0 else head + ("and",) + number_words(rest)


@functools.lru_cache(maxsize=4096)
def _normalized(atom: str) -> list[str]:
    return normalize(atom)


@functools.lru_cache(maxsize=64)
def _number_slot(low: int, high: int) -> list[tuple[str, ...]]:
    return [(str(n),) for n in range(low, high + 1)] + [number_words(n) for n in range(low, high + 1)]


@dataclass(frozen=True, slots=True)
class Group:
    """A named list of phrases and what a match means."""

    name: str
    category: str | None
    phrases: tuple[str, ...]
    source: str = "words"  # "words" (what was said) or "events" (bracketed annotations)
    roles: frozenset[str] = frozenset(ROLES)
    weight: float = 1.0
    tags: tuple[str, ...] = ()
    negatable: bool = True
    questions: str = "keep"  # keep | weak | drop
    reported: str = "drop"  # keep | weak | drop   (quoted or narrated speech)
    generic: str = "keep"  # keep | weak | drop   (about a kind of person: "someone who's pregnant")
    evidence: Mapping[str, float] = field(default_factory=dict)  # role -> weight, for role inference
    explanation: str = ""
    unless_next: frozenset[str] = frozenset()
    unless_previous: frozenset[str] = frozenset()  # words that cancel a match when just before it
    mask: bool = False  # matches hide overlapping matches of other groups
    hides: frozenset[str] = frozenset()  # a mask hides only matches of these categories (none: all)
    min_repeats: int = 1  # a signal only when said this many times in one utterance ("I'm sorry! I'm sorry!")


@dataclass(frozen=True, slots=True)
class Entry:
    """One phrase of one group, as found at an accepting trie node."""

    group: Group
    phrase: str


class Hit(NamedTuple):
    """A phrase found in a segment: tokens ``start:end`` of segment ``segment``."""

    segment: int
    start: int
    end: int
    entry: Entry


def _parse(pattern: str, where: str, path: str | None,
           variants: Mapping[str, list[tuple[str, ...]]]) -> list[list[tuple[str, ...]]]:
    """A pattern as a list of items, each a list of alternative token sequences (``()`` for an
    optional item). The trie is built item by item, so the alternatives of different items
    are never multiplied out into separate sequences."""
    atoms = _ATOM.findall(pattern)
    pos = 0

    def fail(message: str):
        raise DataFileError(f"{message} in phrase {pattern!r}", path=path, key=where)

    def items_until(closing: str | None) -> list[list[list[tuple[str, ...]]]]:
        """Alternatives (split on '|'), each a list of items."""
        nonlocal pos
        alternatives: list[list[list[tuple[str, ...]]]] = [[]]
        while pos < len(atoms):
            atom = atoms[pos]
            pos += 1
            if atom in ("(", "["):
                inner = flatten(items_until(")" if atom == "(" else "]"))
                if atom == "[":
                    inner = inner + [()]
                alternatives[-1].append(inner)
            elif atom in (")", "]"):
                if atom != closing:
                    fail(f"unexpected {atom!r}")
                return alternatives
            elif atom == "|":
                if closing is None:
                    fail("'|' outside parentheses")
                alternatives.append([])
            elif atom == "*":
                if closing is not None:
                    fail("'*' inside parentheses or brackets")
                alternatives[-1].append([(ANY,)])
            elif atom.startswith("<"):
                m = _NUM_SLOT.match(atom)
                if not m or int(m.group(1)) > int(m.group(2)):
                    fail(f"bad slot {atom!r} (write <num:LOW-HIGH>)")
                alternatives[-1].append(_number_slot(int(m.group(1)), int(m.group(2))))
            else:
                tokens = _normalized(atom)
                if not tokens:
                    fail(f"{atom!r} is a filler sound or a mark that the text of a transcript loses, "
                         "so the phrase would match without it (leave it out, or use [x] for an optional part)")
                if any(t in BOUNDARIES for t in tokens):
                    fail(f"punctuation {atom!r} (use [x] for an optional part)")
                for token in tokens:
                    alternatives[-1].append(_word_forms(token, variants))
        if closing is not None:
            fail(f"missing {closing!r}")
        return alternatives

    def flatten(alternatives: list[list[list[tuple[str, ...]]]]) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        for items in alternatives:
            count = 1
            for options in items:
                count *= max(len(options), 1)
            if count > MAX_EXPANSIONS:
                fail(f"a group in parentheses expands to more than {MAX_EXPANSIONS} forms")
            for combo in itertools.product(*items):
                out.append(tuple(token for part in combo for token in part))
        return list(dict.fromkeys(out))

    top = items_until(None)
    if len(top) != 1:
        fail("'|' outside parentheses")
    items = top[0]
    if not items:
        fail("no words")
    if items[0] == [(ANY,)] or items[-1] == [(ANY,)]:
        fail("a phrase cannot start or end with '*'")
    return items


def _word_forms(token: str, variants: Mapping[str, list[tuple[str, ...]]]) -> list[tuple[str, ...]]:
    # one-word variants are not expanded here: the trie gets alias edges for them (``Trie.alias``)
    forms = [(token,)]
    forms += [form for form in variants.get(token, ()) if len(form) != 1]
    return list(dict.fromkeys(forms))


def word_classes(variants: Mapping[str, list[tuple[str, ...]]], tokens: Iterable[str]) -> dict[str, str]:
    """Token -> the representative of its class of one-word variants (``ur``, ``your`` and
    ``youre`` are one class; ``resistin`` and ``resisting`` another). Phrases are stored under the
    representative and every member gets an edge to the same node."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = ra

    for word, forms in variants.items():
        for form in forms:
            if len(form) == 1:
                union(word, form[0])
    for token in tokens:
        if token.endswith("ing") and len(token) > 4:
            union(token, token[:-1])  # resisting -> resistin
    return {token: find(token) for token in parent}


class Trie:
    """Token sequences -> entries. Nodes are plain dicts for speed.

    A phrase is first built as its own small graph (one chain per alternative, the chains of an
    item meeting again before the next item), then merged into the trie. Where the trie has
    no path yet, the phrase's remaining graph is attached as it is: those nodes stand for the
    same future words whatever the prefix that reaches them, so they are shared ("frozen").
    A frozen node is copied before anything is added below it, so sharing never lets one
    phrase's words leak into another (a test compares the trie with a brute-force matcher)."""

    def __init__(self) -> None:
        self.root: dict = {}
        self.size = 0
        self.canon: Mapping[str, str] = {}
        self.members: Mapping[str, tuple[str, ...]] = {}
        self._frozen: set[int] = set()
        self._stops_at_first: frozenset[str] | None = None  # see first_words_that_stop

    def set_classes(self, canon: Mapping[str, str]) -> None:
        members: dict[str, list[str]] = {}
        for token, rep in canon.items():
            if token != rep:
                members.setdefault(rep, []).append(token)
        self.canon = canon
        self.members = {rep: tuple(m) for rep, m in members.items()}

    def add(self, sequence: Sequence[str], entry: Entry) -> None:
        self.add_items([[tuple(sequence)]], entry)

    def _link(self, parent: dict, token: str, child: dict) -> None:
        parent[token] = child
        for member in self.members.get(token, ()):
            parent[member] = child

    def add_items(self, items: Sequence[Sequence[tuple[str, ...]]], entry: Entry, *, where: str = "",
                  path: str | None = None) -> None:
        """Insert every path through ``items`` (one alternative from each)."""
        self._stops_at_first = None
        canon = self.canon
        # the phrase graph: state ("J", k) is the start of item k; (k, i, p) is position p of option i
        moves: dict[tuple, dict[str, list[tuple]]] = {}
        empty_after: dict[tuple, tuple] = {}
        final = ("J", len(items))
        for k, options in enumerate(items):
            junction = ("J", k)
            moves.setdefault(junction, {})
            for i, option in enumerate(options):
                if not option:
                    empty_after[junction] = ("J", k + 1)
                    continue
                state = junction
                for p, token in enumerate(option):
                    token = canon.get(token, token)
                    nxt = ("J", k + 1) if p == len(option) - 1 else (k, i, p + 1)
                    moves.setdefault(state, {}).setdefault(token, []).append(nxt)
                    state = nxt

        def closure(states) -> frozenset:
            if not empty_after:
                return frozenset(states)
            out = set(states)
            todo = list(states)
            while todo:
                state = todo.pop()
                after = empty_after.get(state)
                if after is not None and after not in out:
                    out.add(after)
                    todo.append(after)
            return frozenset(out)

        seen_outgoing: dict[frozenset, dict[str, frozenset]] = {}

        def outgoing(states: frozenset) -> dict[str, frozenset]:
            found = seen_outgoing.get(states)
            if found is None:
                table: dict[str, set] = {}
                for state in states:
                    for token, targets in moves.get(state, {}).items():
                        table.setdefault(token, set()).update(targets)
                found = seen_outgoing[states] = {token: closure(targets) for token, targets in table.items()}
            return found

        built: dict[frozenset, dict] = {}
        budget = [MAX_EXPANSIONS * 8]

        def build(states: frozenset) -> dict:
            node = built.get(states)
            if node is None:
                budget[0] -= 1
                if budget[0] < 0:
                    raise DataFileError(f"expands to too many forms in phrase {entry.phrase!r}", path=path, key=where)
                node = {}
                for token, targets in outgoing(states).items():
                    self._link(node, token, build(targets))
                if final in states:
                    node[ACCEPT] = (entry,)
                    self.size += 1
                built[states] = node
                self._frozen.add(id(node))
            return node

        # a shared node merged with the same rest of the phrase gives the same copy, whatever the
        # path that reached it: the copy is made once and shared in turn (so two groups with the
        # same long grammar do not multiply each other's paths)
        copies: dict[tuple[int, frozenset], tuple[dict, dict]] = {}

        def merge(node: dict, states: frozenset) -> None:
            budget[0] -= 1
            if budget[0] < 0:
                raise DataFileError(f"expands to too many forms in phrase {entry.phrase!r}", path=path, key=where)
            for token, targets in outgoing(states).items():
                child = node.get(token)
                if child is None:
                    self._link(node, token, build(targets))
                    continue
                if id(child) in self._frozen:
                    key = (id(child), targets)
                    done = copies.get(key)
                    if done is not None:
                        self._link(node, token, done[1])
                        continue
                    original, child = child, dict(child)  # copy before changing what lies below a shared node
                    self._link(node, token, child)
                    merge(child, targets)
                    copies[key] = (original, child)  # the original is kept so its id is not reused
                    self._frozen.add(id(child))
                    continue
                merge(child, targets)
            if final in states:
                accepted = node.get(ACCEPT, ())
                if not any(e.group is entry.group for e in accepted):
                    node[ACCEPT] = accepted + (entry,)
                    self.size += 1

        start = closure([("J", 0)])
        if final in start:
            raise DataFileError(f"every word is optional in phrase {entry.phrase!r}", path=path, key=where)
        if ANY in outgoing(start):
            raise DataFileError(f"a phrase cannot start with '*' in phrase {entry.phrase!r}", path=path, key=where)
        merge(self.root, start)

    def search(self, tokens: Sequence[str], segment: int, out: list[Hit]) -> None:
        """Append every phrase occurrence in ``tokens`` (all starts, all lengths) to ``out``."""
        for i, j, entries in self.scan(tokens):
            for entry in entries:
                out.append(Hit(segment, i, j, entry))

    def scan(self, tokens: Sequence[str], root: Mapping[str, dict] | None = None) -> list[tuple[int, int, tuple[Entry, ...]]]:
        """``(start, end, entries)`` for every phrase occurrence in ``tokens``, all starts and
        lengths. ``tokens`` may hold many segments separated by ``text.SEPARATOR``, which no
        phrase crosses. This loop is the engine's hot path: one dict lookup per token.

        ``root``: the first words to start from, when not all of them (``first_words_of``)."""
        root_get = (self.root if root is None else root).get
        found: list[tuple[int, int, tuple[Entry, ...]]] = []
        append = found.append
        if not tokens:
            return found
        if tokens[-1] != SEPARATOR:
            # a last token no phrase holds, so the walk below needs no end-of-list test
            tokens = [*tokens, SEPARATOR]
        stops_at_first = self.first_words_that_stop()
        for i, token in enumerate(tokens):
            node = root_get(token)
            if node is None:
                continue
            if token in stops_at_first:
                j = i + 1
            else:  # most first words: no phrase ends there and no wildcard follows, so step on at once
                node = node.get(tokens[i + 1])
                if node is None:
                    continue
                j = i + 2
            while True:
                accepted = node.get(ACCEPT)
                if accepted is not None:
                    append((i, j, accepted))
                if ANY in node:
                    self._branch(node, tokens, i, j, append)
                    break
                node = node.get(tokens[j])
                if node is None:
                    break
                j += 1
        return found

    def first_words_of(self, wanted: Callable[[Entry], bool]) -> dict[str, dict]:
        """The part of the root that leads to an entry for which ``wanted`` holds: a scan from
        it finds all those entries (and perhaps others that share their first words)."""
        leads: dict[int, bool] = {}  # node id -> whether an entry wanted lies at or below it

        def lead(node: dict) -> bool:
            known = leads.get(id(node))
            if known is None:
                leads[id(node)] = False  # (the trie has no cycles; this only marks the visit)
                known = any(map(wanted, node.get(ACCEPT, ()))) or any(
                    lead(child) for key, child in node.items() if key != ACCEPT)
                leads[id(node)] = known
            return known

        return {token: node for token, node in self.root.items() if lead(node)}

    def first_words_that_stop(self) -> frozenset[str]:
        """The first words of phrases whose node ends a phrase or has a wildcard edge: the walk
        must look at that node itself before stepping on."""
        if self._stops_at_first is None:
            self._stops_at_first = frozenset(token for token, node in self.root.items()
                                             if ACCEPT in node or ANY in node)
        return self._stops_at_first

    def _branch(self, node: dict, tokens: Sequence[str], i: int, j: int, append) -> None:
        # the slow path, only below a wildcard: explore both the word and the wildcard edges
        stack = [(node, j)]
        n = len(tokens)
        first = True
        while stack:
            node, j = stack.pop()
            if not first:
                accepted = node.get(ACCEPT)
                if accepted is not None:
                    append((i, j, accepted))
            first = False
            if j >= n:
                continue
            token = tokens[j]
            child = node.get(token)
            if child is not None:
                stack.append((child, j + 1))
            wild = node.get(ANY)
            if wild is not None and token not in STOPS:
                stack.append((wild, j + 1))


def compile_groups(groups: Iterable[Group], variants: Mapping[str, list[tuple[str, ...]]],
                   paths: Mapping[str, str] | None = None) -> tuple[Trie, Trie]:
    """The word trie and the event trie of ``groups``."""
    words, events = Trie(), Trie()
    paths = paths or {}
    parsed = []
    tokens: set[str] = set()
    for group in groups:
        trie = events if group.source == "events" else words
        for index, phrase in enumerate(group.phrases):
            where = f"groups.{group.name}.phrases[{index}]"
            items = _parse(phrase, where, paths.get(group.name), variants)
            parsed.append((trie, items, Entry(group, phrase), where, paths.get(group.name)))
            tokens.update(token for options in items for option in options for token in option)
    canon = word_classes(variants, tokens)
    words.set_classes(canon)
    events.set_classes(canon)
    for trie, items, entry, where, path in parsed:
        trie.add_items(items, entry, where=where, path=path)
    return words, events
