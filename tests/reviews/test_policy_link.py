"""The policy outcome names the policy version that judged an incident; it links to that
version only for the roles that may read the policy."""

from __future__ import annotations

from forcereview.reviews.models import ReviewTask
from tests.conftest import report


def test_a_supervisor_sees_the_version_named_but_not_linked(client_as, file_incident):
    incident = file_incident(report())
    task = ReviewTask.objects.get(incident=incident, level="supervisor")
    client = client_as("supervisor")
    for path in (f"/reviews/task/{task.pk}/", f"/incidents/{incident.pk}/"):
        page = client.get(path).content.decode()
        assert "Judged by policy version 1" in page, path
        assert "/reviews/policy/1/" not in page, path
    assert client.get("/reviews/policy/1/").status_code == 403


def test_an_investigator_follows_the_link_to_the_version(client_as, file_incident):
    incident = file_incident(report())
    client = client_as("investigator")
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert 'href="/reviews/policy/1/"' in page
    assert client.get("/reviews/policy/1/").status_code == 200
