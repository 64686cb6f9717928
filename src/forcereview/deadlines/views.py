"""The deadlines dashboard and a deadline's page. Thin: read through ``deadlines.access``,
write through ``deadlines.actions``."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forcereview.accounts.models import User
from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow, allow_all_signed_in
from forcereview.audit.models import AuditEntry
from forcereview.deadlines import actions, filters
from forcereview.deadlines.access import access_deadline, can_manage, deadlines_for
from forcereview.deadlines.forms import ExtendForm, MeetForm, ReasonForm
from forcereview.deadlines.registry import KINDS, kind_of


def target_url(deadline, user) -> str | None:
    kind = kind_of(deadline.kind)
    if kind and kind.target_url:
        return kind.target_url(deadline, user)
    return None


@allow_all_signed_in
def dashboard(request):
    f = filters.parse_filters(request.GET)
    qs = filters.apply(deadlines_for(request.user), f, request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = [(d, target_url(d, request.user)) for d in page]
    options = [("me", "Me (or my role)")] + [(f"role:{code}", f"Role: {label}") for code, label in Role.choices]
    if request.user.role in {Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR}:
        users = User.objects.filter(agency_id=request.user.agency_id, is_active=True).select_related("officer")
        options += [(f"user:{u.pk}", u.display_name) for u in users.order_by("username")]
    return render(request, "deadlines/dashboard.html", {
        "page": page, "rows": rows, "filter": f, "kinds": sorted(KINDS.values(), key=lambda k: k.label),
        "statuses": filters.STATUS_CHOICES, "assignee_options": options,
    })


@allow_all_signed_in
def detail(request, pk: int):
    deadline = access_deadline(request.user, pk)
    history = AuditEntry.objects.filter(object_type="deadlines.deadline", object_id=str(deadline.pk)).order_by("id")
    return render(request, "deadlines/detail.html", {
        "d": deadline, "target_url": target_url(deadline, request.user), "history": history,
        "can_manage": can_manage(request.user, deadline),
        "meet_form": MeetForm(), "extend_form": ExtendForm(), "cancel_form": ReasonForm(),
    })


def _act(request, pk, form_class, do):
    deadline = access_deadline(request.user, pk)
    if not can_manage(request.user, deadline):
        return redirect("deadlines:detail", pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            do(deadline, form.cleaned_data)
        except actions.DeadlineInvalid as exc:
            messages.error(request, f"Nothing was changed: {exc.message}.")
        else:
            messages.success(request, "Saved.")
    else:
        problems = "; ".join(f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items())
        messages.error(request, f"Nothing was changed. {problems}")
    return redirect("deadlines:detail", pk=pk)


@allow(Role.INVESTIGATOR, Role.COMMAND)
@require_POST
def meet(request, pk: int):
    return _act(request, pk, MeetForm, lambda d, data: actions.meet_deadline(d, by=request.user, note=data["note"]))


@allow(Role.INVESTIGATOR, Role.COMMAND)
@require_POST
def extend(request, pk: int):
    return _act(request, pk, ExtendForm, lambda d, data: actions.extend_deadline(
        d, by=request.user, due=data["due_date"], reason=data["reason"]))


@allow(Role.INVESTIGATOR, Role.COMMAND)
@require_POST
def cancel(request, pk: int):
    return _act(request, pk, ReasonForm, lambda d, data: actions.cancel_deadline(
        d, by=request.user, reason=data["reason"]))
