"""Everything the policy needs to know about an incident, read from the database: the
report, each officer's rank and assignment, and the analyses of its recordings (from the
evidence store's ``evidence.queries``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from forcereview.evidence import queries as evidence
from forcereview.records.models import Incident
from forcereview.records.snapshot import INCIDENT_PREFETCH, incident_snapshot


@dataclass
class Inputs:
    report: dict
    analyses: list[dict] = field(default_factory=list)
    recording_count: int | None = None


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


def gather_loaded(incident: Incident, evidence_of: "EvidenceOf | None" = None) -> Inputs:
    """Inputs for an incident loaded with ``prefetched``; ``evidence_of`` holds the evidence
    of a whole batch, read at once (without it, the incident's own is read)."""
    evidence_of = evidence_of or EvidenceOf([incident.pk])
    return Inputs(report_of(incident), analyses=evidence_of.analyses.get(incident.pk, []),
                  recording_count=evidence_of.recordings.get(incident.pk, 0))


class EvidenceOf:
    """The analyses and recording counts of a batch of incidents: two queries in all."""

    def __init__(self, incident_ids: Iterable[int]):
        ids = list(incident_ids)
        self.analyses = evidence.analyses_by_incident(ids)
        self.recordings = evidence.recording_counts(ids)
