"""The terminal timeline: the risk on top, then every utterance with its signals under it."""

from __future__ import annotations

from .analysis import Analysis
from .model import CATEGORIES
from .risk import clock

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_LEVEL_COLOR = {"high": "\033[1;41;97m", "elevated": "\033[1;43;30m", "low": "\033[1;42;30m"}
_CATEGORY_COLOR = {
    "force_command": "\033[1;31m",
    "subject_distress": "\033[1;35m",
    "medical_distress": "\033[1;91m",
    "bystander_objection": "\033[1;33m",
    "officer_escalation": "\033[1;31m",
    "weapon_mention": "\033[1;91m",
    "vulnerable_subject": "\033[1;36m",
    "subject_aggression": "\033[1;34m",
    "deescalation": "\033[1;32m",
}
LABELS = {
    "force_command": "FORCE COMMAND",
    "subject_distress": "SUBJECT DISTRESS",
    "medical_distress": "MEDICAL",
    "bystander_objection": "OBJECTION",
    "officer_escalation": "ESCALATION",
    "weapon_mention": "WEAPON",
    "vulnerable_subject": "VULNERABLE",
    "subject_aggression": "AGGRESSION",
    "deescalation": "DE-ESCALATION",
}


def render_text(analysis: Analysis, *, color: bool = False, signals_only: bool = False, width: int = 100) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    t = analysis.transcript
    risk = analysis.risk
    lines: list[str] = []
    duration = analysis.duration
    facts = [t.format or "transcript", f"{len(t.segments)} segments"]
    if duration is not None:
        facts.append(clock(duration))
    lines.append(paint(_BOLD, f"{t.source or 'transcript'}") + f"  ({', '.join(facts)})")
    context = []
    if analysis.subject_age is not None:
        context.append(f"subject age {analysis.subject_age}")
    if analysis.location_type:
        context.append(f"location {analysis.location_type}")
    level = f" RISK {risk.level.upper()} {risk.score}/100 "
    lines.append(paint(_LEVEL_COLOR[risk.level], level) + (f"  ({'; '.join(context)})" if context else ""))
    for reason in risk.reasons:
        lines.append(f"  {reason.points:+6.1f}  {reason.explanation}")
    if not risk.reasons:
        lines.append("  nothing in this transcript raised or lowered the score")
    counts = [f"{LABELS[c].lower()} {n}" for c, n in analysis.counts.items() if n]
    lines.append("Signals: " + (", ".join(counts) if counts else "none"))
    if t.speakers:
        lines.append("Speakers: " + ", ".join(f"{name} ({role})" for name, role in t.speakers.items()))
    lines.append("")
    by_segment: dict[int, list] = {}
    for signal in analysis.signals:
        by_segment.setdefault(signal.segment if signal.segment is not None else -1, []).append(signal)
    for segment in t.segments:
        found = by_segment.get(segment.index, [])
        if signals_only and not found:
            continue
        who = segment.speaker or "?"
        role = segment.role if segment.role != "unknown" else "?"
        head = f"{clock(segment.start):>8}  {who} [{role}]: "
        text = segment.text
        if segment.events:
            text = (text + " " if text else "") + " ".join(f"[{e}]" for e in segment.events)
        body = _wrap(text, width - len(head))
        first = paint(_BOLD, head + body[0]) if found else head + body[0]
        lines.append(first)
        for more in body[1:]:
            lines.append(" " * len(head) + more)
        for signal in sorted(found, key=lambda s: CATEGORIES.index(s.category)):
            tag = paint(_CATEGORY_COLOR[signal.category], f"\u25b2 {LABELS[signal.category]}")
            extra = f" [{', '.join(signal.tags)}]" if signal.tags else ""
            lines.append(" " * 10 + f"{tag}  {signal.explanation}" + paint(_DIM, f"  ({signal.detector}{extra})"))
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    width = max(width, 30)
    words = text.split()
    if not words:
        return [""]
    out, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return out
