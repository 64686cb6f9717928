"""Transcripts: uploaded files are parsed by the engine; reviewers correct segments (the
original is kept, the correction audited) and the analysis re-runs on the corrected text."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.db import transaction

from forcereview.evidence.actions import add_evidence, correct_segment
from forcereview.evidence.hooks import ANALYSIS_COMPLETED_HOOKS
from forcereview.evidence.models import Analysis, EvidenceItem, SegmentCorrection, Transcript, TranscriptSegment
from forcereview.evidence.queries import incident_analyses, incident_recording_count
from tests.evidence.conftest import api_upload, evidence_audit, tone_wav

VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
<v Officer Miller>Stop resisting! Get on the ground!

00:00:03.500 --> 00:00:05.000
<v Pat Admin>She's not a threat! This is excessive force!

00:00:05.500 --> 00:00:07.000
<v Officer Miller>Please calm down.
"""


@pytest.fixture
def token(world):
    from forcereview.accounts.actions import issue_token

    return issue_token(world.users["officer"], by=None, name="t")[1]


@pytest.fixture
def transcript_item(incident, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return add_evidence(incident, io.BytesIO(VTT.encode()), by=world.users["officer"], name="bodycam.vtt")


def _categories(analysis: Analysis) -> set[str]:
    return {s["category"] for s in analysis.result["signals"]}


def test_uploaded_transcript_is_parsed_stored_and_analysed(client, incident, token, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_upload(client, incident.pk, "bodycam.vtt", VTT.encode(), token=token)
    assert response.status_code == 201, response.content
    item = EvidenceItem.objects.get(pk=response.json()["id"])
    assert item.kind == "transcript" and item.content_type.startswith("text/plain")
    transcript = Transcript.objects.get(item=item)
    assert transcript.origin == "uploaded" and transcript.format == "webvtt"
    assert transcript.producer == "uploaded transcript file (webvtt)"
    segments = list(TranscriptSegment.objects.filter(transcript=transcript).order_by("index"))
    assert [s.speaker for s in segments] == ["Officer Miller", "Pat Admin", "Officer Miller"]
    assert segments[0].start == 1.0 and segments[0].end == 3.0

    analysis = Analysis.objects.get(item=item)
    assert {"force_command", "bystander_objection"} <= _categories(analysis)
    assert analysis.context["subject_age"] == 11 and analysis.context["location_type"] == "school"
    assert analysis.risk_level == "high"
    assert analysis.segment_roles == ["officer", "bystander", "officer"]  # settled by the engine
    assert evidence_audit("evidence.analysed").get().after["risk_level"] == "high"
    [summary] = incident_analyses(incident)
    assert summary["evidence_id"] == item.pk and summary["kind"] == "transcript"
    assert summary["analysis"]["risk"]["level"] == "high" and summary["analysis"] == analysis.result
    assert incident_recording_count(incident) == 0


def test_a_transcript_the_engine_cannot_read_is_refused(client, incident, token, settings):
    bad = b'{"segments": [{"start": "soon", "end": 2, "text": "hello"}]}'
    response = api_upload(client, incident.pk, "asr.json", bad, token=token)
    assert response.status_code == 422
    message = response.json()["errors"][0]["message"]
    assert message.startswith("not a transcript forcereview can read: asr.json")
    assert not EvidenceItem.objects.exists() and not evidence_audit().exists()


def test_reviewer_correction_keeps_the_original_and_reanalyses(client_as, transcript_item, world,
                                                                django_capture_on_commit_callbacks):
    first = Analysis.objects.get(item=transcript_item)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("supervisor").post(f"/evidence/{transcript_item.pk}/segments/1/correct/", {
            "text": "Please let her go, she is calm.", "speaker": "Pat Admin", "role": "bystander",
            "reason": "the recording says so at 0:04",
        })
    assert response.status_code == 302
    segment = TranscriptSegment.objects.get(transcript__item=transcript_item, index=1)
    assert segment.text == "She's not a threat! This is excessive force!"  # the original stays
    correction = SegmentCorrection.objects.get(segment=segment)
    assert correction.text == "Please let her go, she is calm." and correction.by_label == "supervisor"
    entry = evidence_audit("evidence.transcript_corrected").get()
    assert entry.before["text"] == "She's not a threat! This is excessive force!"
    assert entry.after["text"] == "Please let her go, she is calm." and entry.note == "the recording says so at 0:04"

    latest = Analysis.objects.filter(item=transcript_item).order_by("-id").first()
    assert latest.pk != first.pk and latest.trigger == "corrected"
    assert "bystander_objection" in _categories(first) and latest.input_digest != first.input_digest
    page = client_as("supervisor").get(f"/evidence/{transcript_item.pk}/").content.decode()
    assert "Please let her go, she is calm." in page and "Originally" in page
    custody = client_as("supervisor").get(f"/evidence/{transcript_item.pk}/custody/").content.decode()
    assert ("segment 2: “She&#x27;s not a threat! This is excessive force!” → “Please let her go, she is calm.”"
            in custody)
    assert "reason: the recording says so at 0:04" in custody


def test_involved_officer_cannot_correct_their_incident(client_as, transcript_item):
    response = client_as("officer").post(f"/evidence/{transcript_item.pk}/segments/0/correct/",
                                         {"text": "Please stand up.", "role": "officer"})
    assert response.status_code == 403
    assert not SegmentCorrection.objects.exists() and not evidence_audit("evidence.transcript_corrected").exists()


def test_correction_through_the_api_validates_the_role(client, world, transcript_item):
    from forcereview.accounts.actions import issue_token

    _, token = issue_token(world.users["investigator"], by=None, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    url = f"/api/evidence/{transcript_item.pk}/segments/2/correction"
    bad = client.post(url, {"text": "Calm down.", "role": "judge"}, content_type="application/json", **auth)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "role"
    ok = client.post(url, {"text": "Calm down now.", "role": "officer"}, content_type="application/json", **auth)
    assert ok.status_code == 201 and ok.json()["by"] == "investigator"
    missing = client.post(f"/api/evidence/{transcript_item.pk}/segments/99/correction", {"text": "x"},
                          content_type="application/json", **auth)
    assert missing.status_code == 404
    assert SegmentCorrection.objects.count() == 1


def test_analysis_hooks_run_inside_the_storing_transaction(incident, world, django_capture_on_commit_callbacks):
    calls = []

    def hook(incident_arg, item, by):
        calls.append((incident_arg.pk, item.pk, getattr(by, "username", by),
                      transaction.get_connection().in_atomic_block, Analysis.objects.filter(item=item).count()))

    ANALYSIS_COMPLETED_HOOKS.append(hook)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            item = add_evidence(incident, io.BytesIO(VTT.encode()), by=world.users["officer"], name="a.vtt")
    finally:
        ANALYSIS_COMPLETED_HOOKS.remove(hook)
    assert calls == [(incident.pk, item.pk, "officer", True, 1)]


def test_changed_incident_facts_reanalyse_the_evidence(transcript_item, incident, world,
                                                         django_capture_on_commit_callbacks):
    from forcereview.records.actions import update_incident
    from tests.conftest import report

    data = report()
    data["subjects"][0]["age"] = 34
    data["location_type"] = "street"
    with django_capture_on_commit_callbacks(execute=True):
        update_incident(incident, data, by=world.users["command"])
    latest = Analysis.objects.filter(item=transcript_item).order_by("-id").first()
    assert latest.trigger == "incident_changed"
    assert latest.context["subject_age"] == 34 and latest.context["location_type"] == "street"
    assert Analysis.objects.filter(item=transcript_item).count() == 2


def test_analysing_again_without_changes_stores_nothing_new(client_as, transcript_item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_as("investigator").post(f"/evidence/{transcript_item.pk}/analyse/")
    assert Analysis.objects.filter(item=transcript_item).count() == 1
    assert transcript_item.jobs.order_by("-id").first().message == "Nothing changed since the last analysis"


def test_recording_count_and_panel(client_as, incident, transcript_item, world, media_tools, fake_speech,
                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        recording = add_evidence(incident, io.BytesIO(tone_wav(1.0)), by=world.users["officer"], name="cam.wav")
    assert incident_recording_count(incident) == 1
    assert [a["evidence_id"] for a in incident_analyses(incident)] == [transcript_item.pk, recording.pk]
    panel = client_as("command").get(f"/incidents/{incident.pk}/").content.decode()
    assert "bystander objection" in panel.replace("_", " ") and "high" in panel
    page = client_as("command").get(f"/evidence/{recording.pk}/").content.decode()
    assert 'class="strip"' in page and 'data-seek="0.0"' in page


def test_a_transcript_released_as_a_pdf_or_word_document_is_read_from_its_text(
        client, incident, token, django_capture_on_commit_callbacks):
    from weasyprint import HTML

    from tests.engine.test_document_transcripts import docx, odt, para

    lines = ["OFFICER MILLER: Stop resisting! Get on the ground!", "PAT ADMIN: She's not a threat! This is excessive force!"]
    pdf = HTML(string="".join(f"<p>{line}</p>" for line in lines)).write_pdf()
    word = docx(*(para(line) for line in lines))
    rich = ("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}" + "".join(f"\\pard {line}\\par\n" for line in lines) + "}").encode()
    for name, data, content_type in (("exhibit.pdf", pdf, "application/pdf"),
                                     ("release.docx", word, "application/vnd.openxmlformats-officedocument"),
                                     ("reporter.rtf", rich, "application/rtf"),
                                     ("release.odt", odt("".join(f"<text:p>{line}</text:p>" for line in lines)),
                                      "application/vnd.oasis.opendocument.text")):
        with django_capture_on_commit_callbacks(execute=True):
            response = api_upload(client, incident.pk, name, data, token=token)
        assert response.status_code == 201, response.content
        item = EvidenceItem.objects.get(pk=response.json()["id"])
        assert item.kind == "transcript" and item.content_type.startswith(content_type)
        assert item.sha256 == hashlib.sha256(data).hexdigest()  # the document itself is the evidence
        segments = TranscriptSegment.objects.filter(transcript__item=item).order_by("index")
        assert [(s.speaker, s.text) for s in segments] == [("OFFICER MILLER", "Stop resisting! Get on the ground!"),
                                                           ("PAT ADMIN", "She's not a threat! This is excessive force!")]
        assert {"force_command", "bystander_objection"} <= _categories(Analysis.objects.get(item=item))


def test_a_document_without_a_transcript_is_refused(client, incident, token):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    scanned = io.BytesIO()
    writer.write(scanned)
    response = api_upload(client, incident.pk, "scan.pdf", scanned.getvalue(), token=token)
    assert response.status_code == 422
    message = response.json()["errors"][0]["message"]
    assert message.startswith("not a transcript forcereview can read: scan.pdf: the PDF holds no text")
    assert not EvidenceItem.objects.exists() and not evidence_audit().exists()


def test_a_transcript_posted_as_a_web_page_is_read_from_its_text(client, incident, token,
                                                                 django_capture_on_commit_callbacks):
    from tests.engine.test_published_layouts import PAGE

    with django_capture_on_commit_callbacks(execute=True):
        response = api_upload(client, incident.pk, "transcript.html", PAGE.encode(), token=token)
    assert response.status_code == 201, response.content
    item = EvidenceItem.objects.get(pk=response.json()["id"])
    assert item.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    speakers = [s.speaker for s in TranscriptSegment.objects.filter(transcript__item=item).order_by("index")]
    assert speakers == ["OFFICER DIAZ", "SUSPECT", "Witness"]  # the page's heading names the document
    assert {"force_command", "bystander_objection"} <= _categories(Analysis.objects.get(item=item))
