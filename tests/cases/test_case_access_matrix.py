"""Every place a case can show itself, read by every person who must not know of it.

The case: opened from the review workflow's referral, about the school resource officer
(subject), his sergeant (reviewer under review, with an allegation of failing to identify a
violation in his determination), a patrol officer as witness, and an officer interviewed in
the log; with its deadlines, audit history and a civil claim. Each reader below must find no
trace of it: its number, its title and its allegation text appear nowhere, a page about it
answers exactly as a page about a case that does not exist, and the referral's case label is
not shown. The investigator and command staff outside all that see it everywhere (so the
surfaces below are proven to show the case to someone)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from forcereview.accounts.actions import change_role, create_user
from forcereview.cases.models import Case
from forcereview.deadlines.models import Deadline
from forcereview.records.actions import create_officer
from forcereview.reviews.models import Determination, Referral, ReviewTask
from tests.conftest import report
from tests.reviews.conftest import SCHOOL_RECORDING, determine, file_incident, recordings  # noqa: F401

TITLE = "Force on a juvenile at a school"
ALLEGATION = "ALLEGATION-TEXT missed what the recording showed"
NO_SUCH_CASE = 987654


@pytest.fixture
def scene(command_apart, client_as, file_incident, recordings, django_capture_on_commit_callbacks):  # noqa: F811
    from forcereview.cases.actions.cases import add_log_entry, open_case
    from forcereview.cases.actions.claims import record_claim
    from forcereview.cases.actions.findings import add_allegation

    world = command_apart
    incident = file_incident(report())
    recordings.attach(incident, SCHOOL_RECORDING)
    task = ReviewTask.objects.get(incident=incident, level="supervisor")
    with django_capture_on_commit_callbacks(execute=True):
        determine(client_as("supervisor"), task)
    referral = Referral.objects.get(incident=incident, status="pending")
    inv = world.users["investigator"]
    interviewee = create_officer(world.agency, by=None, first_name="Ivy", last_name="Interviewed", badge_number="160",
                                 hire_date=date(2015, 1, 5), unit=world.ps_unit, rank="sergeant")
    case = open_case(world.agency, by=inv, title=TITLE, source="referral", source_object=referral, incidents=[incident],
                     officers=[(world.officer, "subject"), (world.sergeant, "reviewer"), (world.partner, "witness")],
                     lead_investigator=inv)
    determination = Determination.objects.get(task__incident=incident, reviewer_officer=world.sergeant)
    add_allegation(case, by=inv, officer=world.sergeant, category="review_failure", policy_section="Policy 301.2",
                   description=ALLEGATION, review=determination)
    add_log_entry(case, by=inv, kind="interview", occurred_at=timezone.now(), interviewee_officer=interviewee,
                  interviewer=inv, summary="Saw the takedown from the doorway.")
    claim = record_claim(world.agency, by=world.users["command"], incident=incident, claimant_name="A Parent",
                         received_on=timezone.localdate(), case=case)
    return SimpleNamespace(world=world, case=case, incident=incident, referral=Referral.objects.get(pk=referral.pk),
                           claim=claim, interviewee=interviewee,
                           deadline=Deadline.objects.filter(kind="cases.investigation", target_id=case.pk).get())


def _login(world, username, role, officer) -> Client:
    user = create_user(by=None, username=username, password="x-long-password", role=role, agency=world.agency,
                       officer=officer)
    client = Client()
    client.force_login(user)
    return client


def _existing(world, key, role) -> Client:
    user = world.users[key]
    if user.role != role:
        change_role(user, role, by=None)
    client = Client()
    client.force_login(user)
    return client


def _unit_mate(world, role):
    mate = create_officer(world.agency, by=None, first_name="Uma", last_name="Mate", badge_number="150",
                          hire_date=date(2015, 1, 5), unit=world.sro_unit, rank="sergeant")
    return _login(world, "unitmate", role, mate)


READERS = {
    # The officer under investigation, with the role he has, and even promoted to investigator or command.
    "subject as officer": lambda s: _existing(s.world, "officer", "officer"),
    "subject as investigator": lambda s: _existing(s.world, "officer", "investigator"),
    "subject as command": lambda s: _existing(s.world, "officer", "command"),
    # Officers of the subject's unit.
    "unit-mate as investigator": lambda s: _unit_mate(s.world, "investigator"),
    "unit-mate as command": lambda s: _unit_mate(s.world, "command"),
    # The reviewer accused of failing to identify a violation: the subject's own sergeant.
    "reviewer as supervisor": lambda s: _existing(s.world, "supervisor", "supervisor"),
    "reviewer as command": lambda s: _existing(s.world, "supervisor", "command"),
    # Others named in the case.
    "witness officer as investigator": lambda s: _login(s.world, "witness", "investigator", s.world.partner),
    "interviewed officer as investigator": lambda s: _login(s.world, "ivy", "investigator", s.interviewee),
    # The chain of command: a supervisor's role sees no case; the lieutenant shares the reviewer's unit.
    "lieutenant in the chain as supervisor": lambda s: _login(s.world, "lt", "supervisor", s.world.lieutenant),
    "lieutenant in the chain as command": lambda s: _login(s.world, "lt", "command", s.world.lieutenant),
    # An officer of the reviewer's unit, with command's role.
    "reviewer's unit-mate as command": lambda s: _login(s.world, "yazzie", "command", s.world.other_sergeant),
}


def _surfaces(s) -> dict[str, str]:
    """Lists and panels: they answer, but must not mention the case."""
    return {
        "home page": "/",
        "case list": "/cases/",
        "case list API": "/api/cases/",
        "deadlines dashboard": "/deadlines/?status=all",
        "deadlines API": "/api/deadlines/",
        "audit log": "/audit/",
        "intake queue": "/reviews/intake/?status=all",
        "referrals API": "/api/reviews/referrals?status=all",
        "incident page": f"/incidents/{s.incident.pk}/",
        "claims list": "/cases/claims/",
        "claims API": "/api/cases/claims",
        "claim page": f"/cases/claims/{s.claim.pk}/",
        "complaints queue": "/cases/complaints/?view=all",
        "disclosures": "/cases/disclosures/",
    }


def _case_pages(case_id: int) -> dict[str, str]:
    """Pages of the case itself: they must answer as for a case that does not exist."""
    return {
        "case page": f"/cases/{case_id}/",
        "case file PDF": f"/cases/{case_id}/file.pdf",
        "case API": f"/api/cases/{case_id}",
        "summary page": f"/cases/summaries/{case_id}/",
        "summary API": f"/api/cases/summaries/{case_id}",
    }


def _traces(s) -> list[str]:
    return [s.case.number, TITLE, ALLEGATION, s.referral.case_label, "A Parent", f'href="/cases/claims/{s.claim.pk}/"']


def _body(response) -> str:
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("reader", list(READERS))
def test_a_reader_the_case_is_about_finds_no_trace_of_it(scene, reader):
    client = READERS[reader](scene)
    for surface, url in _surfaces(scene).items():
        r = client.get(url)
        assert r.status_code in (200, 403, 404), f"{reader}: {surface} answered {r.status_code}"
        body = _body(r)
        for trace in _traces(scene):
            assert trace not in body, f"{reader}: {surface} ({url}) shows {trace!r}"
    deadline = f"/deadlines/{scene.deadline.pk}/"
    assert client.get(deadline).status_code == 404, f"{reader}: the case's deadline page"
    assert client.get(f"/api/deadlines/{scene.deadline.pk}").status_code == 404, f"{reader}: the deadline API"
    for surface, url in _case_pages(scene.case.pk).items():
        r = client.get(url)
        nothing = client.get(url.replace(str(scene.case.pk), str(NO_SUCH_CASE)))
        assert r.status_code in (403, 404), f"{reader}: {surface} answered {r.status_code}"
        assert r.status_code == nothing.status_code, f"{reader}: {surface} answers unlike a case that does not exist"
        if reader.endswith(("investigator", "command")) and "summary" not in surface:
            assert r.status_code == 404, f"{reader}: {surface} must say 'not found', not 'forbidden'"


@pytest.mark.parametrize("role", ["investigator", "command"])
def test_case_staff_outside_the_case_see_it_on_every_surface(scene, role):
    client = _existing(scene.world, role, role)
    shown = {
        "home page": scene.case.number, "case list": scene.case.number, "case list API": scene.case.number,
        "deadlines dashboard": scene.case.number, "deadlines API": scene.case.number,
        "intake queue": scene.referral.case_label, "referrals API": scene.referral.case_label,
        "incident page": scene.case.number, "claims list": f'href="/cases/claims/{scene.claim.pk}/"', "claims API": "A Parent",
        "claim page": scene.case.number,
    }
    if role == "command":
        shown["audit log"] = scene.case.number
    surfaces = _surfaces(scene)
    for surface, trace in shown.items():
        if surface == "home page":
            trace = "All cases (1 open)"  # the panel lists the reader's own cases, and counts all
        assert trace in _body(client.get(surfaces[surface])), f"{role}: {surface} should show {trace!r}"
    for surface, url in _case_pages(scene.case.pk).items():
        if "summary" not in surface:
            assert client.get(url).status_code == 200, f"{role}: {surface}"
    assert ALLEGATION in _body(client.get(f"/cases/{scene.case.pk}/"))
    assert client.get(f"/deadlines/{scene.deadline.pk}/").status_code == 200


def test_a_chain_supervisor_with_command_role_outside_the_units_sees_the_case(scene):
    """The captain is in the subject's chain of command (sergeant, lieutenant, captain) but in
    neither examined officer's unit and not named: with command's role he sees the case; with a
    supervisor's role he does not."""
    captain = _existing(scene.world, "command", "command")
    assert scene.world.captain == scene.world.users["command"].officer
    assert captain.get(f"/cases/{scene.case.pk}/").status_code == 200
    change_role(scene.world.users["command"], "supervisor", by=None)
    assert captain.get(f"/cases/{scene.case.pk}/").status_code == 403
    assert scene.case.number not in _body(captain.get("/deadlines/?status=all"))


def test_auditors_know_the_case_only_by_its_number(scene):
    auditor = _existing(scene.world, "auditor", "auditor")
    intake = _body(auditor.get("/reviews/intake/?status=all"))
    assert "case opened" in intake and TITLE not in intake and scene.referral.case_label not in intake
    [row] = [r for r in auditor.get("/api/reviews/referrals?status=all").json() if r["id"] == scene.referral.pk]
    assert row["case_label"] == "case opened"
    assert Case.objects.get(pk=scene.case.pk).number in _body(auditor.get(f"/cases/summaries/{scene.case.pk}/"))
