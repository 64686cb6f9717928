"""Filtering of the incident list, shared by the web page and the REST API.

Filters narrow a queryset that ``records.access`` already scoped to the reader. Each bad value
becomes an error naming the filter; the list is then shown unfiltered by that value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, QuerySet

from forcereview.records import vocab
from forcereview.records.access import status_seen_by, statuses_matching
from forcereview.records.models import ForceApplication, Incident, OfficerInvolvement, Subject

FILTER_NAMES = ("date_from", "date_to", "officer", "unit", "force_type", "location_type", "juvenile", "status", "number")


@dataclass
class IncidentFilter:
    date_from: date | None = None
    date_to: date | None = None
    officer: int | None = None
    unit: int | None = None
    force_type: str | None = None
    location_type: str | None = None
    juvenile: bool | None = None
    status: str | None = None
    number: str | None = None
    # The stored statuses the status filter selects: more than one where the reader is shown
    # several statuses as one (``records.access.statuses_matching``).
    statuses: tuple[str, ...] = ()
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> dict[str, str]:
        out = {}
        for name in FILTER_NAMES:
            value = getattr(self, name)
            if value is not None and value != "":
                out[name] = "yes" if value is True else "no" if value is False else str(value)
        return out


def parse_filters(params, *, reader=None) -> IncidentFilter:
    """Read filters from a query dict (``request.GET``) or a plain dict. With ``reader``, a
    status is read as that user is shown statuses: an officer asking for "referred" gets
    exactly the answer to "under_review"."""
    f = IncidentFilter()

    def get(name: str) -> str:
        value = params.get(name)
        return str(value).strip() if value not in (None, "") else ""

    for name in ("date_from", "date_to"):
        raw = get(name)
        if raw:
            try:
                setattr(f, name, date.fromisoformat(raw))
            except ValueError:
                f.errors[name] = f"{raw!r} is not a date (use YYYY-MM-DD)"
    if f.date_from and f.date_to and f.date_from > f.date_to:
        f.errors["date_to"] = "is before the start date"
        f.date_to = None
    for name in ("officer", "unit"):
        raw = get(name)
        if raw:
            if raw.isdigit():
                setattr(f, name, int(raw))
            else:
                f.errors[name] = f"{raw!r} is not a valid {name} id"
    for name, vocabulary in (("force_type", vocab.FORCE_TYPES), ("location_type", vocab.LOCATION_TYPES), ("status", vocab.INCIDENT_STATUS)):
        raw = get(name)
        if raw:
            if raw in vocabulary:
                setattr(f, name, raw)
            else:
                f.errors[name] = f"{raw!r} is not a known {vocabulary.name}"
    if f.status:
        f.statuses = statuses_matching(reader, f.status)
        f.status = status_seen_by(reader, f.status)
    raw = get("juvenile").lower()
    if raw:
        if raw in {"yes", "true", "1"}:
            f.juvenile = True
        elif raw in {"no", "false", "0"}:
            f.juvenile = False
        else:
            f.errors["juvenile"] = "use yes or no"
    number = get("number")
    f.number = number[:40] or None
    return f


def _day_start(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def apply_filters(qs: QuerySet[Incident], f: IncidentFilter, tz: ZoneInfo) -> QuerySet[Incident]:
    if f.date_from:
        qs = qs.filter(occurred_at__gte=_day_start(f.date_from, tz))
    if f.date_to:
        qs = qs.filter(occurred_at__lt=_day_start(f.date_to + timedelta(days=1), tz))
    if f.location_type:
        qs = qs.filter(location_type=f.location_type)
    if f.status:
        statuses = f.statuses or (f.status,)
        qs = qs.filter(status=statuses[0]) if len(statuses) == 1 else qs.filter(status__in=statuses)
    if f.number:
        qs = qs.filter(number__icontains=f.number)
    if f.officer is not None:
        qs = qs.filter(Exists(OfficerInvolvement.objects.filter(incident=OuterRef("pk"), officer_id=f.officer)))
    if f.unit is not None:
        qs = qs.filter(Exists(OfficerInvolvement.objects.filter(incident=OuterRef("pk"), officer__unit_id=f.unit)))
    if f.force_type:
        qs = qs.filter(Exists(ForceApplication.objects.filter(incident=OuterRef("pk"), force_type=f.force_type)))
    if f.juvenile is not None:
        juvenile = Exists(Subject.objects.filter(incident=OuterRef("pk"), is_juvenile=True))
        qs = qs.filter(juvenile if f.juvenile else ~juvenile)
    return qs
