"""Transcripts released as Word documents or PDFs are read like the text they hold."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcereview.engine import TranscriptError, analyze_file, parse_bytes, parse_file, parse_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(*blocks: str) -> bytes:
    """A minimal Word document whose body holds ``blocks`` (paragraph or table XML)."""
    body = "".join(blocks)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def para(*lines: str) -> str:
    runs = '<w:r><w:br/></w:r>'.join(f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for line in lines)
    return f"<w:p>{runs}</w:p>"


def table(*rows: tuple[str, ...]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{para(cell)}</w:tc>" for cell in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{cells}</w:tbl>"


def test_a_word_document_with_paragraphs_and_a_speaker_table(tmp_path):
    path = tmp_path / "bwc_transcript.docx"
    path.write_bytes(docx(
        para("TRANSCRIPT OF BODY-WORN CAMERA RECORDING"),
        para("[00:01] OFFICER SMITH: Get on the ground!", "[00:03] OFFICER SMITH: Stop resisting!"),
        table(("Time", "Speaker", "Text"), ("00:05", "Subject", "I'm not resisting! I can't breathe!"),
              ("00:09", "Witness:", "He's not resisting!")),
    ))
    transcript = parse_file(path)
    assert [(s.start, s.speaker, s.text) for s in transcript.segments][-4:] == [
        (1.0, "OFFICER SMITH", "Get on the ground!"), (3.0, "OFFICER SMITH", "Stop resisting!"),
        (5.0, "Subject", "I'm not resisting! I can't breathe!"), (9.0, "Witness", "He's not resisting!")]
    # the four utterances: the title is the document's, no one's speech, and the table's header row no line
    assert len(transcript.segments) == 4
    found = {s.category for s in analyze_file(path).signals}
    assert {"force_command", "subject_distress", "medical_distress", "bystander_objection"} <= found


def test_a_court_exhibit_in_word_keeps_its_line_numbers_out_of_the_words():
    lines = ["Case 2:21-cv-01187 Document 45-3 Filed 06/14/22 Page 4 of 19"]
    lines += [f"{n} {text}" for n, text in enumerate([
        "OFFICER KANE: Put your hands behind your back.", "MR. REYES: I'm not resisting, sir.",
        "OFFICER KANE: Stop resisting.", "MR. REYES: Please, I can't breathe."], start=1)]
    transcript = parse_bytes(docx(*(para(line) for line in lines)), source="exhibit.docx")
    assert [s.text for s in transcript.segments] == ["Put your hands behind your back.", "I'm not resisting, sir.",
                                                     "Stop resisting.", "Please, I can't breathe."]


def test_a_pdf_transcript_is_read_page_by_page():
    from weasyprint import HTML

    lines = ["OFFICER DIAZ: Get on the ground now!", "SUSPECT: I'm not resisting!", "OFFICER DIAZ: Stop resisting!"]
    html = "".join(f"<p>{escape(line)}</p>" for line in lines[:2]) + '<p style="break-before: page">' + lines[2] + "</p>"
    pdf = HTML(string=f"<html><body>{html}</body></html>").write_pdf()
    transcript = parse_bytes(pdf, source="exhibit.pdf")
    assert [(s.speaker, s.text) for s in transcript.segments] == [
        ("OFFICER DIAZ", "Get on the ground now!"), ("SUSPECT", "I'm not resisting!"),
        ("OFFICER DIAZ", "Stop resisting!")]


def test_a_pdf_table_of_times_speakers_and_words_is_read_as_labelled_turns():
    # released transcripts are often a table; its cells come out of the PDF joined by spaces
    from weasyprint import HTML

    rows = [("00:01:02", "OFFICER SMITH", "Get out of the car. I am not going to ask you again."),
            ("00:01:05", "DRIVER", "Why? What did I do?"), ("00:01:09", "OFFICER SMITH", "Get on the ground!"),
            ("00:01:12", "DRIVER", "I'm not resisting! You're hurting me!")]
    cells = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{escape(c)}</td></tr>" for a, b, c in rows)
    html = f"<table><tr><th>Time</th><th>Speaker</th><th>Transcript</th></tr>{cells}</table>"
    transcript = parse_bytes(HTML(string=f"<html><body>{html}</body></html>").write_pdf(), source="exhibit.pdf")
    assert [(s.start, s.speaker, s.text) for s in transcript.segments] == [
        (62.0, "OFFICER SMITH", rows[0][2]), (65.0, "DRIVER", rows[1][2]), (69.0, "OFFICER SMITH", rows[2][2]),
        (72.0, "DRIVER", rows[3][2])]


# each page of a released PDF repeats its head and numbers itself; an utterance runs on over the
# page break
PAGES = [["BWC TRANSCRIPT 22-118734 - CONFIDENTIAL", "OFFICER DIAZ: Get on the ground now!",
          "SUSPECT: I'm not resisting, I didn't", "Page 1 of 2"],
         ["BWC TRANSCRIPT 22-118734 - CONFIDENTIAL", "do anything!", "OFFICER DIAZ: Stop resisting!", "Page 2 of 2"]]
SAID = [("OFFICER DIAZ", "Get on the ground now!"), ("SUSPECT", "I'm not resisting, I didn't do anything!"),
        ("OFFICER DIAZ", "Stop resisting!")]


def test_the_running_head_and_page_numbers_of_a_pdf_are_no_ones_words():
    from weasyprint import HTML

    html = '<p style="break-before: page">'.join(
        "".join(f"<p>{escape(line)}</p>" for line in page) + "</p>" for page in PAGES)
    transcript = parse_bytes(HTML(string=f"<html><body><p>{html}</body></html>").write_pdf(), source="exhibit.pdf")
    assert [(s.speaker, s.text) for s in transcript.segments] == SAID


def test_text_taken_out_of_a_pdf_with_form_feeds_loses_its_running_heads_too():
    text = "\f".join("\n".join(page) + "\n" for page in PAGES)  # as pdftotext writes pages
    for transcript in (parse_text(text), parse_bytes(text.encode(), source="pdftotext.txt")):  # (a file too)
        assert [(s.speaker, s.text) for s in transcript.segments] == SAID
        assert [s.line for s in transcript.segments] == [2, 3, 7]  # the lines keep their numbers


def test_a_line_said_again_at_the_top_of_a_page_is_kept():
    pages = ["OFFICER: Stop resisting!\nSUBJECT: I'm not\n", "OFFICER: Stop resisting!\nSUBJECT: ow\n",
             "OFFICER: Stop resisting!\nSUBJECT: please\n"]
    transcript = parse_text("\f".join(pages))
    assert [s.text for s in transcript.segments].count("Stop resisting!") == 3
    captions = parse_text("\f".join(["stop resisting\nget off me\n", "stop resisting\nplease\n"]))
    assert [s.text for s in captions.segments].count("stop resisting") == 2


def test_an_encrypted_pdf_and_an_image_only_pdf_are_clear_errors():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    blank = io.BytesIO()
    writer.write(blank)
    with pytest.raises(TranscriptError, match="holds no text .*OCR"):
        parse_bytes(blank.getvalue(), source="scan.pdf")
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(TranscriptError, match="encrypted with a password") as caught:
        parse_bytes(locked.getvalue(), source="locked.pdf")
    assert caught.value.source == "locked.pdf"


@pytest.mark.parametrize("data, words", [
    (b"PK\x03\x04 not really a zip", "cannot be opened"),
    (b"%PDF-1.7\n garbage", "cannot be read"),
])
def test_damaged_documents_are_clear_errors(data, words):
    with pytest.raises(TranscriptError, match=words):
        parse_bytes(data, source="upload.bin")


def test_an_archive_that_is_no_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "Officer: get down")
    with pytest.raises(TranscriptError, match="not a Word or OpenDocument text file"):
        parse_bytes(out.getvalue(), source="notes.zip")


def test_a_word_document_that_unpacks_too_large_is_refused(monkeypatch):
    from forcereview.engine.formats import documents

    monkeypatch.setattr(documents, "MAX_XML_BYTES", 1000)
    with pytest.raises(TranscriptError, match="the limit is 1,000"):
        parse_bytes(docx(*(para("Officer: stop resisting") for _ in range(100))), source="big.docx")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04"]), st.binary(max_size=300))
def test_any_bytes_after_a_document_signature_give_only_the_engines_error(head, rest):
    try:
        parse_bytes(head + rest)
    except TranscriptError as exc:
        assert exc.message


RTF = (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset0 Calibri;}}{\colortbl ;\red255\green0\blue0;}"
       r"{\*\generator Riched20 10.0}{\header {\pard Case 22-118734 Page \chpgn\par}}" "\n"
       r"\pard\b OFFICER DIAZ:\b0  Get on the ground! Don\rquote t move!\par" "\n"
       r"\b SUSPECT:\b0  I\rquote m not resisting! Caf\'e9 \u8212?\uc2\u8220\'93x\'94 quiet\line "
       r"{\field{\*\fldinst HYPERLINK \"http://example.org\"}{\fldrslt I can\rquote t breathe!}}\par" "\n"
       r"\b WITNESS:\b0  He\rquote s not resisting\{\} \\ let him up!\par}")


def test_a_rich_text_transcript_is_read_from_the_text_it_shows():
    transcript = parse_bytes(RTF.encode("ascii"), source="exhibit.rtf")
    assert transcript.format == "text"
    assert [(s.speaker, s.text) for s in transcript.segments] == [
        ("OFFICER DIAZ", "Get on the ground! Don\u2019t move!"),
        # a Unicode character's stand-ins are skipped (one, then two after \uc2); a field shows its result
        ("SUSPECT", "I\u2019m not resisting! Caf\u00e9 \u2014\u201c\u201d quiet I can\u2019t breathe!"),
        ("WITNESS", "He\u2019s not resisting{} \\ let him up!")]  # (fonts, colours, the page header: none)
    found = {s.category for s in analyze_file_text(RTF)}
    assert {"force_command", "subject_distress", "medical_distress", "bystander_objection"} <= found


def analyze_file_text(text):
    from forcereview.engine import analyze_text

    return analyze_text(text).signals


def test_rich_text_characters_beyond_the_first_plane_come_whole_and_lone_halves_are_replaced():
    text = parse_text(r"{\rtf1 OFFICER: smile \u-10179?\u-8704? lone \u-10179? end\par}").segments[0].text
    assert text == "smile \U0001F600 lone \ufffd end"
    text.encode("utf-8")  # (a lone surrogate could not be stored)


def test_rich_text_nested_too_deeply_is_a_clear_error():
    with pytest.raises(TranscriptError, match="nested too deeply"):
        parse_text("{\\rtf1" + "{" * 600 + "x" + "}" * 600 + "}")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("{}\\'uc0123456789abfpar *?-\n x:OFFICER")), max_size=300))
def test_any_rich_text_reads_or_fails_with_the_engines_own_error(body):
    try:
        parse_text("{\\rtf1 " + body)
    except TranscriptError:
        pass


def odt(body: str) -> bytes:
    """A minimal OpenDocument text file holding ``body`` (content.xml's office:text)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
            f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"))
    return out.getvalue()


def test_an_opendocument_transcript_is_read_like_a_word_document():
    data = odt('<text:h>Transcript of body-worn camera video</text:h>'
               '<text:p>OFFICER DIAZ: Get on the <text:span>ground</text:span>!<text:s text:c="2"/>Now!</text:p>'
               '<text:list><text:list-item><text:p>SUSPECT: I\'m not resisting!<text:line-break/>'
               'I can\'t breathe!<text:note><text:note-body><text:p>a footnote</text:p></text:note-body>'
               '</text:note></text:p></text:list-item></text:list>'
               # a row marked as the header row names the columns, whatever it calls them
               '<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Who</text:p>'
               '</table:table-cell><table:table-cell><text:p>Said</text:p></table:table-cell></table:table-row>'
               '</table:table-header-rows>'
               '<table:table-row><table:table-cell><text:p>Witness</text:p></table:table-cell>'
               '<table:table-cell><text:p>He\'s not resisting!</text:p></table:table-cell></table:table-row>'
               '</table:table>')
    transcript = parse_bytes(data, source="release.odt")
    assert [(s.speaker, s.text) for s in transcript.segments] == [
        ("OFFICER DIAZ", "Get on the ground! Now!"), ("SUSPECT", "I'm not resisting! I can't breathe!"),
        ("Witness", "He's not resisting!")]


def test_an_old_office_file_is_a_clear_error():
    with pytest.raises(TranscriptError, match="save it as .docx, PDF or text"):
        parse_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), source="exhibit.doc")
