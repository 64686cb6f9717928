"""Correcting a report through the web form: the filing officer while it is still
"reported", command staff at any time; every correction audited; identities the corrector
may not see stay as they were."""

from __future__ import annotations

import pytest

from forcereview.audit.models import AuditEntry
from forcereview.records.actions import create_incident, set_incident_status
from forcereview.records.models import Claim, Incident
from tests.conftest import report
from tests.records.form_reader import browser_post_data
from tests.records.pages import field_error, school_incident, text
from tests.records.report_form_data import form_data


def _edit_url(incident) -> str:
    return f"/incidents/{incident.pk}/edit/"


def _resubmit(client, incident, **changes):
    """Open the correction form and send it back as the browser would, with ``changes``."""
    page = client.get(_edit_url(incident))
    assert page.status_code == 200
    data = browser_post_data(page.content.decode())
    data.update(changes)
    return client.post(_edit_url(incident), data)


def test_the_filing_officer_corrects_their_report(world, client_as):
    incident = school_incident(world)
    client = client_as("officer")
    response = _resubmit(client, incident, narrative="Corrected: the student pushed me first.",
                         note="Added what happened first")
    assert response.status_code == 302 and response["Location"] == f"/incidents/{incident.pk}/"
    incident.refresh_from_db()
    assert incident.narrative == "Corrected: the student pushed me first."
    entry = AuditEntry.objects.get(action="incident.updated")
    assert entry.actor == world.users["officer"]
    assert entry.note == "Added what happened first"
    assert set(entry.after) == {"narrative"}
    assert "Your corrections to report 2019-0827-001 are saved." in text(client.get(response["Location"]))


def test_an_unchanged_resubmission_changes_nothing(world, client_as):
    incident = create_incident(world.agency, report(
        officers=[{"badge": "101", "role": "primary", "claims": [
            {"kind": "subject_assaulted_officer", "subject": "S1", "detail": "Kicked my shin."}]},
                  {"badge": "102", "role": "witness", "camera_activated": False}],
        latitude="35.084400", longitude="-106.650400",
    ), by=world.users["officer"])
    response = _resubmit(client_as("command"), incident)
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="incident.updated").exists()
    claim = Claim.objects.get(incident=incident)
    assert (claim.subject.ref, claim.detail) == ("S1", "Kicked my shin.")


def test_a_minors_name_hidden_from_the_officer_is_kept_on_correction(world, client_as):
    incident = school_incident(world)
    client = client_as("officer")
    form = client.get(_edit_url(incident)).content.decode()
    assert "Jane Doe" not in form
    assert "A name is on file for this person and is not shown to your role" in form
    assert _resubmit(client, incident, location="Mesa View Middle School, hallway").status_code == 302
    subject = incident.subjects.get()
    assert subject.name == "Jane Doe"
    entry = AuditEntry.objects.get(action="incident.updated")
    assert set(entry.after) == {"location"}


def test_command_sees_and_may_correct_the_name(world, client_as):
    incident = school_incident(world)
    client = client_as("command")
    assert "Jane Doe" in client.get(_edit_url(incident)).content.decode()
    assert _resubmit(client, incident, **{"subjects-0-name": "Janet Doe"}).status_code == 302
    assert incident.subjects.get().name == "Janet Doe"


def test_a_correction_with_a_problem_saves_nothing_and_says_where(world, client_as):
    incident = school_incident(world)
    response = _resubmit(client_as("officer"), incident, **{"subjects-0-age": "200", "narrative": "Changed"})
    assert response.status_code == 200
    assert "200 is out of range" in field_error(response, "id_subjects-0-age")
    incident.refresh_from_db()
    assert incident.narrative.startswith("Student refused")
    assert not AuditEntry.objects.filter(action="incident.updated").exists()


def test_once_review_starts_the_officer_can_no_longer_correct(world, client_as):
    incident = school_incident(world)
    set_incident_status(incident, "under_review", by=None)
    client = client_as("officer")
    response = client.get(_edit_url(incident))
    assert response.status_code == 403
    assert "review has started" in text(response)
    assert client.post(_edit_url(incident), {"narrative": "x"}).status_code == 403
    assert _resubmit(client_as("command"), incident, narrative="Command correction").status_code == 302


def test_only_the_filer_corrects_a_report(world, client_as):
    incident = school_incident(world)
    assert client_as("supervisor").get(_edit_url(incident)).status_code == 403


@pytest.mark.parametrize("role", ["outsider"])
def test_another_agency_cannot_find_the_correction_form(world, client_as, role):
    assert client_as(role).get(_edit_url(school_incident(world))).status_code == 404


def test_the_filing_officer_is_offered_a_correction_until_review_starts(world, client_as):
    incident = school_incident(world)
    link = f'href="{_edit_url(incident)}"'
    assert link in client_as("officer").get(f"/incidents/{incident.pk}/").content.decode()
    assert link not in client_as("supervisor").get(f"/incidents/{incident.pk}/").content.decode()
    set_incident_status(incident, "under_review", by=None)
    assert link not in client_as("officer").get(f"/incidents/{incident.pk}/").content.decode()
    assert link in client_as("command").get(f"/incidents/{incident.pk}/").content.decode()


def test_the_form_data_helper_round_trips_a_new_report(world, client_as):
    # the same helper the filing tests use produces a report the correction form accepts
    response = client_as("officer").post("/incidents/new/", form_data(report(number="RT-1")))
    assert response.status_code == 302
    assert Incident.objects.filter(number="RT-1").exists()
