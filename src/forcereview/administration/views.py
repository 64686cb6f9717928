"""The administrator's pages: the agency's logins, officers and units.

Thin: read through ``accounts.access`` and ``records.access`` (the administrator's own agency
only; anything else answers "not found"), write through ``accounts.actions`` and
``records.actions``, each write with its audit entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from forcereview.accounts import actions as account_actions
from forcereview.accounts.access import access_user, users_for
from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow
from forcereview.administration.forms import OfficerForm, UnitForm, UserForm
from forcereview.audit import access as audit_access
from forcereview.records import actions as record_actions
from forcereview.records.access import (
    access_roster_officer,
    access_roster_unit,
    roster_officers_for,
    roster_units_for,
)
from forcereview.records.actions import RecordInvalid

NEW_LINK_KEY = "new_password_link"
HISTORY_ROWS = 20


def _crumbs(section: str, url_name: str, last: str | None = None) -> list:
    crumbs = [("Home", reverse("home")), (section, reverse(url_name) if last else None)]
    if last:
        crumbs.append((last, None))
    return crumbs


def _run(request, form, do, success: str) -> bool:
    """Validate ``form``, call ``do(cleaned_data)``; a refusal goes next to its field and
    nothing is written. True when done."""
    if form.is_valid():
        try:
            do(form.cleaned_data)
        except RecordInvalid as exc:
            err = exc.errors[0]
            form.add_error(err.path if err.path in form.fields else None, err.message)
        else:
            messages.success(request, success)
            return True
    messages.error(request, "Nothing was saved: please correct the marked fields.")
    return False


def _history(user, obj) -> list:
    return list(audit_access.entries_for(user).for_object(obj).order_by("-id")[:HISTORY_ROWS])


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


# -- users ---------------------------------------------------------------------------------------


@allow(Role.ADMIN)
def user_list(request):
    rows = users_for(request.user).select_related("officer", "officer__unit").order_by("-is_active", "username")
    return render(request, "administration/user_list.html", {
        "users": rows, "tab": "users", "breadcrumbs": _crumbs("Users", "administration:users")})


@allow(Role.ADMIN)
def user_new(request):
    admin = request.user
    form = UserForm(request.POST or None, agency_id=admin.agency_id, creating=True)
    created = {}

    def do(d):
        created["user"] = account_actions.create_user(
            by=admin, username=d["username"].strip(), password=None, role=d["role"], agency=admin.agency,
            officer=d["officer"], email=d["email"], first_name=d["first_name"], last_name=d["last_name"])

    if request.method == "POST" and _run(request, form, do, "The login is created."):
        user = created["user"]
        from forcereview.accounts.passwords import set_password_path

        request.session[NEW_LINK_KEY] = {"user": user.pk, "url": request.build_absolute_uri(set_password_path(user))}
        return redirect("administration:user", pk=user.pk)
    return render(request, "administration/user_new.html", {
        "form": form, "tab": "users", "breadcrumbs": _crumbs("Users", "administration:users", "New login")},
        status=_status(request))


def _user_page(request, user, form, status=200):
    link = request.session.pop(NEW_LINK_KEY, None)
    if link and link.get("user") != user.pk:
        link = None
    return render(request, "administration/user_detail.html", {
        "target": user, "form": form, "link": link, "history": _history(request.user, user),
        "is_self": user.pk == request.user.pk, "tab": "users",
        "breadcrumbs": _crumbs("Users", "administration:users", user.username),
    }, status=status)


@allow(Role.ADMIN)
def user_detail(request, pk: int):
    admin = request.user
    user = access_user(admin, pk)
    initial = {"role": user.role, "officer": user.officer_id, "first_name": user.first_name,
               "last_name": user.last_name, "email": user.email}
    form = UserForm(request.POST or None, initial=initial, agency_id=admin.agency_id, creating=False)

    def do(d):
        account_actions.update_user(user, by=admin, role=d["role"], officer=d["officer"], email=d["email"],
                                    first_name=d["first_name"], last_name=d["last_name"])

    if request.method == "POST" and _run(request, form, do, "The login is saved."):
        return redirect("administration:user", pk=user.pk)
    return _user_page(request, user, form, status=_status(request))


def _user_step(request, pk: int, step, success: str):
    user = access_user(request.user, pk)
    try:
        result = step(user)
    except RecordInvalid as exc:
        messages.error(request, f"Nothing was changed: {exc.errors[0].message}.")
    else:
        messages.success(request, success)
        if isinstance(result, str):
            request.session[NEW_LINK_KEY] = {"user": user.pk, "url": request.build_absolute_uri(result)}
    return redirect("administration:user", pk=user.pk)


@allow(Role.ADMIN)
@require_POST
def user_deactivate(request, pk: int):
    return _user_step(request, pk, lambda u: account_actions.deactivate_user(u, by=request.user),
                      "The login is deactivated: its sessions are ended and its API tokens revoked.")


@allow(Role.ADMIN)
@require_POST
def user_reactivate(request, pk: int):
    return _user_step(request, pk, lambda u: account_actions.reactivate_user(u, by=request.user),
                      "The login is active again. Its old API tokens stay revoked.")


@allow(Role.ADMIN)
@require_POST
def user_reset_password(request, pk: int):
    return _user_step(request, pk, lambda u: account_actions.reset_password(u, by=request.user),
                      "The password is cleared and the login's sessions are ended.")


# -- officers ------------------------------------------------------------------------------------

OFFICER_FIELDS = ("first_name", "last_name", "badge_number", "rank", "assignment", "unit", "supervisor",
                  "hire_date", "status", "email")


@allow(Role.ADMIN)
def officer_list(request):
    rows = roster_officers_for(request.user).select_related("unit", "supervisor").order_by(
        "last_name", "first_name", "pk")
    status = request.GET.get("status", "")
    if status:
        rows = rows.filter(status=status)
    return render(request, "administration/officer_list.html", {
        "officers": rows, "status": status, "tab": "officers",
        "breadcrumbs": _crumbs("Officers", "administration:officers")})


@allow(Role.ADMIN)
def officer_new(request):
    admin = request.user
    form = OfficerForm(request.POST or None, agency_id=admin.agency_id, initial={"status": "active"})
    created = {}

    def do(d):
        created["officer"] = record_actions.create_officer(
            admin.agency, by=admin, **{k: d[k] for k in OFFICER_FIELDS})

    if request.method == "POST" and _run(request, form, do, "The officer is added."):
        return redirect("administration:officer", pk=created["officer"].pk)
    return render(request, "administration/officer_form.html", {
        "form": form, "tab": "officers", "title": "Add an officer",
        "breadcrumbs": _crumbs("Officers", "administration:officers", "Add an officer")}, status=_status(request))


@allow(Role.ADMIN)
def officer_detail(request, pk: int):
    admin = request.user
    officer = access_roster_officer(admin, pk)
    initial = {k: getattr(officer, k) for k in OFFICER_FIELDS}
    form = OfficerForm(request.POST or None, initial=initial, agency_id=admin.agency_id)

    def do(d):
        record_actions.update_officer(officer, by=admin, **{k: d[k] for k in OFFICER_FIELDS})

    if request.method == "POST" and _run(request, form, do, "The officer's record is saved."):
        return redirect("administration:officer", pk=officer.pk)
    return render(request, "administration/officer_form.html", {
        "form": form, "officer": officer, "tab": "officers", "title": officer.full_name,
        "login": getattr(officer, "user", None),
        "reports": officer.direct_reports.order_by("last_name", "first_name"),
        "history": _history(admin, officer),
        "breadcrumbs": _crumbs("Officers", "administration:officers", officer.full_name)}, status=_status(request))


# -- units ---------------------------------------------------------------------------------------


@allow(Role.ADMIN)
def unit_list(request):
    units = list(roster_units_for(request.user).select_related("parent").order_by("name"))
    counts = {}
    for unit_id in roster_officers_for(request.user).values_list("unit_id", flat=True):
        counts[unit_id] = counts.get(unit_id, 0) + 1
    return render(request, "administration/unit_list.html", {
        "units": [(u, counts.get(u.pk, 0)) for u in units], "tab": "units",
        "breadcrumbs": _crumbs("Units", "administration:units")})


@allow(Role.ADMIN)
def unit_new(request):
    admin = request.user
    form = UnitForm(request.POST or None, agency_id=admin.agency_id)

    def do(d):
        record_actions.create_unit(admin.agency, by=admin, name=d["name"], kind=d["kind"], parent=d["parent"])

    if request.method == "POST" and _run(request, form, do, "The unit is added."):
        return redirect("administration:units")
    return render(request, "administration/unit_form.html", {
        "form": form, "tab": "units", "title": "Add a unit",
        "breadcrumbs": _crumbs("Units", "administration:units", "Add a unit")}, status=_status(request))


@allow(Role.ADMIN)
def unit_detail(request, pk: int):
    admin = request.user
    unit = access_roster_unit(admin, pk)
    form = UnitForm(request.POST or None, agency_id=admin.agency_id,
                    initial={"name": unit.name, "kind": unit.kind, "parent": unit.parent_id})

    def do(d):
        record_actions.update_unit(unit, by=admin, name=d["name"], kind=d["kind"], parent=d["parent"])

    if request.method == "POST" and _run(request, form, do, "The unit is saved."):
        return redirect("administration:units")
    return render(request, "administration/unit_form.html", {
        "form": form, "unit": unit, "tab": "units", "title": unit.name,
        "officers": unit.officers.order_by("last_name", "first_name"), "history": _history(admin, unit),
        "breadcrumbs": _crumbs("Units", "administration:units", unit.name)}, status=_status(request))
