"""Helpers for import tests: write reports as CSV or JSON bytes, run an import."""

from __future__ import annotations

import io
import json

from forcereview.records.importer import import_file
from forcereview.records.importer.csvfile import write_csv


def csv_bytes(reports, columns=None) -> bytes:
    out = io.StringIO(newline="")
    if columns is None:
        write_csv(reports, out)
    else:
        write_csv(reports, out, columns=columns)
    return out.getvalue().encode("utf-8")


def json_bytes(reports) -> bytes:
    return json.dumps(reports).encode("utf-8")


def run(world, data: bytes, *, dry_run=False, by=None, max_bytes=None, format=None):
    return import_file(world.agency, io.BytesIO(data), by=by, size=len(data), dry_run=dry_run,
                       max_bytes=max_bytes, format=format)


def messages(outcome) -> list[str]:
    return [str(p) for p in outcome.problems]
