"""Who sees a case. The officer under investigation, and officers of the same unit, see
nothing of it, not even that it exists (404 everywhere: pages, API, deadlines, audit log).
Investigators and command see it; auditors see de-identified summaries; the criminal team
never sees compelled statements."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from forcereview.accounts.actions import create_user
from forcereview.cases.actions.cases import add_log_entry, add_to_criminal_team
from forcereview.cases.actions.findings import add_allegation
from forcereview.records.actions import create_officer


@pytest.fixture
def case(ia, open_school_case):
    case = open_school_case()
    inv = ia.users["investigator"]
    add_log_entry(case, by=inv, kind="interview", occurred_at=timezone.now(), interviewee_officer=ia.officer,
                  interviewer=inv, advisement="garrity", summary="COMPELLED-WORDS the girl pulled away")
    add_log_entry(case, by=inv, kind="interview", occurred_at=timezone.now(), interviewee_name="Pat Admin",
                  interviewer=inv, summary="VOLUNTARY-WORDS she was no threat")
    add_allegation(case, by=inv, officer=ia.officer, category="excessive_force", policy_section="Policy 300.3",
                   description="Takedown of a child.")
    return case


def _user_for(ia, name, role, unit, badge):
    officer = create_officer(ia.agency, by=None, first_name=name, last_name="Test", badge_number=badge,
                             hire_date=ia.officer.hire_date, unit=unit, rank="sergeant")
    return create_user(by=None, username=name, password="x-long-password", role=role, agency=ia.agency,
                       officer=officer)


def _pages(case):
    return [f"/cases/{case.pk}/", f"/cases/{case.pk}/file.pdf", f"/api/cases/{case.pk}"]


def test_investigator_and_command_see_the_case(ia, signed_in, case):
    for role in ("investigator", "command"):
        client = signed_in(role)
        assert client.get(f"/cases/{case.pk}/").status_code == 200
        assert client.get(f"/api/cases/{case.pk}").json()["number"] == case.number
        assert case.number in client.get("/cases/").content.decode()


def test_the_officer_under_investigation_sees_nothing_even_with_an_investigator_role(ia, signed_in, case):
    # Promote the subject officer's login to investigator: the case still does not exist for him.
    from forcereview.accounts.actions import change_role

    change_role(ia.users["officer"], "investigator", by=None)
    client = signed_in("officer")
    for url in _pages(case):
        assert client.get(url).status_code == 404, url
    assert case.number not in client.get("/cases/").content.decode()
    assert client.get("/api/cases/").json() == []
    assert "IA-" not in client.get("/deadlines/").content.decode()
    assert client.get(f"/incidents/{ia.incident.pk}/").status_code == 200
    assert case.number not in client.get(f"/incidents/{ia.incident.pk}/").content.decode()


def test_an_officer_of_the_same_unit_sees_nothing(ia, signed_in, case):
    # Same unit as the subject officer (School Resource Unit), with an investigator's role.
    unit_mate = _user_for(ia, "unitmate", "investigator", ia.sro_unit, "150")
    from django.test import Client

    client = Client()
    client.force_login(unit_mate)
    for url in _pages(case):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/cases/").json() == []
    # An investigator of another unit sees it.
    other = _user_for(ia, "elsewhere", "investigator", ia.ps_unit, "151")
    client.force_login(other)
    assert client.get(f"/cases/{case.pk}/").status_code == 200


def test_command_in_the_reviewers_unit_sees_nothing_and_the_audit_log_hides_the_case(ia, signed_in, case):
    # The reviewer under review (the sergeant) is in Patrol A; so is this lieutenant in command.
    lieutenant = create_user(by=None, username="lt", password="x-long-password", role="command", agency=ia.agency,
                             officer=ia.lieutenant)
    from django.test import Client

    client = Client()
    client.force_login(lieutenant)
    for url in _pages(case):
        assert client.get(url).status_code == 404, url
    log = client.get("/audit/").content.decode()
    assert "case.opened" not in log and case.number not in log
    assert "case.opened" in signed_in("command").get("/audit/?action=case.opened").content.decode()


def test_other_roles_and_agencies_are_kept_out(ia, signed_in, case):
    for role in ("officer", "supervisor", "admin"):
        client = signed_in(role)
        assert client.get(f"/cases/{case.pk}/").status_code == 403
        assert client.get(f"/api/cases/{case.pk}").status_code == 403
    outsider = signed_in("outsider")  # a supervisor elsewhere; give them command to be sure
    from forcereview.accounts.actions import change_role

    change_role(ia.users["outsider"], "command", by=None)
    assert outsider.get(f"/cases/{case.pk}/").status_code == 404
    assert outsider.get(f"/api/cases/{case.pk}").status_code == 404


def test_auditors_see_a_de_identified_summary_only(ia, signed_in, case):
    client = signed_in("auditor")
    assert client.get(f"/cases/{case.pk}/").status_code == 403
    page = client.get(f"/cases/summaries/{case.pk}/").content.decode()
    assert case.number in page and "Officer A" in page and "Excessive or unreasonable force" in page
    for name in ("Miller", "Rivera", "Jane Doe", "Zach"):
        assert name not in page
    data = client.get(f"/api/cases/summaries/{case.pk}").json()
    assert data["allegations"][0]["officer"] == "Officer A"
    assert "Miller" not in str(data)


def test_criminal_team_never_sees_compelled_statements(ia, signed_in, case):
    detective = _user_for(ia, "detective", "investigator", ia.ps_unit, "152")
    add_to_criminal_team(case, detective, by=ia.users["command"])
    from django.test import Client

    client = Client()
    client.force_login(detective)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "VOLUNTARY-WORDS" in page
    assert "COMPELLED-WORDS" not in page
    assert "Withheld: you work the criminal side" in page
    data = client.get(f"/api/cases/{case.pk}").json()
    assert data["compelled_withheld"] is True
    assert all(not e["compelled"] for e in data["log"]) and len(data["log"]) == 1
    pdf = client.get(f"/cases/{case.pk}/file.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "VOLUNTARY-WORDS" in text and "COMPELLED-WORDS" not in text
    # The administrative investigator still sees both.
    admin_page = signed_in("investigator").get(f"/cases/{case.pk}/").content.decode()
    assert "COMPELLED-WORDS" in admin_page and "VOLUNTARY-WORDS" in admin_page


def test_a_member_of_the_criminal_team_cannot_take_a_compelled_statement(ia, case):
    from forcereview.cases.actions import CaseInvalid

    detective = ia.users["command"]
    add_to_criminal_team(case, detective, by=ia.users["command"])
    with pytest.raises(CaseInvalid, match="criminal team"):
        add_log_entry(case, by=detective, kind="interview", occurred_at=timezone.now(),
                      interviewee_officer=ia.officer, interviewer=detective, advisement="garrity", summary="x")


def test_a_complaint_that_led_to_a_case_about_the_reader_is_hidden_from_them(ia, signed_in):
    from forcereview.accounts.actions import change_role
    from forcereview.cases.actions.cases import open_case
    from forcereview.cases.actions.complaints import Submission, submit_complaint

    complaint = submit_complaint(ia.agency, Submission(what_happened="Pushed a student.", where="School",
                                                       fill_seconds=60), address="198.51.100.7")
    open_case(ia.agency, by=ia.users["investigator"], title="Complaint about the SRO", source="complaint",
              complaint=complaint, officers=[(ia.officer, "subject")])
    change_role(ia.users["officer"], "investigator", by=None)
    client = signed_in("officer")
    assert client.get(f"/cases/complaints/{complaint.pk}/").status_code == 404
    assert complaint.tracking_number not in client.get("/cases/complaints/?view=all").content.decode()
    assert signed_in("investigator").get(f"/cases/complaints/{complaint.pk}/").status_code == 200


def test_only_command_is_offered_to_record_a_claim_from_the_incident_page(ia, signed_in):
    offer = f"/cases/claims/new/?incident={ia.incident.pk}"
    assert offer not in signed_in("investigator").get(f"/incidents/{ia.incident.pk}/").content.decode()
    assert signed_in("investigator").get(offer).status_code == 403
    assert offer in signed_in("command").get(f"/incidents/{ia.incident.pk}/").content.decode()
    assert signed_in("command").get(offer).status_code == 200


def test_a_case_deadline_links_each_reader_to_the_page_they_may_open(ia, signed_in, case):
    from forcereview.deadlines.models import Deadline

    deadline = Deadline.objects.get(kind="cases.investigation", target_id=case.pk)
    for path in ("/deadlines/", f"/deadlines/{deadline.pk}/"):
        assert f'href="/cases/{case.pk}/"' in signed_in("investigator").get(path).content.decode(), path
        auditor_page = signed_in("auditor").get(path).content.decode()
        assert f'href="/cases/summaries/{case.pk}/"' in auditor_page, path
        assert f'href="/cases/{case.pk}/"' not in auditor_page, path
