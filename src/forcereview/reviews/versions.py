"""Which policy version judges an incident, and the compiled policy of each version.

Compiled policies are cached by the digest of their text (``policy.load_policy``), so every
condition of a version is compiled once per process.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from forcereview.policy import Policy, load_policy
from forcereview.reviews.models import PolicyVersion

# The default policy, stored as version 1 when an agency has none, is in force "since always".
SINCE_ALWAYS = date(1900, 1, 1)


def compiled(version: PolicyVersion) -> Policy:
    return load_policy(version.text)


def local_date(when: datetime, tz_name: str) -> date:
    return when.astimezone(ZoneInfo(tz_name)).date()


@dataclass
class VersionTable:
    """An agency's versions sorted by when they take effect, to pick the one for a date fast
    (bulk re-evaluation looks up one per incident)."""

    versions: list[PolicyVersion]
    starts: list[tuple[date, int]]

    @classmethod
    def of(cls, agency_id: int) -> VersionTable:
        versions = list(PolicyVersion.objects.filter(agency_id=agency_id).order_by("effective_from", "number"))
        return cls(versions, [(v.effective_from, v.number) for v in versions])

    def for_date(self, day: date) -> PolicyVersion | None:
        if not self.versions:
            return None
        index = bisect.bisect_right(self.starts, (day, float("inf"))) - 1
        # An incident before every version is judged by the earliest one.
        return self.versions[max(index, 0)]


def version_for(incident) -> PolicyVersion | None:
    """The version in force on the local date ``incident`` happened."""
    day = local_date(incident.occurred_at, incident.agency.timezone)
    version = (
        PolicyVersion.objects.filter(agency_id=incident.agency_id, effective_from__lte=day)
        .order_by("-effective_from", "-number")
        .first()
    )
    if version is None:
        version = PolicyVersion.objects.filter(agency_id=incident.agency_id).order_by("effective_from", "number").first()
    return version


def latest_version(agency) -> PolicyVersion | None:
    return PolicyVersion.objects.filter(agency=agency).order_by("-number").first()
