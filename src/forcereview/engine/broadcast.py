"""News transcripts: what was said in the studio, apart from what the clips recorded.

Broadcast transcripts, as networks publish them, set the recording apart with notes on lines of
their own: ``(BEGIN VIDEO CLIP)`` ... ``(END VIDEO CLIP)``, ``(BEGIN VIDEOTAPE)``, ``(BEGIN
AUDIO CLIP)``. Outside those notes is the studio: an anchor telling what the video shows ("you
will hear officers shouting at him to get on the ground"), a guest judging it ("that was
excessive force"). That talk is no order, objection or plea made at the scene; it is read as
narrated speech, which each phrase group keeps, weakens or drops (its ``reported`` field): an
anchor's "he says he can't breathe" or "the 11-year-old" still counts, the commentator's
"excessive force" does not make an objection at the scene.

A transcript without a clip note has no studio talk.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Segment

# "begin video clip", "end videotape", "start audio clip", "end of clip", "begin sound bite", "end sot".
# Not a bare "video", "audio" or "tape": "(END OF TAPE 1)", "[BEGIN VIDEO 2]" part the recordings
# of one incident, with speech at the scene on both sides
_CLIP_NOTE = re.compile(r"(begin|start|end)(?: of)?[\s-]+(?:the[\s-]+)?"
                        r"(?:video[\s-]*clip|video[\s-]*tape|audio[\s-]*clip|audio[\s-]*tape|"
                        r"sound[\s-]*bite|clip|sot)\b", re.I)

NO_COMMENTARY: frozenset[int] = frozenset()


def noted_segments(segments: Sequence[Segment]) -> list[Segment]:
    """The segments that hold bracketed notes (few do)."""
    return [segment for segment in segments if segment.events]  # (quicker than an attrgetter on slots)


def commentary_segments(segments: Sequence[Segment], noted: Sequence[Segment] | None = None) -> frozenset[int]:
    """Indices of the segments said outside the clips of a news transcript: before the first
    clip, between one clip's end and the next one's beginning, and after the last. Empty unless
    some clip begins and some clip ends (nearly every transcript has neither), each note on a
    line of its own (a note inside a line of speech is no layout of a broadcast transcript).
    ``noted``: ``noted_segments(segments)``, when the caller has them."""
    if noted is None:
        noted = noted_segments(segments)
    marks: list[tuple[int, bool]] = []  # (segment, whether a clip begins there)
    for segment in noted:
        for event in segment.events:
            m = _CLIP_NOTE.match(event.strip())
            if m is not None and not segment.text.strip():
                marks.append((segment.index, m.group(1).lower() != "end"))
    if not marks or all(begins for _, begins in marks) or not any(begins for _, begins in marks):
        return NO_COMMENTARY  # a clip must both begin and end somewhere
    studio: set[int] = set()
    in_clip = not marks[0][1]  # a transcript that opens inside a clip: its first note ends it
    previous = 0
    for k, begins in marks:
        if not in_clip:
            studio.update(range(previous, k))
        in_clip = begins
        previous = k + 1
    if not in_clip:
        studio.update(range(previous, len(segments)))
    return frozenset(studio)
