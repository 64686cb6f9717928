"""Incident pages. Thin: read through ``records.access``, write through ``records.actions``."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow
from forcereview.audit import access as audit_access
from forcereview.records.access import (
    access_incident,
    can_file_report,
    can_edit_incident,
    incidents_for,
    officers_for,
    redactor_for,
    witness_redactor_for,
)
from forcereview.records.display import incident_rows, incident_view
from forcereview.records.filters import apply_filters, parse_filters
from forcereview.records.forms.filters import IncidentFilterForm
from forcereview.records.models import Unit
from forcereview.web.paging import get_page
from forcereview.web.panels import INCIDENT_PANELS, rendered

def optional_url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


INCIDENT_READERS = (Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR)

AUDIT_ACTION_LABELS = {
    "incident.created": "Report filed",
    "incident.updated": "Report corrected",
    "incident.imported": "Imported",
}


@allow(*INCIDENT_READERS)
def incident_list(request):
    user = request.user
    parsed = parse_filters(request.GET)
    sort = "oldest" if request.GET.get("sort") == "oldest" else "newest"
    qs = apply_filters(incidents_for(user), parsed, timezone.get_current_timezone())
    qs = qs.select_related("reported_by").order_by(
        *(("occurred_at", "id") if sort == "oldest" else ("-occurred_at", "-id"))
    )
    page = get_page(qs, request.GET.get("page"))
    form = IncidentFilterForm(
        request.GET,
        officers=officers_for(user).only("id", "first_name", "last_name", "badge_number"),
        units=Unit.objects.filter(agency_id=user.agency_id).only("id", "name"),
        parsed=parsed,
    )
    return render(
        request,
        "records/incident_list.html",
        {
            "page": page,
            "rows": incident_rows(page.items),
            "form": form,
            "filters_active": bool(parsed.active),
            "sort": sort,
            "file_url": optional_url("records:incident_new") if can_file_report(user) else None,
            "breadcrumbs": [("Home", reverse("home")), ("Incidents", None)],
        },
    )


@allow(*INCIDENT_READERS)
def incident_detail(request, pk: int):
    user = request.user
    incident = access_incident(user, pk)
    view = incident_view(incident, hide_subject=redactor_for(user), hide_witness=witness_redactor_for(user))
    history = list(audit_access.entries_for(user).for_object(incident).order_by("id")) if user.role in audit_access.READERS else None
    return render(
        request,
        "records/incident_detail.html",
        {
            "incident": incident,
            "view": view,
            "edit_url": optional_url("records:incident_edit", incident.pk) if can_edit_incident(user, incident) else None,
            "history": [(e, AUDIT_ACTION_LABELS.get(e.action, e.action), _changed(e)) for e in history or []],
            "show_history": history is not None,
            "panels": rendered(INCIDENT_PANELS, request, incident),
            "breadcrumbs": [("Home", reverse("home")), ("Incidents", reverse("records:incident_list")),
                            (incident.number, None)],
        },
    )


def _changed(entry) -> str:
    """Which parts of the report an entry changed, by name only (values may hold names)."""
    if entry.action != "incident.updated" or not isinstance(entry.after, dict):
        return ""
    return ", ".join(key.replace("_", " ") for key in entry.after)
