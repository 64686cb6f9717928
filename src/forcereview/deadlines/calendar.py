"""Due-date arithmetic. Pure Python, no Django: every legal and policy deadline is computed here.

Conventions, chosen so that a person counting on a paper calendar gets the same answer:

- A period runs from the *local date* of its anchor (the occurrence, the filing), in the
  agency's time zone. An incident at 23:30 on 27 August in New Mexico happened on 27 August,
  although it was already 28 August in UTC.
- Months and years keep the day of the month, clamped to the last day of a shorter month:
  31 January + 1 month is 28 (or 29) February; 29 February + 1 year is 28 February.
- A deadline is due at the end of its last local day: the instant just before the next
  local midnight, stored in UTC. Computing it from the next midnight (not from 23:59:59)
  keeps it right on the days clocks change, and in zones where midnight itself is skipped.
"""

from __future__ import annotations

import calendar as _cal
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ONE_MICROSECOND = timedelta(microseconds=1)
UNITS = ("days", "business_days", "months", "years")
_UNIT_WORDS = {
    "day": "days", "days": "days",
    "business day": "business_days", "business days": "business_days",
    "working day": "business_days", "working days": "business_days",
    "month": "months", "months": "months",
    "year": "years", "years": "years",
    "week": "weeks", "weeks": "weeks",
}


class CalendarError(ValueError):
    pass


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarError(f"{name!r} is not a known time zone") from None


# -- calendar arithmetic on dates --------------------------------------------------------------


def add_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


def add_months(start: date, months: int) -> date:
    """``start`` moved by whole months, clamped to the end of a shorter month."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise CalendarError(f"{start.isoformat()} + {months} months is outside the calendar")
    last = _cal.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def add_years(start: date, years: int) -> date:
    """``start`` moved by whole years; 29 February becomes 28 February in a common year."""
    return add_months(start, 12 * years)


def is_business_day(day: date, holidays: Collection[date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_business_days(start: date, days: int, holidays: Collection[date] = ()) -> date:
    """The date ``days`` business days after ``start`` (before it when negative).

    ``start`` itself does not count, as when a statute says "within three business days of
    receipt": a request received on Friday is answered by Wednesday.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_business_day(day, holidays):
            remaining -= 1
    return day


def birthday(born: date, age: int) -> date:
    """The date a person born on ``born`` reaches ``age`` (29 February -> 28 February)."""
    return add_years(born, age)


def age_on(born: date, day: date) -> int:
    """Whole years of age on ``day``."""
    years = day.year - born.year
    if birthday(born, years) > day:
        years -= 1
    return years


# -- periods ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A span such as "90 days", "3 business days", "6 months" or "2 years"."""

    amount: int
    unit: str

    def __post_init__(self):
        if self.unit not in UNITS:
            raise CalendarError(f"unknown period unit {self.unit!r} (use one of {', '.join(UNITS)})")
        if self.amount < 0:
            raise CalendarError(f"a period cannot be negative ({self.amount} {self.unit})")

    def after(self, start: date, holidays: Collection[date] = ()) -> date:
        if self.unit == "days":
            return add_days(start, self.amount)
        if self.unit == "business_days":
            return add_business_days(start, self.amount, holidays)
        if self.unit == "months":
            return add_months(start, self.amount)
        return add_years(start, self.amount)

    def before(self, end: date, holidays: Collection[date] = ()) -> date:
        """The date this period before ``end`` (a look-back)."""
        if self.unit == "days":
            return add_days(end, -self.amount)
        if self.unit == "business_days":
            return add_business_days(end, -self.amount, holidays)
        if self.unit == "months":
            return add_months(end, -self.amount)
        return add_years(end, -self.amount)

    def __str__(self) -> str:
        word = self.unit.replace("_", " ")
        if self.amount == 1:
            word = word[:-1]
        return f"{self.amount} {word}"


_PERIOD_RE = re.compile(r"^\s*(\d+)\s+([a-z ]+?)\s*$")


def parse_period(text: str) -> Period:
    """``"90 days"``, ``"1 year"``, ``"3 business days"``, ``"2 weeks"`` (= 14 days)."""
    match = _PERIOD_RE.match(str(text).lower())
    if not match or match.group(2) not in _UNIT_WORDS:
        raise CalendarError(
            f"{text!r} is not a period; write a number and a unit, e.g. '90 days', "
            "'3 business days', '6 months' or '2 years'"
        )
    amount, unit = int(match.group(1)), _UNIT_WORDS[match.group(2)]
    if unit == "weeks":
        return Period(amount * 7, "days")
    return Period(amount, unit)


# -- local days and instants -----------------------------------------------------------------------


def local_date(instant: datetime, tz: ZoneInfo | str) -> date:
    """The calendar date of ``instant`` where the agency is."""
    if instant.tzinfo is None:
        raise CalendarError("a moment in time needs its time zone (got a naive datetime)")
    tz = zone(tz) if isinstance(tz, str) else tz
    return instant.astimezone(tz).date()


def start_of_local_day(day: date, tz: ZoneInfo | str) -> datetime:
    """The first instant of ``day`` in ``tz``, in UTC."""
    tz = zone(tz) if isinstance(tz, str) else tz
    # A skipped midnight (fold=0 takes the offset in force before the change) lands on
    # the instant the clocks jumped, which is when that day really began.
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def end_of_local_day(day: date, tz: ZoneInfo | str) -> datetime:
    """The last instant of ``day`` in ``tz`` (just before the next local midnight), in UTC."""
    return start_of_local_day(day + timedelta(days=1), tz) - ONE_MICROSECOND


def due_at_end_of(day: date, tz: ZoneInfo | str) -> datetime:
    """Alias that reads well at call sites: ``due_at_end_of(period.after(start), tz)``."""
    return end_of_local_day(day, tz)


def is_past_due(due_at: datetime, now: datetime) -> bool:
    return now > due_at
