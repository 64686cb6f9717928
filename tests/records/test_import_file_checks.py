"""Files that are not what an import expects: each a clear error, nothing written."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from forcereview.records.models import Incident
from tests.conftest import report
from tests.records.importing import csv_bytes, json_bytes, messages, run


def _only(outcome) -> str:
    assert not outcome.ok and len(outcome.problems) == 1, messages(outcome)
    assert not Incident.objects.exists()
    return messages(outcome)[0]


def test_file_over_the_size_limit(world):
    data = csv_bytes([report()])
    message = _only(run(world, data, max_bytes=100))
    assert f"the file is {len(data)} bytes; the largest accepted is 100 bytes (setting FORCEREVIEW_IMPORT_MAX_BYTES)" in message


def test_stream_that_grows_past_the_limit_is_stopped(world):
    from forcereview.records.importer import import_file

    data = csv_bytes([report(number=f"N-{n}") for n in range(50)])
    outcome = import_file(world.agency, io.BytesIO(data), by=None, size=None, max_bytes=len(data) // 2)
    assert "larger than" in _only(outcome)


@pytest.mark.parametrize("data", [b"", b"   \n\n"])
def test_empty_file(world, data):
    assert _only(run(world, data)) == "file: the file is empty"


def test_binary_file(world):
    assert "not a text file (it contains a NUL byte at byte 3)" in _only(run(world, b"ab\x00cd\xff\xfe"))


def test_spreadsheet_workbook_instead_of_csv(world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel workbook (.xlsx); save the sheet as CSV UTF-8" in _only(run(world, out.getvalue()))


def test_latin1_file_names_the_line_and_says_how_to_fix_it(world):
    text = csv_bytes([report()]).decode()
    data = text.replace("Mesa View", "Mesa Viéw").encode("latin-1")
    message = _only(run(world, data))
    assert message.startswith("line 2: the file is not UTF-8 text (byte 0xE9 cannot be read)")
    assert "save it as UTF-8" in message


def test_latin1_far_into_a_file_names_its_line(world):
    lines = csv_bytes([report(number=f"N-{n}") for n in range(3000)]).decode().splitlines(True)
    lines[5000] = lines[5000].replace("Mesa View", "Mesa Viéw")
    message = _only(run(world, "".join(lines).encode("latin-1")))
    assert message.startswith("line 5001:")


def test_utf8_with_byte_order_mark(world):
    outcome = run(world, codecs.BOM_UTF8 + csv_bytes([report()]))
    assert outcome.ok, messages(outcome)


def test_utf16_from_a_spreadsheet(world):
    data = csv_bytes([report()]).decode().encode("utf-16")
    outcome = run(world, data)
    assert outcome.ok and outcome.format == "csv", messages(outcome)


def test_text_that_is_not_an_incident_file(world):
    message = _only(run(world, b"Dear chief,\nplease find attached the reports.\n"))
    assert "this does not look like an incident CSV file" in message


def test_json_file_read_as_json_whatever_its_name(world):
    # Format comes from the content: the same bytes are JSON with or without a .csv name.
    outcome = run(world, json_bytes([report()]))
    assert outcome.ok and outcome.format == "json"


def test_forced_format_that_does_not_fit(world):
    message = _only(run(world, json_bytes([report()]), format="csv"))
    assert "this does not look like an incident CSV file" in message
