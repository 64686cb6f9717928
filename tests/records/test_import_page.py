"""The import page: investigators, command and admins upload, check and import files."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from forcereview.audit.models import AuditEntry
from forcereview.records.actions import create_officer
from forcereview.records.models import Incident
from tests.conftest import report
from tests.records.importing import csv_bytes


def _upload(client, data: bytes, dry_run: bool, name="incidents.csv"):
    form = {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    if dry_run:
        form["dry_run"] = "1"
    return client.post("/incidents/import/", form)


def test_check_only_writes_nothing(client_as):
    response = _upload(client_as("investigator"), csv_bytes([report()]), dry_run=True)
    assert response.status_code == 200
    assert "All 1 incident in incidents.csv are valid" in response.content.decode()
    assert not Incident.objects.exists()


def test_import_writes_and_audits_as_the_uploader(client_as, world):
    response = _upload(client_as("command"), csv_bytes([report(), report(number="N-2")]), dry_run=False)
    assert response.status_code == 200
    assert "Imported 2 incidents from incidents.csv" in response.content.decode()
    assert Incident.objects.count() == 2
    assert set(AuditEntry.objects.filter(action="incident.imported").values_list("actor_id", flat=True)) == {
        world.users["command"].pk}


def test_every_problem_is_listed_with_row_and_column(client_as):
    bad = report(location_type="moon")
    bad["subjects"][0]["age"] = 300
    before = AuditEntry.objects.count()
    response = _upload(client_as("admin"), csv_bytes([bad]), dry_run=False)
    assert response.status_code == 422
    html = response.content.decode()
    assert "2 problems in incidents.csv: nothing was imported" in html
    assert "<td>row 2</td><td><code>location_type</code></td>" in html
    assert "<code>subject_age</code></td><td>300 is out of range (0 to 120)</td>" in html
    assert not Incident.objects.exists() and AuditEntry.objects.count() == before


def test_file_over_the_limit_is_refused(client_as, settings):
    settings.IMPORT_MAX_BYTES = 200
    response = _upload(client_as("investigator"), csv_bytes([report()]), dry_run=False)
    assert response.status_code in (413, 422)
    assert "larger than" in response.content.decode() or "the largest accepted" in response.content.decode()
    assert not Incident.objects.exists()


def test_missing_file(client_as):
    response = client_as("investigator").post("/incidents/import/", {"dry_run": "1"})
    assert response.status_code == 422 and "Choose a file" in response.content.decode()


def test_officers_and_auditors_cannot_import(client_as):
    for role in ("officer", "supervisor", "auditor"):
        assert _upload(client_as(role), csv_bytes([report()]), dry_run=False).status_code == 403
    assert not Incident.objects.exists()


def test_example_file_is_valid_once_its_officers_exist(client_as, world):
    client = client_as("investigator")
    response = client.get("/incidents/import/example.csv")
    assert response["Content-Type"].startswith("text/csv")
    example = response.content
    for badge, supervisor in (("1234", world.sergeant), ("2345", world.sergeant)):
        create_officer(world.agency, by=None, first_name="Ex", last_name=badge, badge_number=badge,
                       hire_date=world.officer.hire_date, supervisor=supervisor)
    response = _upload(client, example, dry_run=True)
    assert "are valid" in response.content.decode(), response.content.decode()
