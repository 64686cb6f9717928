"""The review workflow refers an incident to internal affairs; internal affairs opens the case
from the referral, and the sergeant who missed what the recording showed answers for the review."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from forcereview.audit.models import AuditEntry
from forcereview.cases.models import Case
from forcereview.reviews.models import Determination, Referral, ReviewTask
from tests.conftest import report
from tests.reviews.conftest import SCHOOL_RECORDING, determine, file_incident, recordings  # noqa: F401


def _referred(world, client_as, file_incident, recordings, django_capture_on_commit_callbacks):  # noqa: F811
    incident = file_incident(report())
    recordings.attach(incident, SCHOOL_RECORDING)
    task = ReviewTask.objects.get(incident=incident, level="supervisor")
    with django_capture_on_commit_callbacks(execute=True):
        determine(client_as("supervisor"), task)
    return incident, Referral.objects.get(incident=incident, status="pending")


def test_a_case_opened_from_the_intake_queue_takes_up_the_referral(world, client_as, signed_in, file_incident,  # noqa: F811
                                                                   recordings, django_capture_on_commit_callbacks):  # noqa: F811
    incident, referral = _referred(world, client_as, file_incident, recordings, django_capture_on_commit_callbacks)
    inv = signed_in("investigator")
    intake = inv.get("/reviews/intake/").content.decode()
    assert f"/cases/new/?referral={referral.pk}" in intake
    form = inv.get(f"/cases/new/?referral={referral.pk}").content.decode()
    assert "found the incident within policy" in form  # the referral's reasons, shown before opening
    r = inv.post("/cases/new/", {"title": "Force on a juvenile at a school", "source": "command",
                                 "referral": referral.pk, "subject": world.officer.pk,
                                 "lead_investigator": world.users["investigator"].pk})
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.source == "referral" and case.source_id == referral.pk
    assert list(case.incidents.all()) == [incident]
    referral.refresh_from_db()
    assert referral.status == "opened" and referral.case_id == case.pk
    assert AuditEntry.objects.filter(action="referral.opened", object_id=str(referral.pk)).exists()
    # A referral is taken up once.
    assert inv.get(f"/cases/new/?referral={referral.pk}").status_code == 404
    r = signed_in("command").post("/api/cases/", {"title": "Again", "referral": referral.pk},
                                  content_type="application/json")
    assert r.status_code == 404


def test_the_reviewer_answers_for_the_review_and_the_case_file_shows_it(command_apart, world, client_as, signed_in, api,  # noqa: F811
                                                                        file_incident, recordings,  # noqa: F811
                                                                        django_capture_on_commit_callbacks):
    incident, referral = _referred(world, client_as, file_incident, recordings, django_capture_on_commit_callbacks)
    inv = api("investigator")
    r = inv.post("/api/cases/", {"title": "Force on a juvenile at a school", "referral": referral.pk,
                                 "officers": [{"badge": "101", "role": "subject"}, {"badge": "30", "role": "reviewer"}]})
    assert r.status_code == 201, r.content
    case = r.json()
    assert case["source"] == "referral" and case["incidents"] == [incident.number]
    determination = Determination.objects.get(task__incident=incident, reviewer_officer=world.sergeant)
    body = {"officer": "30", "category": "review_failure", "policy_section": "Policy 301.2 (supervisory review)",
            "description": "Found the takedown within policy although the recording showed a child who posed no threat."}
    r = inv.post(f"/api/cases/{case['id']}/allegations", {**body, "officer": "101", "review": determination.pk})
    assert r.status_code == 422 and r.json()["field"] == "review"
    r = inv.post(f"/api/cases/{case['id']}/allegations", {**body, "review": 999999})
    assert r.status_code == 422 and r.json()["field"] == "review"
    r = inv.post(f"/api/cases/{case['id']}/allegations", {**body, "review": determination.pk})
    [allegation] = r.json()["allegations"]
    assert allegation["review_id"] == determination.pk and allegation["officer"] == "30"

    page = signed_in("command").get(f"/cases/{case['id']}/").content.decode()
    assert "Policy, reviews and the report against the evidence" in page
    assert "Review disagreement" in page and "Within policy" in page
    pdf = signed_in("command").get(f"/cases/{case['id']}/file.pdf").content
    text = re.sub(r"\s+", " ", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "Review disagreement" in text and "Force was proportionate" in text
