"""Deadlines in the REST API: the dashboard's list and a deadline's details; meet, extend and
cancel for the roles that manage deadlines."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import api_all_signed_in, api_roles
from forcereview.deadlines import actions, filters
from forcereview.deadlines.access import access_deadline, can_manage, deadlines_for

router = Router(tags=["Deadlines"])


class DeadlineOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    basis: str
    target_type: str
    target_id: int
    due_at: datetime
    due_local: str
    original_due_at: datetime
    status: str
    status_reason: str
    overdue: bool
    assignee_user: str | None
    assignee_role: str
    escalation_level: int
    met_at: datetime | None


class DeadlineFilterIn(Schema):
    kind: str = ""
    status: str = "active"
    assignee: str = ""


class ExtendIn(Schema):
    due_date: date
    reason: str


class ReasonIn(Schema):
    reason: str = ""


class ErrorOut(Schema):
    detail: str
    field: str | None = None


def out(d) -> dict:
    return {
        "id": d.pk, "kind": d.kind, "kind_label": d.kind_label, "title": d.title, "basis": d.basis,
        "target_type": f"{d.target_type.app_label}.{d.target_type.model}", "target_id": d.target_id,
        "due_at": d.due_at, "due_local": d.due_local.isoformat(), "original_due_at": d.original_due_at,
        "status": d.status, "status_reason": d.status_reason, "overdue": d.is_overdue(),
        "assignee_user": d.assignee_user.username if d.assignee_user_id else None,
        "assignee_role": d.assignee_role, "escalation_level": d.escalation_level, "met_at": d.met_at,
    }


@router.get("/", response={200: list[DeadlineOut], 422: ErrorOut}, auth=api_all_signed_in(),
            summary="Deadlines the caller may see, overdue first")
def list_deadlines(request, params: Query[DeadlineFilterIn]):
    f = filters.parse_filters(params.dict())
    if f.errors:
        name, message = next(iter(f.errors.items()))
        raise actions.DeadlineInvalid(name, message)
    return [out(d) for d in filters.apply(deadlines_for(request.user), f, request.user)[:500]]


@router.get("/{int:deadline_id}", response=DeadlineOut, auth=api_all_signed_in(), summary="One deadline")
def get_deadline(request, deadline_id: int):
    return out(access_deadline(request.user, deadline_id))


def _manage(request, deadline_id, do):
    """Refusals (``DeadlineInvalid``) answer 422 naming the field (see ``forcereview.api``)."""
    d = access_deadline(request.user, deadline_id)
    if not can_manage(request.user, d):
        raise PermissionDenied("You may not change this deadline.")
    return out(do(d))


MANAGE = dict(response={200: DeadlineOut, 422: ErrorOut}, auth=api_roles(Role.INVESTIGATOR, Role.COMMAND))


@router.post("/{int:deadline_id}/meet", summary="Mark a deadline met", **MANAGE)
def meet(request, deadline_id: int, body: ReasonIn):
    return _manage(request, deadline_id, lambda d: actions.meet_deadline(d, by=request.user, note=body.reason))


@router.post("/{int:deadline_id}/extend", summary="Extend a deadline, with the reason", **MANAGE)
def extend(request, deadline_id: int, body: ExtendIn):
    return _manage(request, deadline_id, lambda d: actions.extend_deadline(
        d, by=request.user, due=body.due_date, reason=body.reason))


@router.post("/{int:deadline_id}/cancel", summary="Cancel a deadline, with the reason", **MANAGE)
def cancel(request, deadline_id: int, body: ReasonIn):
    return _manage(request, deadline_id, lambda d: actions.cancel_deadline(d, by=request.user, reason=body.reason))
