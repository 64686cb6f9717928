"""The deadlines dashboard and API: overdue first, filters, who sees what, actions."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone as dt_timezone

import pytest
from django.db.models import Q

from forcereview.audit.models import AuditEntry
from forcereview.deadlines import actions
from forcereview.deadlines.models import Deadline, Status
from forcereview.deadlines.registry import KINDS, DeadlineKind, register


@pytest.fixture
def three(world, test_kind):
    """An overdue deadline, one due soon, one due later; the middle one assigned to the sergeant."""
    today = date.today()
    by = world.users["command"]
    mk = lambda target, due, title, **kw: actions.open_deadline(  # noqa: E731
        by=by, agency=world.agency, kind="test.filing", target=target, due=due, title=title,
        basis=f"test rule for {title}", **kw)
    return {
        "later": mk(world.patrol, today + timedelta(days=60), "Later thing", assignee_role="investigator"),
        "soon": mk(world.sro_unit, today + timedelta(days=3), "Soon thing", assignee_user=world.users["supervisor"]),
        "overdue": mk(world.ps_unit, today - timedelta(days=2), "Overdue thing", assignee_role="command"),
    }


def titles(response) -> list[str]:
    return [row for row in ("Overdue thing", "Soon thing", "Later thing") if row in response.content.decode()]


def test_dashboard_lists_overdue_first_then_by_due_date(client_as, three):
    response = client_as("investigator").get("/deadlines/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Overdue thing") < html.index("Soon thing") < html.index("Later thing")
    assert "OVERDUE" in html


def test_dashboard_filters_by_kind_assignee_and_status(client_as, world, three, plain_kind):
    client = client_as("command")
    assert titles(client.get("/deadlines/", {"assignee": "role:command"})) == ["Overdue thing"]
    assert titles(client.get("/deadlines/", {"assignee": f"user:{world.users['supervisor'].pk}"})) == ["Soon thing"]
    assert titles(client.get("/deadlines/", {"assignee": "me"})) == ["Overdue thing"]
    assert titles(client.get("/deadlines/", {"status": "overdue"})) == ["Overdue thing"]
    assert titles(client.get("/deadlines/", {"kind": "test.plain"})) == []
    actions.meet_deadline(three["later"], by=world.users["command"])
    assert "Later thing" not in titles(client.get("/deadlines/"))
    assert titles(client.get("/deadlines/", {"status": "met"})) == ["Later thing"]


def test_a_bad_filter_is_named_and_ignored(client_as, three):
    response = client_as("command").get("/deadlines/", {"kind": "no.such", "assignee": "boss"})
    html = response.content.decode()
    assert "&#x27;no.such&#x27; is not a known kind of deadline" in html
    assert "is not an assignee" in html
    assert len(titles(response)) == 3


def test_supervisor_sees_only_deadlines_assigned_to_them(client_as, three):
    assert titles(client_as("supervisor").get("/deadlines/")) == ["Soon thing"]
    assert client_as("supervisor").get(f"/deadlines/{three['later'].pk}/").status_code == 404
    assert client_as("supervisor").get(f"/deadlines/{three['soon'].pk}/").status_code == 200


def test_other_agency_sees_nothing(client_as, three):
    assert titles(client_as("outsider").get("/deadlines/")) == []
    assert client_as("outsider").get(f"/deadlines/{three['later'].pk}/").status_code == 404


def test_a_kind_can_hide_its_deadlines_from_some_readers(client_as, world, three):
    register(DeadlineKind("test.secret", "Secret", scope=lambda user: ~Q(target_id=world.patrol.pk)
             if user.role == "investigator" else Q()))
    try:
        secret = actions.open_deadline(by=None, agency=world.agency, kind="test.secret", target=world.patrol,
                                       due=date.today(), title="Secret thing", basis="rule")
        assert "Secret thing" not in client_as("investigator").get("/deadlines/").content.decode()
        assert client_as("investigator").get(f"/deadlines/{secret.pk}/").status_code == 404
        assert "Secret thing" in client_as("command").get("/deadlines/").content.decode()
    finally:
        KINDS.pop("test.secret")


def test_command_extends_a_deadline_from_its_page(client_as, world, three):
    d = three["soon"]
    new_due = (date.today() + timedelta(days=30)).isoformat()
    response = client_as("command").post(f"/deadlines/{d.pk}/extend/", {"due_date": new_due, "reason": "tolling"})
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == Status.EXTENDED and d.due_local.date().isoformat() == new_due
    assert AuditEntry.objects.for_object(d).get(action="deadline.extended").actor_label == "command"
    page = client_as("command").get(f"/deadlines/{d.pk}/").content.decode()
    assert "tolling" in page and "deadline.extended" in page


def test_extension_without_reason_changes_nothing_and_says_why(client_as, three):
    d = three["soon"]
    response = client_as("command").post(f"/deadlines/{d.pk}/extend/", {"due_date": "2099-01-01", "reason": ""},
                                         follow=True)
    assert "Nothing was changed" in response.content.decode()
    d.refresh_from_db()
    assert d.status == Status.OPEN


def test_supervisor_cannot_meet_a_deadline_by_hand(client_as, three):
    d = three["soon"]
    assert client_as("supervisor").post(f"/deadlines/{d.pk}/meet/", {"note": "done"}).status_code == 403
    d.refresh_from_db()
    assert d.status == Status.OPEN


def test_api_lists_deadlines_overdue_first_and_meets_one(client_as, world, three):
    client = client_as("investigator")
    data = client.get("/api/deadlines/").json()
    assert [d["title"] for d in data] == ["Overdue thing", "Soon thing", "Later thing"]
    assert data[0]["overdue"] is True and data[0]["basis"] == "test rule for Overdue thing"
    assert client.get("/api/deadlines/", {"status": "bogus"}).status_code == 422
    response = client.post(f"/api/deadlines/{three['overdue'].pk}/meet", {"reason": "filed late"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "met"
    assert Deadline.objects.get(pk=three["overdue"].pk).met_late
    again = client.post(f"/api/deadlines/{three['overdue'].pk}/meet", {}, content_type="application/json")
    assert again.status_code == 422 and "already met" in again.json()["detail"]


def test_api_extension_must_move_later(client_as, three):
    d = three["soon"]
    response = client_as("command").post(f"/api/deadlines/{d.pk}/extend",
                                         {"due_date": "2000-01-01", "reason": "oops"},
                                         content_type="application/json")
    assert response.status_code == 422 and response.json()["field"] == "due"
