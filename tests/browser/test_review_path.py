"""The whole review path in the browser, as in the case that started the project: an officer
files a report of force on an 11-year-old at a school and uploads the transcript of a recording
in which a school administrator objects; the sergeant finds it within policy; the system does
not accept that, records a review disagreement and the incident lands in the internal-affairs
intake queue, where an investigator finds it with the disagreement shown on the incident."""

from __future__ import annotations

import re

import pytest

from forcereview.records.models import Incident
from forcereview.reviews.models import Determination, Disagreement, Referral, ReviewTask
from tests.browser.conftest import sign_in
from tests.reviews.conftest import SCHOOL_RECORDING

pytestmark = pytest.mark.browser
NUMBER = "2024-0412-003"
INCIDENT_PAGE = re.compile(r"/incidents/\d+/(#.*)?$")
PASSWORD = "correct-horse-battery"  # the personas' password (tests/conftest.py)
RATIONALE = "The student pulled away and the takedown was the least force that would stop her running off."


@pytest.fixture
def new_page(chromium, live_server):
    """A page in a fresh browser context (its own cookies): one per person."""
    contexts = []

    def make():
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
        context.set_default_timeout(20_000)  # two shared cores in CI
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _officer_files_the_report(page, shots) -> Incident:
    sign_in(page, "officer", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="File a report").click()
    page.wait_for_url("**/incidents/new/")
    page.get_by_label("Agency incident number").fill(NUMBER)
    page.get_by_label("Date and time").fill("2024-04-12T12:05")
    page.get_by_label("Kind of place").select_option("school")
    page.get_by_label("Reason for the first contact").select_option("school_call")
    page.get_by_label("Where it happened").fill("Mesa View Middle School cafeteria")
    page.get_by_label("Narrative").fill("Student refused to return to class and pulled away; I took her to the ground.")
    assert page.locator("#id_officers-0-badge").input_value() == "101"
    page.locator("#row-officers-0").get_by_label("Subject actively resisted").check()
    page.locator("#id_subjects-0-name").fill("Jane Student")
    page.locator("#id_subjects-0-age").fill("11")
    page.locator("#id_subjects-0-sex").select_option("female")
    page.locator("#row-subjects-0").get_by_label("Abrasion, scrape or bruise").check()
    page.locator("#id_force-0-officer").select_option("101")
    page.locator("#id_force-0-subject").select_option("S1")
    page.locator("#id_force-0-type").select_option("takedown")
    page.locator("#id_force-0-at").fill("12:06:20")
    page.get_by_role("button", name="File the report").last.click()
    page.wait_for_url(INCIDENT_PAGE)
    assert f"Report {NUMBER} is filed" in page.get_by_role("status").inner_text()
    page.screenshot(path=str(shots / "1-officer-filed-report.png"), full_page=True)
    return Incident.objects.get(number=NUMBER)


def _officer_uploads_the_recording(page, incident, transcript, shots) -> None:
    page.get_by_role("link", name="Add evidence").click()
    page.wait_for_url(f"**/evidence/incident/{incident.pk}/add/")
    page.locator("#id_files").set_input_files(str(transcript))
    page.get_by_role("button", name="Upload").click()
    # One file stored: the page goes to its evidence page, analysed while the upload waited.
    page.wait_for_url(re.compile(r"/evidence/\d+/$"), timeout=60_000)
    objection = page.locator("#signals li.signal.cat-bystander_objection")
    objection.wait_for()
    assert "She is not a threat" in objection.inner_text()
    page.screenshot(path=str(shots / "2-officer-uploaded-transcript.png"), full_page=True)


def _sergeant_finds_it_within_policy(page, shots) -> None:
    sign_in(page, "supervisor", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews").click()
    page.wait_for_url("**/reviews/")
    row = page.locator("#my-queue tbody tr", has_text=NUMBER)
    assert "Supervisor" in row.inner_text()
    assert "internal affairs" in row.inner_text()  # the reasons are in the queue, before opening it
    page.screenshot(path=str(shots / "3-sergeant-review-queue.png"), full_page=True)
    row.get_by_role("link", name=NUMBER).click()
    page.wait_for_url(re.compile(r"/reviews/task/\d+/$"))
    page.get_by_label("Within policy", exact=True).check()
    page.get_by_label("Rationale").fill(RATIONALE)
    page.screenshot(path=str(shots / "4-sergeant-determination-form.png"), full_page=True)
    page.get_by_role("button", name="Record determination").click()
    page.wait_for_url(INCIDENT_PAGE)
    told = page.get_by_role("status").inner_text()
    assert "Your determination is recorded, but the system does not accept it" in told
    assert "subject age 11 is under 13" in told  # told why, plainly
    page.screenshot(path=str(shots / "5-sergeant-told-why.png"), full_page=True)


def _investigator_finds_it_in_intake(page, incident, shots) -> None:
    sign_in(page, "investigator", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="IA intake").click()
    page.wait_for_url("**/reviews/intake/")
    row = page.locator("#intake tbody tr", has_text=NUMBER)
    reasons = row.inner_text()
    assert "review disagreement" in reasons
    assert "found the incident within policy" in reasons
    assert "subject age 11 is under 13" in reasons
    page.screenshot(path=str(shots / "6-investigator-intake.png"), full_page=True)
    row.get_by_role("link", name=NUMBER).click()
    page.wait_for_url(f"**/incidents/{incident.pk}/")
    disagreement = page.locator("#reviews .disagreement")
    text = disagreement.inner_text()
    assert "Review disagreement." in text
    assert "Rivera" in text
    assert "within policy" in text and "the system does not accept it" in text
    assert "referred to internal affairs" in text
    determination = page.locator("#reviews table tbody tr", has_text="Within policy")
    assert RATIONALE in determination.inner_text()  # the reviewer's words are kept as written
    page.screenshot(path=str(shots / "7-investigator-incident-disagreement.png"), full_page=True)


def test_a_within_policy_review_of_the_school_case_ends_in_internal_affairs(world, new_page, tmp_path):
    shots = tmp_path / "screenshots"
    shots.mkdir()
    transcript = tmp_path / "bwc-miller.txt"
    transcript.write_text(SCHOOL_RECORDING, encoding="utf-8")

    officer = new_page()
    incident = _officer_files_the_report(officer, shots)
    task = ReviewTask.objects.get(incident=incident, level="supervisor")
    assert task.assignee == world.sergeant
    _officer_uploads_the_recording(officer, incident, transcript, shots)

    _sergeant_finds_it_within_policy(new_page(), shots)
    _investigator_finds_it_in_intake(new_page(), incident, shots)

    # What the pages showed is what was recorded.
    determination = Determination.objects.get(task=task)
    assert (determination.decision, determination.reviewer) == ("within_policy", world.users["supervisor"])
    disagreement = Disagreement.objects.get(incident=incident)
    assert disagreement.determination == determination and disagreement.next_level == world.lieutenant
    referral = Referral.objects.get(incident=incident)
    assert referral.status == "pending"
    assert {r["source"] for r in referral.reasons} >= {"policy", "safety_net"}
    assert sorted(p.name for p in shots.iterdir()) == [
        "1-officer-filed-report.png", "2-officer-uploaded-transcript.png", "3-sergeant-review-queue.png",
        "4-sergeant-determination-form.png", "5-sergeant-told-why.png", "6-investigator-intake.png",
        "7-investigator-incident-disagreement.png"]
