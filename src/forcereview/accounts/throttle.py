"""Throttling of repeated failed sign-ins, kept in the database (no outside service).

After ``FORCEREVIEW_SIGNIN_MAX_FAILURES`` failures for one user name, or
``FORCEREVIEW_SIGNIN_MAX_FAILURES_PER_ADDRESS`` from one address, each within
``FORCEREVIEW_SIGNIN_LOCK_MINUTES`` of the one before, that user name or address is locked
for ``FORCEREVIEW_SIGNIN_LOCK_MINUTES``: every sign-in it tries is refused without looking at
the password. The limit per address is higher because a station's computers often share one.
``accounts.actions.record_failed_sign_in`` counts; a successful sign-in clears its user name.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

USERNAME = "username"
ADDRESS = "address"


def throttle_keys(username: str, address: str) -> dict[str, str]:
    return {USERNAME: username.strip().lower()[:200], ADDRESS: (address or "")[:200]}


def locked_until(username: str, address: str) -> datetime | None:
    """When the lock on this user name or address ends, or None when neither is locked."""
    from forcereview.accounts.models import SignInThrottle

    keys = throttle_keys(username, address)
    rows = SignInThrottle.objects.filter(locked_until__gt=timezone.now()).filter(
        scope__in=[s for s, k in keys.items() if k], key__in=[k for k in keys.values() if k])
    ends = [r.locked_until for r in rows if keys.get(r.scope) == r.key]
    return max(ends) if ends else None


def client_address(request) -> str:
    """The address the request came from. Behind a reverse proxy that is the proxy's, unless
    the proxy sets REMOTE_ADDR (for example with uwsgi or a trusted-proxy middleware)."""
    return request.META.get("REMOTE_ADDR", "") or ""
