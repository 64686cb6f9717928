"""A sustained finding of excessive force, dishonesty or bias marks the officer for disclosure
to prosecutors (Brady/Giglio); other findings do not. The marks are listed for those who
manage them, and exported."""

from __future__ import annotations

import pytest

from forcereview.cases.actions import cases as case_actions, findings
from forcereview.cases.models import DisclosureMark


def decide(ia, case, category, finding, officer=None):
    inv, cmd = ia.users["investigator"], ia.users["command"]
    a = findings.add_allegation(case, by=inv, officer=officer or ia.officer, category=category,
                                policy_section="Policy", description="Alleged conduct.")
    findings.recommend_finding(a, by=inv, finding=finding, reason="Because.")
    if case.status == "investigating":
        case_actions.submit_for_findings(case, by=inv)
    findings.decide_finding(a, by=cmd, finding=finding, reason="Because.")
    return a


@pytest.mark.parametrize("category,finding,marked", [
    ("excessive_force", "sustained", True),
    ("dishonesty", "sustained", True),
    ("bias", "sustained", True),
    ("failure_to_report_force", "sustained", False),
    ("review_failure", "sustained", False),
    ("excessive_force", "not_sustained", False),
    ("excessive_force", "exonerated", False),
    ("dishonesty", "unfounded", False),
])
def test_which_findings_mark_the_officer(ia, open_school_case, category, finding, marked):
    case = open_school_case()
    decide(ia, case, category, finding)
    assert DisclosureMark.objects.filter(officer=ia.officer, status="active").exists() is marked


def test_the_marks_list_and_export_show_the_officer(ia, open_school_case, signed_in):
    decide(ia, open_school_case(), "dishonesty", "sustained")
    page = signed_in("command").get("/cases/disclosures/").content.decode()
    assert "Zach Miller" in page and "Dishonesty or untruthfulness" in page
    csv = signed_in("investigator").get("/cases/disclosures/?format=csv").content.decode()
    assert csv.splitlines()[1].startswith("Zach Miller,101,active,Dishonesty or untruthfulness,")
    api_rows = signed_in("command").get("/api/cases/disclosures").json()
    assert [(r["badge"], r["category"]) for r in api_rows] == [("101", "dishonesty")]
    for role in ("officer", "supervisor", "auditor"):
        assert signed_in(role).get("/cases/disclosures/").status_code == 403


def test_a_finding_changed_on_appeal_withdraws_the_mark_and_the_proposal(ia, open_school_case):
    case = open_school_case()
    a = decide(ia, case, "excessive_force", "sustained")
    assert DisclosureMark.objects.get(allegation=a).status == "active"
    findings.decide_finding(a, by=ia.users["command"], finding="not_sustained", reason="Arbitrator's decision.")
    assert DisclosureMark.objects.get(allegation=a).status == "withdrawn"
    from forcereview.cases.models import Discipline

    assert Discipline.objects.get(allegation=a).status == "withdrawn"


def test_discipline_proposal_rises_with_prior_sustained_findings(ia, open_school_case):
    from forcereview.cases.models import Discipline

    first = decide(ia, open_school_case(), "failure_to_report_force", "sustained")
    assert Discipline.objects.get(allegation=first).presumptive_mildest == "written_reprimand"
    second = decide(ia, open_school_case(title="Second case"), "failure_to_report_force", "sustained")
    d = Discipline.objects.get(allegation=second)
    assert (d.prior_sustained, d.history_level, d.presumptive_mildest, d.presumptive_harshest) == (
        1, "one", "suspension_1_3", "suspension_11_30")


def test_a_reviewer_answers_for_a_review_with_the_same_findings_and_discipline(ia, open_school_case):
    from forcereview.cases.models import Discipline

    a = decide(ia, open_school_case(), "review_failure", "sustained", officer=ia.sergeant)
    d = Discipline.objects.get(allegation=a)
    assert d.officer == ia.sergeant and (d.presumptive_mildest, d.presumptive_harshest) == ("training",
                                                                                            "suspension_1_3")


def test_a_witness_officer_cannot_be_the_subject_of_an_allegation(ia, open_school_case):
    from forcereview.cases.actions import CaseInvalid

    case = open_school_case(officers=[(ia.officer, "subject"), (ia.partner, "witness")])
    with pytest.raises(CaseInvalid, match="witness"):
        findings.add_allegation(case, by=ia.users["investigator"], officer=ia.partner, category="bias",
                                policy_section="x", description="y")
