"""Pieces every transcript format shares: decoding bytes, clock times, speaker labels and
bracketed annotations, and the builder that numbers segments."""

from __future__ import annotations

import math
import re
from itertools import repeat

from ..errors import TranscriptError
from ..model import Segment, Transcript, Word, unfrozen_twin

MAX_TEXT_BYTES = 256 * 1024 * 1024

CLOCK = r"(?:(\d{1,3}):)?(\d{1,4}):(\d{1,2})(?:[.,](\d{1,3}))?"
_CLOCK = re.compile(CLOCK + r"$")

# [crying]  (inaudible)  ((crosstalk))  *screaming*  -- kept as events, not words
# (a star inside a word is a censored letter, "f***ing", not an annotation)
_EVENT = re.compile(r"\[\[?([^\[\]\n]{1,120})\]\]?|\(\(?([^()\n]{1,120})\)\)?|(?<![\w*])\*([^*\n]{1,120})\*(?![\w*])")
_QUOTE_START = frozenset("\"\u201c")
_SPACES = re.compile(r"\s+")

_LABEL = re.compile(r"^([^:\n]{1,80}?)\s*:(?:\s+|$)(.*)$", re.S)
_GLUED_LABEL = re.compile(r"^([^:\n\d][^:\n]{0,60}?):(?=[A-Z\"\u201c\[(])(.*)$", re.S)
_LABEL_VERBS = frozenset("said says asked asks yelled yells replied responded told shouted screamed "
                         "states stated note notes warning example quote update".split())
# a full stop after a word in small letters of four or more: the end of a sentence, no abbreviation
_SENTENCE_END = re.compile(r"[a-z]{4}\. ")
_PRONOUNS = frozenset("i he she you we they it that this there here so and but well like the a an "
                      "then now because if when what why how who".split())
_URL = re.compile(r"https?$|www\.", re.I)


