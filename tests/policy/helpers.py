"""Reports and analyses for the policy tests, in the plain shapes the policy core reads."""

from __future__ import annotations

import copy


def base_report(**changes) -> dict:
    """A calm adult traffic stop with one takedown: only the supervisor-review rule applies."""
    report = {
        "number": "2024-0001",
        "occurred_at": "2024-03-01T14:00:00-07:00",
        "location_type": "street",
        "contact_reason": "traffic_stop",
        "offense": "",
        "supervisor_present": False,
        "recording_expected": True,
        "officers": [
            {"badge": "101", "officer_name": "Zach Miller", "role": "primary", "rank": "officer", "assignment": "patrol",
             "camera_activated": True, "injuries": [], "claims": [{"kind": "effect_arrest", "subject": "S1", "detail": ""}]},
        ],
        "subjects": [
            {"ref": "S1", "age": 34, "sex": "male", "armed": "unarmed", "impairments": [], "resistance": ["pulled_away"],
             "injuries": [], "medical_treatment": "none"},
        ],
        "force": [{"officer": "101", "subject": "S1", "type": "takedown", "at": "2024-03-01T14:02:00-07:00",
                   "resistance": "pulled_away"}],
        "witnesses": [],
    }
    report.update(copy.deepcopy(changes))
    return report


def signal(category: str, role: str, text: str, start: float = 10.0, speaker: str | None = None) -> dict:
    return {"category": category, "start": start, "end": start + 2.0, "speaker": speaker or role.title(),
            "role": role, "text": text, "detector": f"{category}.v1", "explanation": "test"}


def analysis(*signals: dict, level: str = "low", score: int = 10, evidence_id: int = 1) -> dict:
    return {"evidence_id": evidence_id, "kind": "transcript",
            "analysis": {"risk": {"level": level, "score": score, "reasons": []}, "signals": list(signals)}}


CALM = analysis(signal("deescalation", "officer", "I stopped you because your tail light is out."))
