"""Validation of a use-of-force report, the same for the web form, the REST API and bulk import.

A report arrives as a plain dict (the JSON shape documented in ``docs/import.md``). ``validate``
returns a ``CleanReport`` ready for ``records.actions`` or raises ``ReportInvalid`` with every
problem found, each naming its field path (``subjects[0].age``), so nothing is written from a
report that is wrong anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from forcereview.records import vocab

# Reports may be filed a few minutes "in the future" of a server whose clock is slightly behind.
CLOCK_SKEW = timedelta(minutes=10)
UTC = ZoneInfo("UTC")
EARLIEST = datetime(1950, 1, 1, tzinfo=UTC)
# A force application's time must fall inside the incident's span.
FORCE_WINDOW_BEFORE = timedelta(hours=1)
FORCE_WINDOW_AFTER = timedelta(hours=24)

TEXT_LIMITS = {"number": 40, "location": 300, "offense": 200, "nibrs_number": 40, "narrative": 100_000}

INCIDENT_FIELDS = {
    "number", "occurred_at", "location", "latitude", "longitude", "location_type", "contact_reason",
    "offense", "narrative", "nibrs_number", "supervisor_present", "recording_expected", "reported_by",
    "officers", "subjects", "force", "witnesses",
}
OFFICER_FIELDS = {"badge", "role", "injuries", "on_duty", "in_uniform", "camera_activated", "claims"}
SUBJECT_FIELDS = {
    "ref", "name", "age", "age_min", "age_max", "sex", "race", "ethnicity", "impairments", "armed",
    "perceived_threat", "resistance", "injuries", "medical_treatment",
}
FORCE_FIELDS = {"officer", "subject", "type", "at", "resistance", "description"}
WITNESS_FIELDS = {"name", "role", "contact", "statement"}
CLAIM_FIELDS = {"kind", "subject", "detail"}
# Read-only keys that appear in exported reports; accepted and ignored on the way back in.
IGNORED_FIELDS = {"id", "agency", "status", "created_at", "updated_at", "is_juvenile", "url", "officer_name"}
# What each part of a report may hold (its fields and the ignored ones), built once: an
# import checks hundreds of thousands of parts.
_ACCEPTED = {
    name: frozenset(fields | IGNORED_FIELDS)
    for name, fields in (
        ("incident", INCIDENT_FIELDS), ("officer", OFFICER_FIELDS), ("subject", SUBJECT_FIELDS),
        ("force", FORCE_FIELDS), ("witness", WITNESS_FIELDS), ("claim", CLAIM_FIELDS),
    )
}
_TRUE_WORDS = frozenset({"true", "yes", "y", "1"})
_FALSE_WORDS = frozenset({"false", "no", "n", "0"})
_LIST_SEPARATORS = re.compile(r"[;|]")
# Half of a UTF-16 surrogate pair on its own (JSON can carry one, written \ud800): no database stores it.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CLOCK_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_CLOCK_TIME_SPACED = re.compile(r"\s*\d{1,2}:\d{2}(:\d{2})?\s*")


@dataclass(frozen=True)
class FieldError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ReportInvalid(ValueError):
    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors[:10]) + (" ..." if len(errors) > 10 else ""))

    def by_path(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for e in self.errors:
            out.setdefault(e.path, []).append(e.message)
        return out


@dataclass(slots=True)
class CleanOfficer:
    officer: object  # records.Officer
    role: str
    injuries: list[str]
    on_duty: bool
    in_uniform: bool
    camera_activated: bool | None
    claims: list[tuple[str, str | None, str]]  # (kind, subject ref or None, detail)


@dataclass(slots=True)
class CleanSubject:
    ref: str
    name: str
    age: int | None
    age_min: int | None
    age_max: int | None
    sex: str
    race: str
    ethnicity: str
    impairments: list[str]
    armed: str
    perceived_threat: bool
    resistance: list[str]
    injuries: list[str]
    medical_treatment: str

    @property
    def is_juvenile(self) -> bool:
        return is_juvenile(self.age, self.age_min, self.age_max)


@dataclass(slots=True)
class CleanForce:
    officer_badge: str
    subject_ref: str
    force_type: str
    at: datetime | None
    resistance: str
    description: str


@dataclass(slots=True)
class CleanWitness:
    name: str
    role: str
    contact: str
    statement: str


@dataclass(slots=True)
class CleanReport:
    number: str
    occurred_at: datetime
    location: str
    latitude: Decimal | None
    longitude: Decimal | None
    location_type: str
    contact_reason: str
    offense: str
    narrative: str
    nibrs_number: str
    supervisor_present: bool
    recording_expected: bool
    reported_by: object | None  # records.Officer
    officers: list[CleanOfficer] = field(default_factory=list)
    subjects: list[CleanSubject] = field(default_factory=list)
    force: list[CleanForce] = field(default_factory=list)
    witnesses: list[CleanWitness] = field(default_factory=list)


def is_juvenile(age: int | None, age_min: int | None, age_max: int | None) -> bool:
    if age is not None:
        return age <= vocab.JUVENILE_MAX_AGE
    return age_max is not None and age_max <= vocab.JUVENILE_MAX_AGE


@dataclass
class Context:
    """What validation needs from the database, loaded once (an import checks thousands of
    reports against the same officers)."""

    timezone: ZoneInfo
    officers_by_badge: dict[str, object]  # badge -> Officer
    taken_numbers: set[str] = field(default_factory=set)
    current_number: str | None = None  # the incident being updated keeps its own number
    now: datetime | None = None


class _Checker:
    # The readers below return early for the usual, valid value and build field paths and
    # messages only for an error: they run millions of times in a large import.

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.errors: list[FieldError] = []
        self.local_day: date | None = None  # the incident's date in the agency's time zone

    def err(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    # -- primitive readers: return a clean value or None after recording an error --

    def unknown_keys(self, data: dict, accepted: frozenset[str], path: str) -> None:
        """``accepted``: one of ``_ACCEPTED`` (a part's fields and the ignored read-only ones)."""
        if data.keys() <= accepted:
            return
        for key in data:
            if key not in accepted:
                self.err(_join(path, str(key)), "unknown field")

    def text(self, data: dict, key: str, path: str, *, required: bool = False, limit: int = 2000) -> str:
        value = data.get(key)
        if type(value) is str:
            stripped = value.strip()
            if (stripped and len(stripped) <= limit and "\x00" not in stripped
                    and (stripped.isascii() or not _LONE_SURROGATE.search(stripped))):
                return stripped
        p = _join(path, key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.err(p, "is required")
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.err(p, f"must be text, not {_type_name(value)}")
            return ""
        value = value.strip()
        if len(value) > limit:
            self.err(p, f"is too long ({len(value)} characters, at most {limit})")
            return ""
        if "\x00" in value:
            self.err(p, "contains a NUL character")
            return ""
        if bad := _LONE_SURROGATE.search(value):
            self.err(p, f"contains an invalid character (a lone UTF-16 surrogate) at character {bad.start() + 1}")
            return ""
        return value

    def code(self, data: dict, key: str, path: str, vocabulary: vocab.Vocabulary, *, required: bool = True, default: str | None = None) -> str:
        value = data.get(key)
        if type(value) is str:
            stripped = value.strip()
            if stripped in vocabulary.code_set:
                return stripped
        p = _join(path, key)
        if value is None or value == "":
            if required and default is None:
                self.err(p, "is required")
                return ""
            return default or ""
        if not isinstance(value, str):
            self.err(p, f"must be one of the {vocabulary.name} codes, not {_type_name(value)}")
            return ""
        value = value.strip()
        if value not in vocabulary:
            self.err(p, f"{value!r} is not a known {vocabulary.name}; use one of: {', '.join(vocabulary.codes)}")
            return ""
        return value

    def codes(self, data: dict, key: str, path: str, vocabulary: vocab.Vocabulary) -> list[str]:
        value = data.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            value = _LIST_SEPARATORS.split(value)
        if not isinstance(value, (list, tuple)):
            self.err(_join(path, key), f"must be a list of {vocabulary.name} codes")
            return []
        known = vocabulary.code_set
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.err(f"{_join(path, key)}[{i}]", f"must be a {vocabulary.name} code, not {_type_name(item)}")
                continue
            item = item.strip()
            if not item:
                continue
            if item not in known:
                self.err(f"{_join(path, key)}[{i}]", f"{item!r} is not a known {vocabulary.name}; use one of: {', '.join(vocabulary.codes)}")
            elif item not in out:
                out.append(item)
        if "none" in out and len(out) > 1:
            self.err(_join(path, key), f"'none' cannot be combined with other {vocabulary.name} values")
        return out

    def boolean(self, data: dict, key: str, path: str, default: bool | None) -> bool | None:
        value = data.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _TRUE_WORDS:
                return True
            if word in _FALSE_WORDS:
                return False
        elif isinstance(value, int) and value in (0, 1):
            return bool(value)
        self.err(_join(path, key), f"must be true or false, not {value!r}")
        return default

    def integer(self, data: dict, key: str, path: str, lo: int, hi: int) -> int | None:
        value = data.get(key)
        p = _join(path, key)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            self.err(p, "must be a whole number")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                self.err(p, f"must be a whole number, not {value!r}")
                return None
        if not isinstance(value, int):
            self.err(p, f"must be a whole number, not {_type_name(value)}")
            return None
        if not lo <= value <= hi:
            self.err(p, f"{value} is out of range ({lo} to {hi})")
            return None
        return value

    def coordinate(self, data: dict, key: str, limit: int) -> Decimal | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            self.err(key, f"must be a number, not {value!r}")
            return None
        if not number.is_finite() or abs(number) > limit:
            self.err(key, f"{value} is out of range (-{limit} to {limit})")
            return None
        return number.quantize(Decimal("0.000001"))

    def moment(self, value, p: str, *, base: date | None = None) -> datetime | None:
        tz = self.ctx.timezone
        if isinstance(value, datetime):
            dt = value
        elif isinstance(value, str) and value.strip():
            raw = value.strip()
            # A time of day alone (never a valid ISO date and time) takes the incident's date.
            clock = _CLOCK_TIME.fullmatch(raw) if base is not None else None
            if clock:
                hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
                if hour > 23 or minute > 59 or second > 59:
                    self.err(p, f"{raw!r} is not a time of day (hours 0-23, minutes and seconds 0-59)")
                    return None
                dt = datetime.combine(base, time(hour, minute, second))
            else:
                try:
                    dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
                except ValueError:
                    self.err(p, f"{raw!r} is not a date and time (use ISO 8601, e.g. 2024-03-05T14:30:00)")
                    return None
        else:
            self.err(p, "is required" if value in (None, "") else f"must be a date and time, not {_type_name(value)}")
            return None
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=tz)
        return dt


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _type_name(value) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number", str: "text"}.get(
        type(value), type(value).__name__
    )


