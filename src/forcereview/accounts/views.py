"""The signed-in user's own account pages: API tokens and password; the one-time link to
set a password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from forcereview.accounts import actions
from forcereview.accounts.access import access_token, tokens_for
from forcereview.accounts.forms import ChangePasswordForm, NewPasswordForm
from forcereview.accounts.passwords import user_for_link
from forcereview.accounts.rules import allow_all_signed_in, public
from forcereview.records.actions import RecordInvalid

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


def _save_password(request, form, user, *, via: str) -> bool:
    if not form.is_valid():
        return False
    try:
        actions.set_password(user, form.cleaned_data["new_password"], by=user, via=via)
    except RecordInvalid as exc:
        form.add_error("new_password", exc.errors[0].message)
        return False
    return True


@allow_all_signed_in
def change_password(request):
    user = request.user
    form = ChangePasswordForm(request.POST or None, user=user)
    if request.method == "POST" and _save_password(request, form, user, via="changed"):
        user.refresh_from_db()
        update_session_auth_hash(request, user)  # stay signed in here; other sessions end
        messages.success(request, "Your password is changed. Your other sessions are signed out.")
        return redirect("home")
    return render(request, "accounts/password.html", {
        "form": form, "breadcrumbs": [("Home", reverse("home")), ("Change your password", None)],
    }, status=422 if request.method == "POST" else 200)


@public
def set_password(request, uidb64: str, token: str):
    user = user_for_link(uidb64, token)
    if user is None:
        return render(request, "accounts/set_password.html", {"invalid": True}, status=404)
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and _save_password(request, form, user, via="set"):
        messages.success(request, "Your password is set. Sign in with your user name and the new password.")
        return redirect("login")
    return render(request, "accounts/set_password.html", {"form": form, "target": user},
                  status=422 if request.method == "POST" else 200)
