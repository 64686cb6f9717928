"""Everything the policy needs to know about an incident, read from the database: the
report, each officer's rank and assignment, and the analyses of its recordings.

The analyses come from the evidence app (``evidence.queries``). Where that app is not
installed the recordings are not checked, and every evaluation says so in its
``evidence_note`` rather than pretending the incident has no recording.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from forcereview.records.models import Incident
from forcereview.records.snapshot import INCIDENT_PREFETCH, incident_snapshot

NO_EVIDENCE_NOTE = "Recordings not checked: the evidence store is not installed."


def evidence_queries():
    """``forcereview.evidence.queries``, or None where the evidence app does not provide it."""
    try:
        from forcereview.evidence import queries
    except ImportError:
        return None
    return queries


@dataclass
class Inputs:
    report: dict
    analyses: list[dict] = field(default_factory=list)
    recording_count: int | None = None
    evidence_note: str = ""

    @property
    def recordings_checked(self) -> bool:
        return not self.evidence_note


def prefetched(ids: Iterable[int]):
    return Incident.objects.filter(pk__in=list(ids)).select_related("agency", "reported_by").prefetch_related(
        *INCIDENT_PREFETCH
    )


def report_of(incident: Incident) -> dict:
    """The report shape of ``incident`` with each officer's rank and assignment added."""
    report = incident_snapshot(incident)
    officers = {inv.officer.badge_number: inv.officer for inv in incident.involvements.all()}
    for entry in report["officers"]:
        officer = officers.get(entry["badge"])
        if officer is not None:
            entry["rank"] = officer.rank
            entry["assignment"] = officer.assignment
    return report


def gather(incident: Incident) -> Inputs:
    """Inputs for one incident (re-read with everything prefetched)."""
    fresh = prefetched([incident.pk]).get()
    return gather_loaded(fresh)


def gather_loaded(incident: Incident) -> Inputs:
    """Inputs for an incident already loaded with ``prefetched``."""
    report = report_of(incident)
    queries = evidence_queries()
    if queries is None:
        return Inputs(report, evidence_note=NO_EVIDENCE_NOTE)
    return Inputs(report, analyses=list(queries.incident_analyses(incident)),
                  recording_count=queries.incident_recording_count(incident))