def validate(data, ctx: Context) -> CleanReport:
    """Check a whole report; raise ``ReportInvalid`` listing every problem."""
    c = _Checker(ctx)
    if not isinstance(data, dict):
        raise ReportInvalid([FieldError("", f"a report must be an object, not {_type_name(data)}")])
    c.unknown_keys(data, _ACCEPTED["incident"], "")
    now = ctx.now or datetime.now(tz=UTC)

    number = c.text(data, "number", "", required=True, limit=TEXT_LIMITS["number"])
    if number and number != ctx.current_number and number in ctx.taken_numbers:
        c.err("number", f"incident number {number!r} already exists in this agency")
    occurred_at = c.moment(data.get("occurred_at"), "occurred_at")
    if occurred_at is not None:
        if occurred_at > now + CLOCK_SKEW:
            c.err("occurred_at", f"{occurred_at.isoformat()} is in the future")
            occurred_at = None
        elif occurred_at < EARLIEST:
            c.err("occurred_at", f"{occurred_at.isoformat()} is before {EARLIEST.year}")
            occurred_at = None
    if occurred_at is not None:
        c.local_day = occurred_at.astimezone(ctx.timezone).date()

    report = CleanReport(
        number=number,
        occurred_at=occurred_at,  # type: ignore[arg-type]
        location=c.text(data, "location", "", required=True, limit=TEXT_LIMITS["location"]),
        latitude=c.coordinate(data, "latitude", 90),
        longitude=c.coordinate(data, "longitude", 180),
        location_type=c.code(data, "location_type", "", vocab.LOCATION_TYPES),
        contact_reason=c.code(data, "contact_reason", "", vocab.CONTACT_REASONS),
        offense=c.text(data, "offense", "", limit=TEXT_LIMITS["offense"]),
        narrative=c.text(data, "narrative", "", required=True, limit=TEXT_LIMITS["narrative"]),
        nibrs_number=c.text(data, "nibrs_number", "", limit=TEXT_LIMITS["nibrs_number"]),
        supervisor_present=bool(c.boolean(data, "supervisor_present", "", False)),
        recording_expected=bool(c.boolean(data, "recording_expected", "", True)),
        reported_by=None,
    )

    subjects_raw = _list(c, data, "subjects", required=True)
    for i, raw in enumerate(subjects_raw):
        subject = _subject(c, raw, f"subjects[{i}]", i)
        if subject is not None:
            if any(s.ref == subject.ref for s in report.subjects):
                c.err(f"subjects[{i}].ref", f"subject reference {subject.ref!r} is used twice")
            report.subjects.append(subject)
    refs = {s.ref for s in report.subjects}

    officers_raw = _list(c, data, "officers", required=True)
    for i, raw in enumerate(officers_raw):
        officer = _officer(c, raw, f"officers[{i}]", occurred_at, refs)
        if officer is not None:
            if any(o.officer.badge_number == officer.officer.badge_number for o in report.officers):
                c.err(f"officers[{i}].badge", f"officer #{officer.officer.badge_number} is listed twice")
            report.officers.append(officer)
    roles_by_badge = {o.officer.badge_number: o.role for o in report.officers}
    if officers_raw and report.officers and len(report.officers) == len(officers_raw):
        if not any(o.role in ("primary", "assisting") for o in report.officers):
            c.err("officers", "at least one officer must be primary or assisting (an officer who used force)")

    reported_by = data.get("reported_by")
    if reported_by not in (None, ""):
        badge = str(reported_by).strip()
        if badge not in roles_by_badge:
            c.err("reported_by", f"officer #{badge} is not among the officers of this incident")
        else:
            report.reported_by = ctx.officers_by_badge[badge]
    else:
        primary = next((o for o in report.officers if o.role == "primary"), None)
        report.reported_by = primary.officer if primary else None

    force_raw = _list(c, data, "force", required=True)
    for i, raw in enumerate(force_raw):
        force = _force(c, raw, f"force[{i}]", occurred_at, roles_by_badge, refs)
        if force is not None:
            report.force.append(force)

    for i, raw in enumerate(_list(c, data, "witnesses", required=False)):
        p = f"witnesses[{i}]"
        if not isinstance(raw, dict):
            c.err(p, f"must be an object, not {_type_name(raw)}")
            continue
        c.unknown_keys(raw, _ACCEPTED["witness"], p)
        report.witnesses.append(
            CleanWitness(
                name=c.text(raw, "name", p, required=True, limit=160),
                role=c.code(raw, "role", p, vocab.WITNESS_ROLES, default="bystander"),
                contact=c.text(raw, "contact", p, limit=200),
                statement=c.text(raw, "statement", p, limit=20_000),
            )
        )

    if c.errors:
        raise ReportInvalid(c.errors)
    return report


