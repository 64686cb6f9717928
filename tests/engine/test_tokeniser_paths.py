"""ASCII text takes a path of whole-text string operations; every other text a regular
expression over token lists. Both must give the same tokens for the same text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from forcereview.engine.text import FILLERS, _ascii_words, _general_words, _prepare, normalize

PIECES = sorted(FILLERS) + [
    "stop", "Stop", "go", "taser", "11", "year", "old", "st-", "I-", "-", "--", "---", "x-ray",
    ".", "!", "?", '"', "...", ". .", "! !", ",", "'", "\n", " ", "  ", "\t", "uhx", "xuh", "umbrella",
    "hmmmm", "erm.", "uh!", "Stop.", "stop!", "mm-hmm", "#", "*", "a.b", "1.5",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24), st.sampled_from([" ", "", "  "]))
def test_the_ascii_path_reads_phrases_as_the_general_path(pieces, glue):
    text = _prepare(glue.join(pieces))
    assert _ascii_words(text) == _general_words(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_the_ascii_path_reads_any_ascii_text_as_the_general_path(raw):
    text = _prepare(raw)
    assert _ascii_words(text) == _general_words(text)


def test_a_dash_after_a_word_keeps_the_word_in_any_text():
    # "--" is a dash (a broken-off sentence), not a word cut off by a stutter ("st- stop");
    # a Greek letter keeps the text off the ASCII path
    assert normalize("I was going to-- stop") == ["i", "was", "going", "to", "stop"]
    assert normalize("I was going to-- stop \u03c9") == ["i", "was", "going", "to", "stop", "\u03c9"]
    assert normalize("st- stop") == ["stop"]
    assert normalize("st- stop \u03c9") == ["stop", "\u03c9"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_in_ascii_text_a_question_or_quotation_mark_is_a_token_exactly_when_the_text_holds_one(raw):
    # (the detectors look for "?" and '"' in an ASCII segment's text rather than its tokens)
    tokens = normalize(raw)
    assert ("?" in raw) == ("?" in tokens)
    assert ('"' in raw) == ('"' in tokens)
