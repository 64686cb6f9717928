"""Incident pages. Thin: read through ``records.access``, write through ``records.actions``."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow
from forcereview.records.access import access_incident, incidents_for, redactor_for
from forcereview.records.snapshot import incident_snapshot
from forcereview.web.panels import INCIDENT_PANELS, rendered

INCIDENT_READERS = (Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR)


@allow(*INCIDENT_READERS)
def incident_list(request):
    qs = incidents_for(request.user).select_related("reported_by")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "records/incident_list.html", {"page": page})


@allow(*INCIDENT_READERS)
def incident_detail(request, pk: int):
    incident = access_incident(request.user, pk)
    report = incident_snapshot(incident, redact=redactor_for(request.user))
    return render(
        request,
        "records/incident_detail.html",
        {"incident": incident, "report": report, "panels": rendered(INCIDENT_PANELS, request, incident)},
    )
