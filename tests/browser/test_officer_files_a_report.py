"""An officer files a report with two subjects in the browser: a mistake is shown next to its
field with nothing lost, then corrected and filed. And the same without JavaScript."""

from __future__ import annotations

import re

import pytest

from forcereview.audit.models import AuditEntry
from forcereview.records.models import Incident
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser
# The incident page, possibly with the fragment of an error link followed before saving.
INCIDENT_PAGE = re.compile(r"/incidents/\d+/(#.*)?$")


def _fill_incident(page, number: str) -> None:
    page.get_by_label("Agency incident number").fill(number)
    page.get_by_label("Date and time").fill("2024-03-05T14:30")
    page.get_by_label("Kind of place").select_option("school")
    page.get_by_label("Reason for the first contact").select_option("school_call")
    page.get_by_label("Where it happened").fill("Mesa View Middle School, hallway")
    page.get_by_label("Narrative").fill("Two students fought in the hallway. I separated them.")


def test_officer_files_a_report_with_two_subjects(world, browser_page, artifacts):
    page = browser_page
    sign_in(page, "officer", world.password)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="File a report").click()
    page.wait_for_url("**/incidents/new/")
    assert page.locator("#id_officers-0-badge").input_value() == "101"
    _fill_incident(page, "2024-0305-017")

    page.locator("#id_officers-1-badge").fill("102")
    assert "Dana Lopez" in page.locator("#row-officers-1 [data-roster-name]").inner_text()
    page.locator("#id_officers-1-role").select_option("assisting")
    page.locator("#row-officers-0").get_by_label("Subject actively resisted").check()

    page.locator("#id_subjects-0-name").fill("Ana Student")
    page.locator("#id_subjects-0-age").fill("14")
    page.locator("#id_subjects-0-sex").select_option("female")
    page.locator("#row-subjects-0").get_by_label("Abrasion, scrape or bruise").check()
    page.locator("#id_subjects-1-name").fill("Ben Student")
    page.locator("#id_subjects-1-age").fill("fifteen")  # a mistake, caught on saving

    page.locator("#id_force-0-officer").select_option("101")
    page.locator("#id_force-0-subject").select_option("S1")
    page.locator("#id_force-0-type").select_option("control_hold")
    page.locator("#id_force-0-at").fill("14:31:00")
    # The second force row offers the officer entered above, without a reload.
    page.locator("#id_force-1-officer").select_option("102")
    page.locator("#id_force-1-subject").select_option("S2")
    page.locator("#id_force-1-type").select_option("takedown")

    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Add another witness").click()
    assert page.evaluate("window.notReloaded") is True
    page.locator("#id_witnesses-0-name").fill("Ms. Vigil")
    page.locator("#id_witnesses-0-role").select_option("school_staff")
    page.locator("#id_witnesses-1-name").fill("Mr. Ortiz")
    page.screenshot(path=str(artifacts / "officer-report-form.png"), full_page=True)

    page.get_by_role("button", name="File the report").last.click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    assert summary.evaluate("element => element === document.activeElement")
    assert "Subject S2: Age must be a whole number, not 'fifteen'" in summary.inner_text()
    age = page.locator("#id_subjects-1-age")
    assert age.get_attribute("aria-invalid") == "true"
    assert "id_subjects-1-age_error" in age.get_attribute("aria-describedby")
    assert page.locator("#id_witnesses-1-name").input_value() == "Mr. Ortiz"  # nothing typed is lost
    assert page.locator("#id_force-1-officer").input_value() == "102"
    assert Incident.objects.count() == 0

    summary.get_by_role("link").click()
    assert age.evaluate("element => element === document.activeElement")
    age.fill("15")
    page.get_by_role("button", name="File the report").last.click()
    page.wait_for_url(INCIDENT_PAGE)
    assert "Report 2024-0305-017 is filed" in page.get_by_role("status").inner_text()

    incident = Incident.objects.get(number="2024-0305-017")
    assert incident.reported_by == world.officer
    assert sorted(incident.subjects.values_list("ref", "age")) == [("S1", 14), ("S2", 15)]
    assert sorted(incident.force_applications.values_list("officer__badge_number", "subject__ref", "force_type")) == [
        ("101", "S1", "control_hold"), ("102", "S2", "takedown")]
    assert sorted(incident.witnesses.values_list("name", flat=True)) == ["Mr. Ortiz", "Ms. Vigil"]
    assert AuditEntry.objects.get(action="incident.created").actor == world.users["officer"]
    page.screenshot(path=str(artifacts / "officer-filed-incident.png"), full_page=True)


def test_the_form_works_without_javascript(world, chromium, live_server):
    context = chromium.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    try:
        sign_in(page, "officer", world.password)
        page.goto("/incidents/new/")
        _fill_incident(page, "2024-NOJS-1")
        page.locator("#id_subjects-0-age").fill("34")
        page.get_by_role("button", name="Add another subject").click()  # a round trip to the server
        page.wait_for_load_state()
        assert page.locator("#id_subjects-2-ref").input_value() == "S3"
        assert page.locator("#id_subjects-0-age").input_value() == "34"
        page.locator("#id_subjects-2-age").fill("29")
        page.locator("#id_force-0-officer").select_option("101")
        page.locator("#id_force-0-subject").select_option("S1")
        page.locator("#id_force-0-type").select_option("handcuffs")
        page.locator("#id_force-1-officer").select_option("101")
        page.locator("#id_force-1-subject").select_option("S3")
        page.locator("#id_force-1-type").select_option("takedown")
        page.get_by_role("button", name="File the report").last.click()
        page.wait_for_url(INCIDENT_PAGE)
        incident = Incident.objects.get(number="2024-NOJS-1")
        assert sorted(incident.subjects.values_list("ref", "age")) == [("S1", 34), ("S3", 29)]
    finally:
        context.close()
