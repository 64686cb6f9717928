"""Conditions follow CEL: typed comparisons, error values absorbed by && and ||, macros
over lists, null equality; and nothing in a condition ever runs as Python."""

from __future__ import annotations

import pytest
from celpy.evaluation import CELEvalError

from forcereview.policy.cel import ConditionError, compile_condition
from forcereview.policy.facts import FACTS, build_facts
from forcereview.policy.scope import to_scope
from tests.policy.helpers import CALM, analysis, base_report, signal


def run(condition: str, report: dict | None = None, analyses=(CALM,)):
    facts = build_facts(report or base_report(), analyses=list(analyses))
    return compile_condition(condition, FACTS).run(to_scope(facts))


@pytest.mark.parametrize(
    "condition,expected",
    [
        ("subject.youngest_age == 34", True),
        ("subject.youngest_age >= 18 && !subject.juvenile", True),
        ('incident.location_type in ["school", "park"]', False),
        ('"takedown" in force.types', True),
        ("subjects.exists(s, s.age > 30)", True),
        ("subjects.all(s, s.age > 40)", False),
        ("subjects.exists_one(s, s.ref == 'S1')", True),
        ("size(subjects.filter(s, s.injured)) == 0", True),
        ("subjects.map(s, s.age) == [34]", True),
        ("officers.exists(o, o.claims.exists(c, c.startsWith('effect')))", True),
        ("signals_by_role.officer.deescalation == 1 && signals.force_command == 0", True),
        ("risk.level == 'low' ? risk.score < 20 : false", True),
        ("has(incident.offense) && incident.offense == ''", True),
        ("subject.youngest_age != null", True),
        ("force.max_level * 2 + 1 == 5", True),
    ],
)
def test_conditions_evaluate_as_cel_does(condition, expected):
    assert bool(run(condition)) is expected


def test_and_absorbs_an_error_when_the_other_side_is_false():
    # subjects[0].age is null when only a range was recorded: comparing it is an error value
    report = base_report(subjects=[dict(base_report()["subjects"][0], age=None, age_min=20, age_max=30)])
    assert isinstance(run("subjects[0].age < 13", report), CELEvalError)
    assert bool(run("false && subjects[0].age < 13", report)) is False
    assert bool(run("subjects[0].age < 13 || true", report)) is True
    assert bool(run("subjects[0].age == null", report)) is True


def test_in_with_a_number_on_the_right_is_an_error_when_run_not_a_crash_when_checked():
    assert isinstance(run("subject.youngest_age in 13"), CELEvalError)
    assert isinstance(run("subject.juvenile in true"), CELEvalError)


def test_a_string_that_looks_like_python_is_only_text():
    report = base_report(offense="'); import os; ('")
    assert bool(run('incident.offense == "\'); import os; (\'"', report)) is True
    assert bool(run('incident.offense.contains("__import__")', report)) is False


@pytest.mark.parametrize(
    "condition,message",
    [
        ("", "the condition is empty"),
        ("subject.count >", "ends too early"),
        ("subject.count > 0 $", "unexpected character '$'"),
        ("subjects.exists(subject, subject.juvenile)", "is the name of a fact"),
        ("subjects.exists(s)", "exists() takes a name and a test"),
        ("incident.location_type.foo", "has no field 'foo'"),
        ("Foo{a: 1}", "not allowed"),
        ("{'a': 1}", "map literals are not allowed"),
        ("has(subject)", "has() takes one field"),
        ("signals.bystander_objektion > 0", "did you mean 'bystander_objection'"),
    ],
)
def test_conditions_that_cannot_be_used_are_refused_with_a_position(condition, message):
    with pytest.raises(ConditionError) as caught:
        compile_condition(condition, FACTS)
    assert message in caught.value.message
    assert caught.value.line >= 1 and caught.value.column >= 1


def test_signals_are_counted_by_category_and_role():
    analyses = [
        analysis(signal("force_command", "officer", "Stop resisting!"), signal("force_command", "officer", "Get down!")),
        analysis(signal("bystander_objection", "bystander", "Let her go"), level="high", score=88, evidence_id=2),
    ]
    facts = build_facts(base_report(), analyses=analyses)
    assert facts["signals"]["force_command"] == 2
    assert facts["signals_by_role"]["bystander"]["bystander_objection"] == 1
    assert facts["risk"] == {"level": "high", "rank": 3, "score": 88}
    assert facts["recordings"] == {"count": 2, "analysed": 2, "any": True, "required": True, "missing": False}
