"""Template context shared by every page: the navigation the signed-in user may use."""

from __future__ import annotations

from forcereview.accounts.roles import Role

# (url name, label, roles that see the link)
NAV = [
    ("home", "Home", None),
    ("records:incident_list", "Incidents", {Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR}),
    ("deadlines:dashboard", "Deadlines", None),
    ("audit:log", "Audit log", {Role.ADMIN, Role.COMMAND, Role.AUDITOR}),
    ("accounts:tokens", "API tokens", None),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    return {"nav": [(name, label) for name, label, roles in NAV if roles is None or user.role in roles]}
