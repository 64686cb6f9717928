"""The whole life of a case through the web pages, as investigators and command use them."""

from __future__ import annotations

import io
import re
from unittest import mock

from django.utils import timezone
from pypdf import PdfReader

from forcereview.audit.models import AuditEntry
from forcereview.cases.models import Case, Discipline, StandardsReport


def test_case_through_the_web_pages(ia, signed_in):
    inv, cmd = signed_in("investigator"), signed_in("command")
    incident_page = inv.get(f"/incidents/{ia.incident.pk}/").content.decode()
    assert f"/cases/new/?incident={ia.incident.pk}" in incident_page

    r = inv.post(f"/cases/new/?incident={ia.incident.pk}", {
        "title": "Force on a juvenile at a school", "source": "command", "subject": ia.officer.pk,
        "lead_investigator": ia.users["investigator"].pk, "incident": ia.incident.pk})
    assert r.status_code == 302
    case = Case.objects.get()
    url = f"/cases/{case.pk}/"
    assert r["Location"] == url
    assert case.number in inv.get(f"/incidents/{ia.incident.pk}/").content.decode()

    assert inv.post(f"{url}officers/", {"officer": ia.sergeant.pk, "role": "reviewer"}).status_code == 302
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    r = inv.post(f"{url}log/", {"kind": "interview", "occurred_at": when, "interviewee_officer": ia.officer.pk,
                                "interviewer": ia.users["investigator"].pk, "advisement": "garrity",
                                "summary": "She pulled away so I took her down."})
    assert r.status_code == 302
    # A refused step shows the problem next to the field and keeps what was typed.
    r = inv.post(f"{url}allegations/", {"officer": ia.officer.pk, "category": "excessive_force",
                                        "policy_section": "", "description": "Takedown of a child."})
    assert r.status_code == 422
    html = r.content.decode()
    assert "Takedown of a child." in html and "Nothing was changed" in html
    r = inv.post(f"{url}allegations/", {"officer": ia.officer.pk, "category": "excessive_force",
                                        "policy_section": "Policy 300.3", "description": "Takedown of a child."})
    assert r.status_code == 302
    allegation = case.allegations.get()
    r = inv.post(f"{url}allegations/{allegation.pk}/recommend/", {"finding": "sustained",
                                                                   "reason": "The recording shows no resistance."})
    assert r.status_code == 302
    assert inv.post(f"{url}stage/", {"step": "submit"}).status_code == 302
    # Only command decides.
    assert inv.post(f"{url}allegations/{allegation.pk}/decide/", {"finding": "sustained", "reason": "x"}).status_code == 403
    page = cmd.get(url).content.decode()
    assert "Decide the final finding" in page and "Awaiting command" in page
    r = cmd.post(f"{url}allegations/{allegation.pk}/decide/", {"finding": "sustained", "reason": "Agreed."})
    assert r.status_code == 302
    page = cmd.get(url).content.decode()
    assert "Suspension, 4-10 days to Termination" in page  # the proposed range
    d = Discipline.objects.get()
    r = cmd.post(f"{url}discipline/{d.pk}/", {"penalty": "written_reprimand", "reason": "",
                                              "mitigating": ["No prior discipline"]})
    assert r.status_code == 422 and "This field is required" in r.content.decode()
    r = cmd.post(f"{url}discipline/{d.pk}/", {"penalty": "written_reprimand", "reason": "First incident.",
                                              "mitigating": ["No prior discipline"], "other_mitigating": "Apology"})
    d.refresh_from_db()
    assert d.departs_from_range and d.mitigating == ["No prior discipline", "Apology"]
    assert "outside the presumptive range" in cmd.get(url).content.decode()

    report = StandardsReport.objects.get(trigger="sustained_finding")
    doc = cmd.get(f"{url}board/{report.pk}/").content.decode()
    assert "Report to the New Mexico Law Enforcement Certification Board" in doc and "LEA-90" in doc
    pdf = cmd.get(f"{url}board/{report.pk}/?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    r = cmd.post(f"{url}board/{report.pk}/update/", {"step": "file", "filed_on": timezone.localdate().isoformat(),
                                                      "board_reference": "LEA-90 #17"})
    assert r.status_code == 302
    r = cmd.post(f"{url}close/", {"note": "Sustained; written reprimand."})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"
    timeline = cmd.get(url).content.decode()
    for label in ("Case opened", "Officer named", "Investigation log entry", "Allegation added",
                  "Investigator recommended a finding", "Submitted to command for findings", "Command decided a finding",
                  "Command decided discipline", "Report to the standards board filed", "Case closed"):
        assert label in timeline, label
    assert AuditEntry.objects.for_object(case).filter(action="case.closed", actor_label="command").exists()


def test_case_file_pdf_has_the_facts_findings_and_discipline(ia, signed_in, open_school_case):
    from forcereview.cases.actions import findings

    case = open_school_case()
    findings.add_allegation(case, by=ia.users["investigator"], officer=ia.officer, category="excessive_force",
                            policy_section="Policy 300.3", description="Takedown of a child.")
    r = signed_in("command").get(f"/cases/{case.pk}/file.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    text = re.sub(r"\s+", " ", text)
    for expected in (case.number, "Mesa View Middle School", "Excessive or unreasonable force", "Policy 300.3",
                     "Zach Miller", "Jane Doe"):
        assert expected in text, expected


def test_case_file_withholds_a_minors_name_from_a_reader_who_may_not_see_it(ia, signed_in, open_school_case):
    case = open_school_case()
    with mock.patch("forcereview.records.access.MINOR_IDENTITY_READERS", frozenset({"command"})):
        pdf = signed_in("investigator").get(f"/cases/{case.pk}/file.pdf").content
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert "Jane Doe" not in text and "[redacted]" in text
        pdf = signed_in("command").get(f"/cases/{case.pk}/file.pdf").content
        assert "Jane Doe" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_home_page_shows_the_cases_waiting(ia, signed_in, open_school_case):
    case = open_school_case()
    page = signed_in("investigator").get("/").content.decode()
    assert "Your cases" in page and case.number in page
    assert case.number not in signed_in("officer").get("/").content.decode()
