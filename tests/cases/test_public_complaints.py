"""The public complaint form: no login, a tracking number, a status page that tells an
anonymous complainant only open or closed (and says so before they submit), spam held back
without outside services, and a complaint never lost."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.utils import timezone

from forcereview.audit.models import AuditEntry
from forcereview.cases.models import Complaint
from forcereview.cases.views.complaints import FORM_SALT


def started(seconds_ago: int = 60) -> str:
    return signing.dumps((timezone.now() - timedelta(seconds=seconds_ago)).timestamp(), salt=FORM_SALT)


def form(**overrides) -> dict:
    data = {"what_happened": "An officer threw my daughter to the floor in the cafeteria.",
            "where": "Mesa View Middle School", "occurred_on": "2019-08-27", "occurred_time": "noon",
            "who": "The school officer", "contact_name": "A Parent", "contact_email": "parent@example.org",
            "website": "", "started": started(), "agency": "mesa"}
    data.update(overrides)
    return data


@pytest.fixture
def public(client, world):
    return client


def test_the_form_needs_no_login_and_warns_anonymous_complainants(public):
    choose = public.get("/complaint/").content.decode()  # two agencies here: the visitor picks one
    assert "Which agency" in choose and "?agency=mesa" in choose
    page = public.get("/complaint/?agency=mesa").content.decode()
    assert "File a complaint about a police officer" in page
    assert "only tell you whether your complaint is <em>open</em> or <em>closed</em>" in page
    assert 'name="website"' in page  # the hidden field bots fill in


def test_a_complaint_is_stored_and_gets_a_tracking_number(public, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = public.post("/complaint/", form())
    assert r.status_code == 302 and r["Location"] == "/complaint/received/"
    c = Complaint.objects.get()
    assert c.screening == "accepted" and c.status == "received" and c.contact_email == "parent@example.org"
    assert c.tracking_number.startswith("C-") and len(c.tracking_number) == 11
    assert c.sender_hash and "127.0.0.1" not in c.sender_hash
    page = public.get("/complaint/received/").content.decode()
    assert c.tracking_number in page
    entry = AuditEntry.objects.for_object(c).get(action="complaint.received")
    assert entry.actor_label == "public" and "parent@example.org" not in str(entry.after)
    assert [m.to for m in mailoutbox] == [["parent@example.org"]]  # no investigator has an email address


def test_status_page_shows_details_to_an_identified_complainant(public, world):
    public.post("/complaint/", form())
    c = Complaint.objects.get()
    page = public.post("/complaint/status/", {"number": c.tracking_number.lower()}).content.decode()
    assert "Open" in page and "Received" in page and "only whether it is open or closed" not in page


def test_anonymous_complainants_see_only_open_or_closed(public, world):
    public.post("/complaint/", form(anonymous="on", contact_name="", contact_email=""))
    c = Complaint.objects.get()
    assert c.anonymous and not c.contact_name
    from forcereview.cases.actions.complaints import close_complaint

    close_complaint(c, by=world.users["investigator"], reason="Investigated.", public_note="SECRET NOTE")
    page = public.post("/complaint/status/", {"number": c.tracking_number}).content.decode()
    assert "Closed" in page and "SECRET NOTE" not in page and "Investigated" not in page
    assert "filed anonymously" in page


def test_unknown_tracking_number(public, world):
    r = public.post("/complaint/status/", {"number": "C-AAAA-BBBB"})
    assert r.status_code == 404 and "No complaint has the tracking number" in r.content.decode()


@pytest.mark.parametrize("change,field", [
    ({"what_happened": " "}, "what_happened"),
    ({"where": ""}, "where"),
    ({"occurred_on": "2999-01-01"}, "occurred_on"),
    ({"anonymous": "on"}, "anonymous"),  # anonymous with contact details
    ({"contact_email": "not-an-address"}, "contact_email"),
])
def test_a_fixable_mistake_is_shown_and_nothing_is_stored(public, change, field):
    r = public.post("/complaint/", form(**change))
    assert r.status_code == 422
    assert 'class="error-summary"' in r.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("change,reason", [
    ({"website": "http://spam.example"}, "the hidden field was filled in"),
    ({"started": 0}, "the form was sent 0 s after it was opened"),
    ({"started": "forged"}, "the form's start time was missing or altered"),
])
def test_suspicious_submissions_are_stored_but_held(public, change, reason):
    if change.get("started") == 0:
        change = {"started": started(seconds_ago=0)}
    r = public.post("/complaint/", form(**change))
    assert r.status_code == 302  # the sender is not told
    c = Complaint.objects.get()
    assert c.screening == "held" and reason in c.held_reasons


def test_many_from_one_address_are_held_then_refused(public, settings):
    settings.COMPLAINT_HOLD_AFTER = 2
    settings.COMPLAINT_REFUSE_AFTER = 4
    for _ in range(4):
        assert public.post("/complaint/", form()).status_code == 302
    screenings = list(Complaint.objects.order_by("id").values_list("screening", flat=True))
    assert screenings == ["accepted", "accepted", "held", "held"]
    r = public.post("/complaint/", form())
    assert r.status_code == 429 and "Too many complaints" in r.content.decode()
    assert Complaint.objects.count() == 4
    # Another address is not affected.
    assert public.post("/complaint/", form(), REMOTE_ADDR="203.0.113.9").status_code == 302
    assert Complaint.objects.latest("id").screening == "accepted"


def test_a_complaint_is_kept_when_the_acknowledgement_cannot_be_sent(public, django_capture_on_commit_callbacks):
    with mock.patch("forcereview.deadlines.notify.send_mail", side_effect=OSError("mail server down")):
        with django_capture_on_commit_callbacks(execute=True):
            r = public.post("/complaint/", form())
    assert r.status_code == 302
    assert Complaint.objects.count() == 1


def test_intake_release_open_case_and_close_with_a_message(world, public, signed_in):
    public.post("/complaint/", form(website="x"))  # held
    c = Complaint.objects.get()
    inv = signed_in("investigator")
    assert c.tracking_number not in inv.get("/cases/complaints/").content.decode()
    assert c.tracking_number in inv.get("/cases/complaints/?view=held").content.decode()
    r = inv.post(f"/cases/new/?complaint={c.pk}", {"title": "Force at a school", "source": "complaint",
                                                    "complaint": c.pk})
    assert r.status_code == 422 and "release it first" in r.content.decode()
    inv.post(f"/cases/complaints/{c.pk}/", {"step": "release", "reason": "A real parent."})
    c.refresh_from_db()
    assert c.screening == "accepted"
    r = inv.post("/cases/new/", {"title": "Force at a school", "source": "complaint", "complaint": c.pk})
    assert r.status_code == 302
    case = c.cases.get()
    c.refresh_from_db()
    assert c.status == "case_opened" and case.source == "complaint"
    page = public.post("/complaint/status/", {"number": c.tracking_number}).content.decode()
    assert "Under investigation" in page
    # The case ends (no allegation was made) and the complainant is told.
    signed_in("command").post(f"/cases/{case.pk}/close/", {
        "note": "No officer could be identified.", "message_to_complainant": "We could not identify the officer."})
    c.refresh_from_db()
    assert c.status == "closed"
    page = public.post("/complaint/status/", {"number": c.tracking_number}).content.decode()
    assert "Closed" in page and "We could not identify the officer." in page


def test_spam_is_closed_and_cannot_open_a_case(world, public, signed_in):
    public.post("/complaint/", form(website="x"))
    c = Complaint.objects.get()
    inv = signed_in("investigator")
    r = inv.post(f"/cases/complaints/{c.pk}/", {"step": "spam", "reason": ""})
    assert r.status_code == 422
    inv.post(f"/cases/complaints/{c.pk}/", {"step": "spam", "reason": "Advertising."})
    c.refresh_from_db()
    assert (c.screening, c.status) == ("spam", "closed")
    assert AuditEntry.objects.for_object(c).filter(action="complaint.marked_spam").exists()
