from django.core.paginator import Paginator
from django.shortcuts import render

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow
from forcereview.audit.access import entries_for


@allow(Role.ADMIN, Role.COMMAND, Role.AUDITOR)
def audit_log(request):
    qs = entries_for(request.user).order_by("-id")
    action = request.GET.get("action")
    if action:
        qs = qs.filter(action=action)
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"page": page, "action": action or ""})
