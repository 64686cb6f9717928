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


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def reports_of(incidents: list[Incident]) -> dict[int, dict]:
    """``report_of`` for a batch of incidents (loaded with ``reported_by``), read as plain
    rows: five queries in all and no model objects for the incident's parts, which is most
    of the time of a re-evaluation of every incident. The report is the same dict, key for
    key (tests/reviews/test_evaluation_on_change.py checks it)."""
    from forcereview.records.models import Claim, ForceApplication, OfficerInvolvement, Subject, Witness

    ids = [i.pk for i in incidents]
    reports: dict[int, dict] = {}
    for i in incidents:
        reports[i.pk] = {
            "id": i.pk, "number": i.number, "occurred_at": _iso(i.occurred_at), "location": i.location,
            "latitude": float(i.latitude) if i.latitude is not None else None,
            "longitude": float(i.longitude) if i.longitude is not None else None,
            "location_type": i.location_type, "contact_reason": i.contact_reason, "offense": i.offense,
            "narrative": i.narrative, "nibrs_number": i.nibrs_number, "supervisor_present": i.supervisor_present,
            "recording_expected": i.recording_expected, "status": i.status,
            "reported_by": i.reported_by.badge_number if i.reported_by_id else None,
            "officers": [], "subjects": [], "force": [], "witnesses": [],
        }
    refs: dict[int, str] = {}
    for row in Subject.objects.filter(incident_id__in=ids).order_by("incident_id", "id").values(
            "id", "incident_id", "ref", "name", "age", "age_min", "age_max", "is_juvenile", "sex", "race", "ethnicity",
            "impairments", "armed", "perceived_threat", "resistance", "injuries", "medical_treatment"):
        refs[row["id"]] = row["ref"]
        reports[row["incident_id"]]["subjects"].append({
            "ref": row["ref"], "name": row["name"], "age": row["age"], "age_min": row["age_min"],
            "age_max": row["age_max"], "is_juvenile": row["is_juvenile"], "sex": row["sex"], "race": row["race"],
            "ethnicity": row["ethnicity"], "impairments": list(row["impairments"]), "armed": row["armed"],
            "perceived_threat": row["perceived_threat"], "resistance": list(row["resistance"]),
            "injuries": list(row["injuries"]), "medical_treatment": row["medical_treatment"],
        })
    claims: dict[tuple[int, int], list[dict]] = {}
    for incident_id, officer_id, kind, subject_id, detail in Claim.objects.filter(incident_id__in=ids).order_by(
            "incident_id", "id").values_list("incident_id", "officer_id", "kind", "subject_id", "detail"):
        claims.setdefault((incident_id, officer_id), []).append(
            {"kind": kind, "subject": refs.get(subject_id), "detail": detail})
    for row in OfficerInvolvement.objects.filter(incident_id__in=ids).order_by("incident_id", "id").values(
            "incident_id", "officer_id", "role", "injuries", "on_duty", "in_uniform", "camera_activated",
            "officer__badge_number", "officer__first_name", "officer__last_name", "officer__rank",
            "officer__assignment"):
        reports[row["incident_id"]]["officers"].append({
            "badge": row["officer__badge_number"],
            "officer_name": f"{row['officer__first_name']} {row['officer__last_name']}",
            "role": row["role"], "injuries": list(row["injuries"]), "on_duty": row["on_duty"],
            "in_uniform": row["in_uniform"], "camera_activated": row["camera_activated"],
            "claims": claims.get((row["incident_id"], row["officer_id"]), []),
            "rank": row["officer__rank"], "assignment": row["officer__assignment"],
        })
    for row in ForceApplication.objects.filter(incident_id__in=ids).order_by("incident_id", "at", "id").values(
            "incident_id", "officer__badge_number", "subject_id", "force_type", "at", "subject_resistance",
            "description"):
        reports[row["incident_id"]]["force"].append({
            "officer": row["officer__badge_number"], "subject": refs.get(row["subject_id"]), "type": row["force_type"],
            "at": _iso(row["at"]), "resistance": row["subject_resistance"], "description": row["description"],
        })
    for incident_id, name, role, contact, statement in Witness.objects.filter(incident_id__in=ids).order_by(
            "incident_id", "id").values_list("incident_id", "name", "role", "contact", "statement"):
        reports[incident_id]["witnesses"].append(
            {"name": name, "role": role, "contact": contact, "statement": statement})
    return reports
