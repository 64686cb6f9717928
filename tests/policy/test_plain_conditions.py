"""A condition run on the plain facts (``policy.plain``, what evaluation uses) gives exactly
what the same condition gives on CEL values (``policy.cel``): the same true or false, the same
non-boolean value, the same error with the same message, for every condition of the default
policy, every example in the documentation and generated conditions, on generated facts that
include nulls, missing fields and values of the wrong kind."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from celpy.evaluation import CELEvalError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcereview.policy import default_policy_text, load_policy
from forcereview.policy.cel import ConditionError, compile_condition
from forcereview.policy.facts import FACTS, sample_facts
from forcereview.policy.plain import to_cel, to_plain
from forcereview.policy.scope import to_scope
from forcereview.policy.types import ListOf, Record

ROOT = Path(__file__).resolve().parents[2]
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _documented_conditions() -> list[str]:
    """Every span of code in docs/policy.md and every ``condition:`` line that is a condition."""
    text = (ROOT / "docs" / "policy.md").read_text()
    spans = re.findall(r"`([^`\n]+)`", text) + re.findall(r"condition: (.+)", text)
    out = []
    for span in dict.fromkeys(s.strip().strip("'") for s in spans):
        try:
            compile_condition(span, FACTS)
        except ConditionError:
            continue
        out.append(span)
    return out


SAMPLES = sample_facts()
DEFAULT = [rule.condition.text for rule in load_policy(default_policy_text()).rules]
DOCUMENTED = _documented_conditions()
# What the grammar offers beyond the default policy: every operator, macro, method and function.
MORE = [
    "subject.youngest_age == 34",
    "subject.youngest_age >= 18 && !subject.juvenile",
    'incident.location_type in ["school", "park"]',
    "subjects.exists(s, s.age > 30)",
    "subjects.all(s, s.age > 40)",
    "subjects.exists_one(s, s.ref == 'S1')",
    "size(subjects.filter(s, s.injured)) == 0",
    "subjects.map(s, s.age) == [34]",
    "subjects.map(s, s.youngest_age)",
    "officers.exists(o, o.claims.exists(c, c.startsWith('effect')))",
    "signals_by_role.officer.deescalation == 1 && signals.force_command == 0",
    "risk.level == 'low' ? risk.score < 20 : false",
    "risk.level == 'high' ? 1 : 'x'",
    "has(incident.offense) && incident.offense == ''",
    "has(subjects[0].age)",
    "subject.youngest_age != null",
    "subject.youngest_age == null || subject.youngest_age < 13",
    "force.max_level * 2 + 1 == 5",
    "force.max_level - 1 > force.count % 2",
    "-force.count < 0",
    "force.count / 2 >= 1",
    "subjects[0].age < 13",
    "subjects[1].juvenile",
    "size(force.types) > 1 && size(incident.offense) == 0",
    "force.types.size() >= 2",
    'incident.offense.contains("assault") || incident.offense.endsWith("ery")',
    'incident.number.matches("^2024-[0-9]+$")',
    "int(risk.score) >= 70 && double(risk.score) > 0.5 && string(force.count) == '1'",
    "subject.youngest_age < 13 || subject.youngest_age > 60",
    "!(subject.youngest_age > 13)",
    "!incident.offense",
    "subject.juvenile && subject.youngest_age",
    "subject.youngest_age || subject.juvenile",
    "subject.youngest_age && subject.youngest_age",
    "officers.all(o, o.camera_activated)",
    "officers.exists(o, o.camera_activated == false)",
    "officers.filter(o, o.camera_activated).size() == officer.count",
    "officers.map(o, o.badge).exists(b, b in ['1', '101'])",
    "subjects.exists(s, s.age)",
    "subjects.exists_one(s, s.age > 10)",
    "claims.exists(c, c == 'effect_arrest') && 'subject_fled' in claims",
    "force.count in [1, 2, 3]",
    "risk.score in [70, 80] || risk.level in ['high', 'elevated']",
    "[force.count, subject.count] == [1, 1]",
    "subject.injuries == []",
    "report_flags.kinds.exists(k, k == 'claim_without_aggression') ? report_flags.count > 0 : true",
    "recordings.count > 0 == recordings.any",
    # cel-python gives some results as Python values, not CEL ones: a decimal times a whole
    # number is a float, two lists joined are a list
    "force.max_level * 1.5 > 1",
    "[force.max_level * 1.5].exists(x, x == 3)",
    "(force.types + claims).exists(t, t == 'takedown')",
    "(force.types + ['x']).filter(t, t != 'x') == force.types",
    "size(force.types + claims) > 2",
]


def _fact_paths(node, prefix=()):
    """(path, description) of every fact, with lists of records reached through their first
    two items."""
    out = []
    if isinstance(node, Record):
        for name, child in node.fields.items():
            out.append((prefix + (name,), child))
            out += _fact_paths(child, prefix + (name,))
    elif isinstance(node, ListOf) and isinstance(node.item, Record):
        for index in (0, 1):
            out += _fact_paths(node.item, prefix + (index,))
    return out


PATHS = _fact_paths(FACTS)
ODD = [None, 0, 13, -1, 2**40, 1.5, 13.0, "", "x", "school", "takedown", True, False, [], {}, ["school"], [1, "x"],
       [None], {"age": 3}]


def _value_for(node, draw):
    """A value of the kind ``node`` describes, or (one time in four) of any kind."""
    if draw(st.integers(0, 3)) == 0:
        # a copy: the facts are changed in place later, and a shared {} or [] changed in one example
        # stayed changed for the next (once holding itself, which no fact can)
        return copy.deepcopy(draw(st.sampled_from(ODD)))
    if isinstance(node, Record):
        return {}
    if isinstance(node, ListOf):
        if isinstance(node.item, Record):
            return [{} for _ in range(draw(st.integers(0, 2)))]
        return [_value_for(node.item, draw) for _ in range(draw(st.integers(0, 3)))]
    if node.kind == "int":
        return None if node.nullable and draw(st.integers(0, 3)) == 0 else draw(st.integers(-2, 120))
    if node.kind == "bool":
        return None if node.nullable and draw(st.integers(0, 3)) == 0 else draw(st.booleans())
    words = list(node.values or ()) + ["", "S1", "2024-0001", "assault", "robbery", "101", "1"]
    return draw(st.sampled_from(words))


@st.composite
def facts(draw):
    """One of the sample incidents' facts with a few of them changed or removed."""
    out = copy.deepcopy(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(0, 8))):
        path, node = draw(st.sampled_from(PATHS))
        holder = out
        for step in path[:-1]:
            holder = holder[step] if isinstance(holder, dict) and step in holder else (
                holder[step] if isinstance(holder, list) and isinstance(step, int) and step < len(holder) else None)
            if holder is None:
                break
        if not isinstance(holder, dict):
            continue
        if draw(st.integers(0, 9)) == 0:
            holder.pop(path[-1], None)
        else:
            holder[path[-1]] = _value_for(node, draw)
    return out


