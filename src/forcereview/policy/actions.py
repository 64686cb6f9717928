"""What a rule can require: the actions vocabulary of a policy file.

In the rules file an action is written as its name alone (``legal_hold``), as its name with
its main setting (``notify: command``, ``supervisor_review: 3``), or with named settings
(``higher_review: {level: lieutenant, within_days: 7}``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property

# Review levels up the chain of command: the officer's supervisor (usually a sergeant), the
# first lieutenant or above in the chain, the first captain or above.
REVIEW_LEVELS: tuple[str, ...] = ("supervisor", "lieutenant", "commander")
# Roles a notification can go to (the same names as accounts.roles.Role).
NOTIFY_ROLES: tuple[str, ...] = ("supervisor", "investigator", "command", "auditor", "admin")


@dataclass(frozen=True)
class Param:
    name: str
    kind: type
    default: object = None
    choices: tuple | None = None
    low: int | None = None
    high: int | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class ActionSpec:
    name: str
    title: str
    params: tuple[Param, ...] = ()
    # the setting written after the name alone: ``notify: command``
    main: str | None = None


DAYS = dict(kind=int, low=1, high=365)

SPECS: dict[str, ActionSpec] = {
    s.name: s
    for s in (
        ActionSpec("supervisor_review", "Supervisor review", (Param("within_days", default=3, **DAYS),), main="within_days"),
        ActionSpec(
            "higher_review",
            "Review at a higher level",
            (Param("level", str, default="lieutenant", choices=REVIEW_LEVELS[1:]), Param("within_days", default=7, **DAYS)),
            main="level",
        ),
        ActionSpec("internal_affairs", "Refer to internal affairs"),
        ActionSpec("review_board", "Use-of-force review board", (Param("within_days", default=30, **DAYS),), main="within_days"),
        ActionSpec("notify", "Notify", (Param("role", str, choices=NOTIFY_ROLES),), main="role"),
        ActionSpec("legal_hold", "Legal hold on the evidence"),
        ActionSpec("training_review", "Training review"),
    )
}


@dataclass(frozen=True)
class Action:
    name: str
    params: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"action": self.name, **self.params}

    @cached_property
    def text(self) -> str:
        # worked out once: a rule's actions are told in every evaluation where it fires
        return describe(self.name, self.params)


def describe(name: str, params: dict) -> str:
    """The action in plain words."""
    days = params.get("within_days")
    within = f" within {days} day{'s' if days != 1 else ''}" if days else ""
    if name == "supervisor_review":
        return f"Supervisor review{within}"
    if name == "higher_review":
        return f"Review by a {params.get('level', 'lieutenant')} or above{within}"
    if name == "review_board":
        return f"Use-of-force review board{within}"
    if name == "notify":
        return f"Notify {params.get('role')}"
    return SPECS[name].title if name in SPECS else name


class ActionError(ValueError):
    pass


def parse_action(raw) -> Action:
    """One action as written in a rules file. Raises ActionError with a plain message."""
    if isinstance(raw, str):
        name, value = raw.strip(), None
    elif isinstance(raw, dict) and len(raw) == 1:
        ((name, value),) = raw.items()
        name = str(name)
    else:
        raise ActionError("write an action as its name, or as 'name: setting' (one action per list item)")
    spec = SPECS.get(name)
    if spec is None:
        close = difflib.get_close_matches(name, list(SPECS), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(SPECS)})"
        raise ActionError(f"unknown action {name!r}{hint}")
    given: dict = {}
    if isinstance(value, dict):
        given = dict(value)
    elif value is not None:
        if spec.main is None:
            raise ActionError(f"{name} takes no setting")
        given = {spec.main: value}
    known = {p.name for p in spec.params}
    for key in given:
        if key not in known:
            raise ActionError(f"{name} has no setting {key!r}" + (f" (settings: {', '.join(sorted(known))})" if known else ""))
    params = {}
    for p in spec.params:
        if p.name not in given:
            if p.required:
                raise ActionError(f"{name} needs {p.name!r}" + (f" (one of: {', '.join(p.choices)})" if p.choices else ""))
            params[p.name] = p.default
            continue
        value = given[p.name]
        if p.kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ActionError(f"{name}: {p.name} must be a whole number, not {value!r}")
        if p.kind is str and not isinstance(value, str):
            raise ActionError(f"{name}: {p.name} must be a word, not {value!r}")
        if p.choices and value not in p.choices:
            raise ActionError(f"{name}: {p.name} {value!r} is not one of {', '.join(p.choices)}")
        if p.low is not None and value < p.low or p.high is not None and value > p.high:
            raise ActionError(f"{name}: {p.name} must be between {p.low} and {p.high}, not {value}")
        params[p.name] = value
    return Action(name, params)


@dataclass
class Requirement:
    """One action required of an incident, merged across the rules that require it."""

    name: str
    params: dict
    rules: list[str]

    @property
    def text(self) -> str:
        return describe(self.name, self.params)

    def to_dict(self) -> dict:
        return {"action": self.name, **self.params, "text": self.text, "rules": list(self.rules)}


def merge(fired: list[tuple[str, tuple[Action, ...]]]) -> list[Requirement]:
    """The actions of every fired rule, merged: the shortest deadline, the highest review
    level, every role to notify once."""
    out: dict[tuple, Requirement] = {}
    for rule_id, actions in fired:
        for action in actions:
            key: tuple = (action.name,)
            if action.name == "notify":
                key = (action.name, action.params["role"])
            current = out.get(key)
            if current is None:
                out[key] = Requirement(action.name, dict(action.params), [rule_id])
                continue
            if rule_id not in current.rules:
                current.rules.append(rule_id)
            if action.name == "higher_review":
                new_level = REVIEW_LEVELS.index(action.params["level"])
                old_level = REVIEW_LEVELS.index(current.params["level"])
                if new_level > old_level:
                    current.params = dict(action.params)
                elif new_level == old_level:
                    current.params["within_days"] = min(current.params["within_days"], action.params["within_days"])
            elif "within_days" in action.params:
                current.params["within_days"] = min(current.params["within_days"], action.params["within_days"])
    order = list(SPECS)
    return sorted(out.values(), key=lambda r: (order.index(r.name), r.params.get("role", "")))
