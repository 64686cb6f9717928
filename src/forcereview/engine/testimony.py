"""Testimony: transcripts that are an account given afterwards, not a recording of the scene.

A deposition or a sworn interview is printed as questions and answers, each line opened by
``Q.`` or ``A.`` (or ``Q:``/``A:``, ``QUESTION``/``ANSWER``). The officer's "I told him to get on
the ground" is an order told, the lawyer's "did you use your taser?" a question about force, the
witness's "he was not resisting at that point" a statement under oath rather than an objection
shouted at the scene. Every segment of such a transcript is read as narrated speech, as a news
studio's is (``broadcast``): each phrase group keeps, weakens or drops it (its ``reported``
field), so a medical complaint told ("he said 'I can't breathe'") and force told ("I deployed my
taser") still count. What the answers say also tells nothing of who is speaking.

A transcript counts as testimony only when questions and answers make most of its lines.
"""

from __future__ import annotations

from collections.abc import Sequence

# the labels of a question-and-answer transcript, as the reader leaves them (with or without the
# full stop or colon)
_QUESTION = frozenset({"q", "q.", "question"})
_ANSWER = frozenset({"a", "a.", "answer"})
NO_TESTIMONY: frozenset[int] = frozenset()


def question_and_answer_segments(speakers: Sequence[str | None]) -> frozenset[int]:
    """Every segment's index when the transcript is questions and answers (a deposition, a
    sworn interview): both labels present and together on more than half the segments; else
    none. ``speakers``: each segment's speaker."""
    labels = {name: name.strip().lower() for name in dict.fromkeys(speakers) if name and len(name) <= 10}
    asking = [name for name, label in labels.items() if label in _QUESTION]
    answering = [name for name, label in labels.items() if label in _ANSWER]
    if not asking or not answering:
        return NO_TESTIMONY  # (nearly every transcript: one look at its few speakers)
    count = speakers.count
    if 2 * sum(map(count, asking + answering)) <= len(speakers):
        return NO_TESTIMONY
    return frozenset(range(len(speakers)))
