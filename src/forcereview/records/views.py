"""Incident pages. Thin: read through ``records.access``, write through ``records.actions``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow
from forcereview.audit import access as audit_access
from forcereview.records.access import (
    access_incident,
    can_file_report,
    can_edit_incident,
    incident_list_for,
    incidents_for,
    officers_for,
    redactor_for,
    status_change_seen_by,
    status_choices_for,
    witness_redactor_for,
)
from forcereview.records import vocab
from forcereview.records.actions import create_incident, update_incident
from forcereview.records.display import incident_rows, incident_view
from forcereview.records.filters import apply_filters, parse_filters
from forcereview.records.forms.filters import FilterBar
from forcereview.records.forms.report import BLANK_ROWS_NEW, SECTIONS, ReportForm, edit_initial, new_report_initial
from forcereview.records.models import Unit
from forcereview.records.snapshot import incident_snapshot
from forcereview.records.validation import ReportInvalid
from forcereview.web.paging import get_page
from forcereview.web.panels import INCIDENT_PANELS, rendered

INCIDENT_READERS = (Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR)

AUDIT_ACTION_LABELS = {
    "incident.created": "Report filed",
    "incident.updated": "Report corrected",
    "incident.imported": "Imported",
    "incident.status_changed": "Status changed",
}


@allow(*INCIDENT_READERS)
def incident_list(request):
    user = request.user
    parsed = parse_filters(request.GET, reader=user)
    sort = "oldest" if request.GET.get("sort") == "oldest" else "newest"
    tz = timezone.get_current_timezone()
    qs = apply_filters(incident_list_for(user), parsed, tz).select_related("reported_by").order_by(
        *(("occurred_at", "id") if sort == "oldest" else ("-occurred_at", "-id"))
    )
    counted = apply_filters(incidents_for(user), parsed, tz) if request.GET.get("count") == "1" else None
    page = get_page(qs, request.GET.get("page"), counted=counted)
    filter_bar = FilterBar(
        request.GET,
        officers=officers_for(user).only("id", "first_name", "last_name", "badge_number"),
        units=Unit.objects.filter(agency_id=user.agency_id).only("id", "name"),
        statuses=status_choices_for(user),
        parsed=parsed,
    )
    return render(
        request,
        "records/incident_list.html",
        {
            "page": page,
            "rows": incident_rows(page.items, reader=user),
            "filter_bar": filter_bar,
            "filters_active": bool(parsed.active),
            "sort": sort,
            "file_url": reverse("records:incident_new") if can_file_report(user) else None,
            "breadcrumbs": [("Home", reverse("home")), ("Incidents", None)],
        },
    )


@allow(*INCIDENT_READERS)
def incident_detail(request, pk: int):
    user = request.user
    incident = access_incident(user, pk)
    view = incident_view(incident, reader=user, hide_subject=redactor_for(user), hide_witness=witness_redactor_for(user))
    history = None
    if user.role in audit_access.READERS:
        history = list(audit_access.entries_for(user).for_object(incident).order_by("id"))
    can_edit = can_edit_incident(user, incident)
    return render(
        request,
        "records/incident_detail.html",
        {
            "incident": incident,
            "view": view,
            "edit_url": reverse("records:incident_edit", args=[incident.pk]) if can_edit else None,
            "history": [(e, _action_label(e.action), changed) for e in history or []
                        if (changed := _changed(e, user)) is not None],
            "show_history": history is not None,
            "panels": rendered(INCIDENT_PANELS, request, incident),
            "breadcrumbs": [("Home", reverse("home")), ("Incidents", reverse("records:incident_list")),
                            (incident.number, None)],
        },
    )


def _action_label(action: str) -> str:
    if action in AUDIT_ACTION_LABELS:
        return AUDIT_ACTION_LABELS[action]
    words = action.split(".", 1)[-1].replace("_", " ")
    return words[:1].upper() + words[1:]


def _changed(entry, user) -> str | None:
    """What an entry changed: the parts of a corrected report by name only (their values may
    hold names this reader may not see), a status change with both statuses as this reader is
    shown them. None: an entry this reader is not shown (a status change that, as they see
    statuses, changed nothing)."""
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    if entry.action == "incident.status_changed":
        seen = status_change_seen_by(user, before.get("status", ""), after.get("status", ""))
        if seen is None:
            return None
        return " → ".join(vocab.INCIDENT_STATUS.label(code) for code in seen)
    if entry.action == "incident.updated":
        return ", ".join(key.replace("_", " ") for key in after)
    return ""


# -- filing and correcting a report ----------------------------------------------------------------

REPORT_FILERS = (Role.OFFICER, Role.SUPERVISOR)
REPORT_EDITORS = (Role.OFFICER, Role.SUPERVISOR, Role.COMMAND)


def _roster(user):
    return list(officers_for(user).select_related("unit").order_by("last_name", "first_name"))


def _render_report_form(request, form: ReportForm, *, title: str, submit: str, incident=None, note: str = ""):
    crumbs = [("Home", reverse("home")), ("Incidents", reverse("records:incident_list"))]
    if incident is not None:
        crumbs += [(incident.number, reverse("records:incident_detail", args=[incident.pk])), ("Correct", None)]
    else:
        crumbs.append(("New report", None))
    return render(
        request,
        "records/report_form.html",
        {"form": form, "sections": SECTIONS, "title": title, "submit": submit, "incident": incident,
         "note": note, "breadcrumbs": crumbs},
    )


@allow(*REPORT_FILERS)
def incident_new(request):
    user = request.user
    if not can_file_report(user):
        raise PermissionDenied("Your sign-in is not linked to an officer record, so you cannot file a report. "
                               "Ask an administrator to link it.")
    roster = _roster(user)
    page = {"title": "File a use-of-force report", "submit": "File the report"}
    if request.method != "POST":
        form = ReportForm(roster=roster, initial=new_report_initial(user.officer), blank_rows=BLANK_ROWS_NEW)
        return _render_report_form(request, form, **page)
    if "add" in request.POST:
        data = ReportForm.data_with_row_added(request.POST, request.POST["add"])
        return _render_report_form(request, ReportForm(data, roster=roster), **page)
    form = ReportForm(request.POST, roster=roster)
    try:
        incident = create_incident(user.agency, form.report_data(reported_by=user.officer.badge_number), by=user)
    except ReportInvalid as exc:
        form.show_errors(exc.errors)
        return _render_report_form(request, form, **page)
    messages.success(request, f"Report {incident.number} is filed. You can correct it until review starts.")
    return redirect("records:incident_detail", pk=incident.pk)


def _hidden_identities(user, incident) -> dict:
    hide_subject, hide_witness = redactor_for(user), witness_redactor_for(user)
    return {
        "subjects": {s.ref: s.name for s in incident.subjects.all() if s.name and hide_subject(s)},
        "witnesses": {str(i): {"name": w.name, "contact": w.contact}
                      for i, w in enumerate(incident.witnesses.all()) if hide_witness(w)},
    }


@allow(*REPORT_EDITORS)
def incident_edit(request, pk: int):
    user = request.user
    incident = access_incident(user, pk)
    if not can_edit_incident(user, incident):
        raise PermissionDenied("This report can no longer be corrected here: its review has started. "
                               "Command staff can correct it if something is wrong.")
    roster = _roster(user)
    hidden = _hidden_identities(user, incident)
    page = {"title": f"Correct report {incident.number}", "submit": "Save the corrections", "incident": incident}
    snapshot = incident_snapshot(incident)
    if request.method != "POST":
        initial = edit_initial(snapshot, timezone.get_current_timezone(), hidden_subject_refs=set(hidden["subjects"]),
                               hidden_witnesses={int(i) for i in hidden["witnesses"]})
        return _render_report_form(request, ReportForm(roster=roster, initial=initial, hidden=hidden), **page)
    note = request.POST.get("note", "").strip()[:1000]
    if "add" in request.POST:
        data = ReportForm.data_with_row_added(request.POST, request.POST["add"])
        return _render_report_form(request, ReportForm(data, roster=roster, hidden=hidden), note=note, **page)
    form = ReportForm(request.POST, roster=roster, hidden=hidden)
    try:
        update_incident(incident, form.report_data(reported_by=snapshot["reported_by"]), by=user, note=note)
    except ReportInvalid as exc:
        form.show_errors(exc.errors)
        return _render_report_form(request, form, note=note, **page)
    messages.success(request, f"Your corrections to report {incident.number} are saved.")
    return redirect("records:incident_detail", pk=incident.pk)
