"""An officer never learns of an investigation about themself: an incident of theirs referred to
internal affairs reads, to them, as an ordinary review in progress on every page, list, filter,
history line and API answer. Supervisors, investigators and command see the referral."""

from __future__ import annotations

import json
import re

import pytest

from forcereview.accounts.actions import issue_token
from forcereview.records.models import Incident
from forcereview.reviews.models import Referral, ReviewTask
from tests.conftest import report
from tests.reviews.conftest import calm_report, determine, file_incident  # noqa: F401 (a fixture)

REFERRAL_WORDS = ("internal affairs", "Internal affairs", "Referred", "referred")


@pytest.fixture
def incidents(world, client_as, file_incident):
    """Two incidents the officer (badge 101) filed: the school case, which the sergeant's review
    refers to internal affairs, and a Taser use still waiting for the lieutenant's review."""
    school = file_incident(report())
    task = ReviewTask.objects.get(incident=school, level="supervisor")
    assert determine(client_as("supervisor"), task, decision="refer_internal_affairs").status_code == 302
    school.refresh_from_db()
    assert school.status == "referred"
    assert Referral.objects.filter(incident=school, status="pending").exists()

    taser = file_incident(calm_report(
        number="2024-0301-002",
        officers=[{"badge": "101", "role": "primary"}],
        force=[{"officer": "101", "subject": "S1", "type": "cew_probe"}],
    ))
    first = ReviewTask.objects.get(incident=taser, level="supervisor")
    assert determine(client_as("supervisor"), first).status_code == 302
    taser.refresh_from_db()
    assert taser.status == "under_review"
    client_as("officer").logout()
    return school, taser


def assert_no_referral(page: str) -> None:
    for words in REFERRAL_WORDS:
        assert words not in page, f"{words!r} shown to the officer"


def without_csrf(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def rows_of(page: str, *incidents: Incident) -> set[str]:
    return {i.number for i in incidents if i.number in page}


@pytest.fixture
def token_of(world):
    def make(role):
        return issue_token(world.users[role], by=None, name="test")[1]

    return make


def api(client, path, token):
    return client.generic("GET", path, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_officer_list_shows_the_referred_incident_under_review(incidents, client_as):
    school, taser = incidents
    page = client_as("officer").get("/incidents/").content.decode()
    assert rows_of(page, school, taser) == {school.number, taser.number}
    assert page.count("Under review") >= 2
    assert_no_referral(page)


def test_the_officer_status_filter_cannot_tell_a_referral_from_a_review(incidents, client_as):
    school, taser = incidents
    client = client_as("officer")
    referred = client.get("/incidents/?status=referred").content.decode()
    under_review = client.get("/incidents/?status=under_review").content.decode()
    assert rows_of(referred, school, taser) == rows_of(under_review, school, taser) == {school.number, taser.number}
    # Apart from the query echoed in its own links, the answer is the same page.
    assert without_csrf(referred).replace("status=referred", "status=under_review") == without_csrf(under_review)
    assert_no_referral(under_review)  # the filter offers no "referred"
    assert 'value="under_review" selected' in referred


def test_the_officer_incident_page_and_history_say_nothing_of_internal_affairs(incidents, client_as):
    school, _ = incidents
    page = client_as("officer").get(f"/incidents/{school.pk}/").content.decode()
    assert "Under review" in page
    assert_no_referral(page)


def test_the_officer_home_page_shows_the_incident_under_review(incidents, client_as):
    page = client_as("officer").get("/").content.decode()
    assert incidents[0].number in page
    assert_no_referral(page)


def test_the_api_gives_the_officer_under_review_on_read_list_and_filter(incidents, client, token_of):
    school, taser = incidents
    token = token_of("officer")
    read = api(client, f"/api/incidents/{school.pk}", token)
    assert read.status_code == 200
    assert read.json()["status"] == "under_review"
    assert_no_referral(read.content.decode())
    listed = api(client, "/api/incidents/", token).json()
    assert {row["number"]: row["status"] for row in listed["items"]} == {
        school.number: "under_review", taser.number: "under_review"}
    referred = api(client, "/api/incidents/?status=referred", token).json()
    under_review = api(client, "/api/incidents/?status=under_review", token).json()
    assert referred == under_review
    assert under_review["count"] == 2
    assert_no_referral(json.dumps(referred))


@pytest.mark.parametrize("role", ["supervisor", "investigator", "command"])
def test_reviewers_and_oversight_see_the_referral(incidents, client_as, token_of, role):
    school, taser = incidents
    client = client_as(role)
    assert "Referred to internal affairs" in client.get(f"/incidents/{school.pk}/").content.decode()
    listed = client.get("/incidents/?status=referred").content.decode()
    assert rows_of(listed, school, taser) == {school.number}
    assert "Referred to internal affairs" in listed
    token = token_of(role)
    assert api(client, f"/api/incidents/{school.pk}", token).json()["status"] == "referred"
    assert api(client, "/api/incidents/?status=referred", token).json()["count"] == 1


def test_command_reads_the_real_status_change_in_the_history(incidents, client_as):
    page = client_as("command").get(f"/incidents/{incidents[0].pk}/").content.decode()
    assert "Reported → Referred to internal affairs" in page


def test_status_changes_read_as_an_officer_sees_them(world):
    from forcereview.records.access import status_change_seen_by, status_seen_by, statuses_matching

    officer, supervisor = world.users["officer"], world.users["supervisor"]
    assert status_seen_by(officer, "referred") == "under_review"
    assert status_seen_by(supervisor, "referred") == "referred"
    assert statuses_matching(officer, "referred") == statuses_matching(officer, "under_review") == (
        "under_review", "referred")
    assert statuses_matching(supervisor, "referred") == ("referred",)
    assert status_change_seen_by(officer, "reported", "referred") == ("reported", "under_review")
    assert status_change_seen_by(officer, "referred", "reviewed") == ("under_review", "reviewed")
    assert status_change_seen_by(officer, "under_review", "referred") is None
    assert status_change_seen_by(officer, "referred", "under_review") is None
    assert status_change_seen_by(supervisor, "under_review", "referred") == ("under_review", "referred")
