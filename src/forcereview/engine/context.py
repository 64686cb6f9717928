"""What a detector sees besides the transcript: normalised tokens, phrase matches, roles,
the incident's context, and helpers that apply the shared rules (role, negation, questions,
reported speech) the same way for every detector."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .book import Phrasebook
from .model import Segment, Signal, Transcript, unfrozen_twin
from .phrasebook import Hit
from .text import BOUNDARIES, SegmentTokens

SENTENCE_ENDS = frozenset({".", "?", "!"})
_THIRD_PERSON = frozenset({"him", "her", "them"})
QUOTE_LIMIT = 240
WEAK_FACTOR = 0.4


class Context:
    """Built once per analysis by the pipeline; read-only for detectors.

    Attributes:
        transcript: the transcript with every segment's role resolved.
        tokens: the normalised tokens of each segment (same order as ``transcript.segments``).
        book: the phrasebook (phrase groups, negation words, risk weights).
        subject_age, location_type: what is known about the incident, or None.
    """

    __slots__ = ("transcript", "tokens", "book", "subject_age", "location_type", "commentary", "_hits",
                 "_event_hits", "_tokens_of", "_marks")

    def __init__(self, transcript: Transcript, tokens: Sequence[Sequence[str]], hits: Mapping[str | None, list[Hit]],
                 event_hits: Mapping[str | None, list[Hit]], book: Phrasebook, *, subject_age: int | None = None,
                 location_type: str | None = None, commentary: frozenset[int] = frozenset()) -> None:
        """``hits`` and ``event_hits``: the phrase matches in the words and in the bracketed
        annotations, by category, each in transcript order (``matching``). ``commentary``: the
        segments said in a news studio rather than recorded at the scene (``broadcast``), whose
        words count as narrated speech."""
        self.transcript = transcript
        self.tokens = tokens
        # segment index -> tokens: a dictionary where the tokens come as one (read without a call)
        self._tokens_of = tokens.by_index if isinstance(tokens, SegmentTokens) else tokens
        self.book = book
        self.subject_age = subject_age
        self.location_type = location_type
        self.commentary = commentary
        self._hits = hits
        self._event_hits = event_hits
        self._marks: dict[int, tuple[bool, bool]] = {}  # segment -> whether it holds a "?", a '"'

    # -- phrase matches -------------------------------------------------------------------
    def hits(self, category: str | None, *, source: str = "words") -> list[Hit]:
        """Matches of the phrase groups of ``category`` (in transcript order)."""
        table = self._event_hits if source == "events" else self._hits
        return table.get(category, [])

    def qualify(self, hit: Hit) -> tuple[float, tuple[str, ...]] | None:
        """Whether ``hit`` counts, applying its group's rules: None when it does not, else the
        factor on its weight and the tags the circumstances add ("question", "reported")."""
        segment, start, end, entry = hit
        group = entry.group
        seg = self.transcript.segments[segment]
        if seg.role not in group.roles:
            return None
        tokens = self._tokens_of[segment]
        marks = self._marks.get(segment)
        if marks is None:
            # whether the words hold a "?" or a '"', looked for once a segment (a segment may hold
            # thousands of matches). In ASCII text (nearly all) the marks of the text itself are
            # its tokens, and a search of the text is quicker than one of the token list
            text = seg.text
            if text.isascii():
                marks = self._marks[segment] = ("?" in text, '"' in text)
            else:
                marks = self._marks[segment] = ("?" in tokens, '"' in tokens)
        asks, quotes = marks
        # (negation, reported speech and a generic referent are read in the words before the
        # match: a match that opens its segment has none)
        if start and group.negatable and self.is_negated(tokens, start):
            return None
        factor = 1.0
        tags: tuple[str, ...] = ()
        if asks and is_question(tokens, end):
            if group.questions == "drop":
                return None
            if group.questions == "weak":
                factor *= WEAK_FACTOR
            tags += ("question",)
        if not start and not self.commentary:
            return factor, tags
        if segment in self.commentary or (start and self.is_reported(tokens, start, quoted=quotes)):
            if group.reported == "drop":
                return None
            if group.reported == "weak":
                factor *= WEAK_FACTOR
            tags += ("reported",)
        if start and group.generic != "keep" and self.is_generic(tokens, start):
            if group.generic == "drop":
                return None
            factor *= WEAK_FACTOR
            tags += ("generic",)
        return factor, tags

    def is_negated(self, tokens: Sequence[str], start: int) -> bool:
        """A negation ("not", "don't", "nobody", "no need to") governs the words at ``start``."""
        neg = self.book.negation
        k = start - 1
        steps = 0
        while k >= 0 and steps < neg.window:
            token = tokens[k]
            if token in BOUNDARIES:
                return False
            if token in neg.negators:
                return True
            if token in neg.no_followers and k > 0 and tokens[k - 1] == "no":
                return True
            if token not in neg.skip:
                return False
            k -= 1
            steps += 1
        return False

    def is_generic(self, tokens: Sequence[str], start: int) -> bool:
        """The words at ``start`` describe a kind of person, not someone there: they follow a
        generic referent ("someone who's pregnant", "anybody with autism", "people in
        crisis"), with at most three linking words between ("who", "is", "with", "a"). A
        referent that is introduced as present ("we have someone in crisis", "there's somebody
        who's pregnant") is no generic one."""
        neg = self.book.negation
        k = start - 1
        while k >= 0 and start - k <= 4:
            token = tokens[k]
            if token in neg.generic_referents:
                before = k - 2 if k > 1 and tokens[k - 1] in ("a", "an") else k - 1  # "there's a person"
                return not (before >= 0 and tokens[before] in neg.specific_before)
            if token not in neg.generic_links:
                return False
            k -= 1
        return False

    def is_reported(self, tokens: Sequence[str], start: int, *, quoted: bool | None = None) -> bool:
        """The words at ``start`` are quoted or narrated ("he said I can't breathe").
        ``quoted``: whether the tokens hold a quotation mark, when the caller knows."""
        if ('"' in tokens if quoted is None else quoted) and tokens[max(0, start - 60):start].count('"') % 2 == 1:
            return True
        neg = self.book.negation
        k = start - 1
        steps = 0
        while k >= 0 and steps < 5:
            token = tokens[k]
            if token in SENTENCE_ENDS:
                return False
            if token in neg.reporting_verbs:
                # "he said ...", or "I told him to ...": an order passed on, not given
                return (any(t in neg.reporting_subjects for t in tokens[max(0, k - 3):k])
                        or (k + 1 < start and tokens[k + 1] in _THIRD_PERSON))
            k -= 1
            steps += 1
        return False

    # -- building signals -----------------------------------------------------------------
    def quote(self, segment: int, hit: Hit | None = None) -> str:
        """The words to show for a signal: the segment, or a window around the match when long."""
        return self._quote(self.transcript.segments[segment], segment, hit)

    def _quote(self, seg: Segment, segment: int, hit: Hit | None) -> str:
        text = seg.text
        if "  " in text or "\n" in text or "\t" in text:
            text = " ".join(text.split())
        events = " ".join(f"[{e}]" for e in seg.events) if seg.events else ""
        if len(text) <= QUOTE_LIMIT or hit is None or hit.start < 0:
            text = text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT - 3] + "..."
            return f"{text} {events}".strip() if events and not text else text or events
        tokens = self._tokens_of[segment]
        a, b = max(0, hit.start - 12), min(len(tokens), hit.end + 12)
        return ("... " if a else "") + " ".join(tokens[a:b]) + (" ..." if b < len(tokens) else "")

    def signal(self, category: str, segment: int, detector: str, explanation: str, *, weight: float = 1.0,
               tags: Sequence[str] = (), repetition: int = 1, hit: Hit | None = None,
               text: str | None = None, match_tags: tuple[tuple[str, ...], ...] | None = None) -> Signal:
        """A signal on ``segment``; ``match_tags``: the tags of each of its matches, where they
        differ (see ``Signal.match_tags``)."""
        seg: Segment = self.transcript.segments[segment]
        end = seg.end
        if hit is not None and text is None and hit.end > len(self._tokens_of[segment]):
            # a phrase running on into the following segment(s): quote them all, end with the last
            segments = self.transcript.segments
            last, left = segment, hit.end - len(self._tokens_of[segment])
            while left > 0 and last + 1 < len(segments):
                last += 1
                left -= len(self._tokens_of[last])
            text = " ".join(" ".join(s.text.split()) for s in segments[segment:last + 1])
            if len(text) > QUOTE_LIMIT:
                text = text[:QUOTE_LIMIT - 3] + "..."
            end = segments[last].end if segments[last].end is not None else end
        if type(tags) is not tuple or len(tags) > 1:
            tags = tuple(dict.fromkeys(tags))  # (no tag twice; a tuple of one or none is so already)
        return make_signal(category, seg.start, end, seg.speaker, seg.role,
                           text if text is not None else self._quote(seg, segment, hit), detector, explanation,
                           seg.index, weight, tags, repetition, match_tags)


def is_question(tokens: Sequence[str], end: int) -> bool:
    for token in tokens[end:end + 30]:
        if token == "?":
            return True
        if token == "." or token == "!":
            return False
    return False


def _signal_factory():
    """``Signal(...)`` without the frozen dataclass's ``__init__`` (which sets each field through
    ``object.__setattr__``): the same record, made several times as fast (as ``make_segment``:
    the fields stored on a record of the same slots that then becomes a ``Signal``)."""
    Unfrozen = unfrozen_twin(Signal, ("category", "start", "end", "speaker", "role", "text", "detector",
                                      "explanation", "segment", "weight", "tags", "repetition", "match_tags"))
    if Unfrozen is None:
        return Signal  # its own constructor
    new = Unfrozen.__new__

    def make(category, start, end, speaker, role, text, detector, explanation, segment, weight, tags, repetition,
             match_tags=None, Signal=Signal):
        signal = new(Unfrozen)
        signal.category = category
        signal.start = start
        signal.end = end
        signal.speaker = speaker
        signal.role = role
        signal.text = text
        signal.detector = detector
        signal.explanation = explanation
        signal.segment = segment
        signal.weight = weight
        signal.tags = tags
        signal.repetition = repetition
        signal.match_tags = match_tags
        signal.__class__ = Signal
        return signal

    return make


make_signal = _signal_factory()
