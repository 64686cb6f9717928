"""The whole demo data set, from one seed.

``generate()`` is pure: no database, no clock unless ``today`` is left out, and no global
random state (one ``random.Random(seed)`` drives every choice), so the same seed and the
same day give the same agency, people and incidents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from forcereview.records import vocab
from forcereview.records.demo import featured as featured_mod
from forcereview.records.demo.bodycam import synthesize
from forcereview.records.demo.featured import Featured
from forcereview.records.demo.incidents import random_incident
from forcereview.records.demo.roster import (
    AGENCY,
    LOGINS,
    UNITS,
    LoginSpec,
    Roster,
    UnitSpec,
    build_roster,
)
from forcereview.records.demo.scenarios import SCENARIOS

DEFAULT_SEED = 20190827
DEFAULT_INCIDENTS = 300
WINDOW_DAYS = 730  # two years of incidents before today
HISTORY_DAYS = 60  # generated incidents older than this were closed before the agency used forcereview


@dataclass
class DemoData:
    seed: int
    today: date
    agency: dict
    units: tuple[UnitSpec, ...]
    roster: Roster
    logins: tuple[LoginSpec, ...]
    incidents: list[dict]  # reports, oldest first, each with its number
    featured: dict[str, Featured] = field(default_factory=dict)  # key -> featured incident (with number)
    statuses: dict[str, str] = field(default_factory=dict)  # incident number -> "closed" (history)
    # incident number -> (badge of the officer whose camera recorded it, WebVTT transcript)
    recordings: dict[str, tuple[str, str]] = field(default_factory=dict)

    def featured_number(self, key: str) -> str:
        return self.featured[key].report["number"]


def agency_today() -> date:
    return datetime.now(ZoneInfo(AGENCY["timezone"])).date()


def _status(occurred: datetime, today: date) -> str | None:
    """Generated incidents older than the history cut-off were closed before the agency used
    forcereview; newer ones go through the review workflow (no status set here)."""
    return "closed" if (today - occurred.date()).days > HISTORY_DAYS else None


def generate(seed: int = DEFAULT_SEED, *, today: date | None = None, incidents: int = DEFAULT_INCIDENTS) -> DemoData:
    rng = random.Random(seed)
    today = today or agency_today()
    roster = build_roster(rng, today)
    # The featured incidents come first (the school case leads); a small demo keeps only some.
    featured = featured_mod.build(rng, today, roster)[:incidents]
    reports: list[tuple[dict, str | None]] = [(f.report, f.key) for f in featured]
    generated = [random_incident(rng, today, roster, WINDOW_DAYS) for _ in range(max(0, incidents - len(featured)))]
    _cover_every_force_type(rng, today, roster, generated, [f.report for f in featured])
    reports += [(report, None) for report in generated]
    reports.sort(key=lambda pair: (pair[0]["occurred_at"], pair[1] or ""))

    by_key = {f.key: f for f in featured}
    data = DemoData(seed=seed, today=today, agency=dict(AGENCY), units=UNITS, roster=roster, logins=LOGINS,
                    incidents=[])
    sequence: dict[int, int] = {}
    for report, key in reports:
        occurred = datetime.fromisoformat(report["occurred_at"])
        year = occurred.year
        # Agency numbers count every call for service, so force incidents skip many numbers.
        sequence[year] = sequence.get(year, rng.randint(150, 900)) + rng.randint(40, 260)
        report["number"] = f"{year % 100:02d}-{sequence[year]:06d}"
        data.incidents.append(report)
        if key:
            data.featured[key] = by_key[key]
        elif _status(occurred, today):
            data.statuses[report["number"]] = _status(occurred, today)
        else:
            _record(data, report)
    return data


def _record(data: DemoData, report: dict) -> None:
    """The body-camera transcript of a recent generated incident, unless its camera was off."""
    primary = report["officers"][0]
    if primary.get("camera_activated") is False:
        return
    by_badge = {o.badge: o for o in data.roster.officers.values()}
    text = synthesize(report, by_badge[primary["badge"]], by_badge, f"{data.seed}:{report['number']}")
    data.recordings[report["number"]] = (primary["badge"], text)


def _cover_every_force_type(rng: random.Random, today: date, roster: Roster, generated: list[dict],
                            fixed: list[dict]) -> None:
    """Replace generated incidents so every force type of the taxonomy appears at least once
    (the rare ones may otherwise be missing for some seeds)."""
    present = {f["type"] for report in generated + fixed for f in report["force"]}
    for code in vocab.FORCE_TYPES.codes:
        if code in present or not generated:
            continue
        if not any(code in p.force for s in SCENARIOS for p in s.patterns):
            continue
        slot = rng.randrange(len(generated))
        generated[slot] = random_incident(rng, today, roster, WINDOW_DAYS, with_force=code)
        present = {f["type"] for report in generated + fixed for f in report["force"]}


def window_start(today: date) -> date:
    return today - timedelta(days=WINDOW_DAYS)
