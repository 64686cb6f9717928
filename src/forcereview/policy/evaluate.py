"""Judging one incident's facts against a policy."""

from __future__ import annotations

from dataclasses import dataclass, field

from celpy import celtypes
from celpy.evaluation import CELEvalError

from forcereview.policy.actions import Action, Requirement, merge
from forcereview.policy.explain import explain
from forcereview.policy.rules import Policy, error_message
from forcereview.policy.scope import to_scope


@dataclass(frozen=True)
class FiredRule:
    rule_id: str
    reason: str
    citation: str
    because: tuple[str, ...]  # the facts that made it fire, in plain words
    actions: tuple[Action, ...]

    def to_dict(self) -> dict:
        return {
            "rule": self.rule_id,
            "reason": self.reason,
            "citation": self.citation,
            "because": list(self.because),
            "actions": [{**a.to_dict(), "text": a.text} for a in self.actions],
        }


@dataclass(frozen=True)
class RuleError:
    rule_id: str
    message: str

    def to_dict(self) -> dict:
        return {"rule": self.rule_id, "message": self.message}


@dataclass
class Outcome:
    """What the policy requires of one incident, and why."""

    fired: list[FiredRule] = field(default_factory=list)
    errors: list[RuleError] = field(default_factory=list)
    required: list[Requirement] = field(default_factory=list)

    def requires(self, action: str) -> bool:
        return any(r.name == action for r in self.required)

    @property
    def requires_internal_affairs(self) -> bool:
        return self.requires("internal_affairs")

    def requirement(self, action: str) -> Requirement | None:
        return next((r for r in self.required if r.name == action), None)

    @property
    def rule_ids(self) -> list[str]:
        return [f.rule_id for f in self.fired]

    def signature(self) -> dict:
        """What decides whether a re-evaluation changed the outcome: the rules that fired,
        the actions required and the rules that could not be evaluated."""
        return {
            "rules": sorted(self.rule_ids),
            "required": sorted([r.name, sorted([k, str(v)] for k, v in r.params.items())] for r in self.required),
            "errors": sorted(e.rule_id for e in self.errors),
        }

    def to_dict(self) -> dict:
        return {
            "fired": [f.to_dict() for f in self.fired],
            "errors": [e.to_dict() for e in self.errors],
            "required": [r.to_dict() for r in self.required],
            "requires_internal_affairs": self.requires_internal_affairs,
        }


_READS: dict[int, tuple[Policy, frozenset[str]]] = {}


def _reads(policy: Policy) -> frozenset[str]:
    """The top-level facts the rules of ``policy`` read: the only ones worth converting."""
    held = _READS.get(id(policy))
    if held is None or held[0] is not policy:
        names = frozenset(path.split(".")[0] for rule in policy.rules for path in rule.condition.paths)
        if len(_READS) > 100:
            _READS.clear()
        held = _READS[id(policy)] = (policy, names)  # the policy is kept, so its id is not reused
    return held[1]


def evaluate(policy: Policy, facts: dict) -> Outcome:
    """Run every rule of ``policy`` on ``facts`` (from ``policy.facts.build_facts``).

    A rule whose condition cannot be evaluated does not fire; it is listed in ``errors`` so
    the problem is visible on the incident rather than silently ignored."""
    scope = to_scope(facts, _reads(policy))
    outcome = Outcome()
    for rule in policy.rules:
        result = rule.condition.run(scope)
        if isinstance(result, CELEvalError):
            outcome.errors.append(RuleError(rule.id, error_message(result)))
            continue
        if not isinstance(result, celtypes.BoolType):
            outcome.errors.append(RuleError(rule.id, "the condition did not give true or false"))
            continue
        if result:
            because = tuple(explain(rule.condition, facts, scope))
            outcome.fired.append(FiredRule(rule.id, rule.reason, rule.citation, because, rule.actions))
    outcome.required = merge([(f.rule_id, f.actions) for f in outcome.fired])
    return outcome
