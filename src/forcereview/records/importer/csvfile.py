"""CSV imports: one row per force application, grouped by incident number.

Incident columns are repeated on every row of the incident (or left blank after the first).
Officer columns describe the officer of the row's ``officer_badge`` and subject columns the
subject of its ``subject_ref``; they too may be repeated or left blank. A row without
``force_type`` adds an officer, subject or witness that has no force application of its own.
Repeated values that disagree are errors, each naming its row and column. The whole format,
with an example, is in ``docs/import.md``.
"""

from __future__ import annotations

import csv
import difflib
import operator
import re
from collections.abc import Iterator

from forcereview.records.importer.problems import ImportFileError, Problem, Where
from forcereview.records.importer.source import Opened
from forcereview.records.validation import ReportInvalid

INCIDENT_COLUMNS = (
    "number", "occurred_at", "location", "latitude", "longitude", "location_type", "contact_reason",
    "offense", "narrative", "nibrs_number", "supervisor_present", "recording_expected", "reported_by",
)
# column -> report field, per part of the report
OFFICER_COLUMNS = {
    "officer_badge": "badge", "officer_role": "role", "officer_injuries": "injuries", "officer_on_duty": "on_duty",
    "officer_in_uniform": "in_uniform", "officer_camera_activated": "camera_activated", "officer_claims": "claims",
}
SUBJECT_COLUMNS = {
    "subject_ref": "ref", "subject_name": "name", "subject_age": "age", "subject_age_min": "age_min",
    "subject_age_max": "age_max", "subject_sex": "sex", "subject_race": "race", "subject_ethnicity": "ethnicity",
    "subject_impairments": "impairments", "subject_armed": "armed", "subject_perceived_threat": "perceived_threat",
    "subject_resistance": "resistance", "subject_injuries": "injuries", "subject_medical_treatment": "medical_treatment",
}
FORCE_COLUMNS = {"force_type": "type", "force_at": "at", "force_resistance": "resistance", "force_description": "description"}
WITNESS_COLUMNS = {"witness_name": "name", "witness_role": "role", "witness_contact": "contact", "witness_statement": "statement"}
ALL_COLUMNS = (*INCIDENT_COLUMNS, *OFFICER_COLUMNS, *SUBJECT_COLUMNS, *FORCE_COLUMNS, *WITNESS_COLUMNS)
PART_OF = {column: part for part, columns in (
    ("incident", INCIDENT_COLUMNS), ("officer", OFFICER_COLUMNS), ("subject", SUBJECT_COLUMNS),
    ("force", FORCE_COLUMNS), ("witness", WITNESS_COLUMNS)) for column in columns}
REQUIRED_COLUMNS = (
    "number", "occurred_at", "location", "location_type", "contact_reason", "narrative",
    "officer_badge", "officer_role", "subject_ref", "force_type",
)
MULTI_VALUE = {"officer_injuries", "officer_claims", "subject_impairments", "subject_resistance", "subject_injuries"}
SEPARATOR = ";"
# Longer cells are refused by the validator with their length; far longer ones mean a quote
# was never closed.
CELL_LIMIT = 1_000_000

_second = operator.itemgetter(1)
_PATH = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?")


class _Group:
    """An incident, officer, subject or witness whose columns may repeat over rows."""

    def __init__(self, row: int, what: str):
        self.row = row
        self.what = what
        self.values: dict[str, str] = {}
        self.rows: dict[str, int] = {}

    def take(self, column: str, value: str, row: int, problems: list[Problem]) -> None:
        old = self.values.get(column)
        if old is None:
            self.values[column] = value
            self.rows[column] = row
        elif old != value and _normal(column, old) != _normal(column, value):
            problems.append(Problem(
                f"row {row}",
                f"{self.what} has {value!r} here but {old!r} on row {self.rows[column]}; repeated columns must agree",
                column=column,
            ))


def _normal(column: str, value: str):
    if column in MULTI_VALUE:
        return sorted(_split(value))
    return value.strip()


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(SEPARATOR) if part.strip()]


