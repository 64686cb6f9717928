"""Retention: what the purge would delete is listed first; holds, open cases and homicide
recordings are never deleted; each deletion is audited."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from forcereview.cli import main
from forcereview.evidence.actions import EvidenceRefused, add_evidence, lift_legal_hold, place_legal_hold, purge_item
from forcereview.evidence.hooks import RETENTION_BLOCKERS
from forcereview.evidence.models import EvidenceItem, Transcript
from forcereview.evidence.storage import get_store
from tests.evidence.conftest import evidence_audit, tone_wav

LONG_AGO = timezone.now() - timedelta(days=200)


def _item(incident, world, *, freq=440, days_ago=200, retention="non_evidentiary", name="cam.wav"):
    from forcereview.evidence.actions import Metadata

    meta = Metadata(recorded_start=timezone.now() - timedelta(days=days_ago), retention_class=retention)
    return add_evidence(incident, io.BytesIO(tone_wav(0.5, freq=freq)), by=world.users["officer"], name=name, meta=meta)


@pytest.fixture
def items(incident, world, media_tools):
    return {
        "old": _item(incident, world, freq=300, name="old.wav"),
        "recent": _item(incident, world, freq=310, days_ago=30, name="recent.wav"),
        "held": _item(incident, world, freq=320, name="held.wav"),
        "evidentiary": _item(incident, world, freq=330, retention="evidentiary", name="evid.wav"),
        "homicide": _item(incident, world, freq=340, retention="homicide", name="homicide.wav"),
    }


def test_purge_lists_before_it_deletes(items, world, capsys, django_capture_on_commit_callbacks):
    place_legal_hold(items["held"], by=world.users["investigator"], reason="civil claim 2019-77")

    assert main(["evidence", "purge"]) == 0
    out = capsys.readouterr().out
    assert "1 stored item(s) past their retention period (4 kept)" in out
    assert f"evidence #{items['old'].pk} old.wav" in out and "120-day period ended" in out
    assert "dry run: nothing deleted" in out
    assert get_store().exists(items["old"].sha256) and not evidence_audit("evidence.purged").exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert main(["evidence", "purge", "--yes"]) == 0
    assert "deleted 1 stored file(s)" in capsys.readouterr().out
    old = EvidenceItem.objects.get(pk=items["old"].pk)
    assert old.purged_at is not None and not get_store().exists(old.sha256)
    entry = evidence_audit("evidence.purged").get()
    assert entry.object_id == str(old.pk) and entry.before["sha256"] == old.sha256
    assert "non-evidentiary" in entry.note
    for key in ("recent", "held", "evidentiary", "homicide"):
        assert get_store().exists(items[key].sha256), key
    assert main(["evidence", "verify"]) == 0  # deleted items are not missing files


def test_evidentiary_recordings_wait_for_the_incident_to_close(items, incident, world):
    from forcereview.evidence.retention import decide
    from forcereview.records.actions import set_incident_status

    item = items["evidentiary"]
    assert not decide(item).due and "until incident" in decide(item).reason
    set_incident_status(incident, "closed", by=world.users["command"])
    item.refresh_from_db()
    assert decide(item).due
    homicide = EvidenceItem.objects.get(pk=items["homicide"].pk)
    assert not decide(homicide).due and "indefinitely" in decide(homicide).reason


def test_a_retention_blocker_keeps_an_item(items, capsys):
    blocked = items["old"].pk
    RETENTION_BLOCKERS.append(lambda item: "open case IA-2019-4" if item.pk == blocked else None)
    try:
        assert main(["evidence", "purge"]) == 0
        out = capsys.readouterr().out
        assert "held.wav" in out and "old.wav" not in out
        with pytest.raises(EvidenceRefused, match="open case IA-2019-4"):
            purge_item(items["old"], by="cli:test")
    finally:
        RETENTION_BLOCKERS.pop()
    assert get_store().exists(items["old"].sha256) and not evidence_audit("evidence.purged").exists()


def test_hold_placed_after_planning_still_wins(items, world):
    stale = EvidenceItem.objects.get(pk=items["old"].pk)
    place_legal_hold(items["old"], by=world.users["command"], reason="subpoena")
    with pytest.raises(EvidenceRefused, match="under legal hold: subpoena"):
        purge_item(stale, by="cli:test")
    assert EvidenceItem.objects.get(pk=stale.pk).purged_at is None


def test_purge_keeps_a_file_another_incident_still_uses(incident, other_incident, world, media_tools,
                                                       django_capture_on_commit_callbacks):
    from forcereview.evidence.actions import Metadata

    data = tone_wav(0.5, freq=555)
    meta = Metadata(recorded_start=LONG_AGO, retention_class="non_evidentiary")
    a = add_evidence(incident, io.BytesIO(data), by="cli:test", name="a.wav", meta=meta)
    add_evidence(other_incident, io.BytesIO(data), by="cli:test", name="b.wav", meta=Metadata(retention_class="homicide"))
    with django_capture_on_commit_callbacks(execute=True):
        purge_item(a, by="cli:test")
    assert get_store().exists(a.sha256)


def test_purge_removes_the_transcript_derived_from_the_recording(items, fake_speech, django_capture_on_commit_callbacks):
    from forcereview.evidence.tasks import run_job

    item = items["old"]
    with django_capture_on_commit_callbacks(execute=True):
        run_job(item.jobs.get().pk)
    assert Transcript.objects.filter(item=item).exists()
    # The analysis hears a bystander object, so the review policy holds the evidence; lift it.
    lift_legal_hold(item, by="cli:test", reason="test: purge past the policy's hold", key="review-policy")
    purge_item(item, by="cli:test")
    assert not Transcript.objects.filter(item=item).exists()
