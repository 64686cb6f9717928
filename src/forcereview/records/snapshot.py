"""An incident as a plain dict in the report shape (the same shape the API and import accept).

Used for audit before/after values, the API's read output and exports. Callers that render
for a particular reader pass ``redact`` to hide identities that reader may not see.
"""

from __future__ import annotations

from collections.abc import Callable

from forcereview.records.models import Incident, Subject


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def subject_dict(s: Subject, redact: Callable[[Subject], bool] | None = None) -> dict:
    return {
        "ref": s.ref,
        "name": "[redacted]" if (s.name and redact and redact(s)) else s.name,
        "age": s.age,
        "age_min": s.age_min,
        "age_max": s.age_max,
        "is_juvenile": s.is_juvenile,
        "sex": s.sex,
        "race": s.race,
        "ethnicity": s.ethnicity,
        "impairments": list(s.impairments),
        "armed": s.armed,
        "perceived_threat": s.perceived_threat,
        "resistance": list(s.resistance),
        "injuries": list(s.injuries),
        "medical_treatment": s.medical_treatment,
    }


def incident_snapshot(incident: Incident, redact: Callable[[Subject], bool] | None = None) -> dict:
    """Everything recorded about an incident. Uses prefetched relations when present."""
    subjects = list(incident.subjects.all())
    refs = {s.pk: s.ref for s in subjects}
    involvements = list(incident.involvements.all())
    claims = list(incident.claims.all())
    return {
        "id": incident.pk,
        "number": incident.number,
        "occurred_at": _iso(incident.occurred_at),
        "location": incident.location,
        "latitude": float(incident.latitude) if incident.latitude is not None else None,
        "longitude": float(incident.longitude) if incident.longitude is not None else None,
        "location_type": incident.location_type,
        "contact_reason": incident.contact_reason,
        "offense": incident.offense,
        "narrative": incident.narrative,
        "nibrs_number": incident.nibrs_number,
        "supervisor_present": incident.supervisor_present,
        "recording_expected": incident.recording_expected,
        "status": incident.status,
        "reported_by": incident.reported_by.badge_number if incident.reported_by_id else None,
        "officers": [
            {
                "badge": inv.officer.badge_number,
                "officer_name": inv.officer.full_name,
                "role": inv.role,
                "injuries": list(inv.injuries),
                "on_duty": inv.on_duty,
                "in_uniform": inv.in_uniform,
                "camera_activated": inv.camera_activated,
                "claims": [
                    {"kind": c.kind, "subject": refs.get(c.subject_id), "detail": c.detail}
                    for c in claims
                    if c.officer_id == inv.officer_id
                ],
            }
            for inv in involvements
        ],
        "subjects": [subject_dict(s, redact) for s in subjects],
        "force": [
            {
                "officer": f.officer.badge_number,
                "subject": refs.get(f.subject_id),
                "type": f.force_type,
                "at": _iso(f.at),
                "resistance": f.subject_resistance,
                "description": f.description,
            }
            for f in incident.force_applications.all()
        ],
        "witnesses": [
            {"name": w.name, "role": w.role, "contact": w.contact, "statement": w.statement}
            for w in incident.witnesses.all()
        ],
    }


INCIDENT_PREFETCH = (
    "subjects",
    "involvements__officer",
    "claims",
    "force_applications__officer",
    "witnesses",
)