def _list(c: _Checker, data: dict, key: str, *, required: bool) -> list:
    value = data.get(key)
    if value is None or value == []:
        if required:
            c.err(key, "at least one entry is required")
        return []
    if not isinstance(value, list):
        c.err(key, f"must be a list, not {_type_name(value)}")
        return []
    if len(value) > 200:
        c.err(key, f"has {len(value)} entries; at most 200 are accepted")
        return []
    return value


def _subject(c: _Checker, raw, p: str, i: int) -> CleanSubject | None:
    if not isinstance(raw, dict):
        c.err(p, f"must be an object, not {_type_name(raw)}")
        return None
    c.unknown_keys(raw, _ACCEPTED["subject"], p)
    ref = c.text(raw, "ref", p, limit=20) or f"S{i + 1}"
    age = c.integer(raw, "age", p, 0, vocab.MAX_AGE)
    age_min = c.integer(raw, "age_min", p, 0, vocab.MAX_AGE)
    age_max = c.integer(raw, "age_max", p, 0, vocab.MAX_AGE)
    if age_min is not None and age_max is not None and age_min > age_max:
        c.err(f"{p}.age_min", f"{age_min} is greater than age_max {age_max}")
    if age is None and age_min is None and age_max is None and not _has_error(c, f"{p}.age"):
        c.err(f"{p}.age", "is required (give an age, or age_min and age_max when only a range is known)")
    return CleanSubject(
        ref=ref,
        name=c.text(raw, "name", p, limit=160),
        age=age,
        age_min=age_min,
        age_max=age_max,
        sex=c.code(raw, "sex", p, vocab.SEX, default="unknown"),
        race=c.code(raw, "race", p, vocab.RACE, required=False),
        ethnicity=c.code(raw, "ethnicity", p, vocab.ETHNICITY, required=False),
        impairments=c.codes(raw, "impairments", p, vocab.IMPAIRMENTS),
        armed=c.code(raw, "armed", p, vocab.ARMED, default="unarmed"),
        perceived_threat=bool(c.boolean(raw, "perceived_threat", p, False)),
        resistance=c.codes(raw, "resistance", p, vocab.RESISTANCE_TYPES),
        injuries=c.codes(raw, "injuries", p, vocab.INJURY_TYPES),
        medical_treatment=c.code(raw, "medical_treatment", p, vocab.MEDICAL_TREATMENT, default="none"),
    )


