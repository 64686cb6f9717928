"""Show times in the agency's own time zone (an incident at 23:30 belongs to that day)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils import timezone


def agency_timezone(user) -> ZoneInfo | None:
    if user is None or not user.is_authenticated or user.agency_id is None:
        return None
    try:
        return ZoneInfo(user.agency.timezone)
    except Exception:  # a bad name is refused when the agency is created; never break a page
        return None


class AgencyTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tz = agency_timezone(getattr(request, "user", None))
        if tz is not None:
            timezone.activate(tz)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
