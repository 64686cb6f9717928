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
    assert 'name="website"' in page  # the hidden field bots fill in
    # Told before they submit: both warnings come before the send button.
    send = page.index("Send the complaint")
    warning = page.index("only tell you whether your complaint is <em>open</em> or <em>closed</em>")
    beside_the_box = page.index("the status page will only tell you whether your complaint is open or closed")
    assert warning < send and beside_the_box < send


def test_an_anonymous_complainant_is_reminded_with_the_tracking_number(public):
    public.post("/complaint/", form(anonymous="on", contact_name="", contact_email=""))
    page = public.get("/complaint/received/").content.decode()
    assert "the status page will show only whether your complaint is open or closed" in page


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


def test_a_flood_from_one_address_is_stored_and_held_with_its_reason(public, settings):
    settings.COMPLAINT_HOLD_AFTER = 2
    for _ in range(40):  # more than the old refusal bound of 30: none of these is lost
        assert public.post("/complaint/", form()).status_code == 302
    assert Complaint.objects.count() == 40
    screenings = list(Complaint.objects.order_by("id").values_list("screening", flat=True))
    assert screenings[:3] == ["accepted", "accepted", "held"] and set(screenings[2:]) == {"held"}
    last = Complaint.objects.order_by("id").last()
    assert "39 other complaints from the same address in the past hour" in last.held_reasons
    entry = AuditEntry.objects.for_object(last).get(action="complaint.received")
    assert entry.after["screening"] == "held" and entry.after["held_reasons"] == last.held_reasons
    # Another address is not affected.
    assert public.post("/complaint/", form(), REMOTE_ADDR="203.0.113.9").status_code == 302
    assert Complaint.objects.latest("id").screening == "accepted"


def test_only_a_scripted_flood_is_refused_and_the_sender_is_told_how_else_to_complain(public, settings):
    settings.COMPLAINT_HOLD_AFTER = 1
    settings.COMPLAINT_REFUSE_AFTER = 3
    for _ in range(3):
        assert public.post("/complaint/", form()).status_code == 302
    r = public.post("/complaint/", form())
    page = r.content.decode()
    assert r.status_code == 429
    assert "was <strong>not saved</strong>" in page and "Other ways to make your complaint" in page
    assert "front desk of any Mesa" in page
    assert Complaint.objects.count() == 3
    settings.COMPLAINT_OTHER_WAYS = "Call 505-555-0100, or write to 1 Main St."
    assert "Call 505-555-0100, or write to 1 Main St." in public.post("/complaint/", form()).content.decode()
    # Another address is not affected.
    assert public.post("/complaint/", form(), REMOTE_ADDR="203.0.113.9").status_code == 302


def test_refusals_are_counted_in_the_audit_log_without_flooding_it(public, settings, world):
    from forcereview.cases.models import ComplaintRefusal

    settings.COMPLAINT_REFUSE_AFTER = 1
    assert public.post("/complaint/", form()).status_code == 302
    for _ in range(12):
        assert public.post("/complaint/", form()).status_code == 429
    tally = ComplaintRefusal.objects.get()
    assert tally.count == 12 and tally.agency == world.agency
    assert tally.sender_hash == Complaint.objects.get().sender_hash
    entries = AuditEntry.objects.filter(action="complaint.refused").order_by("id")
    assert [e.after["refused_this_hour"] for e in entries] == [1, 10]  # the first, then every tenfold
    assert entries[0].actor_label == "public" and entries[0].agency_id == world.agency.pk
    assert entries[0].after["limit"] == 1 and entries[0].after["stored_in_past_hour"] == 1
    assert "127.0.0.1" not in str(entries[0].after)


def test_the_complaint_is_stored_before_it_is_screened(public, world):
    """Screening runs on a stored row: if it fails, the complaint is kept, held for a person."""
    with mock.patch("forcereview.cases.actions.complaints._held_reasons", side_effect=RuntimeError("bug")):
        r = public.post("/complaint/", form())
    assert r.status_code == 302
    c = Complaint.objects.get()
    assert c.screening == "held" and c.held_reasons == ["screening failed; a person must look at it"]
    assert AuditEntry.objects.for_object(c).filter(action="complaint.received").exists()
    assert c.tracking_number in public.get("/complaint/received/").content.decode()


class BrokenMail:
    """An email backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_complaint_is_kept_when_the_mail_server_fails(transactional_db, client, world, settings, caplog):
    """With real commits: the acknowledgement and the note to investigators run after the commit,
    the mail backend raises, and the complainant still sees the tracking number."""
    from forcereview.accounts.models import User

    User.objects.filter(pk=world.users["investigator"].pk).update(email="ia@mesa.example")
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMail"
    r = client.post("/complaint/", form())
    assert r.status_code == 302 and r["Location"] == "/complaint/received/"
    c = Complaint.objects.get()
    assert c.screening == "accepted"
    page = client.get("/complaint/received/")
    assert page.status_code == 200 and c.tracking_number in page.content.decode()
    assert "could not send" in caplog.text  # both mails were tried and the failure logged
    assert AuditEntry.objects.for_object(c).filter(action="complaint.received").exists()


def test_a_complaint_is_kept_when_acknowledging_fails_outright(public, django_capture_on_commit_callbacks):
    with mock.patch("forcereview.cases.actions.complaints._acknowledge", side_effect=RuntimeError("bug")):
        with django_capture_on_commit_callbacks(execute=True):
            r = public.post("/complaint/", form())
    assert r.status_code == 302
    assert Complaint.objects.get().screening == "accepted"


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
