"""Log in and out, the home page (what needs my attention), and error pages."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from forcereview.accounts.rules import allow_all_signed_in, public
from forcereview.records.access import incidents_for
from forcereview.web.panels import HOME_PANELS, rendered

login = public(auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True))
logout = public(require_http_methods(["POST"])(auth_views.LogoutView.as_view()))


@allow_all_signed_in
def home(request):
    recent = incidents_for(request.user).select_related("reported_by")[:10]
    return render(request, "web/home.html", {"recent": recent, "panels": rendered(HOME_PANELS, request)})


def forbidden(request, exception=None):
    return render(request, "web/error.html", {"title": "Not allowed", "message": str(exception or "")}, status=403)


def not_found(request, exception=None):
    return render(request, "web/error.html", {"title": "Not found", "message": "There is nothing here, or you may not see it."}, status=404)