def _officer(c: _Checker, raw, p: str, occurred_at: datetime | None, refs: set[str]) -> CleanOfficer | None:
    if not isinstance(raw, dict):
        c.err(p, f"must be an object, not {_type_name(raw)}")
        return None
    c.unknown_keys(raw, _ACCEPTED["officer"], p)
    badge = c.text(raw, "badge", p, required=True, limit=20)
    role = c.code(raw, "role", p, vocab.INVOLVEMENT_ROLES)
    officer = c.ctx.officers_by_badge.get(badge) if badge else None
    if badge and officer is None:
        c.err(f"{p}.badge", f"no officer with badge #{badge} in this agency")
    if officer is not None and occurred_at is not None:
        local_day = c.local_day
        if officer.hire_date and local_day < officer.hire_date:
            c.err(f"{p}.badge", f"officer #{badge} was hired on {officer.hire_date.isoformat()}, after the incident date {local_day.isoformat()}")
    claims: list[tuple[str, str | None, str]] = []
    raw_claims = raw.get("claims") or []
    if isinstance(raw_claims, str):
        raw_claims = [x for x in _LIST_SEPARATORS.split(raw_claims) if x.strip()]
    if not isinstance(raw_claims, list):
        c.err(f"{p}.claims", "must be a list")
        raw_claims = []
    known_claims = vocab.CLAIMS.code_set
    for j, claim in enumerate(raw_claims):
        if type(claim) is str and claim.strip() in known_claims:
            claims.append((claim.strip(), None, ""))  # what the general case below gives a bare code
            continue
        cp = f"{p}.claims[{j}]"
        if isinstance(claim, str):
            claim = {"kind": claim.strip()}
        if not isinstance(claim, dict):
            c.err(cp, f"must be a claim code or an object, not {_type_name(claim)}")
            continue
        c.unknown_keys(claim, _ACCEPTED["claim"], cp)
        kind = c.code(claim, "kind", cp, vocab.CLAIMS)
        subject_ref = c.text(claim, "subject", cp, limit=20) or None
        if subject_ref is not None and subject_ref not in refs:
            c.err(f"{cp}.subject", f"subject {subject_ref!r} is not among the subjects of this incident")
        if kind:
            claims.append((kind, subject_ref, c.text(claim, "detail", cp, limit=5000)))
    if claims and role == "witness":
        c.err(f"{p}.claims", "a witness officer used no force and makes no justification claims")
    if officer is None or not role:
        return None
    return CleanOfficer(
        officer=officer,
        role=role,
        injuries=c.codes(raw, "injuries", p, vocab.INJURY_TYPES),
        on_duty=bool(c.boolean(raw, "on_duty", p, True)),
        in_uniform=bool(c.boolean(raw, "in_uniform", p, True)),
        camera_activated=c.boolean(raw, "camera_activated", p, None),
        claims=claims,
    )


