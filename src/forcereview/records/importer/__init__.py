"""Bulk import of incidents from CSV, JSON or JSON Lines (``docs/import.md``).

``import_file`` reads a file into reports, hands them to ``records.actions.import_reports``
(validate everything, then write all in one transaction, or nothing) and returns every
problem with the row and column (CSV) or item and field (JSON) it belongs to. The command
line (``forcereview import``) and the upload page both call it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from forcereview.records.actions import import_reports
from forcereview.records.importer.csvfile import read_csv
from forcereview.records.importer.jsonfile import read_json, read_json_lines
from forcereview.records.importer.problems import ImportFileError, Problem, Where
from forcereview.records.importer.source import FORMATS, Opened, open_import

__all__ = ["FORMATS", "ImportFileError", "ImportOutcome", "Problem", "import_file", "read_reports"]

READERS = {"csv": read_csv, "json": read_json, "jsonl": read_json_lines}


@dataclass
class ImportOutcome:
    format: str | None  # None when the file could not be opened at all
    count: int  # reports that are valid (dry run) or were written
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def read_reports(opened: Opened) -> Iterator[tuple[Where, object]]:
    return READERS[opened.format](opened)


def import_file(
    agency,
    stream: BinaryIO,
    *,
    by,
    size: int | None,
    max_bytes: int | None = None,
    dry_run: bool = False,
    format: str | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> ImportOutcome:
    """Import the reports in ``stream`` into ``agency`` as ``by``; all or nothing."""
    if max_bytes is None:
        from django.conf import settings

        max_bytes = settings.IMPORT_MAX_BYTES
    opened = None
    try:
        opened = open_import(stream, size=size, max_bytes=max_bytes, format=format)
        result = import_reports(agency, read_reports(opened), by=by, dry_run=dry_run, progress=progress)
    except ImportFileError as exc:
        return ImportOutcome(opened.format if opened else None, 0, [Problem(exc.where or "file", exc.message)], dry_run)
    problems = [
        error if isinstance(error, Problem) else _where(where).problem(error.path, error.message)
        for where, error in result.errors
    ]
    return ImportOutcome(opened.format, result.count if not problems else 0, problems, dry_run)


def _where(where) -> Where:
    return where if isinstance(where, Where) else Where(str(where))
