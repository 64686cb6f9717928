"""The incident page: everything recorded, for the readers allowed to see it, with names
withheld from readers who may not see them, the audit history for overseers, and the
panels other apps add."""

from __future__ import annotations

import pytest

from forcereview.records.actions import set_incident_status
from forcereview.web.panels import INCIDENT_PANELS, Panel
from tests.records.pages import adult_incident, school_incident, text


def _page(client_as, role, incident):
    return client_as(role).get(f"/incidents/{incident.pk}/")


def test_the_page_shows_everything_recorded(world, client_as):
    incident = school_incident(world, offense="Disorderly conduct", nibrs_number="NB-77",
                               latitude="35.084400", longitude="-106.650400")
    response = _page(client_as, "command", incident)
    assert response.status_code == 200
    page = text(response)
    for expected in (
        "Incident 2019-0827-001", "27 August 2019, 12:05", "Mesa View Middle School cafeteria", "School (K-12)",
        "Call from school staff", "Disorderly conduct", "NB-77", "35.084400, -106.650400",
        # officers, their roles and their claims
        "Zach Miller", "Primary", "Dana Lopez", "Witness", "Subject actively resisted",
        "Subject assaulted an officer", "Used no force",
        # the subject
        "S1 · Jane Doe", "11 (juvenile)", "Female", "Pulled away or tensed", "Abrasion, scrape or bruise",
        "Treated on scene", "Child aged 11", "At a school",
        # force in time order, the witness and the narrative
        "12:06:10 Push or shove", "12:06:20 Takedown", "S1, age 11, female",
        "Pat Admin", "School staff", "She is not a threat.", "Student refused to return to class",
    ):
        assert expected in page, expected
    assert page.index("Push or shove") < page.index("Takedown")


def test_force_is_listed_in_time_order_whatever_order_it_was_reported_in(world, client_as):
    incident = school_incident(world, force=[
        {"officer": "101", "subject": "S1", "type": "takedown", "at": "12:09:00"},
        {"officer": "101", "subject": "S1", "type": "handcuffs", "at": "12:07:00"},
    ])
    page = text(_page(client_as, "command", incident))
    assert page.index("12:07:00 Handcuffs") < page.index("12:09:00 Takedown")


@pytest.mark.parametrize("role", ["officer", "supervisor", "investigator", "command", "auditor"])
def test_readers_who_may_see_the_incident_open_it(world, client_as, role):
    assert _page(client_as, role, school_incident(world)).status_code == 200


def test_an_officer_cannot_open_an_incident_they_were_not_part_of(world, client_as):
    other = adult_incident(world, number="OTHER-1", badge="201")
    response = _page(client_as, "officer", other)
    assert response.status_code == 404
    assert "OTHER-1" not in text(response)


def test_a_supervisor_cannot_open_an_incident_outside_their_chain(world, client_as):
    assert _page(client_as, "supervisor", adult_incident(world, number="CHAIN-1", badge="102")).status_code == 200
    assert _page(client_as, "supervisor", adult_incident(world, number="OTHER-1", badge="201")).status_code == 404


def test_another_agency_sees_nothing_and_learns_nothing(world, client_as):
    incident = school_incident(world)
    found = _page(client_as, "outsider", incident)
    missing = client_as("outsider").get("/incidents/987654/")
    assert found.status_code == missing.status_code == 404
    assert text(found) == text(missing)


def test_admins_manage_users_not_incidents(world, client_as):
    assert _page(client_as, "admin", school_incident(world)).status_code == 403


def test_a_minors_name_is_withheld_from_supervisors_and_shown_to_command(world, client_as):
    incident = school_incident(world)
    supervisor = text(_page(client_as, "supervisor", incident))
    assert "Jane Doe" not in supervisor
    assert "S1 · Name withheld" in supervisor
    assert "11 (juvenile)" in supervisor
    assert "Jane Doe" in text(_page(client_as, "investigator", incident))


def test_auditors_see_no_names_of_subjects_or_witnesses(world, client_as):
    adult = adult_incident(world, number="ADULT-1", name="John Adult",
                           witnesses=[{"name": "Wanda Witness", "role": "bystander", "contact": "555-0100"}])
    page = text(_page(client_as, "auditor", adult))
    assert "John Adult" not in page and "Wanda Witness" not in page and "555-0100" not in page
    assert "S1 · Name withheld" in page
    assert "Handcuffs (resisted)" in page  # the facts stay
    supervisor = text(_page(client_as, "supervisor", adult))
    assert "John Adult" in supervisor and "Wanda Witness" in supervisor


def test_a_student_witness_is_named_only_to_those_who_see_minors(world, client_as):
    incident = school_incident(world, witnesses=[{"name": "Tim Student", "role": "student"}])
    assert "Tim Student" not in text(_page(client_as, "supervisor", incident))
    assert "Tim Student" in text(_page(client_as, "command", incident))


def test_overseers_see_the_history_of_the_record(world, client_as):
    incident = school_incident(world)
    set_incident_status(incident, "under_review", by=world.users["supervisor"])
    for role in ("command", "auditor"):
        page = text(_page(client_as, role, incident))
        assert "History of this record" in page
        assert "Report filed officer" in page
        assert "Status changed supervisor Reported → Under review" in page
    officer = text(_page(client_as, "officer", incident))
    assert "History of this record" not in officer


def test_panels_of_other_apps_appear_on_the_page(world, client_as, monkeypatch):
    seen = []

    def context(request, incident):
        seen.append((request.user.username, incident.pk))
        return {"title": "Evidence", "rows": [], "empty": "No recordings attached.", "total": 0}

    monkeypatch.setattr("forcereview.records.views.INCIDENT_PANELS",
                        [*INCIDENT_PANELS, Panel("evidence", "web/panels/incident_table.html", context, order=30),
                         Panel("hidden", "web/panels/incident_table.html", lambda request, incident: None)])
    incident = school_incident(world)
    page = text(_page(client_as, "command", incident))
    assert "No recordings attached." in page
    assert seen == [("command", incident.pk)]
