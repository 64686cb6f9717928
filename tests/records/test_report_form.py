"""Filing a use-of-force report through the web form: what is saved, the audit entry, and
each problem shown next to its field with nothing written and nothing the person typed lost."""

from __future__ import annotations

import re

import pytest

from forcereview.audit.models import AuditEntry
from forcereview.records.models import ForceApplication, Incident, Subject, Witness
from tests.conftest import TZ, report
from tests.records.pages import field_error, text
from tests.records.report_form_data import form_data

NEW = "/incidents/new/"


def two_subjects(**overrides) -> dict:
    data = report(
        officers=[
            {"badge": "101", "role": "primary", "claims": ["subject_actively_resisted"], "camera_activated": True},
            {"badge": "102", "role": "assisting", "claims": ["effect_arrest"]},
        ],
        subjects=[
            {"ref": "S1", "name": "Jane Doe", "age": 11, "sex": "female", "resistance": ["pulled_away"],
             "injuries": ["abrasion"], "medical_treatment": "on_scene"},
            {"ref": "S2", "name": "Rick Roe", "age": 15, "sex": "male", "injuries": ["none"]},
        ],
        force=[
            {"officer": "101", "subject": "S1", "type": "takedown", "at": "12:06:20", "resistance": "pulled_away"},
            {"officer": "102", "subject": "S2", "type": "control_hold", "at": "12:07:00"},
        ],
    )
    data.update(overrides)
    return data


def _post(client, data, url=NEW):
    return client.post(url, data)


def _nothing_written():
    assert Incident.objects.count() == 0
    assert not AuditEntry.objects.filter(action="incident.created").exists()


def test_the_form_opens_with_the_filer_as_primary_officer(world, client_as):
    response = client_as("officer").get(NEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'name="officers-0-badge" value="101"', html)
    assert re.search(r'<option value="primary" selected>', html)
    assert "Zach Miller · Officer · School Resource Unit" in html  # the roster name beside the badge
    assert '<datalist id="roster">' in html and 'value="201"' in html  # the whole agency roster
    assert 'name="subjects-1-ref" value="S2"' in html  # spare rows for people without JavaScript


def test_an_officer_files_a_report_with_two_subjects(world, client_as):
    client = client_as("officer")
    response = _post(client, form_data(two_subjects()))
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/incidents/{incident.pk}/"
    assert incident.reported_by == world.officer
    assert incident.number == "2019-0827-001" and incident.location_type == "school"
    assert incident.occurred_at.astimezone(TZ).strftime("%Y-%m-%d %H:%M") == "2019-08-27 12:05"
    subjects = {s.ref: s for s in Subject.objects.filter(incident=incident)}
    assert subjects["S1"].name == "Jane Doe" and subjects["S1"].age == 11 and subjects["S1"].is_juvenile
    assert subjects["S2"].injuries == ["none"] and subjects["S2"].sex == "male"
    force = list(ForceApplication.objects.filter(incident=incident).order_by("at"))
    assert [(f.officer.badge_number, f.subject.ref, f.force_type) for f in force] == [
        ("101", "S1", "takedown"), ("102", "S2", "control_hold")]
    assert incident.involvements.get(officer=world.officer).camera_activated is True
    assert list(incident.claims.values_list("kind", flat=True).order_by("kind")) == ["effect_arrest", "subject_actively_resisted"]
    assert Witness.objects.get(incident=incident).name == "Pat Admin"
    entry = AuditEntry.objects.get(action="incident.created")
    assert entry.actor == world.users["officer"] and entry.object_id == str(incident.pk)
    page = text(client.get(response["Location"]))
    assert "Report 2019-0827-001 is filed" in page


def test_a_supervisor_files_a_report_too(world, client_as):
    data = report(officers=[{"badge": "30", "role": "primary"}],
                  force=[{"officer": "30", "subject": "S1", "type": "takedown"}])
    response = _post(client_as("supervisor"), form_data(data))
    assert response.status_code == 302
    assert Incident.objects.get().reported_by == world.sergeant


def test_spare_blank_rows_are_not_entries(world, client_as):
    response = _post(client_as("officer"), form_data(two_subjects(), extra_rows=2))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.subjects.count() == 2 and incident.force_applications.count() == 2
    assert incident.witnesses.count() == 1


def test_a_removed_row_is_not_filed(world, client_as):
    data = form_data(two_subjects(force=[{"officer": "101", "subject": "S1", "type": "takedown"}]))
    data["subjects-1-DELETE"] = "on"
    assert _post(client_as("officer"), data).status_code == 302
    assert list(Subject.objects.values_list("ref", flat=True)) == ["S1"]


# -- each problem next to its field, nothing written -------------------------------------------