# Generated conditions: paths of every kind, joined by every operator.
_PATHS = ["subject.youngest_age", "subject.juvenile", "force.count", "force.types", "incident.location_type",
          "incident.offense", "officer.camera_not_activated", "risk.level", "risk.score", "claims",
          "subjects", "officers", "subject.injuries", "recordings.missing", "signals.bystander_objection"]
_LITERALS = ["0", "13", "null", "true", "false", "'school'", "'high'", "''", "[]", "['takedown', 'handcuffs']",
             "[13, 'school']", "1.5"]
_BINARY = ["<", "<=", ">", ">=", "==", "!=", "in", "&&", "||", "+", "-"]


@st.composite
def expressions(draw, depth=2):
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        return draw(st.sampled_from(_PATHS + _LITERALS))
    shape = draw(st.integers(0, 5))
    left = draw(expressions(depth - 1))
    if shape == 0:
        return f"!({left})"
    if shape == 1:
        return f"size({left})"
    if shape == 2:
        return f"({left}) ? ({draw(expressions(depth - 1))}) : ({draw(expressions(depth - 1))})"
    if shape == 3:
        return f"[{left}].exists(x, x {draw(st.sampled_from(_BINARY))} {draw(expressions(depth - 1))})"
    return f"({left}) {draw(st.sampled_from(_BINARY))} ({draw(expressions(depth - 1))})"


def same_result(condition, facts_: dict):
    reference = condition.run(to_scope(facts_))
    plain = condition.test(facts_)
    if isinstance(reference, CELEvalError):
        assert isinstance(plain, CELEvalError), (condition.text, reference, plain)
        assert plain.args == reference.args, condition.text
    else:
        assert not isinstance(plain, CELEvalError), (condition.text, reference, plain)
        assert type(plain) is type(to_plain(reference)), (condition.text, reference, plain)
        assert repr(to_cel(plain)) == repr(reference), (condition.text, reference, plain)
    return plain


ALL = [compile_condition(text, FACTS) for text in dict.fromkeys(DEFAULT + DOCUMENTED + MORE)]


def test_the_documentation_and_the_default_policy_give_conditions_to_compare():
    assert len(DEFAULT) >= 15
    assert "subjects.exists(s, s.juvenile)" in DOCUMENTED and '"neck_restraint" in force.types' in DOCUMENTED


@pytest.mark.parametrize("facts_", sample_facts(), ids=["sample", "bare", "adult"])
def test_every_condition_gives_the_same_on_the_sample_incidents(facts_):
    results = [same_result(condition, facts_) for condition in ALL]
    assert True in results and False in results


@FUZZ
@given(facts())
def test_every_condition_gives_the_same_on_generated_facts(facts_):
    for condition in ALL:
        same_result(condition, facts_)


@FUZZ
@given(expressions(depth=3), facts())
def test_generated_conditions_give_the_same(text, facts_):
    try:
        condition = compile_condition(text, FACTS)
    except ConditionError:
        return
    same_result(condition, facts_)


def test_an_error_keeps_its_message():
    condition = compile_condition("subjects[0].age < 13", FACTS)
    result = same_result(condition, {"subjects": [{"age": None}]})
    assert isinstance(result, CELEvalError) and "null (not recorded)" in result.args[0]
    missing = same_result(compile_condition("force.count > 0", FACTS), {"force": {}})
    assert isinstance(missing, CELEvalError) and missing.args[0] == "no field 'count'"
