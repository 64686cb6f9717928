"""Opening, meeting, extending and cancelling deadlines: each audited, bad input refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from forcereview.audit.models import AuditEntry
from forcereview.deadlines import actions
from forcereview.deadlines.actions import DeadlineInvalid
from forcereview.deadlines.models import Deadline, Status

NOW = datetime(2019, 9, 1, 15, 0, tzinfo=UTC)


def open_one(world, kind="test.filing", **kw):
    params = dict(by=world.users["command"], agency=world.agency, kind=kind, target=world.patrol,
                  due=date(2019, 11, 25), title="File the thing",
                  basis="90 days after the occurrence on 2019-08-27 (test rule)",
                  assignee_role="investigator", remind_before=[timedelta(days=7), timedelta(days=1)], now=NOW)
    params.update(kw)
    return actions.open_deadline(**params)


def test_open_stores_the_end_of_the_local_day_in_utc_and_audits(world, test_kind):
    d = open_one(world)
    d.refresh_from_db()
    assert d.due_at == datetime(2019, 11, 26, 6, 59, 59, 999999, tzinfo=UTC)  # 23:59:59 MST
    assert d.due_local.strftime("%Y-%m-%d %H:%M") == "2019-11-25 23:59"
    assert d.status == Status.OPEN and d.target == world.patrol
    assert d.reminders == [7 * 86400, 86400]
    assert d.next_action_at == d.due_at - timedelta(days=7)
    entry = AuditEntry.objects.for_object(d).get(action="deadline.opened")
    assert entry.actor_label == "command" and entry.after["basis"].startswith("90 days after")


def test_due_date_is_read_in_the_agencys_own_time_zone(world, test_kind):
    from forcereview.records.actions import create_agency

    honolulu = create_agency(by=None, name="Honolulu", slug="hnl", timezone="Pacific/Honolulu")
    d = open_one(world, agency=honolulu, assignee_role="")
    assert d.due_at == datetime(2019, 11, 26, 9, 59, 59, 999999, tzinfo=UTC)


def test_unregistered_kind_is_refused_and_nothing_is_written(world):
    with pytest.raises(DeadlineInvalid, match="not a registered kind"):
        open_one(world, kind="nobody.registered")
    assert not Deadline.objects.exists()


@pytest.mark.parametrize("change,field", [
    ({"basis": " "}, "basis"),
    ({"title": ""}, "title"),
    ({"assignee_role": "sheriff"}, "assignee_role"),
    ({"remind_before": [timedelta(days=-1)]}, "remind_before"),
    ({"escalate_every": timedelta(0)}, "escalate_every"),
    ({"due": datetime(2019, 11, 25, 12, 0)}, "due"),
])
def test_bad_values_are_refused_by_name(world, test_kind, change, field):
    with pytest.raises(DeadlineInvalid) as info:
        open_one(world, **change)
    assert info.value.field == field
    assert not Deadline.objects.exists()


def test_assignee_from_another_agency_is_refused(world, test_kind):
    with pytest.raises(DeadlineInvalid, match="another agency"):
        open_one(world, assignee_user=world.users["outsider"])


def test_only_one_active_deadline_of_a_kind_per_target(world, test_kind):
    first = open_one(world)
    with pytest.raises(DeadlineInvalid, match="already has an open"):
        open_one(world)
    actions.cancel_deadline(first, by=world.users["command"], reason="withdrawn")
    assert open_one(world).pk != first.pk


def test_meet_records_when_and_whether_late(world, test_kind):
    d = open_one(world)
    on_time = actions.meet_deadline(d, by=world.users["investigator"], note="filed", at=NOW + timedelta(days=3))
    assert on_time.status == Status.MET and not on_time.met_late and on_time.next_action_at is None
    late = open_one(world, target=world.sro_unit)
    late = actions.meet_deadline(late, by=world.users["investigator"], at=datetime(2019, 11, 26, 8, 0, tzinfo=UTC))
    assert late.met_late
    entry = AuditEntry.objects.for_object(late).get(action="deadline.met")
    assert entry.after["late"] is True and entry.before == {"status": "open"}


def test_a_met_deadline_cannot_be_met_again(world, test_kind):
    d = actions.meet_deadline(open_one(world), by=world.users["investigator"])
    with pytest.raises(DeadlineInvalid, match="already met"):
        actions.meet_deadline(d, by=world.users["investigator"])


def test_extend_moves_the_deadline_later_keeps_the_first_date_and_reschedules(world, test_kind):
    d = open_one(world)
    d = actions.extend_deadline(d, by=world.users["command"], due=date(2020, 2, 24),
                                reason="claimant incapacitated 91 days (tolling)", now=NOW)
    d.refresh_from_db()
    assert d.status == Status.EXTENDED
    assert d.due_local.date() == date(2020, 2, 24)
    assert d.original_due_at.astimezone(d.tz).date() == date(2019, 11, 25)
    assert d.next_action_at == d.due_at - timedelta(days=7)
    entry = AuditEntry.objects.for_object(d).get(action="deadline.extended")
    assert entry.note.startswith("claimant incapacitated")


@pytest.mark.parametrize("due,reason,match", [
    (date(2019, 11, 20), "agreed", "later"),
    (date(2020, 1, 1), "  ", "why"),
])
def test_extension_needs_a_later_date_and_a_reason(world, test_kind, due, reason, match):
    d = open_one(world)
    with pytest.raises(DeadlineInvalid, match=match):
        actions.extend_deadline(d, by=world.users["command"], due=due, reason=reason)
    d.refresh_from_db()
    assert d.status == Status.OPEN and d.due_local.date() == date(2019, 11, 25)


def test_cancel_needs_a_reason_and_stops_processing(world, test_kind):
    d = open_one(world)
    with pytest.raises(DeadlineInvalid, match="why"):
        actions.cancel_deadline(d, by=world.users["command"], reason="")
    d = actions.cancel_deadline(d, by=world.users["command"], reason="claim withdrawn")
    assert d.status == Status.CANCELLED and d.next_action_at is None
    assert AuditEntry.objects.for_object(d).filter(action="deadline.cancelled").count() == 1


def test_deadline_opened_late_sends_only_the_latest_passed_reminder(world, test_kind):
    # Opened 3 days before due: the 7-day reminder goes out at once, the 1-day one later...
    d = open_one(world, now=datetime(2019, 11, 23, 12, 0, tzinfo=UTC))
    assert d.reminders_sent == 0 and d.next_action_at == d.due_at - timedelta(days=7)
    # ...and opened 12 hours before due, the 1-day reminder goes out at once, the 7-day one never.
    d2 = open_one(world, target=world.sro_unit, now=datetime(2019, 11, 25, 19, 0, tzinfo=UTC))
    assert d2.reminders_sent == 1 and d2.next_action_at == d2.due_at - timedelta(days=1)
    # Opened after the due time, reminders are pointless; the escalation is next.
    d3 = open_one(world, target=world.ps_unit, now=datetime(2019, 12, 1, tzinfo=UTC))
    assert d3.reminders_sent == 2 and d3.next_action_at == d3.due_at + timedelta(microseconds=1)