@pytest.mark.parametrize(
    "change,field_id,expected",
    [
        pytest.param(lambda d: d.__setitem__("subjects-0-age", "eleven"), "id_subjects-0-age",
                     "Age must be a whole number, not 'eleven'", id="wrong type"),
        pytest.param(lambda d: d.__setitem__("location_type", "spaceship"), "id_location_type",
                     "'spaceship' is not a known location type", id="unknown code"),
        pytest.param(lambda d: d.__setitem__("subjects-0-injuries", ["bleeding"]), "id_subjects-0-injuries",
                     "'bleeding' is not a known injury", id="unknown code in a checkbox list"),
        pytest.param(lambda d: d.__setitem__("occurred_at", "2999-01-01T10:00"), "id_occurred_at",
                     "is in the future", id="future date"),
        pytest.param(lambda d: d.__setitem__("occurred_at", "2010-05-01T10:00"), "id_officers-0-badge",
                     "Officer #101 was hired on 2015-01-05, after the incident date 2010-05-01", id="before hire date"),
        pytest.param(lambda d: d.__setitem__("subjects-1-age", "130"), "id_subjects-1-age",
                     "130 is out of range (0 to 120)", id="age out of range"),
        pytest.param(lambda d: d.__setitem__("force-1-officer", "201"), "id_force-1-officer",
                     "Officer #201 is not among the officers of this incident", id="force by an officer not in the incident"),
        pytest.param(lambda d: d.__setitem__("force-0-subject", "S9"), "id_force-0-subject",
                     "Subject 'S9' is not among the subjects of this incident", id="force on a subject not entered"),
        pytest.param(lambda d: d.__setitem__("number", ""), "id_number", "Agency incident number is required",
                     id="missing number"),
        pytest.param(lambda d: d.__setitem__("officers-1-badge", "999"), "id_officers-1-badge",
                     "No officer with badge #999 in this agency", id="badge not in the roster"),
        pytest.param(lambda d: d.__setitem__("latitude", "north"), "id_latitude", "must be a number", id="bad coordinate"),
    ],
)
def test_each_problem_is_shown_next_to_its_field(world, client_as, change, field_id, expected):
    data = form_data(two_subjects())
    change(data)
    response = _post(client_as("officer"), data)
    assert response.status_code == 200
    assert expected in field_error(response, field_id)
    assert "The report was not saved." in text(response)
    _nothing_written()


def test_a_wrong_code_stays_visible_in_its_select(world, client_as):
    data = form_data(two_subjects())
    data["location_type"] = "spaceship"
    html = _post(client_as("officer"), data).content.decode()
    assert '<option value="spaceship" selected>spaceship (not a valid choice)</option>' in html


def test_everything_typed_is_kept_after_an_error(world, client_as):
    data = form_data(two_subjects(narrative="The student ran toward the door.\nI followed."))
    data["subjects-1-age"] = "eleventy"
    response = _post(client_as("officer"), data)
    html = response.content.decode()
    assert "The student ran toward the door.\nI followed." in html
    assert 'name="subjects-1-name" value="Rick Roe"' in html
    assert 'name="subjects-1-age" value="eleventy"' in html
    assert re.search(r'name="subjects-0-resistance" value="pulled_away"[^>]*checked', html)
    assert re.search(r'name="officers-1-claims" value="effect_arrest"[^>]*checked', html)
    assert '<option value="102" selected>#102 Dana Lopez</option>' in html
    assert 'name="force-0-at" value="12:06:20"' in html


def test_the_summary_lists_every_problem_with_a_link_to_its_field(world, client_as):
    data = form_data(two_subjects())
    data["subjects-0-age"] = "-3"
    data["force-0-type"] = ""
    response = _post(client_as("officer"), data)
    page = text(response)
    assert "The report was not saved. 2 things to fix:" in page
    html = response.content.decode()
    assert 'href="#id_subjects-0-age"' in html and 'href="#id_force-0-type"' in html
    assert "Subject S1: Age -3 is out of range" in page or "Subject S1: -3 is out of range" in page


def test_errors_land_on_the_right_row_when_a_blank_row_comes_first(world, client_as):
    data = form_data(two_subjects(subjects=[
        {"ref": "S1"},  # left blank
        {"ref": "S2", "name": "Rick Roe", "age": "abc"},
    ], force=[{"officer": "101", "subject": "S2", "type": "takedown"}]))
    response = _post(client_as("officer"), data)
    assert "must be a whole number" in field_error(response, "id_subjects-1-age")
    _nothing_written()


def test_a_report_without_subjects_says_so_in_the_subjects_section(world, client_as):
    data = form_data(two_subjects(subjects=[], force=[]))
    response = _post(client_as("officer"), data)
    page = text(response)
    assert "At least one entry is required" in page
    assert 'href="#section-subjects"' in response.content.decode()
    _nothing_written()


def test_another_row_can_be_added_without_javascript(world, client_as):
    data = form_data(two_subjects())
    data.pop("save")
    data["add"] = "subjects"
    response = _post(client_as("officer"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="subjects-TOTAL_FORMS" value="3"' in html
    assert 'name="subjects-2-ref" value="S3"' in html
    assert 'name="subjects-1-name" value="Rick Roe"' in html
    assert "The report was not saved" not in html  # adding a row is not a failed save
    _nothing_written()


def test_a_sign_in_without_an_officer_record_cannot_file(world, client):
    from forcereview.accounts.actions import create_user

    user = create_user(by=None, username="civilian-sup", password="x" * 12, role="supervisor", agency=world.agency)
    client.force_login(user)
    response = client.get(NEW)
    assert response.status_code == 403
    assert "not linked to an officer record" in text(response)


@pytest.mark.parametrize("role", ["investigator", "command", "auditor", "admin"])
def test_roles_that_do_not_file_reports_cannot_open_the_form(world, client_as, role):
    assert client_as(role).get(NEW).status_code == 403


def test_the_blank_officer_row_the_page_copies_reads_no_missing_value(world, client_as, settings):
    """The row template for an added officer has no roster name yet: it shows none, rather than
    reading a value the blank form does not have."""
    import copy

    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["string_if_invalid"] = "MISSING-VALUE"
    settings.TEMPLATES = templates
    html = client_as("officer").get(NEW).content.decode()
    assert "data-row-template" in html
    assert "MISSING-VALUE" not in html
