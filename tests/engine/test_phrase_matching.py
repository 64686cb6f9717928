"""Normalisation and the phrase trie: what is matched, on noisy text, and nothing more."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forcereview.engine.errors import DataFileError
from forcereview.engine.phrasebook import ANY, Entry, Group, Trie, compile_groups, number_words
from forcereview.engine.text import normalize, normalize_many


@pytest.mark.parametrize("text, tokens", [
    ("I CAN'T breathe!", ["i", "cant", "breathe", "!"]),
    ("I can\u2019t breathe", ["i", "cant", "breathe"]),
    ("st- stop resistin'", ["stop", "resistin"]),
    ("I- I- uh, um, I'm not resisting...", ["im", "not", "resisting", ".", ".", "."]),
    ("She's an 11-year-old", ["shes", "an", "11", "year", "old"]),
    ('He said "stop"?', ["he", "said", '"', "stop", '"', "?"]),
    ("Ofc. Smith #4412", ["ofc", ".", "smith", "4412"]),
    ("hmm mhm okay", ["okay"]),
])
def test_normalize(text, tokens):
    assert normalize(text) == tokens


@given(st.lists(st.text(max_size=30), max_size=8))
def test_normalize_many_equals_one_by_one(texts):
    assert normalize_many(texts) == [normalize(t) for t in texts]


def _book(phrases, variants=None):
    group = Group(name="g", category="force_command", phrases=tuple(phrases))
    words, _ = compile_groups([group], variants or {})
    return words


def _found(trie, text):
    hits = []
    trie.search(normalize(text), 0, hits)
    return sorted({(h.start, h.end, h.entry.phrase) for h in hits})


def test_pattern_language():
    trie = _book(["get (down|on the ground)", "[please] stop", "get * down", "<num:1-17> years old",
                  "stop resisting"], variants={"cant": [("can", "not"), ("cannot",)]})
    assert _found(trie, "GET ON THE GROUND") == [(0, 4, "get (down|on the ground)")]
    assert _found(trie, "please stop") == [(0, 2, "[please] stop"), (1, 2, "[please] stop")]
    assert _found(trie, "get fucking down") == [(0, 3, "get * down")]
    assert _found(trie, "get the fuck down") == []  # '*' is exactly one word
    assert _found(trie, "get down") == [(0, 2, "get (down|on the ground)")]
    assert _found(trie, "she is eleven years old") == [(2, 5, "<num:1-17> years old")]
    assert _found(trie, "she is 11 years old") == [(2, 5, "<num:1-17> years old")]
    assert _found(trie, "she is 18 years old") == []
    assert _found(trie, "stop resistin") == [(0, 1, "[please] stop"), (0, 2, "stop resisting")]
    assert _found(trie, "get. down") == []  # never across a sentence end


def test_variants_and_classes_of_words():
    trie = _book(["i cant breathe", "put your hands up"],
                 variants={"cant": [("can", "not"), ("cannot",)], "your": [("ur",), ("youre",)]})
    assert _found(trie, "i cannot breathe") == [(0, 3, "i cant breathe")]
    assert _found(trie, "I can not breathe") == [(0, 4, "i cant breathe")]
    assert _found(trie, "put ur hands up") == [(0, 4, "put your hands up")]
    assert _found(trie, "put you're hands up") == [(0, 4, "put your hands up")]


@pytest.mark.parametrize("phrase, words", [
    ("get (down", "missing ')'"),
    ("get down)", "unexpected ')'"),
    ("a | b", "outside parentheses"),
    ("* down", "start or end with '*'"),
    ("get *", "start or end with '*'"),
    ("get (* down)", "inside parentheses"),
    ("<num:9-2> years", "bad slot"),
    ("<age> years", "bad slot"),
    ("[maybe]", "every word is optional"),
    ("stop? now", "punctuation"),
])
def test_bad_patterns_are_refused_naming_the_phrase(phrase, words):
    with pytest.raises(DataFileError) as caught:
        _book(["fine phrase", phrase])
    assert words in str(caught.value)
    assert "groups.g.phrases[1]" in str(caught.value)


def test_number_words():
    assert number_words(11) == ("eleven",)
    assert number_words(65) == ("sixty", "five")
    assert number_words(40) == ("forty",)
    assert number_words(105) == ("one", "hundred", "and", "five")


# -- the trie shares suffixes between alternatives; a reference matcher proves it never
#    matches more or less than the phrases say ---------------------------------------------
VOCAB = ["a", "b", "c", "d", "e"]
pattern_item = st.one_of(
    st.sampled_from(VOCAB),
    st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3).map(lambda xs: "(" + "|".join(xs) + ")"),
    st.lists(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=2).map(" ".join), min_size=1, max_size=2)
    .map(lambda xs: "[" + "|".join(xs) + "]"),
)
pattern = st.lists(pattern_item, min_size=1, max_size=4).map(" ".join).filter(lambda p: not p.startswith("["))


def _expand(p: str) -> set[tuple[str, ...]]:
    """Every token sequence a pattern stands for, by brute force (no wildcards here)."""
    out = set()
    for combo in itertools.product(*_items(p)):
        out.add(tuple(t for piece in combo for t in piece))
    return {s for s in out if s}


def _items(p: str) -> list[list[tuple[str, ...]]]:
    items, i = [], 0
    while i < len(p):
        ch = p[i]
        if ch == " ":
            i += 1
        elif ch in "([":
            close = p.index(")" if ch == "(" else "]", i)
            options = [tuple(o.split()) for o in p[i + 1:close].split("|")]
            if ch == "[":
                options.append(())
            items.append(options)
            i = close + 1
        else:
            j = i
            while j < len(p) and p[j] != " ":
                j += 1
            items.append([(p[i:j],)])
            i = j
    return items


@settings(max_examples=150, deadline=None)
@given(st.lists(pattern, min_size=1, max_size=6), st.lists(st.sampled_from(VOCAB), max_size=12))
def test_trie_matches_exactly_what_the_phrases_say(patterns, tokens):
    groups = [Group(name=f"g{i}", category="force_command", phrases=(p,)) for i, p in enumerate(patterns)]
    try:
        trie, _ = compile_groups(groups, {})
    except DataFileError:
        return  # e.g. a pattern whose every word is optional
    hits = []
    trie.search(tokens, 0, hits)
    got = {(h.start, h.end, h.entry.group.name) for h in hits}
    expected = set()
    for i, p in enumerate(patterns):
        for seq in _expand(p):
            for start in range(len(tokens) - len(seq) + 1):
                if tuple(tokens[start:start + len(seq)]) == seq:
                    expected.add((start, start + len(seq), f"g{i}"))
    assert got == expected


def test_wildcard_edges_are_followed():
    trie = Trie()
    group = Group(name="g", category="force_command", phrases=("x",))
    trie.add(["get", ANY, "down"], Entry(group, "get * down"))
    hits = []
    trie.search(["get", "get", "x", "down"], 0, hits)
    assert [(h.start, h.end) for h in hits] == [(1, 4)]


@settings(max_examples=150, deadline=None)
@given(st.lists(pattern, min_size=2, max_size=6), st.lists(st.booleans(), min_size=6, max_size=6),
       st.lists(st.sampled_from(VOCAB), max_size=12))
def test_a_scan_from_the_first_words_of_some_phrases_finds_all_of_those(patterns, wanted, tokens):
    groups = [Group(name=f"g{i}", category="force_command" if keep else None, phrases=(p,))
              for i, (p, keep) in enumerate(zip(patterns, wanted))]
    try:
        trie, _ = compile_groups(groups, {})
    except DataFileError:
        return

    def of_category(found):
        return {(i, j, e.group.name) for i, j, entries in found for e in entries if e.group.category}

    root = trie.first_words_of(lambda entry: entry.group.category is not None)
    assert set(root) <= set(trie.root)
    assert of_category(trie.scan(tokens, root)) == of_category(trie.scan(tokens))
    if not any(wanted[:len(patterns)]):
        assert root == {}


def test_the_built_in_phrases_use_no_wildcard():
    # a wildcard after a common word ("gonna * ...") sends the matcher down its slow path at
    # every such word of every transcript; name the words instead (docs/engine.md)
    from forcereview.engine.book import default_phrasebook

    starred = [(g.name, p) for g in default_phrasebook().groups.values() for p in g.phrases if "*" in p.split()]
    assert starred == []
