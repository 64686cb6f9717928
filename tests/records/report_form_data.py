"""The report form's POST data for a report dict, the way a browser sends it."""

from __future__ import annotations

from datetime import datetime

INCIDENT_KEYS = ("number", "occurred_at", "location", "location_type", "contact_reason", "offense",
                 "nibrs_number", "latitude", "longitude", "narrative")


def _local_input(value: str) -> str:
    """A datetime-local input's value: no seconds when there are none, no offset."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return moment.strftime("%Y-%m-%dT%H:%M:%S" if moment.second else "%Y-%m-%dT%H:%M")


def form_data(report: dict, *, extra_rows: int = 0) -> dict:
    data: dict = {k: report.get(k, "") for k in INCIDENT_KEYS}
    data["occurred_at"] = _local_input(report.get("occurred_at", ""))
    if report.get("supervisor_present"):
        data["supervisor_present"] = "on"
    if report.get("recording_expected", True):
        data["recording_expected"] = "on"
    data["save"] = "1"

    def rows(key: str, items: list[dict], convert) -> None:
        data[f"{key}-TOTAL_FORMS"] = str(len(items) + extra_rows)
        data[f"{key}-INITIAL_FORMS"] = "0"
        data[f"{key}-MIN_NUM_FORMS"] = "0"
        data[f"{key}-MAX_NUM_FORMS"] = "200"
        for i, item in enumerate(items):
            for name, value in convert(item).items():
                data[f"{key}-{i}-{name}"] = value

    def officer(o: dict) -> dict:
        out = {"badge": o.get("badge", ""), "role": o.get("role", ""), "injuries": o.get("injuries", []),
               "claims": [c if isinstance(c, str) else c["kind"] for c in o.get("claims", [])]}
        if o.get("on_duty", True):
            out["on_duty"] = "on"
        if o.get("in_uniform", True):
            out["in_uniform"] = "on"
        camera = o.get("camera_activated")
        out["camera_activated"] = {True: "yes", False: "no"}.get(camera, "")
        return out

    def subject(s: dict) -> dict:
        out = {k: ("" if s.get(k) is None else str(s.get(k))) for k in
               ("ref", "name", "age", "age_min", "age_max", "race", "ethnicity")}
        out.update({"sex": s.get("sex", "unknown"), "armed": s.get("armed", "unarmed"),
                    "medical_treatment": s.get("medical_treatment", "none"),
                    "impairments": s.get("impairments", []), "resistance": s.get("resistance", []),
                    "injuries": s.get("injuries", [])})
        if s.get("perceived_threat"):
            out["perceived_threat"] = "on"
        return out

    def force(f: dict) -> dict:
        return {k: f.get(k, "") for k in ("officer", "subject", "type", "at", "resistance", "description")}

    def witness(w: dict) -> dict:
        return {"name": w.get("name", ""), "role": w.get("role", "bystander"), "contact": w.get("contact", ""),
                "statement": w.get("statement", "")}

    rows("officers", report.get("officers", []), officer)
    rows("subjects", report.get("subjects", []), subject)
    rows("force", report.get("force", []), force)
    rows("witnesses", report.get("witnesses", []), witness)
    return data
