"""The risk score: a transparent sum of contributions, each one a reason a reviewer can read.

The weights live in ``data/risk.yaml`` (an agency may override any of them). The score is kept
within 0..100 and cut into ``low`` / ``elevated`` / ``high`` by the thresholds there. Two rules
keep the level honest: force used, claimed or heard is at least ``elevated`` (the force floor),
and ``high`` needs a concern, something a reviewer must look at (medical distress, an objection,
a threat or insult during force, force on a vulnerable person, ...), however many points
routine commands add up to.

Conditions (in ``combinations`` and ``concerns``) select signals with a small language, all
words optional but the first:

    medical_distress                     a category (or ``force``: any signal with a force tag,
                                         or ``any``)
    tag:weapon_use                       with this tag
    subject_distress without:resistance_denial weight>=2
                                         without that tag (repeatable); the weights of those
                                         signals add up to at least 2
    force_command repetition>=4          repeated at least 4 times within the window
    context:child                        what is known of the incident: child, minor, elder, school
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .errors import DataFileError
from .model import CATEGORIES, Reason, RiskAssessment, Signal

FORCE_TAGS = frozenset({"force", "weapon_use"})
CONTEXTS = ("child", "minor", "elder", "school")
HARM_CATEGORIES = frozenset({"subject_distress", "medical_distress", "bystander_objection"})


@dataclass(frozen=True, slots=True)
class CategoryWeight:
    points: float
    cap: float
    label: str


def _tags_free(tags: Sequence[str], excluded: tuple[str, ...]) -> bool:
    return not any(t in tags for t in excluded)


def _some_match_free(signal: Signal, excluded: tuple[str, ...]) -> bool:
    """Whether some match behind ``signal`` carries none of ``excluded`` ("He's not resisting! I'm
    recording!" is an objection besides the filming that tags the signal)."""
    if signal.match_tags is None:
        return _tags_free(signal.tags, excluded)
    return any(_tags_free(tags, excluded) for tags in signal.match_tags)


@dataclass(frozen=True, slots=True)
class Condition:
    """One item of a ``when`` list (see the module docstring)."""

    text: str
    category: str | None = None  # a category, "force", or None for any signal
    tag: str | None = None
    without: tuple[str, ...] = ()
    repetition: int = 0
    weight: float = 0.0
    context: str | None = None

    @classmethod
    def parse(cls, text: object, path: str, key: str) -> Condition:
        if not isinstance(text, str) or not text.split():
            raise DataFileError("must be a condition such as 'medical_distress' or 'tag:weapon_use'",
                                path=path, key=key)
        fields: dict = {}
        for n, word in enumerate(text.split()):
            if n == 0 and (word in CATEGORIES or word in ("force", "any")):
                fields["category"] = None if word == "any" else word
            elif word.startswith("tag:") and len(word) > 4:
                fields["tag"] = word[4:]
            elif word.startswith("without:") and len(word) > 8:
                fields["without"] = fields.get("without", ()) + (word[8:],)
            elif word.startswith(("repetition>=", "weight>=")):
                name, _, number = word.partition(">=")
                try:
                    value = float(number)
                except ValueError:
                    raise DataFileError(f"{word!r}: {name} needs a number", path=path, key=key) from None
                fields[name] = int(value) if name == "repetition" else value
            elif n == 0 and word.startswith("context:") and word[8:] in CONTEXTS:
                fields["context"] = word[8:]
            else:
                raise DataFileError(f"{text!r}: cannot read {word!r} (expected a category, 'force', 'any', "
                                    f"'context:{'|'.join(CONTEXTS)}', 'tag:NAME', 'without:NAME', "
                                    "'repetition>=N' or 'weight>=N')", path=path, key=key)
        return cls(text=text, **fields)

    def holds(self, signals: Sequence[Signal], force_tags: frozenset[str], contexts: set[str]) -> bool:
        if self.context is not None:
            return self.context in contexts
        total = 0.0
        for s in signals:
            if self.category == "force":
                if force_tags.isdisjoint(s.tags):
                    continue
            elif self.category is not None and s.category != self.category:
                continue
            if self.tag is not None and self.tag not in s.tags:
                continue
            if self.without and not _some_match_free(s, self.without):
                continue
            if s.repetition < self.repetition:
                continue
            total += s.weight
            if total >= self.weight:
                return True
        return False


@dataclass(frozen=True, slots=True)
class Combination:
    code: str
    when: tuple[Condition, ...]
    points: float
    explanation: str


@dataclass(frozen=True, slots=True)
class RiskWeights:
    elevated: float
    high: float
    categories: Mapping[str, CategoryWeight]
    window_seconds: float
    window_segments: int
    repetition_step: float
    repetition_max: float
    combinations: tuple[Combination, ...]
    child_age: int
    child_points: float
    child_text: str
    minor_age: int
    minor_points: float
    minor_text: str
    elder_age: int
    elder_points: float
    elder_text: str
    school_types: frozenset[str]
    school_points: float
    school_text: str
    without_force_factor: float
    no_force_cap: bool
    no_force_text: str
    force_tags: frozenset[str] = frozenset({"force", "weapon_use", "resistance_claim", "physical_control"})
    force_floor: bool = False
    floor_tags: frozenset[str] = frozenset()
    floor_text: str = ""
    concern_gate: bool = False
    concerns: tuple[Combination, ...] = ()  # points unused: any one holding allows "high"
    concern_text: str = ""
    concern_floor: bool = False  # a concern together with force is at least high
    concern_floor_text: str = ""

    @classmethod
    def from_config(cls, cfg: Mapping, path: str) -> RiskWeights:
        def get(*keys, kind=float, low=None, high=None):
            node = cfg
            for key in keys:
                if not isinstance(node, Mapping) or key not in node:
                    raise DataFileError("is missing", path=path, key="risk." + ".".join(keys))
                node = node[key]
            where = "risk." + ".".join(keys)
            if kind is str:
                if not isinstance(node, str) or not node.strip():
                    raise DataFileError("must be a sentence", path=path, key=where)
                return node.strip()
            if kind is bool:
                if not isinstance(node, bool):
                    raise DataFileError("must be true or false", path=path, key=where)
                return node
            if isinstance(node, bool) or not isinstance(node, (int, float)):
                raise DataFileError("must be a number", path=path, key=where)
            if (low is not None and node < low) or (high is not None and node > high):
                raise DataFileError(f"must be between {low} and {high}", path=path, key=where)
            return kind(node)

        categories = {}
        for name in cfg.get("categories", {}):
            if name not in CATEGORIES:
                raise DataFileError(f"unknown category (expected one of {', '.join(CATEGORIES)})",
                                    path=path, key=f"risk.categories.{name}")
        for name in CATEGORIES:
            points = get("categories", name, "points", low=-100, high=100)
            cap = get("categories", name, "cap", low=-100, high=100)
            if (points < 0) != (cap < 0):
                raise DataFileError("points and cap must have the same sign", path=path, key=f"risk.categories.{name}")
            categories[name] = CategoryWeight(points, cap, get("categories", name, "label", kind=str))
        def conditions(section: str, code: str, spec) -> tuple[Condition, ...]:
            where = f"risk.{section}.{code}.when"
            when = spec.get("when") if isinstance(spec, Mapping) else None
            if not isinstance(when, list) or not when:
                raise DataFileError("needs a list 'when'", path=path, key=where)
            return tuple(Condition.parse(item, path, where) for item in when)

        def tags(*keys) -> frozenset[str]:
            node = cfg
            for key in keys:
                node = node.get(key, {}) if isinstance(node, Mapping) else {}
            if not isinstance(node, list) or not all(isinstance(t, str) for t in node):
                raise DataFileError("must be a list of tag names", path=path, key="risk." + ".".join(keys))
            return frozenset(node)

        combos = []
        for code, spec in (cfg.get("combinations") or {}).items():
            combos.append(Combination(code, conditions("combinations", code, spec),
                                      get("combinations", code, "points", low=-100, high=100),
                                      get("combinations", code, "explanation", kind=str)))
        gate = cfg.get("high_needs_concern") or {}
        concerns = []
        for code, spec in (gate.get("concerns") or {}).items() if isinstance(gate, Mapping) else ():
            concerns.append(Combination(code, conditions("high_needs_concern.concerns", code, spec), 0.0,
                                        get("high_needs_concern", "concerns", code, "explanation", kind=str)))
        gate_on = bool(gate) and get("high_needs_concern", "enabled", kind=bool)
        floor_on = bool(cfg.get("force_floor")) and get("force_floor", "enabled", kind=bool)
        concern_floor = gate_on and "with_force_is_high" in gate and get("high_needs_concern", "with_force_is_high",
                                                                           kind=bool)
        elevated = get("levels", "elevated", low=0, high=100)
        high = get("levels", "high", low=0, high=100)
        if not elevated < high:
            raise DataFileError("the elevated threshold must be below the high one", path=path, key="risk.levels")
        school_types = cfg.get("context", {}).get("school", {}).get("location_types", [])
        if not isinstance(school_types, list):
            raise DataFileError("must be a list", path=path, key="risk.context.school.location_types")
        return cls(
            elevated=elevated,
            high=high,
            categories=categories,
            window_seconds=get("repetition", "window_seconds", low=0, high=600),
            window_segments=get("repetition", "window_segments", kind=int, low=0, high=100),
            repetition_step=get("repetition", "step", low=0, high=5),
            repetition_max=get("repetition", "max_factor", low=1, high=10),
            combinations=tuple(combos),
            child_age=get("context", "child", "below_age", kind=int, low=0, high=30),
            child_points=get("context", "child", "points", low=-100, high=100),
            child_text=get("context", "child", "explanation", kind=str),
            minor_age=get("context", "minor", "below_age", kind=int, low=0, high=30),
            minor_points=get("context", "minor", "points", low=-100, high=100),
            minor_text=get("context", "minor", "explanation", kind=str),
            elder_age=get("context", "elder", "from_age", kind=int, low=30, high=130),
            elder_points=get("context", "elder", "points", low=-100, high=100),
            elder_text=get("context", "elder", "explanation", kind=str),
            school_types=frozenset(_norm_location(t) for t in school_types),
            school_points=get("context", "school", "points", low=-100, high=100),
            school_text=get("context", "school", "explanation", kind=str),
            without_force_factor=get("context", "without_force_factor", low=0, high=1),
            no_force_cap=get("no_force_cap", "enabled", kind=bool),
            no_force_text=get("no_force_cap", "explanation", kind=str),
            force_tags=tags("force_tags") if "force_tags" in cfg else cls.force_tags,
            force_floor=floor_on,
            floor_tags=tags("force_floor", "tags") if floor_on else frozenset(),
            floor_text=get("force_floor", "explanation", kind=str) if floor_on else "",
            concern_gate=gate_on,
            concerns=tuple(concerns),
            concern_text=get("high_needs_concern", "explanation", kind=str) if gate_on else "",
            concern_floor=concern_floor,
            concern_floor_text=get("high_needs_concern", "with_force_explanation", kind=str) if concern_floor else "",
        )


def _norm_location(value: str) -> str:
    return " ".join(str(value).lower().replace("_", " ").replace("-", " ").split())


def assess(signals: Sequence[Signal], weights: RiskWeights, *, subject_age: int | None = None,
           location_type: str | None = None) -> RiskAssessment:
    reasons: list[Reason] = []
    by_category: dict[str, list[Signal]] = {}
    tags: set[str] = set()
    for signal in signals:
        by_category.setdefault(signal.category, []).append(signal)
        tags.update(signal.tags)

    for category in CATEGORIES:
        found = by_category.get(category)
        if not found:
            continue
        w = weights.categories[category]
        raw = w.points * sum(s.weight for s in found)
        points = max(raw, w.cap) if w.cap < 0 else min(raw, w.cap)
        if points:
            reasons.append(Reason(category, points, _category_text(w.label, found, points == w.cap)))

    present = set(by_category)
    contexts: set[str] = set()
    if subject_age is not None:
        if subject_age < weights.child_age:
            contexts.add("child")
        elif subject_age < weights.minor_age:
            contexts.add("minor")
        elif subject_age >= weights.elder_age:
            contexts.add("elder")
    if location_type and _norm_location(location_type) in weights.school_types:
        contexts.add("school")
    force_tags = weights.force_tags
    for combo in weights.combinations:
        if all(c.holds(_candidates(c, signals, by_category), force_tags, contexts) for c in combo.when):
            reasons.append(Reason(combo.code, combo.points, combo.explanation))

    has_force = bool(present & HARM_CATEGORIES) or bool(tags & FORCE_TAGS) or "force_command" in present
    factor = 1.0 if has_force else weights.without_force_factor
    if "child" in contexts:
        reasons.append(Reason("context_child", weights.child_points * factor, weights.child_text))
    elif "minor" in contexts:
        reasons.append(Reason("context_minor", weights.minor_points * factor, weights.minor_text))
    elif "elder" in contexts:
        reasons.append(Reason("context_elder", weights.elder_points * factor, weights.elder_text))
    if "school" in contexts:
        reasons.append(Reason("context_school", weights.school_points * factor, weights.school_text))

    total = sum(r.points for r in reasons)
    harm = bool(present & HARM_CATEGORIES) or bool(tags & FORCE_TAGS)
    if weights.no_force_cap and not harm and total >= weights.high:
        cut = (weights.high - 1) - total
        reasons.append(Reason("no_force_cap", cut, weights.no_force_text))
        total += cut
    if weights.concern_gate:
        concern = next((c for c in weights.concerns
                        if all(item.holds(_candidates(item, signals, by_category), force_tags, contexts)
                               for item in c.when)), None)
        if concern is None and total >= weights.high:
            cut = (weights.high - 1) - total
            reasons.append(Reason("no_concern_cap", cut, weights.concern_text))
            total += cut
        elif (concern is not None and weights.concern_floor and total < weights.high
              and any(not (weights.floor_tags or force_tags).isdisjoint(s.tags) for s in signals)):
            lift = weights.high - total
            reasons.append(Reason("concern_with_force", lift, f"{concern.explanation} {weights.concern_floor_text}"))
            total += lift
    if weights.force_floor and total < weights.elevated and not weights.floor_tags.isdisjoint(tags):
        lift = weights.elevated - total
        reasons.append(Reason("force_floor", lift, weights.floor_text))
        total += lift
    score = int(round(max(0.0, min(100.0, total))))
    level = "high" if score >= weights.high else "elevated" if score >= weights.elevated else "low"
    reasons.sort(key=lambda r: -abs(r.points))
    return RiskAssessment(level=level, score=score, reasons=tuple(reasons))


def _candidates(condition: Condition, signals: Sequence[Signal],
                by_category: Mapping[str, list[Signal]]) -> Sequence[Signal]:
    """The signals ``condition`` may count, in order: those of its category when it names one."""
    if condition.category is None or condition.category == "force":
        return signals
    return by_category.get(condition.category, ())


def _category_text(label: str, found: Sequence[Signal], capped: bool) -> str:
    first = found[0]
    when = f" at {_clock(first.start)}" if first.start is not None else ""
    quote = first.text if len(first.text) <= 80 else first.text[:77] + "..."
    count = f"{len(found)} signal{'s' if len(found) != 1 else ''}"
    return f"{label.capitalize()}: {count}, first{when}: \u201c{quote}\u201d" + (" (capped)" if capped else "")


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def clock(seconds: float | None) -> str:
    return "--:--" if seconds is None else _clock(seconds)
