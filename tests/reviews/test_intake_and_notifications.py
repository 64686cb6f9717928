"""The internal-affairs intake queue receives every referral with its reasons; the cases app
opens a case from one; review mail goes out only after the transaction commits."""

from __future__ import annotations

import pytest
from django.db import transaction

from forcereview.audit.models import AuditEntry
from forcereview.reviews import actions
from forcereview.reviews.models import Referral
from tests.conftest import report
from tests.reviews.conftest import calm_report


def test_intake_queue_lists_each_referral_with_its_reasons(world, client_as, file_incident):
    file_incident(report())
    page = client_as("investigator").get("/reviews/intake/").content.decode()
    assert "2019-0827-001" in page
    assert "Force was used on a young child" in page and "subject age 11 is under 13" in page
    assert "Decline referral" in page
    auditor = client_as("auditor").get("/reviews/intake/").content.decode()
    assert "2019-0827-001" in auditor and "Decline referral" not in auditor


def test_an_auditor_cannot_decline(world, client_as, file_incident):
    file_incident(report())
    referral = Referral.objects.get()
    response = client_as("auditor").post(f"/reviews/referral/{referral.pk}/decline/", {"note": "x" * 30})
    assert response.status_code == 403
    assert Referral.objects.get().status == "pending"


def test_a_case_opened_from_a_referral_marks_it_opened(world, file_incident):
    file_incident(report())
    referral = Referral.objects.get()

    class Case:  # what the cases app passes: any object with pk and a name
        pk = 7

        def __str__(self):
            return "Case IA-2019-0001"

    actions.mark_referral_opened(referral, Case(), by=world.users["investigator"])
    referral.refresh_from_db()
    assert (referral.status, referral.case_id, referral.case_label) == ("opened", 7, "Case IA-2019-0001")
    entry = AuditEntry.objects.get(action="referral.opened", object_id=str(referral.pk))
    assert entry.after == {"status": "opened", "case": "Case IA-2019-0001"}
    actions.mark_referral_opened(referral, Case(), by=world.users["investigator"])  # the same case again: no change
    assert AuditEntry.objects.filter(action="referral.opened").count() == 1


def test_a_declined_policy_referral_is_not_made_again_by_the_same_rules(world, client_as, file_incident):
    from forcereview.records.actions import update_incident

    incident = file_incident(report())
    actions.decline_referral(Referral.objects.get(), by=world.users["investigator"],
                             note="Reviewed with the district attorney; no case.")
    update_incident(incident, report(location="Mesa View Middle School gym"), by=world.users["command"])
    assert list(Referral.objects.values_list("status", flat=True)) == ["declined"]


def test_mail_waits_for_the_commit(emails, file_incident, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        file_incident(calm_report())
        assert mailoutbox == []
    assert callbacks
    for callback in callbacks:
        callback()
    assert any("supervisor@mesa.example" in m.to for m in mailoutbox)


def test_a_rolled_back_change_sends_no_mail(emails, file_incident, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                file_incident(calm_report())
                raise RuntimeError("the request failed after filing")
    assert mailoutbox == []


def test_opening_a_case_marks_the_incident_referred(world, file_incident):
    incident = file_incident(report())
    assert incident.status == "reported"  # a pending referral does not lock the officer's report

    class Case:
        pk = 9

        def __str__(self):
            return "Case IA-2019-0002"

    actions.mark_referral_opened(Referral.objects.get(), Case(), by=world.users["investigator"])
    incident.refresh_from_db()
    assert incident.status == "referred"
