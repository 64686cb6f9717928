"""Signals from bracketed annotations: ``[crying]``, ``(gasping)``, ``*taser clicking*``.

The annotation's words are matched against the phrase groups whose ``source`` is ``events``;
the group says which category it is and for whose segment it counts (``[screaming]`` on the
subject's line is distress, ``[yelling]`` on an officer's line is escalation)."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import CATEGORIES, Signal, Transcript


class AnnotationDetector:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"AnnotationDetector({self.name!r})"

    def __call__(self, transcript: Transcript, context: Context) -> Iterator[Signal]:
        best: dict[tuple[int, str], tuple[float, object, list[str]]] = {}
        for category in CATEGORIES:
            for hit in context.hits(category, source="events"):
                group = hit.entry.group
                segment = transcript.segments[hit.segment]
                if segment.role not in group.roles:
                    continue
                key = (hit.segment, category)
                current = best.get(key)
                if current is None or group.weight > current[0]:
                    best[key] = (group.weight, group, current[2] if current else [])
                best[key][2].extend(group.tags)
        for (segment_index, category), (weight, group, tags) in sorted(best.items()):
            segment = transcript.segments[segment_index]
            notes = " ".join(f"[{event}]" for event in segment.events)
            text = f"{notes} {' '.join(segment.text.split())}".strip()
            yield context.signal(category, segment_index, self.name, group.explanation, weight=weight,
                                 tags=("annotation", *tags), text=text[:240])
