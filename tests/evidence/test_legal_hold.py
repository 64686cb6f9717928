"""Legal holds: placed and lifted by investigators and command, each audited."""

from __future__ import annotations

import io

import pytest

from forcereview.evidence.actions import add_evidence, lift_legal_hold, place_incident_hold, place_legal_hold
from forcereview.evidence.models import LegalHold
from tests.evidence.conftest import evidence_audit, tone_wav


@pytest.fixture
def item(incident, world, media_tools):
    return add_evidence(incident, io.BytesIO(tone_wav(0.5)), by=world.users["officer"], name="cam.wav")


def test_investigator_places_and_lifts_a_hold_on_the_page(client_as, item):
    client = client_as("investigator")
    response = client.post(f"/evidence/{item.pk}/hold/", {"reason": "notice of claim 2019-77"})
    assert response.status_code == 302
    hold = LegalHold.objects.get(item=item)
    assert hold.is_active and hold.placed_by_label == "investigator"
    assert evidence_audit("evidence.hold_placed").get().after["reason"] == "notice of claim 2019-77"
    page = client.get(f"/evidence/{item.pk}/").content.decode()
    assert "notice of claim 2019-77" in page

    client.post(f"/evidence/{item.pk}/hold/{hold.pk}/lift/", {"reason": "claim settled"})
    hold.refresh_from_db()
    assert not hold.is_active and hold.lift_reason == "claim settled"
    lifted = evidence_audit("evidence.hold_lifted").get()
    assert lifted.actor_label == "investigator" and lifted.after["lift_reason"] == "claim settled"
    custody = client.get(f"/evidence/{item.pk}/custody/").content.decode()
    assert f"hold #{hold.pk}: notice of claim 2019-77" in custody
    assert f"hold #{hold.pk} (“notice of claim 2019-77”) lifted: claim settled" in custody


@pytest.mark.parametrize("persona", ["officer", "supervisor", "auditor"])
def test_other_roles_cannot_place_holds(client_as, item, persona):
    response = client_as(persona).post(f"/evidence/{item.pk}/hold/", {"reason": "mine"})
    assert response.status_code == 403
    assert not LegalHold.objects.exists() and not evidence_audit("evidence.hold_placed").exists()


def test_hold_through_the_api(client, world, item):
    from forcereview.accounts.actions import issue_token

    _, token = issue_token(world.users["command"], by=None, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    placed = client.post(f"/api/evidence/{item.pk}/holds", {"reason": "litigation"}, content_type="application/json", **auth)
    assert placed.status_code == 201
    assert client.get(f"/api/evidence/{item.pk}", **auth).json()["legal_hold"] is True
    empty = client.post(f"/api/evidence/{item.pk}/holds", {"reason": " "}, content_type="application/json", **auth)
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "reason"
    lifted = client.post(f"/api/evidence/{item.pk}/holds/{placed.json()['id']}/lift", {"reason": "done"},
                         content_type="application/json", **auth)
    assert lifted.status_code == 200 and lifted.json()["lift_reason"] == "done"


def test_keyed_holds_are_placed_once_and_lifted_alone(item, world):
    by = world.users["investigator"]
    claim = place_legal_hold(item, by=by, reason="civil claim 12", key="civil_claim:12")
    assert place_legal_hold(item, by=by, reason="civil claim 12", key="civil_claim:12") == claim
    ia = place_legal_hold(item, by=by, reason="IA investigation")
    lift_legal_hold(item, by=by, reason="claim closed", key="civil_claim:12")
    assert list(LegalHold.objects.filter(lifted_at__isnull=True)) == [ia]
    assert evidence_audit("evidence.hold_placed").count() == 2


def test_incident_hold_covers_every_item(incident, item, world):
    second = add_evidence(incident, io.BytesIO(tone_wav(0.5, freq=200)), by=world.users["officer"], name="b.wav")
    holds = place_incident_hold(incident, by=world.users["command"], reason="policy rule R7", key="policy:R7")
    assert {h.item_id for h in holds} == {item.pk, second.pk}
