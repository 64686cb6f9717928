"""Cases and evidence: what the recordings show on the case page and in the case file, a
legal hold on every item of an incident with a civil claim, and nothing deleted while a case
is open."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from forcereview.evidence.actions import add_evidence, lift_legal_hold, place_legal_hold
from forcereview.evidence.models import Analysis, LegalHold
from forcereview.evidence.retention import decide

TRANSCRIPT = (b"OFFICER (Miller): Stop resisting! Get on the ground!\n"
              b"BYSTANDER (Pat Admin): She is not a threat! She is eleven!\n"
              b"SUBJECT (Jane): I'm not resisting, you're hurting me!\n")


@pytest.fixture
def item(ia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = add_evidence(ia.incident, io.BytesIO(TRANSCRIPT), by=ia.users["officer"], name="bodycam.txt")
    return item


def test_case_page_api_and_file_show_what_the_recording_shows(ia, item, signed_in, open_school_case):
    assert Analysis.objects.filter(item=item).exists()
    case = open_school_case()
    page = signed_in("investigator").get(f"/cases/{case.pk}/").content.decode()
    assert f"#{item.pk} bodycam.txt" in page and "She is not a threat! She is eleven!" in page
    data = signed_in("command").get(f"/api/cases/{case.pk}").json()
    [ev] = data["evidence"]
    assert ev["id"] == item.pk and ev["risk"]["level"] in ("low", "elevated", "high")
    assert any(sig["category"] == "bystander_objection" for sig in ev["signals"])
    pdf = signed_in("command").get(f"/cases/{case.pk}/file.pdf").content
    text = re.sub(r"\s+", " ", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "Evidence and what the recordings show" in text and "She is not a threat!" in text


def test_evidence_of_another_incident_can_be_named_in_the_case(ia, signed_in, open_school_case,
                                                              django_capture_on_commit_callbacks):
    from forcereview.records.actions import create_incident
    from tests.conftest import report

    other = create_incident(ia.agency, report(number="2019-0827-002"), by=ia.users["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        phone = add_evidence(other, io.BytesIO(b"BYSTANDER (Parent): Let her go!\n"), by=ia.users["command"],
                             name="parent-phone.txt")
    case = open_school_case()
    inv = signed_in("investigator")
    r = inv.post(f"/cases/{case.pk}/evidence/", {"item": phone.pk, "note": "a parent's phone video"})
    assert r.status_code == 302
    assert case.evidence_links.get().item == phone
    r = inv.post(f"/cases/{case.pk}/evidence/", {"item": 999999})
    assert r.status_code == 422 and "no evidence #999999" in r.content.decode()
    data = signed_in("command").get(f"/api/cases/{case.pk}").json()
    assert [e["named_in_case"] for e in data["evidence"]] == [True]
    # Named evidence is kept while the case is open, even though its own incident has no case.
    # (The review policy holds it too, force on a child; lift that hold to see the case's veto.)
    lift_legal_hold(phone, by=ia.users["command"], reason="test: see the case's veto", key="review-policy")
    assert f"open internal-affairs case {case.number}" in decide(phone).reason


def test_nothing_is_deleted_while_a_case_on_the_incident_is_open(ia, item, open_school_case, settings):
    from forcereview.cases.actions.cases import close_case

    case = open_school_case()
    # The review policy also holds this evidence (force on a child); lift that hold to see the case's veto.
    lift_legal_hold(item, by=ia.users["command"], reason="test: see the case's veto", key="review-policy")
    decision = decide(item)
    assert not decision.due and decision.reason == f"the incident is part of open internal-affairs case {case.number}"
    close_case(case, by=ia.users["command"], note="No misconduct found.")
    assert "internal-affairs" not in decide(item).reason


def test_a_claim_holds_every_item_and_its_outcome_lifts_only_its_own_hold(ia, item, api):
    other_hold = place_legal_hold(item, by=ia.users["investigator"], reason="the review board asked", key="board")
    cmd = api("command")
    claim = cmd.post("/api/cases/claims", {"incident": ia.incident.number, "claimant_name": "Parent",
                                           "received_on": "2019-10-15"}).json()
    hold = LegalHold.objects.get(item=item, key=f"civil_claim:{claim['id']}")
    assert hold.is_active and hold.reason == f"civil claim {claim['id']} received 2019-10-15"
    assert decide(item).due is False
    cmd.post(f"/api/cases/claims/{claim['id']}/outcome", {"outcome": "dismissal", "on": "2020-06-01"})
    hold.refresh_from_db()
    other_hold.refresh_from_db()
    assert not hold.is_active and "claim closed: dismissal" in hold.lift_reason
    assert other_hold.is_active


def test_claim_on_an_incident_without_evidence_still_records(ia, api):
    r = api("command").post("/api/cases/claims", {"incident": ia.incident.number, "claimant_name": "Parent",
                                                  "received_on": (date(2019, 8, 27) + timedelta(days=1)).isoformat()})
    assert r.status_code == 201 and not LegalHold.objects.exists()
