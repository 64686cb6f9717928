"""Each role's home page answers "what needs my attention" from the records on file, and
shows the panels other apps register."""

from __future__ import annotations

from forcereview.records.actions import set_incident_status
from forcereview.web.panels import HOME_PANELS, Panel
from tests.records.pages import adult_incident, school_incident, text


def _three_days_ago():
    """Three days ago at 12:05 local time: the report's force (at 12:06) then falls inside the
    incident whatever the time of day the tests run."""
    from datetime import datetime, timedelta

    from tests.conftest import TZ

    return (datetime.now(TZ) - timedelta(days=3)).replace(hour=12, minute=5, second=0, microsecond=0)


def _home(client_as, role) -> str:
    response = client_as(role).get("/")
    assert response.status_code == 200
    return text(response)


def test_officer_sees_their_own_reports_and_what_they_may_still_correct(world, client_as):
    school_incident(world)
    adult_incident(world, number="OTHER-1", badge="201")
    page = _home(client_as, "officer")
    assert "Your reports you can still correct" in page
    assert "Your recent incidents" in page
    assert "2019-0827-001" in page
    assert "OTHER-1" not in page
    assert "File a use-of-force report" in page


def test_a_report_under_review_is_no_longer_offered_for_correction(world, client_as):
    set_incident_status(school_incident(world), "under_review", by=None)
    page = _home(client_as, "officer")
    assert "Your reports you can still correct" not in page
    assert "2019-0827-001" in page


def test_supervisor_sees_juveniles_and_schools_in_their_chain(world, client_as):
    recent = _three_days_ago().isoformat()
    school_incident(world, occurred_at=recent)
    adult_incident(world, number="CHAIN-ADULT", badge="102", occurred_at=recent)
    adult_incident(world, number="OTHER-SCHOOL", badge="201", occurred_at=recent, location_type="school")
    page = _home(client_as, "supervisor")
    panel = page[page.index("Juveniles and schools in your chain"):]
    assert "2019-0827-001" in panel
    assert "CHAIN-ADULT" not in panel  # an adult, on a street
    assert "OTHER-SCHOOL" not in page  # another squad
    assert "Jane Doe" not in page


def test_investigators_see_serious_incidents_across_the_agency(world, client_as):
    recent = _three_days_ago()
    adult_incident(world, number="SERIOUS-1", badge="201", occurred_at=recent.isoformat(),
                   subjects=[{"ref": "S1", "age": 40, "injuries": ["broken_bone"], "medical_treatment": "hospital_admitted"}])
    adult_incident(world, number="MINOR-FORCE-1", badge="102", occurred_at=recent.isoformat())
    page = _home(client_as, "investigator")
    serious = page[page.index("Serious incidents in the agency"):page.index("Latest reports in the agency")]
    assert "SERIOUS-1" in serious and "Serious injury" in serious
    assert "MINOR-FORCE-1" not in serious


def test_auditors_see_the_agency_figures(world, client_as):
    recent = _three_days_ago().isoformat()
    school_incident(world, occurred_at=recent)
    adult_incident(world, number="ADULT-1", occurred_at=recent)
    page = _home(client_as, "auditor")
    assert "The agency in the last 365 days" in page
    assert "2 Incidents" in page
    assert "1 With a juvenile subject" in page
    assert "1 At a school" in page
    assert "Takedown 1" in page
    assert "Jane Doe" not in page


def test_admin_sees_the_users_of_the_agency(world, client_as):
    page = _home(client_as, "admin")
    assert "Users of the agency" in page
    assert "Officer: 1 · Supervisor: " in page and "Administrator: 1" in page  # how many of each role
    for username in ("officer", "supervisor", "auditor"):
        assert username in page
    assert "outsider" not in page


def test_panels_registered_by_other_apps_are_shown_in_order(world, client_as, monkeypatch):
    def queue(request):
        if request.user.role != "supervisor":
            return None
        return {"title": "Your review queue", "rows": [], "empty": "No reviews due.", "total": 0}

    monkeypatch.setattr("forcereview.web.views.HOME_PANELS",
                        [*HOME_PANELS, Panel("review_queue", "web/panels/incident_table.html", queue, order=10)])
    page = _home(client_as, "supervisor")
    assert "No reviews due." in page
    assert page.index("Your review queue") < page.index("Juveniles and schools in your chain")
    assert "Your review queue" not in _home(client_as, "officer")


def test_navigation_marks_the_current_page_and_fits_the_role(world, client_as):
    html = client_as("officer").get("/incidents/").content.decode()
    assert '<a href="/incidents/" aria-current="page">Incidents</a>' in html
    assert "Audit log" not in html
    admin = client_as("admin").get("/").content.decode()
    assert 'href="/audit/"' in admin and 'href="/incidents/"' not in admin


def test_agency_figures_follow_every_new_report(world, client_as):
    recent = _three_days_ago().isoformat()
    school_incident(world, occurred_at=recent)
    assert "1 Incidents" in _home(client_as, "command")
    adult_incident(world, number="ADULT-2", occurred_at=recent)
    assert "2 Incidents" in _home(client_as, "command")  # not the figures kept from before
