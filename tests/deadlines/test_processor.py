"""The processor: reminders before, escalation after, each step exactly once."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest

from forcereview.audit.models import AuditEntry
from forcereview.cli import main as cli_main
from forcereview.deadlines import actions, processor
from forcereview.deadlines.models import Deadline, Status

OPENED = datetime(2019, 9, 1, 15, 0, tzinfo=UTC)
DUE_END = datetime(2019, 11, 26, 6, 59, 59, 999999, tzinfo=UTC)  # end of 25 Nov 2019 in Denver


def open_one(world, kind="test.filing", target=None, **kw):
    params = dict(by=world.users["command"], agency=world.agency, kind=kind, target=target or world.patrol,
                  due=date(2019, 11, 25), title="File the thing", basis="test rule",
                  assignee_user=world.users["investigator"],
                  remind_before=[timedelta(days=7), timedelta(days=1)], now=OPENED)
    params.update(kw)
    return actions.open_deadline(**params)


def test_reminders_then_escalations_at_their_times(world, test_kind, calls):
    d = open_one(world)
    assert str(processor.run(now=DUE_END - timedelta(days=8))) == "0 reminders sent, 0 escalations"
    assert processor.run(now=DUE_END - timedelta(days=7)).reminded == 1
    assert processor.run(now=DUE_END - timedelta(days=6)).reminded == 0
    assert processor.run(now=DUE_END - timedelta(hours=20)).reminded == 1
    assert processor.run(now=DUE_END).escalated == 0  # not past due until the next local midnight
    assert processor.run(now=DUE_END + timedelta(seconds=1)).escalated == 1
    d.refresh_from_db()
    assert d.status == Status.MISSED and d.escalation_level == 1 and d.missed_at is not None
    assert processor.run(now=DUE_END + timedelta(days=1, seconds=1)).escalated == 1
    assert processor.run(now=DUE_END + timedelta(days=2, seconds=1)).escalated == 1
    assert processor.run(now=DUE_END + timedelta(days=30)).escalated == 0  # max_escalations = 3
    assert calls == [("remind", d.pk, 1), ("remind", d.pk, 2),
                     ("escalate", d.pk, 1), ("escalate", d.pk, 2), ("escalate", d.pk, 3)]
    d.refresh_from_db()
    assert d.next_action_at is None
    actions_logged = list(AuditEntry.objects.for_object(d).values_list("action", flat=True))
    assert actions_logged == ["deadline.opened", "deadline.reminded", "deadline.reminded",
                              "deadline.escalated", "deadline.escalated", "deadline.escalated"]


def test_a_run_after_days_of_downtime_sends_one_step_not_every_missed_one(world, test_kind, calls):
    d = open_one(world)
    result = processor.run(now=DUE_END + timedelta(days=1, hours=1))
    assert (result.reminded, result.escalated) == (0, 1)
    assert calls == [("escalate", d.pk, 2)]
    d.refresh_from_db()
    assert d.escalation_level == 2 and d.next_action_at == DUE_END + timedelta(days=2, microseconds=1)


def test_met_and_cancelled_deadlines_are_left_alone(world, test_kind, calls):
    actions.meet_deadline(open_one(world), by=world.users["investigator"])
    actions.cancel_deadline(open_one(world, target=world.sro_unit), by=world.users["command"], reason="withdrawn")
    assert processor.run(now=DUE_END + timedelta(days=5)).escalated == 0
    assert calls == []


def test_two_workers_holding_the_same_row_act_once(world, test_kind, calls):
    open_one(world)
    now = DUE_END + timedelta(seconds=1)
    first, second = Deadline.objects.get(), Deadline.objects.get()  # both read before either acts
    assert processor.process_one(first, now) == "escalate"
    assert processor.process_one(second, now) == "skipped"
    assert len(calls) == 1
    assert AuditEntry.objects.filter(action="deadline.escalated").count() == 1


def test_concurrent_runs_escalate_each_deadline_once(transactional_db, world, test_kind, calls):
    from django.db import connection

    if connection.vendor == "sqlite":
        # The SQLite test database lives in shared-cache memory, whose table locks ignore the
        # busy timeout; a deployment's SQLite file waits instead. The stale-row test above
        # covers the claim on SQLite; CI runs this one on PostgreSQL.
        pytest.skip("two connections at once need PostgreSQL (SQLite runs the stale-row test)")
    for unit in (world.patrol, world.sro_unit, world.ps_unit):
        open_one(world, target=unit)
    now = DUE_END + timedelta(seconds=1)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        from django.db import connection

        try:
            barrier.wait()
            results.append(processor.run(now=now))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(r.escalated for r in results) == 3
    assert sorted(c[1] for c in calls) == sorted(Deadline.objects.values_list("pk", flat=True))
    assert AuditEntry.objects.filter(action="deadline.escalated").count() == 3


def test_a_failing_handler_rolls_back_and_is_retried(world, test_kind, calls):
    from forcereview.deadlines.registry import KINDS, DeadlineKind, register

    def broken(d, level):
        raise RuntimeError("mail server on fire")

    register(DeadlineKind("test.broken", "Broken", escalate=broken))
    try:
        bad = open_one(world, kind="test.broken", remind_before=[])
        good = open_one(world, target=world.sro_unit, remind_before=[])
        result = processor.run(now=DUE_END + timedelta(seconds=1))
        assert result.escalated == 1 and result.failed == [(bad.pk, "RuntimeError: mail server on fire")]
        bad.refresh_from_db()
        assert bad.escalation_level == 0 and bad.status == Status.OPEN
        assert not AuditEntry.objects.for_object(bad).filter(action="deadline.escalated").exists()
        good.refresh_from_db()
        assert good.status == Status.MISSED
    finally:
        KINDS.pop("test.broken")
    register(DeadlineKind("test.broken", "Fixed", escalate=lambda d, n: calls.append(("fixed", d.pk, n))))
    try:
        assert processor.run(now=DUE_END + timedelta(seconds=2)).escalated == 1
    finally:
        KINDS.pop("test.broken")


def test_default_handlers_email_the_assignee_and_command(world, plain_kind, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    for name in ("investigator", "command"):
        world.users[name].email = f"{name}@mesa.example"
        world.users[name].save()
    open_one(world, kind="test.plain", remind_before=[timedelta(days=2)])
    with django_capture_on_commit_callbacks(execute=True):
        processor.run(now=DUE_END - timedelta(days=1))
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["investigator@mesa.example"]
    assert mailoutbox[0].subject == "Due 2019-11-25: File the thing"
    with django_capture_on_commit_callbacks(execute=True):
        processor.run(now=DUE_END + timedelta(minutes=1))
    assert mailoutbox[1].subject.startswith("OVERDUE (level 1)")
    assert mailoutbox[1].to == ["command@mesa.example", "investigator@mesa.example"]


def test_cli_runs_the_processor(world, test_kind, calls, capsys):
    d = open_one(world)
    code = cli_main(["deadlines", "run", "--now", "2019-11-26T00:00:00-07:00"])
    assert code == 0
    assert capsys.readouterr().out.strip() == "deadlines: 0 reminders sent, 1 escalations"
    assert calls == [("escalate", d.pk, 1)]
    d.refresh_from_db()
    assert d.status == Status.MISSED


def test_cli_refuses_a_time_without_zone(capsys):
    with pytest.raises(SystemExit) as info:
        cli_main(["deadlines", "run", "--now", "2019-11-27T00:00:00"])
    assert info.value.code == 2
    assert "needs a time zone offset" in capsys.readouterr().err
