"""The signed-in user's own account pages: API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forcereview.accounts import actions
from forcereview.accounts.access import access_token, tokens_for
from forcereview.accounts.rules import allow_all_signed_in

NEW_TOKEN_KEY = "new_api_token"
NAME_LIMIT = 100


@allow_all_signed_in
def tokens(request):
    error = ""
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name:
            error = "Give the token a name that says where it is used (for example: records system)."
        elif len(name) > NAME_LIMIT:
            error = f"The name is too long ({len(name)} characters, at most {NAME_LIMIT})."
        else:
            row, token = actions.issue_token(request.user, by=request.user, name=name)
            # Shown once, on the next page load, then gone: only its digest is stored.
            request.session[NEW_TOKEN_KEY] = {"name": row.name, "token": token}
            return redirect("accounts:tokens")
    new = request.session.pop(NEW_TOKEN_KEY, None)
    rows = tokens_for(request.user).order_by("revoked_at", "-created_at")
    return render(request, "accounts/tokens.html", {"tokens": rows, "new": new, "error": error},
                  status=422 if error else 200)


@allow_all_signed_in
@require_POST
def revoke(request, pk: int):
    row = access_token(request.user, pk)
    if row.revoked_at is None:
        actions.revoke_token(row, by=request.user)
        messages.success(request, f"Token “{row.name}” ({row.prefix}…) is revoked; it no longer works.")
    return redirect("accounts:tokens")
