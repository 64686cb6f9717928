"""The configurable rules: the shipped file is valid, a deployment's file replaces it, and a
bad file is refused with every error naming its key."""

from __future__ import annotations

from datetime import date

import pytest

from forcereview.cases.config import _load
from forcereview.cases.rules import DEFAULT_PATH, RulesInvalid, load_rules, parse_rules

SHIPPED = DEFAULT_PATH.read_text()


def test_the_shipped_rules_are_valid_and_new_mexican():
    rules = load_rules()
    assert set(rules.findings) == {"sustained", "not_sustained", "exonerated", "unfounded", "policy_failure"}
    m = rules.discipline
    assert str(m.presumptive("excessive_force", 0)) == "Suspension, 4-10 days to Termination"
    assert str(m.presumptive("dishonesty", 5)) == "Termination"
    assert {c for c, cat in m.categories.items() if cat.disclosure} == {"excessive_force", "dishonesty", "bias"}
    assert rules.board.form == "LEA-90" and str(rules.board.sustained_finding) == "30 days"
    assert [p.code for p in rules.jurisdictions["NM"].periods] == [
        "tca_notice", "tca_limitation", "nmcra_notice", "nmcra_limitation"]


@pytest.mark.parametrize("old,new,error", [
    ('period: "60 days", citation: "agency policy (EFIT', 'period: "sixty days", citation: "agency policy (EFIT',
     "case_timeline.investigation.period: 'sixty days' is not a period"),
    ("none: [suspension_4_10, termination], one: [suspension_11_30, termination], two_or_more: [demotion",
     "none: [firing, termination], one: [suspension_11_30, termination], two_or_more: [demotion",
     "discipline.categories.excessive_force.ranges.none: 'firing' is not a penalty"),
    ("none: [counseling, written_reprimand]", "none: [written_reprimand, counseling]",
     "discipline.categories.unsatisfactory_performance.ranges.none: 'written_reprimand' is harsher than 'counseling'"),
    ('  exonerated: "Exonerated', '  cleared: "Exonerated',
     "findings.cleared: is not a finding"),
    ("applies_on_or_after: 2021-07-01", "applies_on_or_after: July 2021",
     "jurisdictions.NM.periods[2].applies_on_or_after: 'July 2021' is not a date"),
    ('  reminders: ["7 days", "1 day"]', '  reminders: ["1 month"]',
     "case_timeline.reminders[0]: write reminders in days or weeks"),
])
def test_a_bad_rules_file_names_every_problem_by_key(old, new, error):
    assert old in SHIPPED
    with pytest.raises(RulesInvalid) as info:
        parse_rules(SHIPPED.replace(old, new, 1), "agency.yaml")
    assert any(e.startswith(error) for e in info.value.errors), info.value.errors
    assert str(info.value).startswith("agency.yaml: ")


def test_broken_yaml_names_the_line():
    with pytest.raises(RulesInvalid, match=r"line \d+, column \d+: not valid YAML"):
        parse_rules("version: [unclosed\n", "agency.yaml")


def test_unreadable_file_is_named(tmp_path):
    with pytest.raises(RulesInvalid, match="cannot be read"):
        load_rules(tmp_path / "missing.yaml")


def test_a_deployments_rules_file_replaces_the_shipped_one(ia, api, settings, tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(SHIPPED.replace('period: "60 days", citation: "agency policy (EFIT practice: 60 days)"',
                                    'period: "45 days", citation: "Mesa policy 52.1"')
                    .replace('version: "2026-01 default"', 'version: "mesa-2026"'))
    settings.CASE_RULES = str(path)
    _load.cache_clear()
    try:
        r = api("investigator").post("/api/cases/", {"title": "A case", "first_reported_on": "2026-01-01"})
        case = r.json()
        [d] = case["deadlines"]
        assert d["basis"].startswith("45 days after") and d["basis"].endswith("(Mesa policy 52.1)")
        from forcereview.cases.models import Case

        assert Case.objects.get(pk=case["id"]).rules_version == "mesa-2026"
    finally:
        settings.CASE_RULES = ""
        _load.cache_clear()


def test_a_period_computes_the_minor_rule_only_under_the_age(ia):
    period = load_rules().jurisdictions["NM"].periods[1]
    assert period.compute(date(2019, 8, 27), claimant_born=date(2013, 1, 1))[0] == date(2022, 1, 1)
    assert period.compute(date(2019, 8, 27), claimant_born=date(2010, 1, 1))[0] == date(2021, 8, 27)


def test_the_system_check_refuses_a_bad_rules_file(settings, tmp_path):
    from forcereview.cases.checks import case_rules_are_valid

    assert case_rules_are_valid(None) == []
    path = tmp_path / "bad.yaml"
    path.write_text(SHIPPED.replace('"30 days"}', '"thirty days"}', 1))
    settings.CASE_RULES = str(path)
    _load.cache_clear()
    try:
        [error] = case_rules_are_valid(None)
        assert error.id == "cases.E001" and "standards_board.sustained_finding.period" in error.msg
    finally:
        settings.CASE_RULES = ""
        _load.cache_clear()


def test_check_rules_command(tmp_path, capsys):
    from forcereview.cli import main

    assert main(["cases", "check-rules"]) == 0
    out = capsys.readouterr().out
    assert "valid (version 2026-01 default)" in out and "NM: Tort Claims Act notice 90 days" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(SHIPPED.replace('"2 years"', '"two years"'))
    assert main(["cases", "check-rules", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: 1 problem(s)" in err and "jurisdictions.NM.periods[1].period" in err
