"""Text normalisation: one fast pass that makes speech-to-text output and typed transcripts
look alike, so that phrases match on meaning rather than on spelling.

What it does, in order, on all segments at once (one string, a handful of C-level passes):

- lower case; curly quotes and apostrophes made plain;
- apostrophes removed, so ``can't``, ``cant`` and ``CAN'T`` are one token, and ``resistin'``
  becomes ``resistin`` (the phrase compiler adds ``-in`` forms of ``-ing`` words);
- sentence ends ``. ! ?`` and double quotes kept as their own tokens: phrases never match across
  them, a ``?`` after a phrase marks a question, an open quote marks quoted speech;
- other punctuation becomes a space; a word cut off by a stutter (``st- stop``, ``I- I``) is
  dropped; hyphenated words are split (``11-year-old`` -> ``11 year old``);
- filler sounds (``uh``, ``um``, ``hmm``) are dropped.

Tokens are then the whitespace-separated words. Phrases in the data files go through the same
function when they are compiled, so both sides always agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Tokens that end a sentence or open/close a quote. Phrases never contain them.
BOUNDARIES = frozenset({".", "?", "!", '"'})

_table: dict[int, str | None] = {}
for _ch in "'\u2019\u2018`\u00b4\u02bc\u2032":
    _table[ord(_ch)] = None  # apostrophes vanish: can't -> cant
for _ch in '"\u201c\u201d\u201e\u00ab\u00bb':
    _table[ord(_ch)] = ' " '
for _ch in ".!?":
    _table[ord(_ch)] = f" {_ch} "
_table[ord("\u2026")] = " . "
_table[ord("\u00bf")] = " "
_table[ord("\u00a1")] = " "
for _ch in ",;:()[]{}*/\\|<>=+_~^&%$#@\t\r\u00a0\u2013\u2014\u2012\u2015\u00b7\u2022":
    _table[ord(_ch)] = " "
_TABLE = _table

# a word cut short by a stutter or a self-correction: "st- stop", "I- I can't"
_FRAGMENT = re.compile(r"\w+-+(?!\w)")
_FILLER = re.compile(r"\b(?:u+h+|u+m+|u+h+m+|e+r+m+|h+m+|m+h+m+|m{2,})\b")


def _clean(joined: str) -> str:
    text = joined.lower().translate(_TABLE)
    if "-" in text:
        text = _FRAGMENT.sub(" ", text).replace("-", " ")
    return _FILLER.sub(" ", text)


def normalize(text: str) -> list[str]:
    """The tokens of one text."""
    return _clean(text.replace("\n", " ")).split()


def normalize_many(texts: Sequence[str]) -> list[list[str]]:
    """The tokens of each text, computed in one pass over all of them."""
    if not texts:
        return []
    joined = "\n".join(texts)
    lines = _clean(joined).split("\n")
    if len(lines) != len(texts):  # a text held a newline (or lower() made one): do them one by one
        return [normalize(t) for t in texts]
    return [line.split() for line in lines]
