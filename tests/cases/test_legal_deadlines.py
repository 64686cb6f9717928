"""Every legal and reporting deadline of a case, computed across month ends, leap years and
time zones (New Mexico rules: Tort Claims Act notice 90 days and limitation 2 years, a child
under 7 until the 9th birthday; Civil Rights Act 1-year notice and 3-year limitation for acts
on or after 1 July 2021; standards board 30 days after a sustained finding)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from forcereview.cases.models import CivilClaim, StandardsReport
from forcereview.deadlines.models import Deadline
from forcereview.records.actions import create_agency, create_incident, create_officer
from tests.conftest import report

DENVER = ZoneInfo("America/Denver")


def file_incident(ia, number, occurred_at, agency=None):
    agency = agency or ia.agency
    if agency != ia.agency:
        create_officer(agency, by=None, first_name="A", last_name="B", badge_number="101",
                       hire_date=date(2015, 1, 1))
        create_officer(agency, by=None, first_name="C", last_name="D", badge_number="102",
                       hire_date=date(2015, 1, 1))
    force = [{"officer": "101", "subject": "S1", "type": "takedown"}]
    return create_incident(agency, report(number=number, occurred_at=occurred_at.isoformat(), force=force), by=None)


def claim(api, incident, received_on, **extra):
    body = {"incident": incident.number, "claimant_name": "Parent of J.D.", "received_on": received_on.isoformat(),
            **{k: (v.isoformat() if isinstance(v, date) else v) for k, v in extra.items()}}
    r = api("command").post("/api/cases/claims", body)
    assert r.status_code == 201, r.content
    return r.json()


def periods(data) -> dict:
    return {p["code"]: (date.fromisoformat(p["last_day"]), p["timely"]) for p in data["periods"]}


def test_tort_claims_act_periods_for_the_school_case(ia, api):
    data = claim(api, ia.incident, date(2019, 10, 15), claimant_born_on=date(2008, 3, 1))
    assert periods(data) == {
        "tca_notice": (date(2019, 11, 25), True),
        "tca_limitation": (date(2021, 8, 27), None),
    }  # the Civil Rights Act does not reach acts before 1 July 2021
    [notice] = [p for p in data["periods"] if p["code"] == "tca_notice"]
    assert notice["basis"] == "90 days after the occurrence on 2019-08-27 (NM Tort Claims Act, NMSA 41-4-16)"
    limitation = Deadline.objects.get(kind="cases.claim_limitation")
    # Due at the end of 27 August 2021 in New Mexico (MDT, UTC-6).
    assert limitation.due_at == datetime(2021, 8, 28, 5, 59, 59, 999999, tzinfo=UTC)
    assert limitation.status == "open" and limitation.title == f"Claim {data['id']}: Tort Claims Act limitation period ends"


@pytest.mark.parametrize("born,occurred,until", [
    (date(2014, 9, 1), datetime(2019, 8, 27, 12, 0, tzinfo=DENVER), date(2023, 9, 1)),  # aged 4
    (date(2016, 2, 29), datetime(2020, 3, 1, 9, 0, tzinfo=DENVER), date(2025, 2, 28)),  # leap-day child
    (date(2012, 8, 28), datetime(2019, 8, 27, 12, 0, tzinfo=DENVER), date(2021, 8, 28)),  # 6 until tomorrow
])
def test_a_child_under_seven_has_until_the_ninth_birthday(ia, api, born, occurred, until):
    incident = file_incident(ia, f"C-{born.isoformat()}", occurred)
    data = claim(api, incident, occurred.date(), claimant_born_on=born)
    last_day, _ = periods(data)["tca_limitation"]
    assert last_day == until
    [p] = [p for p in data["periods"] if p["code"] == "tca_limitation"]
    assert "9th birthday" in p["basis"]


def test_a_seven_year_old_gets_the_ordinary_two_years(ia, api):
    data = claim(api, ia.incident, date(2019, 9, 1), claimant_born_on=date(2012, 8, 27))  # 7 on the day
    assert periods(data)["tca_limitation"][0] == date(2021, 8, 27)


def test_a_minor_without_birth_date_gets_a_warning_in_the_basis(ia, api):
    data = claim(api, ia.incident, date(2019, 9, 1), claimant_is_minor=True)
    [p] = [p for p in data["periods"] if p["code"] == "tca_limitation"]
    assert "date of birth is not recorded" in p["basis"]


def test_civil_rights_act_applies_from_the_local_date_of_1_july_2021(ia, api):
    # 23:30 on 30 June in New Mexico is already 1 July in UTC: the act does not apply.
    before = file_incident(ia, "2021-0630-1", datetime(2021, 6, 30, 23, 30, tzinfo=DENVER))
    assert set(periods(claim(api, before, date(2021, 7, 2)))) == {"tca_notice", "tca_limitation"}
    after = file_incident(ia, "2021-0701-1", datetime(2021, 7, 1, 0, 30, tzinfo=DENVER))
    got = periods(claim(api, after, date(2021, 7, 2)))
    assert got["nmcra_notice"] == (date(2022, 7, 1), True)
    assert got["nmcra_limitation"] == (date(2024, 7, 1), None)
    assert got["tca_notice"] == (date(2021, 9, 29), True)


@pytest.mark.parametrize("occurred,notice", [
    (datetime(2021, 11, 30, 10, 0, tzinfo=DENVER), date(2022, 2, 28)),  # across February
    (datetime(2023, 12, 2, 10, 0, tzinfo=DENVER), date(2024, 3, 1)),  # across a 29 February
    (datetime(2019, 6, 20, 23, 59, tzinfo=DENVER), date(2019, 9, 18)),  # late evening: local date counts
])
def test_notice_period_across_month_ends_and_leap_years(ia, api, occurred, notice):
    incident = file_incident(ia, f"N-{occurred.date().isoformat()}", occurred)
    assert periods(claim(api, incident, occurred.date()))["tca_notice"][0] == notice


def test_wrongful_death_notice_is_six_months_clamped_to_the_month_end(ia, api):
    incident = file_incident(ia, "2019-0831-1", datetime(2019, 8, 31, 14, 0, tzinfo=DENVER))
    got = periods(claim(api, incident, date(2019, 9, 5), wrongful_death=True))
    assert got["tca_notice"] == (date(2020, 2, 29), True)


def test_late_notice_is_recorded_as_not_timely(ia, api):
    assert periods(claim(api, ia.incident, date(2019, 12, 1)))["tca_notice"] == (date(2019, 11, 25), False)


def test_periods_run_from_the_local_date_in_the_agencys_time_zone(ia, api, signed_in):
    hawaii = create_agency(by=None, name="Island PD", slug="island", state="NM", timezone="Pacific/Honolulu")
    from forcereview.accounts.actions import create_user

    create_user(by=None, username="islandcmd", password="x-long-password", role="command", agency=hawaii)
    # 23:30 on 27 August in Honolulu is 09:30 on 28 August in UTC.
    incident = file_incident(ia, "H-1", datetime(2019, 8, 27, 23, 30, tzinfo=ZoneInfo("Pacific/Honolulu")),
                             agency=hawaii)
    from django.test import Client

    client = Client()
    client.force_login(hawaii.users.get())
    r = client.post("/api/cases/claims", {"incident": "H-1", "claimant_name": "X", "received_on": "2019-09-01"},
                    content_type="application/json")
    got = periods(r.json())
    assert got["tca_notice"][0] == date(2019, 11, 25)
    limitation = Deadline.objects.get(kind="cases.claim_limitation", agency=hawaii)
    assert limitation.due_at == datetime(2021, 8, 28, 9, 59, 59, 999999, tzinfo=UTC)  # HST is UTC-10
    assert incident.occurred_at.astimezone(UTC).date() == date(2019, 8, 28)


def test_suit_meets_and_outcome_cancels_the_limitation_deadlines(ia, api):
    data = claim(api, ia.incident, date(2019, 10, 15))
    cmd = api("command")
    r = cmd.post(f"/api/cases/claims/{data['id']}/suit", {"filed_on": "2020-06-01"})
    assert r.json()["status"] == "suit_filed"
    assert Deadline.objects.get(kind="cases.claim_limitation").status == "met"
    r = cmd.post(f"/api/cases/claims/{data['id']}/outcome", {"outcome": "settlement", "on": "2021-02-01"})
    assert r.status_code == 422 and r.json()["field"] == "amount"
    r = cmd.post(f"/api/cases/claims/{data['id']}/outcome", {"outcome": "settlement", "on": "2021-02-01",
                                                             "amount": "150000.00"})
    assert r.json()["status"] == "closed" and r.json()["amount"] == "150000.00"
    assert CivilClaim.objects.get().outcome == "settlement"


def test_claim_refusals(ia, api):
    cmd = api("command")
    r = cmd.post("/api/cases/claims", {"incident": ia.incident.number, "claimant_name": "X",
                                       "received_on": "2019-08-01"})
    assert r.status_code == 422 and r.json()["field"] == "received_on"
    r = cmd.post("/api/cases/claims", {"incident": "nope", "claimant_name": "X", "received_on": "2019-09-01"})
    assert r.status_code == 422 and r.json()["field"] == "incident"
    assert api("investigator").post("/api/cases/claims", {"incident": ia.incident.number, "claimant_name": "X",
                                                          "received_on": "2019-09-01"}).status_code == 403
    assert not CivilClaim.objects.exists()


def test_board_report_is_due_30_days_after_a_sustained_finding_made_late_at_night(ia, api, open_school_case):
    from forcereview.cases.actions import cases as case_actions, findings

    case = open_school_case(first_reported_on=date(2019, 8, 28))
    inv, cmd = ia.users["investigator"], ia.users["command"]
    a = findings.add_allegation(case, by=inv, officer=ia.officer, category="excessive_force",
                                policy_section="300.3", description="Takedown of a child.")
    still_open = StandardsReport.objects.get(case=case, trigger="still_open")
    assert still_open.due_on == date(2019, 11, 26)  # 90 days after 28 August 2019
    findings.recommend_finding(a, by=inv, finding="sustained", reason="The recording.")
    case_actions.submit_for_findings(case, by=inv)
    # 23:30 on 31 January 2024 in New Mexico (already 1 February in UTC).
    late = datetime(2024, 1, 31, 23, 30, tzinfo=DENVER)
    with mock.patch("django.utils.timezone.now", return_value=late.astimezone(UTC)):
        findings.decide_finding(a, by=cmd, finding="sustained", reason="The recording.")
    sustained = StandardsReport.objects.get(case=case, trigger="sustained_finding")
    assert sustained.trigger_on == date(2024, 1, 31)
    assert sustained.due_on == date(2024, 3, 1)  # 2024 is a leap year
    d = Deadline.objects.get(kind="cases.board_report", target_id=sustained.pk)
    assert d.basis.startswith("30 days after the sustained finding on 2024-01-31 (10.29.1.11(D) NMAC, form LEA-90)")
    assert d.due_local.date() == date(2024, 3, 1) and d.due_local.hour == 23
