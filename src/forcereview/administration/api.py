"""The administrator's API (``/api/admin/...``): the agency's logins and officers.

Thin, like the pages: reads through ``accounts.access`` and ``records.access`` (the caller's
own agency only; anything else answers 404), writes through the actions, each with its audit
entry. A refused write answers 422 naming the field, and writes nothing. See ``docs/api.md``.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from forcereview.accounts import actions as account_actions
from forcereview.accounts.access import access_user, users_for
from forcereview.accounts.roles import Role
from forcereview.accounts.rules import api_roles
from forcereview.records import actions as record_actions
from forcereview.records.access import access_roster_officer, access_roster_unit, roster_officers_for
from forcereview.records.actions import RecordInvalid
from forcereview.records.api_schemas import Detail, Invalid, OfficerListed

router = Router(tags=["Administration"])
ADMIN = api_roles(Role.ADMIN)


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class UserOut(Schema):
    id: int
    username: str
    role: str
    first_name: str
    last_name: str
    email: str
    officer: int | None
    officer_badge: str | None
    is_active: bool
    last_login: str | None


class UserCreated(UserOut):
    set_password_url: str


class UserIn(Strict):
    username: str
    role: str
    officer: int | None = None
    first_name: str = ""
    last_name: str = ""
    email: str = ""


class UserPatch(Strict):
    role: str | None = None
    officer: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    is_active: bool | None = None


class OfficerOut(OfficerListed):
    email: str


class OfficerIn(Strict):
    badge: str
    first_name: str
    last_name: str
    hire_date: date
    rank: str = "officer"
    assignment: str = "patrol"
    unit: int | None = None
    supervisor: int | None = None
    status: str = "active"
    email: str = ""


class OfficerPatch(Strict):
    badge: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    hire_date: date | None = None
    rank: str | None = None
    assignment: str | None = None
    unit: int | None = None
    supervisor: int | None = None
    status: str | None = None
    email: str | None = None


def _user_out(user) -> dict:
    return {
        "id": user.pk, "username": user.username, "role": user.role, "first_name": user.first_name,
        "last_name": user.last_name, "email": user.email, "officer": user.officer_id,
        "officer_badge": user.officer.badge_number if user.officer_id else None, "is_active": user.is_active,
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def _officer_out(o) -> dict:
    return {"id": o.pk, "badge": o.badge_number, "first_name": o.first_name, "last_name": o.last_name,
            "rank": o.rank, "assignment": o.assignment, "unit": o.unit_id, "supervisor": o.supervisor_id,
            "status": o.status, "hire_date": o.hire_date, "email": o.email}


def _in_agency(getter, request, pk, field: str):
    """An officer or unit named by id in a body: one of the caller's agency, or a 422 naming the field."""
    if pk is None:
        return None
    try:
        return getter(request.user, pk)
    except Http404:  # the same refusal for another agency's record and for none at all
        raise RecordInvalid(field, f"no {field} with id {pk} in your agency") from None


RESPONSES = {403: Detail, 404: Detail, 422: Invalid}


@router.get("/users", response=list[UserOut], auth=ADMIN, summary="Logins of your agency")
def list_users(request):
    return [_user_out(u) for u in users_for(request.user).select_related("officer").order_by("username")]


@router.post("/users", response={201: UserCreated, **RESPONSES}, auth=ADMIN, summary="Create a login",
             description="The login has no password; `set_password_url` is a one-time link with which its owner "
             "sets one. It is returned only here.")
def create_user(request, body: UserIn):
    from forcereview.accounts.passwords import set_password_path

    officer = _in_agency(access_roster_officer, request, body.officer, "officer")
    user = account_actions.create_user(
        by=request.user, username=body.username.strip(), password=None, role=body.role, agency=request.user.agency,
        officer=officer, email=body.email, first_name=body.first_name, last_name=body.last_name)
    out = _user_out(user) | {"set_password_url": request.build_absolute_uri(set_password_path(user))}
    return Status(201, out)


@router.patch("/users/{int:user_id}", response={200: UserOut, **RESPONSES}, auth=ADMIN, summary="Change a login",
              description="Send only what changes. `officer: null` unlinks the officer record. "
              "`is_active: false` deactivates the login: its sessions end and its API tokens are revoked.")
def update_user(request, user_id: int, body: UserPatch):
    user = access_user(request.user, user_id)
    sent = body.model_dump(exclude_unset=True)
    changes = {k: v for k, v in sent.items() if k not in ("is_active", "officer") and v is not None}
    if "officer" in sent:
        changes["officer"] = _in_agency(access_roster_officer, request, sent["officer"], "officer")
    if sent.get("is_active") is None and "is_active" in sent:
        raise RecordInvalid("is_active", "must be true or false")
    with transaction.atomic():  # one request, one outcome: a refused part undoes the rest
        if changes:
            user = account_actions.update_user(user, by=request.user, **changes)
        if sent.get("is_active") is False:
            user = account_actions.deactivate_user(user, by=request.user)
        elif sent.get("is_active") is True:
            user = account_actions.reactivate_user(user, by=request.user)
    return _user_out(access_user(request.user, user_id))


@router.get("/officers", response=list[OfficerOut], auth=ADMIN, summary="Officers of your agency, to manage")
def list_officers(request):
    return [_officer_out(o) for o in roster_officers_for(request.user).order_by("last_name", "first_name", "pk")]


def _officer_changes(request, sent: dict) -> dict:
    changes = {}
    for key, value in sent.items():
        if key == "unit":
            changes["unit"] = _in_agency(access_roster_unit, request, value, "unit")
        elif key == "supervisor":
            changes["supervisor"] = _in_agency(access_roster_officer, request, value, "supervisor")
        elif value is None:
            raise RecordInvalid(key, "cannot be empty")
        else:
            changes["badge_number" if key == "badge" else key] = value
    return changes


@router.post("/officers", response={201: OfficerOut, **RESPONSES}, auth=ADMIN, summary="Add an officer")
def create_officer(request, body: OfficerIn):
    changes = _officer_changes(request, body.model_dump())
    officer = record_actions.create_officer(request.user.agency, by=request.user, **changes)
    return Status(201, _officer_out(officer))


@router.patch("/officers/{int:officer_id}", response={200: OfficerOut, **RESPONSES}, auth=ADMIN,
              summary="Change an officer's record",
              description="Send only what changes. `supervisor: null` puts the officer at the top of the chain; "
              "a supervisor below the officer is refused (the chain of command cannot loop).")
def update_officer(request, officer_id: int, body: OfficerPatch):
    officer = access_roster_officer(request.user, officer_id)
    changes = _officer_changes(request, body.model_dump(exclude_unset=True))
    if changes:
        officer = record_actions.update_officer(officer, by=request.user, **changes)
    return _officer_out(officer)
