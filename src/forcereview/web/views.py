"""Log in and out, the home page (what needs my attention), and the error pages."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from forcereview.accounts.actions import record_failed_sign_in, record_sign_in
from forcereview.accounts.forms import SignInForm
from forcereview.accounts.roles import Role
from forcereview.accounts.throttle import client_address
from forcereview.accounts.rules import allow_all_signed_in, public
from forcereview.records.access import can_file_report
from forcereview.web.panels import HOME_PANELS, rendered

log = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    """Every attempt is audited (never the password); repeated failures lock the user name or
    the address for a while (``accounts.throttle``)."""

    template_name = "web/login.html"
    redirect_authenticated_user = True
    authentication_form = SignInForm

    def form_valid(self, form):
        response = super().form_valid(form)
        record_sign_in(form.get_user(), address=client_address(self.request))
        return response

    def form_invalid(self, form):
        username = form.cleaned_data.get("username") or ""
        codes = {e.code for e in form.errors.as_data().get("__all__", [])}
        if username and codes & {"invalid_login", "inactive", "locked"}:
            new_lock = record_failed_sign_in(username, address=client_address(self.request),
                                             locked="locked" in codes)
            form.locked_until = form.locked_until or new_lock
        response = super().form_invalid(form)
        if form.locked_until is not None:
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You are signed out.")
        return response


login = public(LoginView.as_view())
logout = public(require_http_methods(["POST"])(LogoutView.as_view()))

ROLE_INTRO = {
    Role.OFFICER: "Your reports and the incidents you were part of.",
    Role.SUPERVISOR: "Reports from the officers in your chain of command, and your own.",
    Role.INVESTIGATOR: "Serious incidents across the agency.",
    Role.COMMAND: "Serious incidents and the agency's figures.",
    Role.AUDITOR: "The agency's figures and latest reports. Names of people are withheld.",
    Role.ADMIN: "Users, officers and units of the agency, and the audit log.",
}


@allow_all_signed_in
def home(request):
    return render(
        request,
        "web/home.html",
        {
            "intro": ROLE_INTRO.get(request.user.role, ""),
            "file_url": reverse("records:incident_new") if can_file_report(request.user) else None,
            "can_search": request.user.role != Role.ADMIN,
            "panels": rendered(HOME_PANELS, request),
        },
    )


# -- error pages -------------------------------------------------------------------------------


def _error(request, status: int, title: str, message: str, *, hint: str = "") -> HttpResponse:
    return render(request, "web/error.html", {"title": title, "message": message, "hint": hint, "status": status},
                  status=status)


def forbidden(request, exception=None):
    detail = str(exception) if exception and str(exception) else "Your role does not give access to this page."
    return _error(request, 403, "You may not open this page", detail,
                  hint="If you need it for your work, ask an administrator of your agency.")


def not_found(request, exception=None):
    return _error(request, 404, "Page not found",
                  "There is nothing at this address, or it is not available to you.",
                  hint="Check the address, or go back and follow a link.")


def server_error(request):
    # Rendered without context processors or database access: whatever broke may be either.
    html = loader.get_template("web/500.html").render({})
    return HttpResponse(html, status=500)


def csrf_failure(request, reason=""):
    log.warning("CSRF failure on %s: %s", request.path, reason)
    return _error(
        request, 403, "Your form could not be sent",
        "The page was open too long, or you signed in or out in another tab, so the form's "
        "security check no longer matches. Nothing was saved.",
        hint="Go back, reload the page, and send the form again. Copy any long text you typed first.",
    )
