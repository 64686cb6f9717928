"""Judging one incident's facts against a policy."""

from __future__ import annotations

from dataclasses import dataclass, field

from celpy.evaluation import CELEvalError

from forcereview.policy.actions import Action, Requirement, merge
from forcereview.policy.explain import explain
from forcereview.policy.rules import Policy, error_message


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


def evaluate(policy: Policy, facts: dict) -> Outcome:
    """Run every rule of ``policy`` on ``facts`` (from ``policy.facts.build_facts``).

    A rule whose condition cannot be evaluated does not fire; it is listed in ``errors`` so
    the problem is visible on the incident rather than silently ignored. Conditions run on
    the plain facts (``policy.plain``), with what CEL gives."""
    outcome = Outcome()
    for rule in policy.rules:
        result = rule.condition.test(facts)
        if result is True:
            because = tuple(explain(rule.condition, facts))
            outcome.fired.append(FiredRule(rule.id, rule.reason, rule.citation, because, rule.actions))
        elif isinstance(result, CELEvalError):
            outcome.errors.append(RuleError(rule.id, error_message(result)))
        elif result is not False:
            outcome.errors.append(RuleError(rule.id, "the condition did not give true or false"))
    outcome.required = merge([(f.rule_id, f.actions) for f in outcome.fired])
    return outcome