def decode(data: bytes, source: str | None) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM or, without one, when every
    other byte of its start is zero (as Latin text in UTF-16 has it), else cp1252 (never fails)."""
    if len(data) > MAX_TEXT_BYTES:
        raise TranscriptError(f"the file is larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB", source=source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise TranscriptError("the file says it is UTF-16 but is not", source=source) from None
    elif b"\x00" in data[:400] and (encoding := utf16_without_bom(data[:400])) is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise TranscriptError("the file looks like UTF-16 without a byte order mark but is not",
                                  source=source) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return clean_text(text, source)


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when nearly every odd (or even) byte of ``head`` is zero and
    hardly any other is: Latin text written in UTF-16 without a byte order mark."""
    if len(head) < 8:
        return None
    head = head[:len(head) // 2 * 2]
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def clean_text(text: str, source: str | None) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise TranscriptError("this is a binary file, not a transcript (it holds NUL bytes)", source=source)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        text = _pages_joined(text)
    for ch in ("\u2028", "\u2029", "\x0b", "\x85"):
        if ch in text:
            text = text.replace(ch, "\n")
    if not text or text.isspace():  # (stops at the first word; strip() would copy the file)
        raise TranscriptError("the file is empty", source=source)
    return text


def _pages_joined(text: str) -> str:
    """Pages of a document parted by form feeds (as pdftotext writes them), without the running
    heads, footers and page numbers that come back page after page. A form feed at the start of
    a line is no line of its own, so the lines keep their numbers."""
    from .furniture import without_page_furniture  # (furniture reads labels with this module's help)

    pages = without_page_furniture(text.split("\f"))
    return "".join(page if page.endswith("\n") or k == len(pages) - 1 else page + "\n"
                   for k, page in enumerate(pages))


def clock_seconds(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> float:
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if fraction:
        value += int(fraction) / (10 ** len(fraction))
    return float(value)


def parse_clock(text: str) -> float | None:
    m = _CLOCK.match(text.strip())
    if not m:
        return None
    return clock_seconds(*m.groups())


def split_events(text: str) -> tuple[str, tuple[str, ...]]:
    """Text without its bracketed annotations, and the annotations (lower case, trimmed)."""
    if "[" not in text and "(" not in text and "*" not in text:
        return text, ()
    events: list[str] = []

    def take(m: re.Match) -> str:
        inner = m.group(1) or m.group(2) or m.group(3) or ""
        if not inner.strip(" _"):
            return m.group()  # "[ __ ]": a word a video site's captions censored, which the words keep
        inner = _SPACES.sub(" ", inner).strip(" .,;:!?-").lower()
        if inner:
            events.append(inner)
        return " "

    cleaned = _EVENT.sub(take, text)
    return cleaned, tuple(events)


def unquote(text: str) -> str:
    """An utterance written wholly inside quotes loses them ("Get down!" -> Get down!)."""
    t = text.strip()
    if len(t) >= 2 and t[0] in "\"\u201c" and t[-1] in "\"\u201d" and t.count('"') + t.count("\u201c") + t.count("\u201d") == 2:
        return t[1:-1].strip()
    return t


def split_label(text: str) -> tuple[str | None, str]:
    """``"Sgt. Diaz: Get down"`` -> ``("Sgt. Diaz", "Get down")``; text without a label -> (None, text).

    A speaker named in brackets is a label too: ``"[OFFICER]: Get down"``, and as captions for
    the deaf and hard of hearing name an unseen speaker, ``"[OFFICER] Get down"`` or ``"(MAN 2)
    Help!"`` when the name holds a word for a person (``speaker_id``)."""
    colon = text.find(":")
    if colon <= 0 or colon > 80:
        return speaker_id(text) if text[:1] in "[(" else (None, text)
    m = _LABEL.match(text)
    if not m:
        # "Store Manager:What's going on?" (a label glued to its words, as PDF exports have it)
        m = _GLUED_LABEL.match(text)
        if not m or not capitalised(m.group(1)):
            return speaker_id(text) if text[:1] in "[(" else (None, text)
    label = m.group(1).strip()
    if not is_label(label):
        if label[:1] == "[" and label[-1:] == "]" and bracketed_name(label[1:-1]):
            return label[1:-1].strip(), m.group(2)  # "[OFFICER]: Get down"
        return speaker_id(text) if text[:1] in "[(" else (None, text)
    return label, m.group(2)


# "[OFFICER] Get down", "(MAN 2) Help!": a caption's name for its speaker, then the words
_SPEAKER_ID = re.compile(r"[\[(]\s*([A-Z][^\[\]()\n:]{0,40}?)\s*[\])][ \t]+(\S.*)$", re.S)
# the words of such a name: a person, seen or heard (a note such as "[OFFICER GRUNTS]" names a
# sound, and its other word says so: see _ANNOTATION_WORDS)
_PERSON_WORDS = frozenset("officer officers ofc deputy trooper sergeant sgt lieutenant lt detective police cop man "
                          "woman boy girl child kid driver passenger suspect subject witness bystander dispatch "
                          "dispatcher radio narrator reporter anchor teacher student principal nurse paramedic medic "
                          "mother father mom dad parent neighbor neighbour speaker voice male female person "
                          "crowd caller operator".split())


def speaker_id(text: str) -> tuple[str | None, str]:
    """``"[OFFICER] Get down"`` -> ``("OFFICER", "Get down")`` when the bracketed name holds a
    word for a person and no word of a note; else (None, text)."""
    m = _SPEAKER_ID.match(text)
    if m is None:
        return None, text
    name = m.group(1).strip().rstrip(",")
    words = name.lower().replace(".", " ").replace(",", " ").split()
    if len(words) > 4 or _PERSON_WORDS.isdisjoint(words) or not bracketed_name(name):
        return None, text
    return name, m.group(2)


# words of the notes that transcripts put in brackets ("[Crying]", "[Inaudible]"): no speaker's name
_ANNOTATION_WORDS = frozenset("inaudible unintelligible indiscernible indistinct muffled crosstalk cross talk "
                              "overlapping overlap chatter talking speaking continues crying cries sobbing sobs "
                              "screaming screams shrieks yelling yells shouting shouts exclaims laughing laughter "
                              "laughs chuckles music silence noise noises static siren sirens wailing wails applause "
                              "background gunshot gunshots shots beeping beeps beep sigh sighs groaning groans grunting "
                              "grunts panting pants gasping gasps moaning moans whimpering whimpers sniffling sniffles "
                              "whispering whispers mumbling mumbles coughing coughs breathing breathes footsteps pause "
                              "unclear blank redacted".split())


def bracketed_name(inner: str) -> bool:
    """Whether the text inside brackets opening a line is a speaker's name ("OFFICER", "Sgt. Diaz",
    "Speaker 2"), not a note ("Crying", "inaudible") or a time."""
    inner = inner.strip()
    return (bool(inner) and capitalised(inner) and is_label(inner) and not inner[:1].isdigit()
            and _ANNOTATION_WORDS.isdisjoint(inner.lower().replace(".", " ").replace(",", " ").split()))


def capitalised(label: str) -> bool:
    """Every word of ``label`` that starts with a letter starts with a capital ("Sgt. Diaz", "SUBJECT")."""
    words = [w for w in label.replace(".", " ").split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() for w in words)


_LABEL_SEEN: dict[str, bool] = {}


def is_label(label: str) -> bool:
    """Whether text before a colon reads as a speaker label (remembered: labels repeat)."""
    known = _LABEL_SEEN.get(label)
    if known is None:
        if len(_LABEL_SEEN) > 4096:
            _LABEL_SEEN.clear()
        known = _LABEL_SEEN[label] = _is_label(label)
    return known


def _is_label(label: str) -> bool:
    words = label.replace("_", " ").split()
    if not words or len(words) > 6 or len(label) > 60:
        return False
    if label.replace(" ", "").isdigit() or _URL.search(label):
        return False
    if any(ch in label for ch in "?!\"[]{}<>") or label.endswith(","):
        return False
    if ". " in label and _SENTENCE_END.search(label):
        return False  # "Get down. OFFICER" is words and a name, no name ("Sgt. Diaz", "OFC. PRICE" are)
    last = words[-1].lower().strip(".,")
    first = words[0].lower().strip(".,")
    if last in _LABEL_VERBS:
        return False
    if label[0].isupper() or label[0].isdigit() or label[0] in "#(":
        return True
    # a lower-case label (speech-to-text output): short, and not the start of a sentence
    return len(words) <= 3 and first not in _PRONOUNS


def finite_time(value: object, where: str, source: str | None, line: int | None = None) -> float | None:
    """A time in seconds from JSON: a number or numeric string, finite and not negative; or None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TranscriptError(f"{where} must be a number of seconds, not {value!r}", source=source, line=line)
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            seconds = parse_clock(value)
            if seconds is None:
                raise TranscriptError(f"{where} must be a number of seconds, not {value[:40]!r}",
                                      source=source, line=line) from None
            value = seconds
    if not isinstance(value, (int, float)):
        raise TranscriptError(f"{where} must be a number of seconds, not {type(value).__name__}",
                              source=source, line=line)
    try:
        value = float(value)
    except OverflowError:
        raise TranscriptError(f"{where} is too large", source=source, line=line) from None
    if not math.isfinite(value):
        raise TranscriptError(f"{where} must be a finite number", source=source, line=line)
    if value < 0:
        raise TranscriptError(f"{where} is negative ({value:g})", source=source, line=line)
    return value


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,!?;:])")
_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() holds (\w is those and "_")


def _tidy(text: str) -> str:
    """Text left once its annotations are taken out: no stray punctuation."""
    if not _ALNUM.search(text):
        return ""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text)


def _segment_factory():
    """``Segment(...)`` without the frozen dataclass's ``__init__`` (which sets each field through
    ``object.__setattr__``): the same object, made several times as fast. Parsers make one per
    utterance, so this is on the hot path of every analysis.

    The fields are stored on a record of a class with the very slots of ``Segment`` and nothing
    else, by plain attribute stores; the finished record then becomes a ``Segment`` (its class
    changed, as Python allows between classes of the same layout)."""

    def make_each(first, texts, starts, ends, speakers, roles, lines):
        return [Segment(first + k, *fields[:5], (), fields[5])
                for k, fields in enumerate(zip(texts, starts, ends, speakers, roles, lines))]

    Unfrozen = unfrozen_twin(Segment, ("index", "text", "start", "end", "speaker", "role", "events", "line", "words",
                                       "loudness_dbfs"))
    if Unfrozen is None:
        return Segment, make_each
    new = Unfrozen.__new__

    def make(index, text, start=None, end=None, speaker=None, role="unknown", events=(), line=None, words=(),
             loudness_dbfs=None, Segment=Segment):
        segment = new(Unfrozen)
        segment.index = index
        segment.text = text
        segment.start = start
        segment.end = end
        segment.speaker = speaker
        segment.role = role
        segment.events = events
        segment.line = line
        segment.words = words
        segment.loudness_dbfs = loudness_dbfs
        segment.__class__ = Segment
        return segment

    def make_many(first, texts, starts, ends, speakers, roles, lines, Segment=Segment):
        """Segments numbered from ``first``, one per text, with no events, words or loudness."""
        segments = list(map(new, repeat(Unfrozen, len(texts))))
        for segment, index, text, start, end, speaker, role, line in zip(
                segments, range(first, first + len(texts)), texts, starts, ends, speakers, roles, lines):
            segment.index = index
            segment.text = text
            segment.start = start
            segment.end = end
            segment.speaker = speaker
            segment.role = role
            segment.events = ()
            segment.line = line
            segment.words = ()
            segment.loudness_dbfs = None
            segment.__class__ = Segment
        return segments

    return make, make_many


make_segment, make_segments = _segment_factory()


class SegmentBuilder:
    """Collects utterances and numbers them; skips those with neither words nor events."""

    __slots__ = ("segments",)

    def __init__(self) -> None:
        self.segments: list[Segment] = []

    def add(self, text: str, start: float | None, end: float | None, speaker: str | None,
            line: int | None, *, role: str = "unknown", words: tuple[Word, ...] = (),
            events: tuple[str, ...] = ()) -> None:
        if "[" in text or "(" in text or "*" in text:
            text, found = split_events(text)
            if found:
                events = events + found
                text = _tidy(text)
        text = text.strip()
        if text:
            if text[0] in _QUOTE_START:
                text = unquote(text)
            if "  " in text or "\t" in text or "\n" in text or "\xa0" in text:
                text = " ".join(text.split())
        elif not events:
            return
        if end is not None and start is not None and end < start:
            end = start
        self.segments.append(make_segment(len(self.segments), text, start, end, speaker or None, role,
                                          events, line, words))

    def transcript(self, source: str | None, fmt: str, empty: str) -> Transcript:
        """The transcript of the utterances added; ``empty``: the error when there are none."""
        if not self.segments:
            raise TranscriptError(empty, source=source)
        return Transcript(segments=tuple(self.segments), source=source, format=fmt)

    def extend_last(self, text: str, events: tuple[str, ...] = ()) -> None:
        """Append a continuation line to the last utterance."""
        last = self.segments[-1]
        more, found = split_events(text)
        if found:
            more = _tidy(more)
        joined = " ".join(f"{last.text} {more}".split())
        self.segments[-1] = Segment(last.index, joined, last.start, last.end, last.speaker, last.role,
                                    last.events + events + found, last.line, last.words, last.loudness_dbfs)
