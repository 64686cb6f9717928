"""The configurable rules of internal-affairs cases: case timeline, findings, discipline matrix,
standards-board reporting and civil-claim jurisdictions. Plain Python (no Django).

The rules live in one YAML file (``data/default_rules.yaml`` unless ``FORCEREVIEW_CASE_RULES``
names another). ``load_rules`` validates all of it and refuses a bad file with every error,
each naming its key ("discipline.categories.bias.ranges.one: 'firing' is not a penalty").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from forcereview.deadlines.calendar import CalendarError, Period, birthday, parse_period

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "default_rules.yaml"
FINDING_CODES = ("sustained", "not_sustained", "exonerated", "unfounded", "policy_failure")
CLAIM_PERIOD_KINDS = ("notice", "limitation")


class RulesInvalid(ValueError):
    def __init__(self, source: str, errors: list[str]):
        self.source = source
        self.errors = errors
        super().__init__(f"{source}: " + "; ".join(errors))


@dataclass(frozen=True)
class TimedStep:
    period: Period
    citation: str


@dataclass(frozen=True)
class HistoryLevel:
    code: str
    label: str
    min_prior: int


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    disclosure: bool  # a sustained finding marks the officer for Brady/Giglio disclosure
    report_to_board: bool
    ranges: dict[str, tuple[str, str]]  # history level -> (mildest, harshest)


@dataclass(frozen=True)
class Range:
    category: str
    history: str
    mildest: str
    harshest: str
    mildest_label: str
    harshest_label: str

    def __str__(self) -> str:
        if self.mildest == self.harshest:
            return self.mildest_label
        return f"{self.mildest_label} to {self.harshest_label}"


@dataclass(frozen=True)
class DisciplineMatrix:
    penalties: dict[str, str]  # code -> label, mildest first
    lookback: Period
    history: tuple[HistoryLevel, ...]
    categories: dict[str, Category]
    aggravating: tuple[str, ...]
    mitigating: tuple[str, ...]

    def history_level(self, prior_sustained: int) -> HistoryLevel:
        level = self.history[0]
        for h in self.history:
            if prior_sustained >= h.min_prior:
                level = h
        return level

    def presumptive(self, category: str, prior_sustained: int) -> Range:
        level = self.history_level(prior_sustained)
        low, high = self.categories[category].ranges[level.code]
        return Range(category, level.code, low, high, self.penalties[low], self.penalties[high])

    def rank(self, penalty: str) -> int:
        return list(self.penalties).index(penalty)

    def within(self, rng: Range, penalty: str) -> bool:
        return self.rank(rng.mildest) <= self.rank(penalty) <= self.rank(rng.harshest)


@dataclass(frozen=True)
class BoardRule:
    name: str
    form: str
    citation: str
    sustained_finding: Period
    separation_under_investigation: Period
    still_open_after: Period
    still_open_period: Period
    criminal_outcome: Period | None
    criminal_outcomes: tuple[str, ...]


@dataclass(frozen=True)
class ClaimPeriod:
    code: str
    label: str
    kind: str  # notice | limitation
    period: Period
    citation: str
    applies_on_or_after: date | None = None
    wrongful_death_period: Period | None = None
    minor_under_age: int | None = None
    minor_until_birthday: int | None = None

    def applies_to(self, occurred_on: date) -> bool:
        return self.applies_on_or_after is None or occurred_on >= self.applies_on_or_after

    def compute(self, occurred_on: date, *, claimant_born: date | None = None,
                wrongful_death: bool = False) -> tuple[date, str]:
        """The last day, and in plain words how it was computed."""
        period = self.wrongful_death_period if (wrongful_death and self.wrongful_death_period) else self.period
        due = period.after(occurred_on)
        basis = f"{period} after the occurrence on {occurred_on.isoformat()}"
        if wrongful_death and self.wrongful_death_period:
            basis += " (wrongful death)"
        if claimant_born is not None and self.minor_under_age is not None and self.minor_until_birthday is not None:
            if birthday(claimant_born, self.minor_under_age) > occurred_on:
                until = birthday(claimant_born, self.minor_until_birthday)
                if until > due:
                    due = until
                    basis = (f"until the claimant's {_ordinal(self.minor_until_birthday)} birthday on "
                             f"{until.isoformat()}: under {self.minor_under_age} on {occurred_on.isoformat()}")
        return due, f"{basis} ({self.citation})"


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    periods: tuple[ClaimPeriod, ...]


@dataclass(frozen=True)
class CaseRules:
    version: str
    digest: str  # SHA-256 of the file, recorded with every proposal computed from it
    source: str
    investigation: TimedStep
    command_review: TimedStep
    reminders: tuple[Period, ...]
    findings: dict[str, str]
    discipline: DisciplineMatrix
    board: BoardRule
    jurisdictions: dict[str, Jurisdiction]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class _Reader:
    """Walks the parsed YAML, collecting every error with the key it belongs to."""

    def __init__(self):
        self.errors: list[str] = []

    def fail(self, key: str, message: str) -> None:
        self.errors.append(f"{key}: {message}")

    def mapping(self, data, key: str) -> dict:
        if not isinstance(data, dict):
            self.fail(key, "must be a mapping of names to values")
            return {}
        return data

    def get(self, data: dict, name: str, key: str, kind=str, default=...):
        full = f"{key}.{name}" if key else name
        if name not in data:
            if default is not ...:
                return default
            self.fail(full, "is missing")
            return None
        value = data[name]
        if kind is not None and not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(full, f"must be {getattr(kind, '__name__', kind)}, got {value!r}")
            return None
        return value

    def period(self, text, key: str) -> Period | None:
        try:
            return parse_period(str(text))
        except CalendarError as exc:
            self.fail(key, str(exc))
            return None


def _timeline(r: _Reader, data: dict) -> tuple[TimedStep | None, TimedStep | None, tuple[Period, ...]]:
    t = r.mapping(r.get(data, "case_timeline", "", dict) or {}, "case_timeline")
    steps = []
    for name in ("investigation", "command_review"):
        step = r.mapping(r.get(t, name, "case_timeline", dict) or {}, f"case_timeline.{name}")
        period = r.period(step.get("period"), f"case_timeline.{name}.period") if step else None
        steps.append(TimedStep(period, str(step.get("citation", "agency policy"))) if period else None)
    reminders = []
    for i, text in enumerate(r.get(t, "reminders", "case_timeline", list, []) or []):
        p = r.period(text, f"case_timeline.reminders[{i}]")
        if p and p.unit != "days":
            r.fail(f"case_timeline.reminders[{i}]", f"write reminders in days or weeks, not {p.unit.replace('_', ' ')}")
        elif p:
            reminders.append(p)
    return steps[0], steps[1], tuple(reminders)


def _findings(r: _Reader, data: dict) -> dict[str, str]:
    found = r.mapping(r.get(data, "findings", "", dict) or {}, "findings")
    for code in found:
        if code not in FINDING_CODES:
            r.fail(f"findings.{code}", f"is not a finding (use {', '.join(FINDING_CODES)})")
    for code in FINDING_CODES:
        if code not in found:
            r.fail(f"findings.{code}", "is missing")
    return {code: str(found.get(code, code)) for code in FINDING_CODES}


def _discipline(r: _Reader, data: dict) -> DisciplineMatrix | None:
    d = r.mapping(r.get(data, "discipline", "", dict) or {}, "discipline")
    penalties = {str(k): str(v) for k, v in r.mapping(r.get(d, "penalties", "discipline", dict) or {},
                                                       "discipline.penalties").items()}
    lookback = r.period(d.get("lookback", "5 years"), "discipline.lookback")
    history = []
    for i, h in enumerate(r.get(d, "history", "discipline", list) or []):
        key = f"discipline.history[{i}]"
        h = r.mapping(h, key)
        code, label, min_prior = (r.get(h, "code", key), r.get(h, "label", key), r.get(h, "min_prior", key, int))
        if code and label and min_prior is not None:
            history.append(HistoryLevel(code, label, min_prior))
    if history and [h.min_prior for h in history] != sorted({h.min_prior for h in history}):
        r.fail("discipline.history", "min_prior must rise from one level to the next")
    if history and history[0].min_prior != 0:
        r.fail("discipline.history[0].min_prior", "the first level must start at 0 prior findings")
    categories = {}
    for code, c in r.mapping(r.get(d, "categories", "discipline", dict) or {}, "discipline.categories").items():
        key = f"discipline.categories.{code}"
        c = r.mapping(c, key)
        ranges = {}
        raw = r.mapping(r.get(c, "ranges", key, dict) or {}, f"{key}.ranges")
        for h in history:
            pair = raw.get(h.code)
            rkey = f"{key}.ranges.{h.code}"
            if not (isinstance(pair, list) and len(pair) == 2):
                r.fail(rkey, "must be [mildest, harshest]")
                continue
            bad = [p for p in pair if p not in penalties]
            if bad:
                r.fail(rkey, f"{bad[0]!r} is not a penalty (use {', '.join(penalties)})")
                continue
            if list(penalties).index(pair[0]) > list(penalties).index(pair[1]):
                r.fail(rkey, f"{pair[0]!r} is harsher than {pair[1]!r}; write the mildest first")
                continue
            ranges[h.code] = (pair[0], pair[1])
        for extra in set(raw) - {h.code for h in history}:
            r.fail(f"{key}.ranges.{extra}", "is not a history level")
        categories[code] = Category(
            code=code, label=str(c.get("label", code)), disclosure=bool(c.get("disclosure", False)),
            report_to_board=bool(c.get("report_to_board", False)), ranges=ranges,
        )
    if not penalties or lookback is None or not history or not categories:
        return None
    return DisciplineMatrix(
        penalties=penalties, lookback=lookback, history=tuple(history), categories=categories,
        aggravating=tuple(str(x) for x in d.get("aggravating", []) or []),
        mitigating=tuple(str(x) for x in d.get("mitigating", []) or []),
    )


def _board(r: _Reader, data: dict) -> BoardRule | None:
    b = r.mapping(r.get(data, "standards_board", "", dict) or {}, "standards_board")

    def step(name: str, field: str = "period", required: bool = True) -> Period | None:
        part = b.get(name)
        if part is None and not required:
            return None
        part = r.mapping(part, f"standards_board.{name}")
        return r.period(part.get(field), f"standards_board.{name}.{field}") if part else None

    sustained = step("sustained_finding")
    separation = step("separation_under_investigation")
    after, within = step("still_open", "after"), step("still_open")
    criminal = step("criminal_outcome", required=False)
    outcomes = tuple((b.get("criminal_outcome") or {}).get("outcomes", []) or [])
    if None in (sustained, separation, after, within):
        return None
    return BoardRule(
        name=str(b.get("name", "the officer-standards board")), form=str(b.get("form", "")),
        citation=str(b.get("citation", "")), sustained_finding=sustained, separation_under_investigation=separation,
        still_open_after=after, still_open_period=within, criminal_outcome=criminal, criminal_outcomes=outcomes,
    )


def _jurisdictions(r: _Reader, data: dict) -> dict[str, Jurisdiction]:
    out = {}
    for code, j in r.mapping(r.get(data, "jurisdictions", "", dict) or {}, "jurisdictions").items():
        key = f"jurisdictions.{code}"
        j = r.mapping(j, key)
        periods = []
        for i, p in enumerate(r.get(j, "periods", key, list) or []):
            pkey = f"{key}.periods[{i}]"
            p = r.mapping(p, pkey)
            kind = p.get("kind")
            if kind not in CLAIM_PERIOD_KINDS:
                r.fail(f"{pkey}.kind", f"{kind!r} is not one of {', '.join(CLAIM_PERIOD_KINDS)}")
            period = r.period(p.get("period"), f"{pkey}.period")
            wd = r.period(p["wrongful_death_period"], f"{pkey}.wrongful_death_period") if "wrongful_death_period" in p else None
            since = p.get("applies_on_or_after")
            if since is not None and not isinstance(since, date):
                r.fail(f"{pkey}.applies_on_or_after", f"{since!r} is not a date (write 2021-07-01)")
                since = None
            under, until = p.get("minor_under_age"), p.get("minor_until_birthday")
            if (under is None) != (until is None):
                r.fail(pkey, "minor_under_age and minor_until_birthday go together")
            if not p.get("code") or not p.get("citation"):
                r.fail(pkey, "needs a code and a citation")
            if period and kind in CLAIM_PERIOD_KINDS and p.get("code") and p.get("citation"):
                periods.append(ClaimPeriod(
                    code=str(p["code"]), label=str(p.get("label", p["code"])), kind=kind, period=period,
                    citation=str(p["citation"]), applies_on_or_after=since, wrongful_death_period=wd,
                    minor_under_age=under, minor_until_birthday=until,
                ))
        out[str(code).upper()] = Jurisdiction(str(code).upper(), str(j.get("name", code)), tuple(periods))
    return out


def parse_rules(text: str, source: str = "rules") -> CaseRules:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise RulesInvalid(source, [f"{where}not valid YAML ({getattr(exc, 'problem', exc)})"]) from None
    r = _Reader()
    data = r.mapping(data, "(top level)")
    investigation, command_review, reminders = _timeline(r, data)
    findings = _findings(r, data)
    discipline = _discipline(r, data)
    board = _board(r, data)
    jurisdictions = _jurisdictions(r, data)
    if r.errors:
        raise RulesInvalid(source, r.errors)
    return CaseRules(
        version=str(data.get("version", "unversioned")), digest=hashlib.sha256(text.encode()).hexdigest(),
        source=source, investigation=investigation, command_review=command_review, reminders=reminders,
        findings=findings, discipline=discipline, board=board, jurisdictions=jurisdictions,
    )


def load_rules(path: str | Path | None = None) -> CaseRules:
    path = Path(path) if path else DEFAULT_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesInvalid(str(path), [f"cannot be read ({exc.strerror or exc})"]) from None
    return parse_rules(text, str(path))
