"""JSON imports: a list of reports, ``{"incidents": [...]}``, or JSON Lines (one report per line).

Each report is the shape the API reads and writes (``docs/import.md``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from forcereview.records.importer.problems import ImportFileError, Where
from forcereview.records.importer.source import Opened, not_utf8
from forcereview.records.validation import FieldError, ReportInvalid


def _no_constants(name: str):
    raise ValueError(f"{name} is not allowed in JSON")


def _loads(text: str):
    return json.loads(text, parse_constant=_no_constants)


def _label(kind: str, n: int, data) -> str:
    number = data.get("number") if isinstance(data, dict) else None
    if isinstance(number, (str, int)) and not isinstance(number, bool) and str(number).strip():
        return f"{kind} {n} ({str(number).strip()[:40]})"
    return f"{kind} {n}"


def read_json(opened: Opened) -> Iterator[tuple[Where, object]]:
    text = opened.read_text()
    try:
        document = _loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"the file is not valid JSON: {exc.msg}", where=f"line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise ImportFileError("the file is not a list of reports: its JSON is nested too deeply") from None
    except ValueError as exc:
        raise ImportFileError(f"the file is not valid JSON: {exc}") from None
    if isinstance(document, dict):
        extra = sorted(k for k in document if k != "incidents")
        if "incidents" not in document or extra:
            keys = ", ".join(repr(k) for k in extra[:5]) or "none"
            raise ImportFileError(
                'a JSON import is a list of reports, or an object {"incidents": [...]}; '
                f"this object has other keys ({keys})"
            )
        document = document["incidents"]
    if not isinstance(document, list):
        raise ImportFileError(f"a JSON import is a list of reports, not {type(document).__name__}")
    if not document:
        raise ImportFileError("the file holds no reports")
    for n, item in enumerate(document, 1):
        yield Where(_label("item", n, item)), item


def read_json_lines(opened: Opened) -> Iterator[tuple[Where, object]]:
    seen = 0
    for line_no, line in enumerate(opened.lines(), 1):
        if not line.strip():
            continue
        seen += 1
        try:
            item = _loads(line)
        except RecursionError:
            where = Where(f"line {line_no}")
            yield where, ReportInvalid([FieldError("", "the line's JSON is nested too deeply")])
            continue
        except ValueError as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield Where(f"line {line_no}"), ReportInvalid([FieldError("", f"not valid JSON: {reason}")])
            continue
        yield Where(_label("line", line_no, item)), item
    if not seen:
        raise ImportFileError("the file holds no reports")
