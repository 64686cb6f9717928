"""Text normalisation: one fast pass that makes speech-to-text output and typed transcripts
look alike, so that phrases match on meaning rather than on spelling.

What it does, on all segments at once:

- lower case, accents removed (``atrás`` is ``atras``); apostrophes removed, so ``can't``, ``cant`` and ``CAN'T`` are one token, and
  ``resistin'`` becomes ``resistin`` (the phrase compiler adds ``-in`` forms of ``-ing`` words);
- words are runs of letters and digits; hyphenated words are split (``11-year-old`` ->
  ``11 year old``) and a word cut off by a stutter (``st- stop``, ``I- I``) is dropped;
- sentence ends ``. ! ?`` and double quotes are tokens of their own: phrases never match across
  them, a ``?`` after a phrase marks a question, an open quote marks quoted speech; but a ``.``
  or ``!`` between a word and the same word again goes (``Taser! Taser!`` is ``taser taser !``:
  a shouted repetition is one phrase);
- all other punctuation is dropped, and so are filler sounds (``uh``, ``um``, ``hmm``);
- a word censored with stars (``f***ing``, ``s**t``, ``b****``), or with a letter and three dashes
  or more as news transcripts print it (``f---``), is read as the word it hides.

Phrases in the data files go through the same function when they are compiled, so both sides
always agree. Plain ASCII text (nearly all transcripts) takes a path made of built-in string
operations on the whole text; other text takes an equivalent regular expression and token lists.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from itertools import chain, filterfalse, islice, repeat
from operator import and_, eq, itemgetter

# Tokens that end a sentence or open/close a quote. Phrases never contain them.
BOUNDARIES = frozenset({".", "?", "!", '"'})
SEPARATOR = "\x01"  # between segments in a flat token list; never a word
FILLERS = frozenset("uh uhh uhhh um umm ummm uhm uhmm erm hm hmm hmmm mhm mm mmm mmhm".split())
# fillers by their first letter: in ASCII text with every token between spaces, one expression a
# letter takes out "uh", "uhh", "um", ... (each with the space before it). Each expression starts
# with a space and the letter, a literal the expression engine looks for with a quick scan of its
# own (str's "in" walks the text more slowly for a string of several characters)
_FILLER_FAMILIES = tuple(
    re.compile(f" {first}(?:" + "|".join(sorted((f[1:] for f in FILLERS if f[0] == first),
                                                 key=lambda rest: (-len(rest), rest))) + ")(?= )")
    for first in sorted({f[0] for f in FILLERS}))

_APOSTROPHES = ("'", "\u2019", "\u2018", "`", "\u00b4", "\u02bc", "\u2032")
_QUOTES = ("\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb")
_ALNUM = string.ascii_lowercase + string.digits
_COMBINING = re.compile("[\u0300-\u036f]")
# every ASCII character that is neither a word character, a boundary, a hyphen nor a newline
_BLANK = str.maketrans({c: " " for c in map(chr, range(128))
                        if not c.isalnum() and c not in '.!?"-\n'})
# non-ASCII text: a stutter fragment (an empty match, dropped), a word, a boundary, a separator
_TOKEN = re.compile(r'[^\W_]+-(?![^\W_]|-)|([^\W_]+|[.!?"\x01])')


# the words transcripts censor with stars; a censored word is read as the first that fits
_CENSORED_WORDS = ("fucking fuckin fucked fucker fuck motherfucking motherfucker bullshit shit shitty bitch "
                   "bitches asshole ass damn goddamn dammit hell dick cunt bastard nigger nigga").split()
_CENSORED = re.compile(r"[a-z]*\*[a-z*]*")
_CAPTION_CENSOR = re.compile(r"\[\s*_{2,}\s*\]")
_DASHED = re.compile(r"\b([a-z])(-{3,})(?![a-z])")


def _dashes_as_stars(match: re.Match) -> str:
    return match.group(1) + "*" * len(match.group(2))


def _uncensor(match: re.Match) -> str:
    word = match.group()
    if not word.strip("*"):
        return word
    exact = re.compile(word.replace("*", "[a-z]") + "$")  # one star a letter
    loose = re.compile("".join("[a-z]+" if ch == "*" else ch for ch in re.sub(r"\*+", "*", word)) + "$")
    for shape in (exact, loose):
        for candidate in _CENSORED_WORDS:
            if shape.match(candidate):
                return candidate
    return word


def _prepare(text: str) -> str:
    text = text.lower()
    if "_" in text:  # "[ __ ]": the mark automatic captions put for a profanity, read as one
        text = _CAPTION_CENSOR.sub(" f*** ", text)
    if "---" in text:  # "f---", "s---": a word censored with dashes, as news transcripts print it
        text = _DASHED.sub(_dashes_as_stars, text)
    if "*" in text:
        text = _CENSORED.sub(_uncensor, text)
    if SEPARATOR in text:
        text = text.replace(SEPARATOR, " ")
    for ch in _APOSTROPHES:
        if ch in text:
            text = text.replace(ch, "")
    if not text.isascii():
        # accents go (Spanish "atrás" = "atras", as speech-to-text often writes it)
        import unicodedata

        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        for ch in _QUOTES:
            if ch in text:
                text = text.replace(ch, '"')
        if "\u2026" in text:
            text = text.replace("\u2026", ".")
    return text


def _ascii_words(text: str) -> list[str]:
    """Tokens of lower-case ASCII text, with ``\\n`` as segment separators, without fillers and
    with repeated words joined (the fillers taken out of the text, before the one split)."""
    if "-" in text:
        pieces = text.split("-")
        if "" in pieces:  # perhaps a doubled hyphen (a dash), which parts words as a space does
            while "--" in text:
                text = text.replace("--", " ")
            pieces = text.split("-")
        parts = [pieces[0]]  # joined once at the end: adding to one growing string copies it each time
        for piece in pieces[1:]:
            if not (piece[:1].isalnum() and parts[-1][-1:].isalnum()):  # 11-year-old stays three words
                parts[-1] = parts[-1].rstrip(_ALNUM)  # "st- stop": the cut-off word goes
            parts.append(" " + piece)
        text = "".join(parts)
    for ch in '.!?"':
        if ch in text:
            text = text.replace(ch, f" {ch} ")
    text = text.translate(_BLANK)
    if "\n" in text:
        text = text.replace("\n", f" {SEPARATOR} ")
    text = f" {text} "  # every token between spaces
    for fillers in _FILLER_FAMILIES:
        text = fillers.sub("", text)
    for mark in _JOINABLE:
        if mark in text:  # (a search for one character: far quicker than one for " . ")
            text = _join_repeats_in_text(text, mark)
    return text.split()


_last_part = itemgetter(2)
_first_part = itemgetter(0)


def _join_repeats_in_text(text: str, mark: str) -> str:
    """``_join_repeats`` for one mark, on ASCII text whose every token stands between spaces:
    the text cut at the mark (each piece then starts and ends with a space), the word before
    each cut compared with the word after it."""
    parts = text.split(mark)
    before = list(map(_last_part, map(str.rpartition, map(str.rstrip, parts), repeat(" "))))
    after = map(_first_part, map(str.partition, map(str.lstrip, islice(parts, 1, None)), repeat(" ")))
    same = list(map(eq, before, after))
    if True not in same:
        return text
    same = list(map(and_, same, map(str.isalnum, before)))  # a word, not a mark, quote or separator
    if True not in same:
        return text
    return "".join(chain.from_iterable(zip(parts, map((mark, "").__getitem__, same)))) + parts[-1]


def _words(text: str) -> list[str]:
    if text.isascii():
        return _ascii_words(text)
    return _general_words(text)


def _general_words(text: str) -> list[str]:
    """Tokens of any prepared text, by one regular expression and token lists (what
    ``_ascii_words`` gives faster for ASCII text)."""
    tokens = _TOKEN.findall(text.replace("\n", SEPARATOR))
    if "-" in text:
        tokens = list(filter(None, tokens))
    if not FILLERS.isdisjoint(tokens):
        tokens = list(filterfalse(FILLERS.__contains__, tokens))
    if "!" in tokens or "." in tokens:
        tokens = _join_repeats(tokens)
    return tokens


_JOINABLE = (".", "!")
_NOT_WORDS = BOUNDARIES | {SEPARATOR}


def _join_repeats(tokens: list[str]) -> list[str]:
    """Drop a ``.`` or ``!`` that stands between a word and the same word again."""
    drop = []
    last = len(tokens) - 1
    for mark in _JOINABLE:
        index = tokens.index
        position = 0
        while True:
            try:
                position = index(mark, position + 1)
            except ValueError:
                break
            if position < last:
                word = tokens[position - 1]
                if word == tokens[position + 1] and word not in _NOT_WORDS:
                    drop.append(position)
    if not drop:
        return tokens
    drop.sort()
    out: list[str] = []
    previous = 0
    for position in drop:
        out += tokens[previous:position]
        previous = position + 1
    out += tokens[previous:]
    return out


def normalize(text: str) -> list[str]:
    """The tokens of one text."""
    return _words(_prepare(text.replace("\n", " ")))


def flat_tokens(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """The tokens of all texts in one list, each text's followed by ``SEPARATOR``, and where each
    text's tokens start. One pass over everything: the fast path."""
    # a text that holds a newline of its own would part its tokens like a separator (found in the
    # texts joined without one: a search there takes a fraction of counting the separators)
    if "\n" in "".join(texts):
        joined = "\n".join(t.replace("\n", " ") for t in texts)
    else:
        joined = "\n".join(texts)
    flat = _words(_prepare(joined + "\n"))
    starts = [0]
    index = flat.index
    position = 0
    for _ in range(len(texts) - 1):
        position = index(SEPARATOR, position) + 1
        starts.append(position)
    return flat, starts


