"""The cases app's sections on the home page and the incident page."""

from __future__ import annotations

from django.urls import reverse

from forcereview.accounts.roles import Role
from forcereview.web.panels import HOME_PANELS, INCIDENT_PANELS, Panel

ROWS = 8


def home_cases(request) -> dict | None:
    from forcereview.cases.access import cases_for, complaints_for
    from forcereview.cases.models import Case, Complaint

    user = request.user
    if user.role not in (Role.INVESTIGATOR, Role.COMMAND):
        return None
    open_cases = cases_for(user).exclude(status=Case.Status.CLOSED)
    if user.role == Role.COMMAND:
        first = open_cases.filter(status=Case.Status.ADJUDICATION)
        title = "Cases awaiting your findings"
    else:
        first = open_cases.filter(lead_investigator=user)
        title = "Your cases"
    intake = complaints_for(user).filter(status=Complaint.Status.RECEIVED, screening=Complaint.Screening.ACCEPTED)
    held = complaints_for(user).filter(screening=Complaint.Screening.HELD, status=Complaint.Status.RECEIVED)
    return {
        "title": title,
        "cases": list(first.order_by("opened_at")[:ROWS]),
        "open_count": open_cases.count(),
        "intake_count": intake.count(),
        "held_count": held.count(),
        "list_url": reverse("cases:list"),
        "intake_url": reverse("cases:complaint_list"),
    }


def incident_cases(request, incident) -> dict | None:
    from forcereview.cases.access import CASE_READERS, can_record_claim, cases_for, claims_for

    user = request.user
    if user.role not in CASE_READERS:
        return None
    return {
        "cases": list(cases_for(user).filter(incident_links__incident=incident).distinct()),
        "claims": list(claims_for(user).filter(incident=incident)),
        "new_case_url": reverse("cases:new") + f"?incident={incident.pk}",
        "new_claim_url": reverse("cases:claim_new") + f"?incident={incident.pk}" if can_record_claim(user) else None,
    }


def connect() -> None:
    home = Panel("cases", "cases/panels/home.html", home_cases, order=15)
    incident = Panel("cases", "cases/panels/incident.html", incident_cases, order=60)
    if home not in HOME_PANELS:
        HOME_PANELS.append(home)
    if incident not in INCIDENT_PANELS:
        INCIDENT_PANELS.append(incident)
