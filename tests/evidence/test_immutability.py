"""A stored item's file facts never change, through the ORM or below it."""

from __future__ import annotations

import io

import pytest
from django.db import DatabaseError, connection, transaction

from forcereview.evidence.actions import add_evidence, update_metadata
from forcereview.evidence.models import EvidenceItem, ImmutableFieldError
from tests.evidence.conftest import evidence_audit, tone_wav


@pytest.fixture
def item(incident, world, media_tools):
    return add_evidence(incident, io.BytesIO(tone_wav(0.5)), by=world.users["officer"], name="cam.wav")


def test_orm_refuses_to_change_the_hash_or_delete(item):
    row = EvidenceItem.objects.get(pk=item.pk)
    row.sha256 = "0" * 64
    with pytest.raises(ImmutableFieldError, match="sha256"):
        row.save()
    with pytest.raises(ImmutableFieldError):
        EvidenceItem.objects.get(pk=item.pk).delete()


def test_database_refuses_a_raw_update_of_the_hash(item):
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE evidence_evidenceitem SET sha256 = %s WHERE id = %s", ["f" * 64, item.pk])
    assert EvidenceItem.objects.get(pk=item.pk).sha256 == item.sha256


def test_metadata_can_be_corrected_with_an_audit_entry(item, world):
    update_metadata(item, by=world.users["supervisor"], camera_serial="AXON-9")
    assert EvidenceItem.objects.get(pk=item.pk).camera_serial == "AXON-9"
    entry = evidence_audit("evidence.metadata_changed").get()
    assert entry.before == {"camera_serial": ""} and entry.after == {"camera_serial": "AXON-9"}
