"""A supervisor signs in, filters the incident list, opens an incident and saves a screenshot."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in
from tests.records.pages import adult_incident, school_incident

pytestmark = pytest.mark.browser


def test_supervisor_filters_the_list_and_opens_an_incident(world, browser_page, artifacts):
    page = browser_page
    school = school_incident(world)
    adult_incident(world, number="CHAIN-ADULT", badge="102")
    adult_incident(world, number="OTHER-SQUAD", badge="201", occurred_at="2021-03-01T09:00:00")

    sign_in(page, "supervisor", world.password)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Incidents").click()
    page.wait_for_url("**/incidents/")
    rows = page.locator("table.incidents tbody tr")
    assert rows.count() == 2  # the chain only, not the other squad

    page.get_by_label("Juvenile subject").select_option("yes")
    page.get_by_label("Location type").select_option("school")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/incidents/?*juvenile=yes*")
    assert rows.count() == 1
    assert page.get_by_role("status").inner_text().startswith("Showing 1–1 of 1 incident")
    page.screenshot(path=str(artifacts / "supervisor-filtered-list.png"), full_page=True)

    page.get_by_role("link", name="2019-0827-001").click()
    page.wait_for_url(f"**/incidents/{school.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Incident 2019-0827-001"
    subjects = page.locator("#subjects-title + article")
    assert "Name withheld" in subjects.inner_text()  # a minor's name is not for a supervisor
    assert "Jane Doe" not in page.content()
    times = page.locator("table:has(caption:text('Force applications')) tbody tr td:first-child").all_inner_texts()
    assert times == ["12:06:10", "12:06:20"]
    shot = artifacts / "supervisor-incident-page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_keyboard_users_can_skip_to_the_content_and_see_focus(world, browser_page):
    page = browser_page
    sign_in(page, "supervisor", world.password)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.evaluate("element => getComputedStyle(element).top") != "-48px"  # it comes into view
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