class _Incident:
    def __init__(self, number: str, row: int):
        self.number = number
        self.first_row = self.last_row = row
        self.fields = _Group(row, f"incident {number}")
        self.officers: dict[str, _Group] = {}
        self.subjects: dict[str, _Group] = {}
        self.force: list[tuple[int, dict[str, str]]] = []
        self.witnesses: dict[str, _Group] = {}
        self.problems: list[Problem] = []
        self.split_from: str | None = None  # rows of an incident seen earlier, when not together

    def add(self, row: int, cells: dict[str, str]) -> None:
        """Take one row; ``cells`` holds only its non-blank cells, by column."""
        self.last_row = row
        parts: dict[str, dict[str, str]] = {"incident": {}, "officer": {}, "subject": {}, "witness": {}, "force": {}}
        for column, value in cells.items():
            parts[PART_OF[column]][column] = value
        incident = parts["incident"]
        # Most rows repeat the incident's columns exactly: nothing new, nothing to compare.
        if not incident.items() <= self.fields.values.items():
            for column, value in incident.items():
                self.fields.take(column, value, row, self.problems)
        self._part(row, parts["officer"], "officer_badge", self.officers, "officer #{}")
        self._part(row, parts["subject"], "subject_ref", self.subjects, "subject {}")
        self._part(row, parts["witness"], "witness_name", self.witnesses, "witness {}")
        if cells.get("force_type"):
            force = {c: cells.get(c, "") for c in FORCE_COLUMNS}
            force["officer_badge"] = cells.get("officer_badge", "")
            force["subject_ref"] = cells.get("subject_ref", "")
            self.force.append((row, force))
        else:
            for column in FORCE_COLUMNS:
                if cells.get(column):
                    self.problems.append(Problem(f"row {row}", "is filled but force_type is empty", column=column))

    def _part(self, row, cells, key_column, groups, what) -> None:
        if not cells:
            return
        key = cells.get(key_column, "")
        if not key:
            for column in cells:
                self.problems.append(Problem(f"row {row}", f"is filled but {key_column} is empty", column=column))
            return
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(row, what.format(key))
        values = group.values
        for column, value in cells.items():
            if column == key_column:
                continue
            old = values.get(column)
            if old is None:  # as take() does, without the call (a million of them in a large file)
                values[column] = value
                group.rows[column] = row
            elif old != value:
                group.take(column, value, row, self.problems)

    @property
    def label(self) -> str:
        rows = f"row {self.first_row}" if self.first_row == self.last_row else f"rows {self.first_row}-{self.last_row}"
        return f"{rows} ({self.number})"

    def report(self) -> dict:
        data: dict = {c: v for c, v in self.fields.values.items()}
        data["officers"] = [
            {"badge": badge, **{OFFICER_COLUMNS[c]: _cell(c, v) if c in MULTI_VALUE else v for c, v in g.values.items()}}
            for badge, g in self.officers.items()
        ]
        data["subjects"] = [
            {"ref": ref, **{SUBJECT_COLUMNS[c]: _cell(c, v) if c in MULTI_VALUE else v for c, v in g.values.items()}}
            for ref, g in self.subjects.items()
        ]
        data["force"] = [
            {"officer": f["officer_badge"], "subject": f["subject_ref"],
             **{FORCE_COLUMNS[c]: f[c] for c in FORCE_COLUMNS if f[c]}}
            for _, f in self.force
        ]
        data["witnesses"] = [
            {"name": name, **{WITNESS_COLUMNS[c]: v for c, v in g.values.items()}}
            for name, g in self.witnesses.items()
        ]
        return data

    def locate(self, path: str) -> tuple[int, str] | None:
        """The row and column a validator field path came from."""
        match = _PATH.match(path)
        if not path or match is None:
            return self.first_row, ""
        head, index, key = match.group(1), match.group(2), match.group(3)
        parts = {
            "officers": (list(self.officers.values()), OFFICER_COLUMNS, "officer_badge"),
            "subjects": (list(self.subjects.values()), SUBJECT_COLUMNS, "subject_ref"),
            "witnesses": (list(self.witnesses.values()), WITNESS_COLUMNS, "witness_name"),
        }
        if head in INCIDENT_COLUMNS:
            return self.fields.rows.get(head, self.first_row), head
        if head == "force":
            if index is None or int(index) >= len(self.force):
                return self.first_row, "force_type"
            row, _ = self.force[int(index)]
            by_field = {"officer": "officer_badge", "subject": "subject_ref"} | {v: k for k, v in FORCE_COLUMNS.items()}
            return row, by_field.get(key or "", "force_type")
        if head in parts:
            groups, columns, key_column = parts[head]
            if index is None or int(index) >= len(groups):
                return self.first_row, key_column
            group = groups[int(index)]
            column = {v: k for k, v in columns.items()}.get(key or "", key_column)
            return group.rows.get(column, group.row), column
        return self.first_row, ""