def _force(c: _Checker, raw, p: str, occurred_at, roles_by_badge: dict[str, str], refs: set[str]) -> CleanForce | None:
    if not isinstance(raw, dict):
        c.err(p, f"must be an object, not {_type_name(raw)}")
        return None
    c.unknown_keys(raw, _ACCEPTED["force"], p)
    badge = c.text(raw, "officer", p, required=True, limit=20)
    ref = c.text(raw, "subject", p, required=True, limit=20)
    force_type = c.code(raw, "type", p, vocab.FORCE_TYPES)
    if badge and badge not in roles_by_badge:
        c.err(f"{p}.officer", f"officer #{badge} is not among the officers of this incident")
    elif badge and roles_by_badge[badge] == "witness":
        c.err(f"{p}.officer", f"officer #{badge} is listed as a witness; an officer who used force is primary or assisting")
    if ref and ref not in refs:
        c.err(f"{p}.subject", f"subject {ref!r} is not among the subjects of this incident")
    at = None
    raw_at = raw.get("at")
    clock_time = isinstance(raw_at, str) and _CLOCK_TIME_SPACED.fullmatch(raw_at)
    if occurred_at is None and clock_time:
        pass  # a time of day needs the incident's date, whose own error is already reported
    elif raw_at not in (None, ""):
        base = c.local_day if occurred_at else None
        at = c.moment(raw_at, f"{p}.at", base=base)
        if at is not None and occurred_at is not None:
            if at < occurred_at - FORCE_WINDOW_BEFORE or at > occurred_at + FORCE_WINDOW_AFTER:
                c.err(f"{p}.at", f"{at.isoformat()} is outside the incident (it began {occurred_at.isoformat()})")
    resistance = c.code(raw, "resistance", p, vocab.RESISTANCE_TYPES, required=False)
    if not (badge and ref and force_type):
        return None
    return CleanForce(badge, ref, force_type, at, resistance, c.text(raw, "description", p, limit=5000))


def _has_error(c: _Checker, prefix: str) -> bool:
    return any(e.path.startswith(prefix) for e in c.errors)
