"""Entries appended together (a batch of re-evaluations) are the entries each ``record()``
would have appended alone: same content, own actor and time, chained in order, in the
transaction of their change; a failure writes none of them."""

from __future__ import annotations

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