def _cell(column: str, value: str):
    if column == "officer_claims":
        claims = []
        for part in _split(value):
            kind, _, subject = part.partition(":")
            claims.append({"kind": kind.strip(), "subject": subject.strip()} if subject.strip() else kind.strip())
        return claims
    if column in MULTI_VALUE:
        return _split(value)
    return value


# -- the header ----------------------------------------------------------------------------------


def _header_name(cell: str) -> str:
    return re.sub(r"[\s-]+", "_", cell.strip().lower())


def _delimiter(first_line: str) -> str:
    known = set(ALL_COLUMNS)
    scores = {d: sum(_header_name(c) in known for c in first_line.split(d)) for d in (",", ";", "\t")}
    best = max(scores, key=lambda d: (scores[d], d == ","))
    return best


def _check_header(cells: list[str]) -> list[str]:
    names = [_header_name(c) for c in cells]
    while names and not names[-1]:
        names.pop()  # trailing empty columns some spreadsheets add
    problems = []
    blank = [str(i + 1) for i, n in enumerate(names) if not n]
    if blank:
        problems.append(f"header column(s) {', '.join(blank)} have no name")
    unknown = [n for n in names if n and n not in ALL_COLUMNS]
    for name in unknown:
        close = difflib.get_close_matches(name, ALL_COLUMNS, n=1)
        problems.append(f"unknown column {name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    repeated = sorted({n for n in names if n and names.count(n) > 1})
    if repeated:
        problems.append(f"column(s) named twice: {', '.join(repeated)}")
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if not {"subject_age", "subject_age_min", "subject_age_max"} & set(names):
        missing.append("subject_age (or subject_age_min and subject_age_max)")
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    if problems:
        if not any(n in ALL_COLUMNS for n in names):
            problems = ["the first row is not a header of known columns: this does not look like an incident CSV file "
                        f"(expected columns such as {', '.join(REQUIRED_COLUMNS[:4])}, ...)"]
        raise ImportFileError("; ".join(problems), where="row 1 (the header)")
    return names


# -- reading -------------------------------------------------------------------------------------


def read_csv(opened: Opened) -> Iterator[tuple[Where, object]]:
    lines = opened.lines()
    first = next(lines, "")
    delimiter = _delimiter(first)
    csv.field_size_limit(max(csv.field_size_limit(), CELL_LIMIT))
    # strict: a quote left open, or text after a closing quote, is an error rather than a guess
    rows = csv.reader(_chain(first, lines), delimiter=delimiter, strict=True)
    row_no = 0
    try:
        header = _check_header(next(rows))
        row_no = 1
        width = len(header)
        current: _Incident | None = None
        finished: dict[str, str] = {}
        any_row = False
        for row_no, cells in enumerate(rows, 2):
            if not "".join(cells).strip():
                continue  # every cell blank
            any_row = True
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                yield Where(f"row {row_no}"), _problems(Problem(
                    f"row {row_no}", f"has {len(cells)} cells but the header has {width} columns"))
            # The non-blank cells, stripped, by column (every header name is non-empty by now).
            values = dict(filter(_second, zip(header, map(str.strip, cells))))
            number = values.get("number", "")
            if not number:
                yield Where(f"row {row_no}"), _problems(Problem(
                    f"row {row_no}", "is empty; every row names its incident", column="number"))
                continue
            if current is None or number != current.number:
                if current is not None:
                    finished[current.number] = current.label
                    yield from _entries(current)
                current = _Incident(number, row_no)
                if number in finished:
                    current.split_from = finished[number]
            current.add(row_no, values)
        if current is not None:
            yield from _entries(current)
        if not any_row:
            raise ImportFileError("the file has a header but no rows")
    except csv.Error as exc:
        raise ImportFileError(f"the CSV cannot be read ({_csv_reason(exc)})", where=f"row {row_no + 1}") from None


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a cell is longer than {CELL_LIMIT:,} characters; is a closing quote missing?"
    if "unexpected end of data" in text:
        return "a quoted cell is never closed"
    if "expected after" in text:
        return 'text follows the closing quote of a cell; a quote inside a quoted cell is written twice ("")'
    return text


class ReaderProblems(ReportInvalid):
    """Problems found while reading a report out of the file (they already name their row
    and column); ``import_reports`` counts them like validation errors."""


def _problems(*problems: Problem) -> ReaderProblems:
    return ReaderProblems(list(problems))  # type: ignore[arg-type]


def _entries(incident: _Incident) -> Iterator[tuple[Where, object]]:
    where = Where(incident.label, mapper=incident.locate)
    if incident.split_from is not None:
        yield where, _problems(Problem(
            f"row {incident.first_row}",
            f"incident {incident.number} already appeared on {incident.split_from.split(' (')[0]}; "
            "the rows of one incident must be next to each other",
            column="number",
        ))
        return
    if incident.problems:
        yield where, _problems(*incident.problems)
    yield where, incident.report()


# -- writing (the same format, for examples, tests and the benchmark) ----------------------------


def report_rows(report: dict) -> list[dict[str, str]]:
    """A report in the report shape as CSV rows: one per force application, then one per
    officer, subject or witness not named by a force application."""
    incident = {c: _text(report.get(c)) for c in INCIDENT_COLUMNS if report.get(c) not in (None, "")}
    officers = {str(o["badge"]): o for o in report.get("officers", [])}
    subjects = {str(s["ref"]): s for s in report.get("subjects", [])}

    def officer_cells(badge: str) -> dict[str, str]:
        o = officers.get(badge, {"badge": badge})
        return {c: _text(o.get(f), c) for c, f in OFFICER_COLUMNS.items() if o.get(f) not in (None, "", [])}

    def subject_cells(ref: str) -> dict[str, str]:
        s = subjects.get(ref, {"ref": ref})
        return {c: _text(s.get(f), c) for c, f in SUBJECT_COLUMNS.items() if s.get(f) not in (None, "", [])}

    rows, used_officers, used_subjects = [], set(), set()
    for f in report.get("force", []):
        badge, ref = str(f["officer"]), str(f["subject"])
        used_officers.add(badge)
        used_subjects.add(ref)
        force = {c: _text(f.get(k)) for c, k in FORCE_COLUMNS.items() if f.get(k) not in (None, "")}
        rows.append({**incident, **officer_cells(badge), **subject_cells(ref), **force})
    for badge in officers:
        if badge not in used_officers:
            rows.append({**incident, **officer_cells(badge)})
    for ref in subjects:
        if ref not in used_subjects:
            rows.append({**incident, **subject_cells(ref)})
    for w in report.get("witnesses", []):
        rows.append({**incident, **{c: _text(w.get(k)) for c, k in WITNESS_COLUMNS.items() if w.get(k)}})
    return rows


def _text(value, column: str = "") -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if column == "officer_claims":
            value = [c if isinstance(c, str) else (f"{c['kind']}:{c['subject']}" if c.get("subject") else c["kind"]) for c in value]
        return SEPARATOR.join(str(v) for v in value)
    return "" if value is None else str(value)


def write_csv(reports, out, columns=ALL_COLUMNS) -> None:
    """Write reports to the text stream ``out`` (opened with ``newline=""``)."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="raise")
    writer.writeheader()
    for report in reports:
        writer.writerows(report_rows(report))
