"""Which roles may reach which route.

Every view and every API operation declares its rule with ``@allow(...)`` or ``@public``.
The role x route test walks every URL pattern and fails when one has no rule, so a new
route cannot ship without a decision about who may use it. Object-level checks (this
officer's incidents, this supervisor's chain) happen in each app's ``access.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from forcereview.accounts.roles import ALL_ROLES

RULE_ATTR = "access_roles"
PUBLIC = "public"


def _mark(view: Callable, roles: frozenset[str] | str) -> Callable:
    setattr(view, RULE_ATTR, roles)
    return view


def allow(*roles: str) -> Callable[[Callable], Callable]:
    """Let signed-in users holding one of ``roles`` reach the view; others get 403."""
    unknown = set(roles) - ALL_ROLES
    if unknown or not roles:
        raise ValueError(f"allow() needs known roles, got {sorted(roles)}")
    allowed = frozenset(roles)

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                if _wants_json(request):
                    raise PermissionDenied("Authentication required")
                return redirect_to_login(request.get_full_path())
            if not user.is_active or user.role not in allowed:
                raise PermissionDenied("Your role does not give access to this page.")
            return view(request, *args, **kwargs)

        return _mark(wrapper, allowed)

    return decorate


def allow_all_signed_in(view: Callable) -> Callable:
    return allow(*sorted(ALL_ROLES))(view)


def public(view: Callable) -> Callable:
    """No login needed (login page, public complaint form, open data)."""
    return _mark(view, PUBLIC)


def rule_of(view: Callable) -> frozenset[str] | str | None:
    seen = set()
    while view is not None and id(view) not in seen:
        seen.add(id(view))
        rule = getattr(view, RULE_ATTR, None)
        if rule is not None:
            return rule
        view = getattr(view, "__wrapped__", None) or getattr(view, "view_class", None)
    return None


def roles_of(rule: frozenset[str] | str | None) -> Iterable[str]:
    if rule == PUBLIC:
        return ALL_ROLES
    return rule or ()


def _wants_json(request) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


# -- the REST API -------------------------------------------------------------------------------
# API operations declare their rule as their ``auth``: ``@router.get(..., auth=api_roles(...))``.
# Authentication and the role check both run before the request body is parsed, so a role
# that may not use an endpoint learns nothing from it. An operation that declares nothing
# falls back to ``NO_RULE`` and refuses everyone.


def _role_check(user, allowed: frozenset[str]):
    if user is None or not user.is_active:
        return None
    if user.role not in allowed:
        raise PermissionDenied("Your role does not give access to this endpoint.")
    return user


def api_roles(*roles: str) -> list:
    from ninja.security import SessionAuth

    from forcereview.accounts.tokens import BearerToken

    unknown = set(roles) - ALL_ROLES
    if unknown or not roles:
        raise ValueError(f"api_roles() needs known roles, got {sorted(roles)}")
    allowed = frozenset(roles)

    class TokenForRoles(BearerToken):
        access_roles = allowed

        def authenticate(self, request, token):
            return _role_check(super().authenticate(request, token), allowed)

    class SessionForRoles(SessionAuth):
        access_roles = allowed

        def authenticate(self, request, key):
            return _role_check(super().authenticate(request, key), allowed)

    return [TokenForRoles(), SessionForRoles()]


def api_all_signed_in() -> list:
    return api_roles(*sorted(ALL_ROLES))


class NoRule:
    """Default auth of the API: an operation that declared no rule is refused to everyone."""

    access_roles = frozenset()

    def __call__(self, request):
        raise PermissionDenied("This endpoint declares no access rule.")


def api_rule_of(operation) -> frozenset[str] | str | None:
    callbacks = operation.auth_callbacks or []
    if not callbacks:
        return PUBLIC if getattr(operation.view_func, RULE_ATTR, None) == PUBLIC else None
    rules = {getattr(cb, "access_roles", None) for cb in callbacks}
    if len(rules) != 1:
        return None
    rule = rules.pop()
    return rule or None
