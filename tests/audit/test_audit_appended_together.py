"""Entries appended together (a batch of re-evaluations) are the entries each ``record()``
would have appended alone: same content, own actor and time, chained in order, in the
transaction of their change; a failure writes none of them."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from forcereview.audit import triggers
from forcereview.audit.actions import appended_together, record
from forcereview.audit.models import AuditChainHead, AuditEntry
from forcereview.audit.verify import verify_chain


def _entries_after(newest: int) -> list[tuple]:
    return list(AuditEntry.objects.filter(pk__gt=newest).order_by("pk").values_list(
        "action", "actor_id", "actor_label", "object_type", "object_id", "before", "after", "note"))


def _three(world):
    record("officer.viewed", world.officer, by=None, note="first")
    record("officer.updated", world.officer, by=world.users["command"], before={"rank": "officer"},
           after={"rank": "sergeant"})
    record("incident.noted", by="cli", object_type="records.incident", object_id="7", after={"n": [1, 2]})


def test_entries_appended_together_are_those_recorded_one_by_one_and_chain(world):
    newest = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    with transaction.atomic():
        _three(world)
        one_by_one = _entries_after(newest)
        transaction.set_rollback(True)

    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries, appended_together():
            _three(world)
            assert _entries_after(newest) == []  # written when the block ends
    head_updates = [q for q in queries if "audit_auditchainhead" in q["sql"] and q["sql"].startswith("UPDATE")]
    assert len(head_updates) == 1
    assert _entries_after(newest) == one_by_one
    last = AuditEntry.objects.order_by("-pk").first()
    assert AuditChainHead.objects.get().last_hash == last.hash
    assert verify_chain().ok


def test_a_failure_inside_the_block_appends_nothing(world):
    count, head = AuditEntry.objects.count(), AuditChainHead.objects.get().last_hash
    with pytest.raises(ZeroDivisionError), transaction.atomic(), appended_together():
        _three(world)
        1 / 0
    assert AuditEntry.objects.count() == count
    assert AuditChainHead.objects.get().last_hash == head


def test_the_block_is_refused_outside_a_transaction(transactional_db):
    with pytest.raises(RuntimeError, match="inside the transaction"), appended_together():
        pass


def test_a_changed_entry_appended_together_is_caught(world):
    with transaction.atomic(), appended_together():
        _three(world)
    target = AuditEntry.objects.get(action="officer.updated", note="")
    with triggers.suspended(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEntry._meta.db_table} SET after = %s WHERE id = %s",
                       ['{"rank": "chief"}', target.pk])
    report = verify_chain()
    assert not report.ok and report.broken_id == target.pk


def _new_unit_and_officers(world):
    """A unit and two officers in it, made the way an action inside the block makes rows:
    ``insert``, then the entry, whose ``after`` names ids known once the rows are inserted."""
    from forcereview.audit.actions import insert, save_fields
    from forcereview.records.models import Officer, Unit

    unit = Unit(agency=world.agency, name="Traffic", kind="patrol")
    insert(unit)
    record("unit.created", unit, by=None, after={"name": unit.name})
    for badge in ("501", "502"):
        officer = Officer(agency=world.agency, unit=unit, first_name="Lee", last_name=f"Badge {badge}",
                          badge_number=badge, hire_date=date(2020, 1, 6))
        insert(officer)
        record("officer.created", officer, by=None, after=lambda o=officer: {"id": o.pk, "unit": o.unit_id})
    unit.name = "Traffic Enforcement"
    save_fields(unit, ["name"])
    record("unit.renamed", unit, by=None, after={"name": unit.name})


def _written_after(newest: int, newest_unit: int, newest_officer: int):
    """The new units, officers and entries, with each id written as the row's place among the
    new rows of its table (PostgreSQL does not give back ids of a rolled-back transaction)."""
    from forcereview.records.models import Officer, Unit

    units = list(Unit.objects.filter(pk__gt=newest_unit).order_by("pk").values("id", "name"))
    officers = list(Officer.objects.filter(pk__gt=newest_officer).order_by("pk").values("id", "unit_id", "badge_number"))
    place = {"unit": {u["id"]: f"unit {n}" for n, u in enumerate(units)},
             "officer": {o["id"]: f"officer {n}" for n, o in enumerate(officers)}}
    units = [{**u, "id": place["unit"][u["id"]]} for u in units]
    officers = [{**o, "id": place["officer"][o["id"]], "unit_id": place["unit"][o["unit_id"]]} for o in officers]
    entries = []
    for action, *rest, object_type, object_id, before, after, note in _entries_after(newest):
        kind = object_type.partition(".")[2]
        if action == "officer.created":
            after = {"id": place["officer"][after["id"]], "unit": place["unit"][after["unit"]]}
        entries.append((action, *rest, object_type, place[kind][int(object_id)], before, after, note))
    return units, officers, entries


def test_rows_inserted_in_the_block_are_inserted_together_and_their_entries_name_their_ids(world):
    from forcereview.records.models import Officer, Unit

    newest = (AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first(),
              Unit.objects.order_by("-pk")[0].pk, Officer.objects.order_by("-pk")[0].pk)
    with transaction.atomic():
        _new_unit_and_officers(world)
        one_by_one = _written_after(*newest)
        transaction.set_rollback(True)

    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries, appended_together():
            _new_unit_and_officers(world)
            assert _written_after(*newest) == ([], [], [])  # inserted when the block ends
        together = _written_after(*newest)
    inserted = [q["sql"].split()[2].strip('"') for q in queries if q["sql"].startswith("INSERT")]
    assert [table for table in inserted if table.startswith("records_")] == ["records_unit", "records_officer"]
    assert together == one_by_one
    units, officers, entries = together
    assert units == [{"id": "unit 0", "name": "Traffic Enforcement"}]
    assert [o["unit_id"] for o in officers] == ["unit 0", "unit 0"]
    assert [e[6] for e in entries if e[0] == "officer.created"] == [
        {"id": "officer 0", "unit": "unit 0"}, {"id": "officer 1", "unit": "unit 0"}]
    assert verify_chain().ok


def test_a_failure_inside_the_block_inserts_no_row(world):
    from forcereview.records.models import Unit

    count = Unit.objects.count()
    with pytest.raises(ZeroDivisionError), transaction.atomic(), appended_together():
        _new_unit_and_officers(world)
        1 / 0
    assert Unit.objects.count() == count
