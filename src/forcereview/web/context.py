"""Template context shared by every page: the navigation the signed-in user may use."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from forcereview.accounts.roles import Role

# (url name, label, roles that see the link; None = everyone signed in). Apps add their own
# entries here (a review queue, an import page), in the order they should appear.
NAV = [
    ("home", "Home", None),
    ("records:incident_list", "Incidents", {Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR}),
    ("records:incident_new", "File a report", {Role.OFFICER, Role.SUPERVISOR}),
    ("cases:list", "Cases", {Role.INVESTIGATOR, Role.COMMAND}),
    ("cases:summaries", "Case summaries", {Role.AUDITOR}),
    ("deadlines:dashboard", "Deadlines", None),
    ("reviews:queue", "Reviews", {Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR}),
    ("reviews:intake", "IA intake", {Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR}),
    ("reviews:policy", "Policy", {Role.ADMIN, Role.COMMAND, Role.INVESTIGATOR, Role.AUDITOR}),
    ("audit:log", "Audit log", {Role.ADMIN, Role.COMMAND, Role.AUDITOR}),
    ("records:import", "Import", {Role.INVESTIGATOR, Role.COMMAND, Role.ADMIN}),
    ("administration:users", "Users", {Role.ADMIN}),
    ("administration:officers", "Officers", {Role.ADMIN}),
    ("administration:units", "Units", {Role.ADMIN}),
    ("accounts:tokens", "API tokens", None),
]


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    current: bool


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    links = []
    for name, label, roles in NAV:
        if roles is not None and user.role not in roles:
            continue
        try:
            links.append((reverse(name), label))
        except NoReverseMatch:  # an app listed a page it does not (yet) serve
            continue
    # The current item is the longest link the page's path starts with ("/" only for itself).
    path = request.path
    matches = [url for url, _ in links if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len) if matches else None
    return {"nav": [NavItem(url, label, url == current) for url, label in links]}
