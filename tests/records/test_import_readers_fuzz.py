"""Whatever bytes arrive, the readers and the validator answer with their own errors only:
``ImportFileError`` for the file, ``ReportInvalid`` for a report, never a crash."""

from __future__ import annotations

import csv
import io
import json
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcereview.records.importer import read_reports
from forcereview.records.importer.csvfile import ALL_COLUMNS
from forcereview.records.importer.problems import ImportFileError
from forcereview.records.importer.source import open_import
from forcereview.records.validation import Context, ReportInvalid, validate

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = Context(timezone=ZoneInfo("America/Denver"), officers_by_badge={})


def _read_all(data: bytes, max_bytes: int = 1_000_000) -> None:
    try:
        opened = open_import(io.BytesIO(data), size=len(data), max_bytes=max_bytes)
        for _where, item in read_reports(opened):
            if isinstance(item, ReportInvalid):
                assert item.errors
                continue
            try:
                validate(item, CTX)
            except ReportInvalid as exc:
                assert exc.errors and all(e.message for e in exc.errors)
    except ImportFileError as exc:
        assert exc.message


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    _read_all(data)


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_after_a_valid_start(tail):
    _read_all(b"number,occurred_at,location\n" + tail)
    _read_all(b'[{"number": "A-1", ' + tail)
    _read_all(b'{"number": "A-1"}\n' + tail)


cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "101", "S1", "takedown", "school", "2023-05-01T10:00", "10:02", "yes", "11", "-3",
                     "abrasion;laceration", '"', '""', ";;", "subject_fled:S1", "\x00", "1e999"]),
)


@FUZZ
@given(
    header=st.lists(st.one_of(st.sampled_from(ALL_COLUMNS), st.text(max_size=8)), min_size=1, max_size=20),
    rows=st.lists(st.lists(cells, max_size=22), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_csv_shaped_text(header, rows, delimiter):
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    _read_all(out.getvalue().encode("utf-8"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
report_keys = st.sampled_from(["number", "occurred_at", "location", "location_type", "contact_reason", "narrative",
                               "officers", "subjects", "force", "witnesses", "latitude", "reported_by", "status"])
reports = st.dictionaries(report_keys, json_values, max_size=10)


@FUZZ
@given(st.one_of(json_values, st.lists(reports, max_size=5), st.fixed_dictionaries({"incidents": st.lists(reports, max_size=5)})))
def test_json_shaped_documents(document):
    _read_all(json.dumps(document).encode("utf-8"))


@FUZZ
@given(st.lists(st.one_of(reports, json_values), min_size=1, max_size=5))
def test_json_lines(items):
    _read_all("\n".join(json.dumps(i) for i in items).encode("utf-8"))


@FUZZ
@given(st.binary(min_size=1, max_size=500), st.integers(min_value=1, max_value=400))
def test_size_limit_is_an_import_error(data, limit):
    _read_all(data, max_bytes=limit)
