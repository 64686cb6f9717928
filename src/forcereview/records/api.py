"""The incidents REST API (``/api/incidents``) and the reference data integrators need to
build forms (``/api/vocabularies``, ``/api/officers``, ``/api/units``).

Thin: parse, check who may do it (``records.access``), call ``records.actions``, return the
report shape. Report bodies are read here and checked by ``records.validation`` only, so a
refused report lists every problem with its field path, in the same words as the web form
and the import. See ``docs/api.md``.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router, Status

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import api_all_signed_in, api_roles
from forcereview.openapi import json_body
from forcereview.records import actions, vocab
from forcereview.records.access import (
    access_incident,
    can_edit_incident,
    can_file_report,
    filing_problem,
    incident_list_for,
    incidents_for,
    officers_for,
    redactor_for,
    status_seen_by,
    units_for,
)
from forcereview.records.api_schemas import (
    Detail,
    IncidentOut,
    IncidentPage,
    IncidentQuery,
    Invalid,
    OfficerListed,
    ReportIn,
    UnitOut,
    VocabularyOut,
)
from forcereview.records.filters import apply_filters, parse_filters
from forcereview.records.models import ForceApplication, Incident, Subject
from forcereview.records.snapshot import incident_snapshot
from forcereview.records.validation import FieldError, ReportInvalid

router = Router(tags=["Incidents"])
reference_router = Router(tags=["Reference data"])

READERS = (Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR)
FILERS = (Role.OFFICER, Role.SUPERVISOR)
# Who may try; ``access.can_edit_incident`` decides per incident (the reporting officer until
# review starts, command always).
EDITORS = (Role.OFFICER, Role.SUPERVISOR, Role.COMMAND)
# The list's count stops past this many incidents unless the caller asks for an exact count:
# counting a supervisor's 13,000 incidents among 200,000 costs several times the page itself.
COUNT_LIMIT = 1000
REPORT_BODY = json_body(ReportIn, "A whole use-of-force report. Unknown fields are errors.")


def _report_from_body(request) -> object:
    try:
        return json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ReportInvalid([FieldError("", f"the request body is not JSON ({exc})")]) from None


def _status_problem(data, current: str) -> FieldError | None:
    status = data.get("status") if isinstance(data, dict) else None
    if status not in (None, "", current):
        return FieldError("status", f"is read-only (it is {current!r}); it changes through review, not through this API")
    return None


def _refuse(problems: list[FieldError], check) -> None:
    """Raise every problem found here together with every problem the validator finds."""
    if not problems:
        return
    try:
        check()
    except ReportInvalid as exc:
        problems = problems + exc.errors
    raise ReportInvalid(problems)


def _incident_out(request, incident: Incident) -> dict:
    out = incident_snapshot(incident, redact=redactor_for(request.user))
    out["status"] = status_seen_by(request.user, incident.status)
    out["agency"] = incident.agency.slug
    out["url"] = request.build_absolute_uri(reverse("records:incident_detail", args=[incident.pk]))
    return out


@router.post(
    "/",
    response={201: IncidentOut, 403: Detail, 422: Invalid},
    auth=api_roles(*FILERS),
    openapi_extra=REPORT_BODY,
    summary="File a use-of-force report",
    description="Officers and supervisors file their own reports: the caller must be listed among the officers. "
    "Nothing is saved unless the whole report is valid.",
)
def create_incident(request, response: HttpResponse):
    user = request.user
    if not can_file_report(user):
        raise PermissionDenied("Only officers and supervisors linked to an officer record file reports.")
    data = _report_from_body(request)
    problems = [p for p in (filing_problem(user, data), _status_problem(data, "reported")) if p]
    _refuse(problems, lambda: actions.check_report(user.agency, data))
    incident = actions.create_incident(user.agency, data, by=user)
    out = _incident_out(request, access_incident(user, incident.pk))
    response["Location"] = reverse("api:incident_read", args=[incident.pk])
    return Status(201, out)


@router.get(
    "/{int:incident_id}",
    response={200: IncidentOut, 404: Detail},
    auth=api_roles(*READERS),
    url_name="incident_read",
    summary="Read an incident",
    description="Subjects' names are redacted where the caller's role may not see them "
    "(minors: investigators and command only; auditors: no names).",
)
def read_incident(request, incident_id: int):
    return _incident_out(request, access_incident(request.user, incident_id))


@router.put(
    "/{int:incident_id}",
    response={200: IncidentOut, 403: Detail, 404: Detail, 422: Invalid},
    auth=api_roles(*EDITORS),
    openapi_extra=REPORT_BODY,
    summary="Replace an incident's report",
    description="Send the whole report; subjects, officers, force applications and witnesses are replaced. "
    "The reporting officer may correct a report until review starts; command may always. "
    "Every change is kept in the audit log.",
)
def update_incident(request, incident_id: int):
    user = request.user
    incident = access_incident(user, incident_id)
    if not can_edit_incident(user, incident):
        raise PermissionDenied("You may not change this incident (only its reporting officer before review, or command).")
    data = _report_from_body(request)
    problems = [p for p in (filing_problem(user, data), _status_problem(data, status_seen_by(user, incident.status))) if p]
    _refuse(problems, lambda: actions.check_report(incident.agency, data, current=incident))
    actions.update_incident(incident, data, by=user)
    return _incident_out(request, access_incident(user, incident_id))


@router.get(
    "/",
    response={200: IncidentPage, 422: Invalid},
    auth=api_roles(*READERS),
    url_name="incident_list",
    summary="List incidents",
    description="Incidents the caller may see, newest first, with the filters of the web list. "
    "Page with limit and offset (or page), and follow next. The count is exact up to 1,000 "
    "incidents; past that, count_exact is false and more than count match, unless exact_count "
    "is asked for.",
)
def list_incidents(request, query: Query[IncidentQuery]):
    user = request.user
    filters = parse_filters(request.GET, reader=user)
    if filters.errors:
        raise ReportInvalid([FieldError(name, message) for name, message in filters.errors.items()])
    offset = (query.page - 1) * query.limit if query.page else query.offset
    tz = ZoneInfo(user.agency.timezone) if user.agency_id else ZoneInfo("UTC")
    listed = apply_filters(incident_list_for(user), filters, tz)
    # One row more than the page, to know whether a next page exists without counting.
    rows = list(listed.order_by("-occurred_at", "-id").select_related("reported_by")[offset : offset + query.limit + 1])
    has_next = len(rows) > query.limit
    rows = rows[: query.limit]
    if query.exact_count:
        count, exact = apply_filters(incidents_for(user), filters, tz).count(), True
    else:
        count, exact = _count(listed, offset, rows, has_next)
    return {
        "count": count,
        "count_exact": exact,
        "limit": query.limit,
        "offset": offset,
        "next": _page_url(request, offset + query.limit, query.limit) if has_next else None,
        "previous": _page_url(request, max(offset - query.limit, 0), query.limit) if offset > 0 else None,
        "items": _summaries(request, rows),
    }


def _count(listed, offset: int, rows: list, has_next: bool) -> tuple[int, bool]:
    """(count, exact) without counting past ``COUNT_LIMIT``: exact up to it, else "more than
    count". A last page tells its total for free."""
    seen = offset + len(rows)
    if not has_next and (rows or offset == 0):
        return seen, True
    if has_next and seen >= COUNT_LIMIT:
        return seen, False
    counted = listed.order_by().values("pk")[: COUNT_LIMIT + 1].count()
    return (counted, True) if counted <= COUNT_LIMIT else (COUNT_LIMIT, False)


