"""A bad rules file is refused whole, every problem named by rule id and position."""

from __future__ import annotations

import textwrap

import pytest

from forcereview.policy import PolicyInvalid, load_policy

GOOD_RULE = """
  - id: young-child
    reason: Force on a young child.
    citation: DC MPD
    condition: subject.youngest_age < 13
    actions:
      - internal_affairs
"""


def policy(rules: str) -> str:
    return "name: Test policy\nrules:" + textwrap.dedent(rules)


def problems(text: str) -> list:
    with pytest.raises(PolicyInvalid) as caught:
        load_policy(text)
    return caught.value.problems


def test_good_policy_loads():
    loaded = load_policy(policy(GOOD_RULE))
    assert [r.id for r in loaded.rules] == ["young-child"]
    assert loaded.rules[0].actions[0].name == "internal_affairs"


def test_bad_cel_is_refused_with_rule_id_and_position():
    text = policy(GOOD_RULE.replace("subject.youngest_age < 13", "subject.youngest_age < && 13"))
    (p,) = problems(text)
    assert p.rule == "young-child"
    assert p.part == "condition"
    assert (p.condition_line, p.condition_column) == (1, 24)
    assert p.line == 6
    assert "unexpected '&&'" in p.message
    assert str(p).startswith("rule 'young-child', condition, line 1, column 24 of the condition, file line 6:")


def test_error_on_second_line_of_a_block_condition_points_at_that_line():
    text = policy("""
      - id: school
        reason: School.
        citation: SECURe
        condition: |
          subject.juvenile &&
          incident.location_tpye == "school"
        actions: [internal_affairs]
    """)
    (p,) = problems(text)
    assert (p.condition_line, p.condition_column) == (2, 10)
    assert p.line == 8
    assert "unknown fact 'incident.location_tpye'; did you mean 'location_type'?" in p.message


def test_unknown_action_is_refused_with_a_suggestion():
    (p,) = problems(policy(GOOD_RULE.replace("- internal_affairs", "- internal_affair")))
    assert p.rule == "young-child" and p.part == "actions[0]"
    assert "unknown action 'internal_affair'; did you mean 'internal_affairs'?" in p.message


def test_duplicate_rule_id_is_refused():
    (p,) = problems(policy(GOOD_RULE + GOOD_RULE))
    assert p.rule == "young-child" and p.part == "id"
    assert "duplicate rule id (first used at file line 3)" in p.message


def test_misspelt_vocabulary_value_is_refused():
    (p,) = problems(policy(GOOD_RULE.replace("subject.youngest_age < 13", 'incident.location_type == "shcool"')))
    assert "'shcool' is not a known value of incident.location_type; did you mean 'school'?" in p.message
    assert p.condition_column == 27


def test_python_is_not_a_condition_language():
    for condition, expected in [
        ("__import__('os').system('true')", "unknown function '__import__'"),
        ("eval('1')", "unknown function 'eval'"),
        ("open.read()", "unknown fact 'open'"),
    ]:
        (p,) = problems(policy(GOOD_RULE.replace("subject.youngest_age < 13", condition)))
        assert expected in p.message, (condition, p.message)


def test_condition_that_is_not_true_or_false_is_refused():
    (p,) = problems(policy(GOOD_RULE.replace("subject.youngest_age < 13", "subject.youngest_age + 1")))
    assert "must give true or false" in p.message


def test_comparing_a_number_with_words_is_refused():
    (p,) = problems(policy(GOOD_RULE.replace("subject.youngest_age < 13", 'subject.youngest_age < "13"')))
    assert "subject.youngest_age is a whole number; it cannot be compared with text" in p.message


def test_every_problem_is_reported_at_once():
    text = policy(
        GOOD_RULE.replace("- internal_affairs", "- notify: sheriff")
        + GOOD_RULE.replace("young-child", "Bad Id").replace("13", "'x'")
    )
    found = problems(text)
    assert len(found) == 3
    assert any("notify: role 'sheriff' is not one of" in p.message for p in found)
    assert any(p.part == "id" and "lower-case" in p.message for p in found)


def test_missing_and_unknown_keys():
    text = policy("""
      - id: r1
        reason: R.
        conditon: force.count > 0
        actions: [legal_hold]
    """)
    found = {p.message for p in problems(text)}
    assert "unknown key 'conditon' (allowed: id, reason, citation, condition, actions, notes)" in found
    assert "'citation' is required" in found
    assert "'condition' is required" in found


def test_action_settings_are_checked():
    cases = {
        "- supervisor_review: {within_days: 0}": "within_days must be between 1 and 365, not 0",
        "- supervisor_review: {days: 3}": "supervisor_review has no setting 'days'",
        "- higher_review: {level: sergeant}": "level 'sergeant' is not one of lieutenant, commander",
        "- notify": "notify needs 'role'",
        "- legal_hold: yes": "legal_hold takes no setting",
    }
    for action, message in cases.items():
        (p,) = problems(policy(GOOD_RULE.replace("- internal_affairs", action)))
        assert message in p.message, (action, p.message)


def test_not_yaml_names_the_line():
    (p,) = problems("name: x\nrules:\n  - id: [unclosed\n")
    assert p.line is not None and "not valid YAML" in p.message


def test_empty_and_wrong_shapes():
    assert "mapping" in problems("just text")[0].message
    assert "the policy has no rules" in problems("name: x\nrules: []\n")[0].message
    assert "'rules' must be a list" in problems("name: x\nrules: 3\n")[0].message


def test_a_condition_that_fails_on_an_age_range_is_refused_with_a_hint():
    (p,) = problems(policy(GOOD_RULE.replace("subject.youngest_age < 13", "subjects.exists(s, s.age < 13)")))
    assert "cannot be evaluated on a sample incident: cannot apply '<' to null (not recorded) and a whole number" in p.message
    assert "test it with != null first" in p.message
