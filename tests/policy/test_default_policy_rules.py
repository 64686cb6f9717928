"""Each rule of the default policy fires on the incident it is written for, and stays quiet
on the nearest incident it is not written for."""

from __future__ import annotations

import pytest

from forcereview.policy import build_facts, default_policy_text, evaluate, load_policy
from tests.policy.helpers import CALM, analysis, base_report, signal

POLICY = load_policy(default_policy_text())


def subject(**changes) -> list[dict]:
    s = base_report()["subjects"][0]
    s.update(changes)
    return [s]


def officer(**changes) -> list[dict]:
    o = base_report()["officers"][0]
    o.update(changes)
    return [o]


def force(*types_at) -> list[dict]:
    return [{"officer": "101", "subject": "S1", "type": t, "at": f"2024-03-01T14:0{m}:00-07:00"} for t, m in types_at]


def outcome(report: dict | None = None, analyses=(CALM,), flags=(), recordings=None):
    facts = build_facts(report or base_report(), analyses=list(analyses), flags=list(flags), recording_count=recordings)
    return evaluate(POLICY, facts)


CASES = [
    # rule id, the incident that fires it, the nearest one that does not
    ("reportable-force-supervisor-review", {}, {"report": base_report(force=[])}),
    ("visible-injury-supervisor-response", {"report": base_report(subjects=subject(injuries=["abrasion"]))},
     {"report": base_report(subjects=subject(injuries=["complaint_of_pain"]))}),
    ("injury-or-intermediate-weapon", {"report": base_report(force=force(("cew_probe", 2)))},
     {"report": base_report(force=force(("oc_spray", 2)))}),
    ("death-serious-injury-or-admission", {"report": base_report(subjects=subject(medical_treatment="hospital_admitted"))},
     {"report": base_report(subjects=subject(medical_treatment="hospital_treated"))}),
    ("firearm-discharge", {"report": base_report(force=force(("firearm_discharged", 2)))},
     {"report": base_report(force=force(("firearm_pointed", 2)))}),
    ("canine-bite", {"report": base_report(force=force(("canine", 2)), subjects=subject(injuries=["dog_bite"]))},
     {"report": base_report(force=force(("canine", 2)))}),
    ("neck-restraint", {"report": base_report(force=force(("neck_restraint", 2)))},
     {"report": base_report(force=force(("control_hold", 2)))}),
    ("force-on-young-child", {"report": base_report(subjects=subject(age=11))},
     {"report": base_report(subjects=subject(age=13))}),
    ("force-on-juvenile-at-school", {"report": base_report(location_type="school", subjects=subject(age=16))},
     {"report": base_report(location_type="school", subjects=subject(age=18))}),
    ("school-resource-officer-force", {"report": base_report(officers=officer(assignment="school_resource"))},
     {"report": base_report(officers=officer(assignment="patrol"))}),
    ("force-on-restrained-person", {"report": base_report(force=force(("handcuffs", 2), ("hand_strike", 3)))},
     {"report": base_report(force=force(("hand_strike", 2), ("handcuffs", 3)))}),
    ("bystander-objection-on-recording",
     {"analyses": [analysis(signal("bystander_objection", "bystander", "She is not a threat!"))]}, {}),
    ("medical-distress-on-recording", {"analyses": [analysis(signal("medical_distress", "subject", "I can't breathe"))]}, {}),
    ("high-risk-recording", {"analyses": [analysis(level="high", score=85)]}, {"analyses": [analysis(level="elevated", score=55)]}),
    ("report-not-supported-by-recording", {"flags": [{"kind": "claim_without_aggression"}]},
     {"flags": [{"kind": "claim_without_aggression", "status": "resolved"}]}),
    ("missing-required-recording", {"analyses": [], "recordings": 0},
     {"report": base_report(recording_expected=False), "analyses": [], "recordings": 0}),
    ("camera-not-activated", {"report": base_report(officers=officer(camera_activated=False))},
     {"report": base_report(officers=officer(camera_activated=None))}),
    ("subject-in-crisis-or-disabled", {"report": base_report(subjects=subject(impairments=["mental_health"]))},
     {"report": base_report(subjects=subject(impairments=["alcohol"]))}),
]


def test_every_default_rule_has_a_case():
    assert sorted(r.id for r in POLICY.rules) == sorted(c[0] for c in CASES)


def test_every_default_rule_cites_its_principle():
    for rule in POLICY.rules:
        assert rule.citation and rule.reason, rule.id


@pytest.mark.parametrize("rule_id,fires,quiet", CASES, ids=[c[0] for c in CASES])
def test_default_rule_fires_and_stays_quiet(rule_id, fires, quiet):
    fired = outcome(**fires)
    assert rule_id in fired.rule_ids
    assert not fired.errors
    rule = next(f for f in fired.fired if f.rule_id == rule_id)
    assert rule.because and all(isinstance(b, str) and b for b in rule.because)
    assert rule_id not in outcome(**quiet).rule_ids


def test_calm_adult_stop_needs_only_a_supervisor_review_within_three_days():
    result = outcome()
    assert result.rule_ids == ["reportable-force-supervisor-review"]
    assert [(r.name, r.params) for r in result.required] == [("supervisor_review", {"within_days": 3})]
    assert not result.requires_internal_affairs


def test_the_case_that_started_the_project_goes_to_internal_affairs_with_reasons():
    report = base_report(
        location_type="school",
        subjects=subject(age=11, injuries=["abrasion"]),
        officers=officer(assignment="school_resource", claims=[{"kind": "subject_assaulted_officer"}]),
    )
    result = outcome(report, analyses=[analysis(signal("bystander_objection", "bystander", "She's not a threat!"))])
    assert result.requires_internal_affairs
    ia = result.requirement("internal_affairs")
    assert {"force-on-young-child", "force-on-juvenile-at-school", "bystander-objection-on-recording"} <= set(ia.rules)
    young = next(f for f in result.fired if f.rule_id == "force-on-young-child")
    assert young.because == ("subject age 11 is under 13",)
    school = next(f for f in result.fired if f.rule_id == "force-on-juvenile-at-school")
    assert school.because == ("a subject is a juvenile (17 or younger)", "location type is school")
    # the shortest deadline wins when rules disagree
    assert result.requirement("supervisor_review").params == {"within_days": 1}
    assert {r.params.get("role") for r in result.required if r.name == "notify"} == {"command", "supervisor"}


def test_age_range_uses_its_low_end():
    report = base_report(subjects=subject(age=None, age_min=10, age_max=14))
    assert "force-on-young-child" in outcome(report).rule_ids
