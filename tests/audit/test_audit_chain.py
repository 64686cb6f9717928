"""The audit log is append-only and tamper-evident."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from forcereview.audit import triggers
from forcereview.audit.actions import record
from forcereview.audit.models import AppendOnlyError, AuditEntry
from forcereview.audit.verify import verify_chain
from forcereview.cli import main as cli_main


def test_every_write_of_the_fixture_world_is_chained(world):
    report = verify_chain()
    assert report.ok, report.problem
    assert report.checked == AuditEntry.objects.count() > 10
    first = AuditEntry.objects.order_by("id").first()
    assert first.prev_hash == "0" * 64


def test_entry_records_actor_object_and_values(world):
    entry = AuditEntry.objects.filter(action="officer.created").for_object(world.officer).get()
    assert entry.after["badge_number"] == "101"
    assert entry.agency_id == world.agency.pk
    assert entry.actor_label == "system"


def test_orm_refuses_to_change_or_delete_entries(world):
    entry = AuditEntry.objects.first()
    entry.note = "edited"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(note="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_database_refuses_raw_update_and_delete(world):
    table = AuditEntry._meta.db_table
    for sql in (f"UPDATE {table} SET note = 'x'", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert verify_chain().ok


def test_entries_are_refused_outside_the_transaction_of_their_change(transactional_db):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        record("incident.viewed", by=None, object_type="records.incident", object_id="1")
    assert not AuditEntry.objects.exists()


def _tamper(sql: str, *params) -> None:
    with triggers.suspended():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_verify_names_the_first_changed_entry(world, capsys):
    target = AuditEntry.objects.order_by("id")[5]
    _tamper(f"UPDATE {AuditEntry._meta.db_table} SET actor_label = %s WHERE id = %s", "someone-else", target.id)

    report = verify_chain()
    assert not report.ok
    assert report.broken_id == target.id
    assert "changed" in report.problem

    assert cli_main(["audit", "verify"]) == 1
    assert f"#{target.id}" in capsys.readouterr().err


def test_verify_detects_a_removed_entry(world):
    target = AuditEntry.objects.order_by("id")[3]
    _tamper(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", target.id)
    report = verify_chain()
    assert report.broken_id == target.id
    assert "missing" in report.problem


def test_verify_detects_removal_of_the_newest_entries(world):
    last = AuditEntry.objects.order_by("-id").first()
    _tamper(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", last.id)
    assert not verify_chain().ok


def test_verify_passes_on_an_intact_log(world, capsys):
    assert cli_main(["audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out


def test_the_hash_covers_the_canonical_form_of_the_whole_entry():
    """Writers that encode before and after once (bulk import) hash exactly what the verifier
    re-computes: SHA-256 of the previous hash and the canonical JSON of the entry."""
    import hashlib
    from datetime import datetime, timezone
    from decimal import Decimal

    from forcereview.audit.actions import _Encoder
    from forcereview.audit.chain import EntryHasher, canonical, entry_hash

    at = datetime(2024, 3, 5, 14, 30, tzinfo=timezone.utc)
    after = {"number": "Ö-1", "officers": [{"badge": "7", "claims": []}], "when": at, "lat": Decimal("35.1")}
    stored, after_text = _Encoder()(after)
    assert stored["when"] == str(at) and after_text == canonical(stored)
    shared = dict(at=at, actor_id=None, actor_label="command line (me)")
    entry = dict(prev_hash="ab" * 32, entry_id=12, agency_id=3, action="incident.imported",
                 object_type="records.incident", object_id="9", note="")
    body = canonical({"id": 12, "at": at.isoformat(timespec="microseconds"), "actor": None,
                      "actor_label": "command line (me)", "agency": 3, "action": "incident.imported",
                      "object": "records.incident:9", "before": None, "after": stored, "note": ""})
    expected = hashlib.sha256(("ab" * 32 + body).encode("utf-8")).hexdigest()
    assert entry_hash(**shared, **entry, before=None, after=stored) == expected
    hasher = EntryHasher(**shared)
    assert hasher.hash(**entry, before_text="null", after_text=after_text) == expected
    assert hasher.hash(**entry, before_text="null", after_text=after_text) == expected  # texts it keeps
