"""Helpers for page tests: incidents on record for the personas of ``world``, and reading
what a page shows next to a form field."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from html import unescape

from forcereview.records.actions import create_incident, import_reports
from tests.conftest import TZ, report


def school_incident(world, **overrides):
    """Force on an 11-year-old at a school by officer #101 (in the sergeant's chain)."""
    return create_incident(world.agency, report(**overrides), by=world.users["officer"])


def adult_incident(world, *, number="2020-0001", badge="102", name="John Adult", **overrides):
    data = report(
        number=number, location_type="street", contact_reason="traffic_stop",
        occurred_at=datetime(2020, 1, 2, 23, 30, tzinfo=TZ).isoformat(),
        officers=[{"badge": badge, "role": "primary"}],
        subjects=[{"ref": "S1", "name": name, "age": 34}],
        force=[{"officer": badge, "subject": "S1", "type": "handcuffs"}],
        witnesses=[],
    )
    data.update(overrides)
    return create_incident(world.agency, data, by=None)


def many_incidents(world, count: int, *, badge="101", start=datetime(2021, 1, 1, 12, 0, tzinfo=TZ), prefix="M"):
    """``count`` simple incidents, one a day from ``start``, numbered M-0000, M-0001..."""
    reports = []
    for n in range(count):
        reports.append((f"item {n}", report(
            number=f"{prefix}-{n:04d}", occurred_at=(start + timedelta(days=n)).isoformat(),
            officers=[{"badge": badge, "role": "primary"}],
            subjects=[{"ref": "S1", "age": 30 + n % 40, "injuries": ["abrasion"]}],
            force=[{"officer": badge, "subject": "S1", "type": "takedown"}],
            witnesses=[],
        )))
    result = import_reports(world.agency, reports, by=None)
    assert result.ok, result.errors[:3]


def text(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def field_error(response, field_id: str) -> str:
    """The error shown next to the input ``field_id``, checked to be tied to it for screen readers."""
    html = response.content.decode()
    match = re.search(rf'<ul class="errorlist"[^>]*id="{re.escape(field_id)}_error"[^>]*>(.*?)</ul>', html, re.S)
    assert match, f"no error shown next to {field_id}"
    tag = re.search(rf'<(?:input|select|textarea|fieldset)\b[^>]*\bid="{re.escape(field_id)}"[^>]*>', html)
    if tag is None:  # a group of checkboxes: the fieldset around them carries the description
        tag = re.search(rf'<fieldset\b[^>]*aria-describedby="[^"]*{re.escape(field_id)}_error[^"]*"[^>]*>', html)
    assert tag, f"no input with id {field_id}"
    assert f"{field_id}_error" in tag.group(0), f"{field_id} is not described by its error"
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", match.group(1)))).strip()


def row_numbers(response) -> list[str]:
    """Incident numbers in the list's table, in order."""
    return re.findall(r'class="rowlink" href="/incidents/\d+/">([^<]+)</a>', response.content.decode())
