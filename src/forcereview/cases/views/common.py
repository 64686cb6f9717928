"""Shared by the case views: running an action from a form and reporting the outcome."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404

from forcereview.cases.actions import CaseInvalid
from forcereview.deadlines.actions import DeadlineInvalid
from forcereview.records.actions import RecordInvalid

REFUSALS = (CaseInvalid, DeadlineInvalid)


def refusal_text(exc: Exception) -> tuple[str, str]:
    """(field, message) of a refused action."""
    if isinstance(exc, RecordInvalid):
        err = exc.errors[0]
        return err.path, err.message
    return exc.field, exc.message


def run(request, form, do, success: str) -> bool:
    """Validate ``form``; call ``do(cleaned_data)``; put a refusal on the form under its field.
    True when the action was done."""
    if not form.is_valid():
        messages.error(request, "Nothing was changed: please correct the marked fields.")
        return False
    try:
        do(form.cleaned_data)
    except (*REFUSALS, RecordInvalid) as exc:
        name, message = refusal_text(exc)
        form.add_error(name if name in form.fields else None, message)
        messages.error(request, f"Nothing was changed: {message}.")
        return False
    messages.success(request, success)
    return True


def one_or_404(qs, pk):
    """The row of an already permission-scoped queryset, or 404 (also for a malformed id)."""
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found.") from None
