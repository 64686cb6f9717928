"""Bad reports shared by the API and import tests: each one a clear error naming its field."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.conftest import TZ, report


def _future() -> dict:
    return report(occurred_at=(datetime.now(tz=TZ) + timedelta(days=3)).isoformat())


def _before_hire() -> dict:
    return report(occurred_at=datetime(2014, 6, 1, 10, 0, tzinfo=TZ).isoformat())  # hired 2015-01-05


def _with_subject(**fields) -> dict:
    data = report()
    data["subjects"][0].update(fields)
    return data


def _with_force(**fields) -> dict:
    data = report()
    data["force"][0].update(fields)
    return data


# (id, report, field path, words the message must contain)
BAD_REPORTS = [
    ("age-not-a-number", _with_subject(age="eleven"), "subjects[0].age", "whole number"),
    ("age-out-of-range", _with_subject(age=140), "subjects[0].age", "out of range"),
    ("negative-age", _with_subject(age=-1), "subjects[0].age", "out of range"),
    ("unknown-force-type", _with_force(type="chokehold"), "force[0].type", "'chokehold' is not a known force type"),
    ("unknown-location-type", report(location_type="moon"), "location_type", "not a known location type"),
    ("unknown-injury-code", _with_subject(injuries=["abrasion", "bruised_ego"]), "subjects[0].injuries[1]", "not a known injury"),
    ("in-the-future", _future(), "occurred_at", "in the future"),
    ("not-a-date", report(occurred_at="last Tuesday"), "occurred_at", "not a date and time"),
    ("before-officer-was-hired", _before_hire(), "officers[0].badge", "was hired on 2015-01-05"),
    ("force-by-officer-not-in-incident", _with_force(officer="201"), "force[0].officer", "not among the officers"),
    ("force-time-not-a-time-of-day", _with_force(at="25:70"), "force[0].at", "not a time of day"),
    ("force-on-unknown-subject", _with_force(subject="S9"), "force[0].subject", "not among the subjects"),
    ("narrative-wrong-type", report(narrative=["a", "list"]), "narrative", "must be text"),
    ("boolean-wrong-type", report(supervisor_present="perhaps"), "supervisor_present", "true or false"),
    ("unknown-field", report(weather="rain"), "weather", "unknown field"),
    ("unknown-nested-field", _with_subject(shoe_size=9), "subjects[0].shoe_size", "unknown field"),
    ("badge-not-in-agency", report(officers=[{"badge": "101", "role": "primary"}, {"badge": "999", "role": "witness"}]),
     "officers[1].badge", "no officer with badge #999"),
]