def normalize_many(texts: Sequence[str]) -> list[list[str]]:
    """The tokens of each text (computed in one pass over all of them)."""
    if not texts:
        return []
    flat, starts = flat_tokens(texts)
    ends = starts[1:] + [len(flat)]
    return [flat[a:b - 1] for a, b in zip(starts, ends)]


class SegmentTokens(Sequence):
    """The tokens of each segment, as slices of the flat list made on first use.

    ``by_index`` is the same as a dictionary (segment index -> tokens, for indices from 0 up),
    which callers that ask often read without a call of Python code."""

    __slots__ = ("flat", "starts", "by_index")

    def __init__(self, flat: list[str], starts: list[int]) -> None:
        self.flat = flat
        self.starts = starts
        self.by_index = _Slices(flat, starts)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.starts)
            if index < 0:
                raise IndexError("segment index out of range")
        return self.by_index[index]


class _Slices(dict):
    """Segment index -> its tokens, each sliced from the flat list when first asked for
    (detectors ask for the same few segments again and again)."""

    __slots__ = ("flat", "starts")

    def __init__(self, flat: list[str], starts: list[int]) -> None:
        super().__init__()
        self.flat = flat
        self.starts = starts

    def __missing__(self, index: int) -> list[str]:
        starts = self.starts
        start = starts[index]
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(self.flat) - 1
        tokens = self[index] = self.flat[start:end]
        return tokens