def _page_url(request, offset: int, limit: int) -> str:
    params = {k: v for k, v in request.GET.items() if k not in ("offset", "page", "limit")}
    params.update(limit=limit, offset=offset)
    return request.build_absolute_uri(request.path + "?" + urlencode(params))


def _summaries(request, rows: list[Incident]) -> list[dict]:
    ids = [i.pk for i in rows]
    force: dict[int, set[str]] = {}
    for incident_id, force_type in ForceApplication.objects.filter(incident_id__in=ids).values_list("incident_id", "force_type"):
        force.setdefault(incident_id, set()).add(force_type)
    juvenile = set(Subject.objects.filter(incident_id__in=ids, is_juvenile=True).values_list("incident_id", flat=True))
    order = {code: n for n, code in enumerate(vocab.FORCE_TYPES.codes)}
    base = request.build_absolute_uri("/")[:-1]
    return [
        {
            "id": i.pk,
            "url": base + reverse("records:incident_detail", args=[i.pk]),
            "number": i.number,
            "occurred_at": i.occurred_at,
            "location": i.location,
            "location_type": i.location_type,
            "contact_reason": i.contact_reason,
            "status": status_seen_by(request.user, i.status),
            "reported_by": i.reported_by.badge_number if i.reported_by_id else None,
            "force_types": sorted(force.get(i.pk, ()), key=order.__getitem__),
            "juvenile": i.pk in juvenile,
        }
        for i in rows
    ]


