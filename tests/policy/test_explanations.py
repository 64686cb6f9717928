"""Why a rule fired, told from the facts in plain words."""

from __future__ import annotations

from forcereview.policy import build_facts, evaluate, load_policy
from tests.policy.helpers import analysis, base_report, signal


def because(condition: str, report=None, analyses=()):
    text = (
        "name: t\nrules:\n  - id: r\n    reason: R.\n    citation: C.\n"
        f"    condition: '{condition}'\n    actions: [legal_hold]\n"
    )
    outcome = evaluate(load_policy(text), build_facts(report or base_report(), analyses=list(analyses)))
    assert outcome.rule_ids == ["r"], outcome.errors
    return list(outcome.fired[0].because)


def test_comparisons_read_as_sentences():
    report = base_report(location_type="school", subjects=[dict(base_report()["subjects"][0], age=11)])
    assert because('subject.youngest_age < 13 && incident.location_type == "school"', report) == [
        "subject age 11 is under 13",
        "location type is school",
    ]
    assert because("13 > subject.youngest_age", report) == ["subject age 11 is under 13"]


def test_only_the_branch_that_held_is_told():
    assert because('"neck_restraint" in force.types || "takedown" in force.types') == ["force types include takedown"]


def test_counts_and_flags_read_naturally():
    recording = analysis(signal("bystander_objection", "bystander", "Stop, she's a kid!"))
    assert because("signals.bystander_objection > 0 && recordings.any", analyses=[recording]) == [
        "bystander objection signals in the recordings: 1",
        "the incident was recorded",
    ]
    assert because("!subject.juvenile") == ["not: a subject is a juvenile (17 or younger)"]


def test_a_complex_part_is_quoted_with_the_values_it_reads():
    assert because("subjects.exists(s, s.youngest_age > 30) && force.count >= 1") == [
        "subjects.exists(s, s.youngest_age > 30) holds",
        "number of force applications: 1",
    ]
