"""Who is speaking: roles from speaker labels, from what each speaker says, and from overrides.

Order of authority, strongest first:
1. an override given by the caller (``roles={"Administrator": "bystander"}``, ``--role``);
2. a role the transcript states outright (``OFFICER (Smith): ...``, a JSON ``role`` field);
3. a strong label word (``Sgt. Diaz``, ``SUSPECT``, ``Teacher``, ``Dispatch``, a badge number);
4. the speaker's words: phrase groups carry ``evidence`` (who gives orders, who says "I'm not
   resisting", who says "he's not resisting", who talks like a radio), added up per speaker,
   together with a weak label word (``student``, ``male``) that only leans one way.
A speaker with no label and no clear evidence stays ``unknown``. Segments without any speaker
(undiarised speech-to-text) get a role for that segment alone when its words point one way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .model import ROLES
from .text import normalize

STATED = 5.0  # a role the transcript states
STRONG = 3.0
WEAK = 1.0
THRESHOLD = 1.0

_BADGE = re.compile(r"#\s*\d{2,}|\bbadge\b|\b(?:ofc|off|p|b|u)-?\d{3,}\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LabelIndex:
    """Label words (as token tuples) -> (role or None, strength)."""

    words: Mapping[tuple[str, ...], tuple[str | None, float]]
    longest: int

    @classmethod
    def from_config(cls, config: Mapping[str, Mapping[str, Sequence[str]]]) -> LabelIndex:
        words: dict[tuple[str, ...], tuple[str | None, float]] = {}
        for role, spec in config.items():
            for strength_name, strength in (("weak", WEAK), ("strong", STRONG)):
                for word in spec.get(strength_name, ()):
                    tokens = tuple(normalize(word))
                    if tokens:
                        words[tokens] = (None if role == "none" else role, 0.0 if role == "none" else strength)
        return cls(words=words, longest=max((len(k) for k in words), default=1))

    def role_of(self, label: str | None) -> tuple[str | None, float]:
        """The role a speaker label names and how strongly; (None, 0) when it names none."""
        if not label:
            return None, 0.0
        tokens = normalize(label)
        best: tuple[int, float, str | None] | None = None
        for size in range(min(self.longest, len(tokens)), 0, -1):
            for i in range(len(tokens) - size + 1):
                found = self.words.get(tuple(tokens[i:i + size]))
                if found is not None and (best is None or (size, found[1]) > best[:2]):
                    best = (size, found[1], found[0])
            if best is not None:
                break
        if best is not None and best[2] is not None:
            return best[2], best[1]
        if _BADGE.search(label):
            return "officer", STRONG
        return None, 0.0


def validate_overrides(roles: Mapping[str, str] | None) -> dict[str, str]:
    """Overrides keyed by lower-cased speaker name; refuses an unknown role."""
    out: dict[str, str] = {}
    for name, role in (roles or {}).items():
        role = str(role).strip().lower()
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} for speaker {name!r} (expected one of {', '.join(ROLES)})")
        out[str(name).strip().lower()] = role
    return out


def infer_roles(
    speakers: Sequence[str | None],
    stated: Mapping[str, str],
    evidence: Mapping[int, Mapping[str, float]],
    labels: LabelIndex,
    overrides: Mapping[str, str],
) -> tuple[dict[str, str], list[str]]:
    """Each speaker's role, and each segment's role.

    ``speakers`` is the speaker of each segment (None when unknown); ``stated`` the roles the
    transcript states; ``evidence`` what each segment's words suggest (segment -> role -> weight,
    from the phrase groups' ``evidence``)."""
    names = list(dict.fromkeys(s for s in speakers if s))
    totals: dict[str, dict[str, float]] = {name: {} for name in names}
    loose: dict[int, Mapping[str, float]] = {}
    for segment, weights in evidence.items():
        speaker = speakers[segment]
        if not speaker:
            loose[segment] = weights
            continue
        bucket = totals[speaker]
        for role, weight in weights.items():
            bucket[role] = bucket.get(role, 0.0) + weight

    roles: dict[str, str] = {}
    for name in names:
        override = overrides.get(name.lower())
        if override:
            roles[name] = override
            continue
        if stated.get(name) in ROLES and stated[name] != "unknown":
            roles[name] = stated[name]
            continue
        label_role, strength = labels.role_of(name)
        if label_role is not None and strength >= STRONG:
            roles[name] = label_role
            continue
        scores = dict(totals[name])
        if label_role is not None:
            scores[label_role] = scores.get(label_role, 0.0) + strength
        roles[name] = _decide(scores)

    segment_roles = []
    for index, speaker in enumerate(speakers):
        if speaker:
            segment_roles.append(roles[speaker])
        else:
            segment_roles.append(_decide(loose.get(index, {}), unanimous=True))
    return roles, segment_roles


def _decide(scores: Mapping[str, float], *, unanimous: bool = False) -> str:
    ranked = sorted(((score, role) for role, score in scores.items() if score > 0), reverse=True)
    if not ranked or ranked[0][0] < THRESHOLD:
        return "unknown"
    if len(ranked) > 1 and (unanimous or ranked[1][0] >= ranked[0][0] * 0.75):
        return "unknown"
    return ranked[0][1]
