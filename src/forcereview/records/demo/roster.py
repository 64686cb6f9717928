"""The demo agency's units, officers and logins.

Officers are named here, not drawn at random, so the README's tour and the body-camera
transcripts (which name the officers speaking) stay true for any seed. The seed decides
hire dates, leave and separation dates, and badge numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

AGENCY = {
    "name": "Mesa Verde Police Department",
    "slug": "mesa-verde",
    "ori": "NM0450300",
    "state": "NM",
    "timezone": "America/Denver",
}
EMAIL_DOMAIN = "mesaverde-pd.example"


@dataclass(frozen=True)
class UnitSpec:
    key: str
    name: str
    kind: str
    parent: str | None = None


UNITS = (
    UnitSpec("command", "Command Staff", "command"),
    UnitSpec("patrol", "Patrol Division", "patrol", "command"),
    UnitSpec("shift_a", "Patrol Shift A (days)", "patrol", "patrol"),
    UnitSpec("shift_b", "Patrol Shift B (swing)", "patrol", "patrol"),
    UnitSpec("shift_c", "Patrol Shift C (nights)", "patrol", "patrol"),
    UnitSpec("support", "Support Services Division", "support", "command"),
    UnitSpec("sro", "School Resource Unit", "school_resource", "support"),
    UnitSpec("cid", "Criminal Investigations", "investigations", "support"),
    UnitSpec("ps", "Professional Standards", "professional_standards", "command"),
)

# Patrol shifts by the local hour their watch starts (10-hour watches, overlap ignored).
SHIFT_HOURS = {"shift_a": range(6, 14), "shift_b": range(14, 22), "shift_c": (*range(22, 24), *range(0, 6))}


@dataclass
class OfficerSpec:
    key: str
    first_name: str
    last_name: str
    sex: str
    rank: str
    assignment: str
    unit: str
    supervisor: str | None
    hire_date: date
    status: str = "active"
    # The last day the officer worked the street (leave or separation); None while active.
    last_day: date | None = None
    # How often the officer uses force compared with peers (1.0 = typical).
    force_rate: float = 1.0
    badge: str = ""
    email: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def works_on(self, day: date) -> bool:
        return self.hire_date <= day and (self.last_day is None or day <= self.last_day)


@dataclass(frozen=True)
class LoginSpec:
    role: str
    username: str
    password: str
    officer: str | None  # officer key
    first_name: str
    last_name: str
    about: str  # one line for the banner


# key, first, last, sex, rank, assignment, unit, supervisor, years of service, status, force rate
# Years of service may be a (low, high) range, drawn from the seed.
_ROSTER = (
    ("chief", "Margaret", "Archuleta", "female", "chief", "command", "command", None, 24.5, "active", 0),
    ("captain", "Raymond", "Benally", "male", "captain", "command", "command", "chief", 21.0, "active", 0),
    ("lt_days", "Gloria", "Sandoval", "female", "lieutenant", "patrol", "patrol", "captain", 17.0, "active", 0.05),
    ("lt_nights", "Thomas", "Wheeler", "male", "lieutenant", "patrol", "patrol", "captain", 15.5, "active", 0.05),
    ("lt_support", "Victor", "Montoya", "male", "lieutenant", "command", "support", "captain", 18.0, "active", 0),
    ("sgt_a", "Robert", "Quintana", "male", "sergeant", "patrol", "shift_a", "lt_days", (9, 16), "active", 0.3),
    ("sgt_b", "Daniel", "Ortega", "male", "sergeant", "patrol", "shift_b", "lt_days", 12.0, "active", 0.3),
    ("sgt_c", "Teresa", "Jaramillo", "female", "sergeant", "patrol", "shift_c", "lt_nights", (9, 16), "active", 0.3),
    ("sgt_sro", "Christopher", "Lawson", "male", "sergeant", "school_resource", "sro", "lt_support", 13.0, "active", 0.2),
    ("sgt_cid", "Steven", "Hughes", "male", "sergeant", "investigations", "cid", "lt_support", (10, 17), "active", 0.1),
    ("sgt_ps", "Renee", "Tsosie", "female", "sergeant", "professional_standards", "ps", "chief", 14.0, "active", 0),
    ("ps_investigator", "Isaac", "Yazzie", "male", "officer", "professional_standards", "ps", "sgt_ps", (8, 14), "active", 0),
    # Patrol shift A (days)
    ("cpl_a", "Nathan", "Reed", "male", "corporal", "patrol", "shift_a", "sgt_a", (6, 12), "active", 0.8),
    ("a1", "Adrian", "Baca", "male", "officer", "traffic", "shift_a", "sgt_a", (4, 11), "active", 0.7),
    ("a2", "Kayla", "Morgan", "female", "officer", "patrol", "shift_a", "sgt_a", (1, 6), "active", 1.0),
    ("a3", "Joshua", "Begay", "male", "officer", "patrol", "shift_a", "sgt_a", (2, 9), "active", 1.0),
    ("a4", "Tyler", "Fischer", "male", "officer", "patrol", "shift_a", "sgt_a", (0.6, 1.2), "active", 1.0),
    ("a5", "Veronica", "Salazar", "female", "officer", "patrol", "shift_a", "sgt_a", (3, 12), "active", 0.9),
    ("a6", "Leonard", "Harris", "male", "officer", "patrol", "shift_a", "sgt_a", (18, 22), "separated", 0.8),
    # Patrol shift B (swing): the supervisor's squad, with the officer who signs in and the
    # officer whose force count stands out from his peers.
    ("cpl_b", "Angela", "Trujillo", "female", "corporal", "patrol", "shift_b", "sgt_b", (6, 12), "active", 0.8),
    ("ofc_lucero", "Maria", "Lucero", "female", "officer", "patrol", "shift_b", "sgt_b", 6.0, "active", 1.2),
    ("ofc_holloway", "Derek", "Holloway", "male", "officer", "patrol", "shift_b", "sgt_b", 5.0, "active", 6.0),
    ("k9_tafoya", "Jason", "Tafoya", "male", "officer", "k9", "shift_b", "sgt_b", 9.0, "active", 1.2),
    ("b1", "Cody", "Russell", "male", "officer", "patrol", "shift_b", "sgt_b", (2, 8), "active", 1.0),
    ("b2", "Ruben", "Serna", "male", "officer", "patrol", "shift_b", "sgt_b", (1, 5), "active", 1.1),
    ("b3", "Megan", "Cooper", "female", "officer", "patrol", "shift_b", "sgt_b", (3, 10), "active", 0.9),
    ("b4", "Mateo", "Griego", "male", "officer", "patrol", "shift_b", "sgt_b", (0.4, 0.9), "active", 1.0),
    # Patrol shift C (nights)
    ("cpl_c", "Marcus", "Etsitty", "male", "corporal", "patrol", "shift_c", "sgt_c", (6, 12), "active", 0.8),
    ("ofc_nez", "Kyle", "Nez", "male", "officer", "patrol", "shift_c", "sgt_c", 4.0, "active", 4.5),
    ("c1", "Brandon", "Walker", "male", "officer", "patrol", "shift_c", "sgt_c", (2, 7), "active", 1.1),
    ("c2", "Jasmine", "Vigil", "female", "officer", "patrol", "shift_c", "sgt_c", (1, 4), "active", 1.0),
    ("c3", "Eric", "Padilla", "male", "officer", "patrol", "shift_c", "sgt_c", (3, 9), "leave", 1.0),
    ("c4", "Shane", "Thompson", "male", "officer", "patrol", "shift_c", "sgt_c", (2, 6), "separated", 1.3),
    ("c5", "Lorenzo", "Gallegos", "male", "officer", "patrol", "shift_c", "sgt_c", (5, 12), "active", 0.9),
    # School resource unit
    ("sro_keller", "Travis", "Keller", "male", "officer", "school_resource", "sro", "sgt_sro", 7.0, "active", 1.6),
    ("sro1", "Sierra", "Duran", "female", "officer", "school_resource", "sro", "sgt_sro", (4, 12), "active", 0.6),
    ("sro2", "Joaquin", "Medina", "male", "officer", "school_resource", "sro", "sgt_sro", (5, 14), "active", 0.6),
    ("sro3", "Wesley", "Parker", "male", "officer", "school_resource", "sro", "sgt_sro", (3, 9), "active", 0.5),
    # Criminal investigations
    ("det1", "Ricardo", "Romero", "male", "officer", "investigations", "cid", "sgt_cid", (8, 15), "active", 0.3),
    ("det2", "Laura", "Bitsui", "female", "officer", "investigations", "cid", "sgt_cid", (7, 13), "active", 0.3),
    ("det3", "Patrick", "Sullivan", "male", "officer", "investigations", "cid", "sgt_cid", (9, 16), "active", 0.3),
)

# Who signs in. Passwords are public: the demo is for trying the product, never for real records.
LOGINS = (
    LoginSpec("officer", "officer", "officer-demo", "ofc_lucero", "Maria", "Lucero",
              "files reports, sees her own incidents"),
    LoginSpec("supervisor", "supervisor", "supervisor-demo", "sgt_b", "Daniel", "Ortega",
              "Patrol Shift B sergeant, reviews his squad's incidents"),
    LoginSpec("investigator", "investigator", "investigator-demo", "sgt_ps", "Renee", "Tsosie",
              "Professional Standards, internal-affairs cases"),
    LoginSpec("command", "command", "command-demo", "chief", "Margaret", "Archuleta",
              "reads everything in the agency, decides discipline"),
    LoginSpec("auditor", "auditor", "auditor-demo", None, "Elaine", "Ashby",
              "civilian oversight, read-only, de-identified"),
    LoginSpec("admin", "admin", "admin-demo", None, "Sam", "Whitfield",
              "users, policy and settings"),
)


@dataclass
class Roster:
    officers: dict[str, OfficerSpec] = field(default_factory=dict)

    def by_unit(self, unit: str) -> list[OfficerSpec]:
        return [o for o in self.officers.values() if o.unit == unit]

    def __getitem__(self, key: str) -> OfficerSpec:
        return self.officers[key]


def _hire_date(rng: random.Random, today: date, years) -> date:
    if isinstance(years, tuple):
        years = rng.uniform(*years)
    return today - timedelta(days=int(years * 365.25))


def build_roster(rng: random.Random, today: date) -> Roster:
    roster = Roster()
    for key, first, last, sex, rank, assignment, unit, supervisor, years, status, rate in _ROSTER:
        hired = _hire_date(rng, today, years)
        roster.officers[key] = OfficerSpec(
            key=key, first_name=first, last_name=last, sex=sex, rank=rank, assignment=assignment,
            unit=unit, supervisor=supervisor, hire_date=hired, status=status, force_rate=rate,
        )
    # Leave and separation dates: one officer on leave for the last few weeks, two who left
    # (one retired, one resigned) part-way through the two years of incidents.
    for officer in roster.officers.values():
        if officer.status == "leave":
            officer.last_day = today - timedelta(days=rng.randint(18, 30))
        elif officer.status == "separated":
            officer.last_day = today - timedelta(days=rng.randint(120, 420))
    # Badge numbers follow seniority, as most agencies issue them.
    for n, officer in enumerate(sorted(roster.officers.values(), key=lambda o: (o.hire_date, o.key))):
        officer.badge = str(1100 + n * 17 + rng.randint(0, 9))
        officer.email = f"{officer.first_name}.{officer.last_name}@{EMAIL_DOMAIN}".lower()
    return roster