# -- reference data ------------------------------------------------------------------------------

# (key, vocabulary, report fields that use it)
VOCABULARIES = (
    ("location_type", vocab.LOCATION_TYPES, ["location_type"]),
    ("contact_reason", vocab.CONTACT_REASONS, ["contact_reason"]),
    ("involvement_role", vocab.INVOLVEMENT_ROLES, ["officers[].role"]),
    ("injury", vocab.INJURY_TYPES, ["officers[].injuries", "subjects[].injuries"]),
    ("claim", vocab.CLAIMS, ["officers[].claims[].kind"]),
    ("sex", vocab.SEX, ["subjects[].sex"]),
    ("race", vocab.RACE, ["subjects[].race"]),
    ("ethnicity", vocab.ETHNICITY, ["subjects[].ethnicity"]),
    ("impairment", vocab.IMPAIRMENTS, ["subjects[].impairments"]),
    ("armed", vocab.ARMED, ["subjects[].armed"]),
    ("resistance", vocab.RESISTANCE_TYPES, ["subjects[].resistance", "force[].resistance"]),
    ("medical_treatment", vocab.MEDICAL_TREATMENT, ["subjects[].medical_treatment"]),
    ("force_type", vocab.FORCE_TYPES, ["force[].type"]),
    ("witness_role", vocab.WITNESS_ROLES, ["witnesses[].role"]),
    ("incident_status", vocab.INCIDENT_STATUS, ["status (read-only)"]),
    ("rank", vocab.RANKS, ["officer rank"]),
    ("assignment", vocab.ASSIGNMENTS, ["officer assignment"]),
    ("unit_kind", vocab.UNIT_KINDS, ["unit kind"]),
    ("officer_status", vocab.OFFICER_STATUS, ["officer status"]),
)


@reference_router.get(
    "/vocabularies",
    response=list[VocabularyOut],
    auth=api_all_signed_in(),
    summary="Every code list with its labels",
)
def vocabularies(request):
    return [
        {"key": key, "name": v.name, "fields": fields, "terms": [{"code": t.code, "label": t.label, "fbi": t.fbi} for t in v]}
        for key, v, fields in VOCABULARIES
    ]


@reference_router.get("/officers", response=list[OfficerListed], auth=api_all_signed_in(), summary="Officers of your agency")
def officers(request):
    return [
        {"id": o.pk, "badge": o.badge_number, "first_name": o.first_name, "last_name": o.last_name, "rank": o.rank,
         "assignment": o.assignment, "unit": o.unit_id, "supervisor": o.supervisor_id, "status": o.status,
         "hire_date": o.hire_date}
        for o in officers_for(request.user).order_by("last_name", "first_name", "pk")
    ]


@reference_router.get("/units", response=list[UnitOut], auth=api_all_signed_in(), summary="Units of your agency")
def units(request):
    return [{"id": u.pk, "name": u.name, "kind": u.kind, "parent": u.parent_id} for u in units_for(request.user).order_by("name")]
