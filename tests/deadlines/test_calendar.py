"""Due-date arithmetic across month ends, leap years, time zones and clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forcereview.deadlines.calendar import (
    CalendarError,
    Period,
    add_business_days,
    add_months,
    add_years,
    age_on,
    birthday,
    end_of_local_day,
    local_date,
    parse_period,
    start_of_local_day,
)

DENVER = ZoneInfo("America/Denver")
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@pytest.mark.parametrize("start,months,expected", [
    (date(2019, 1, 31), 1, date(2019, 2, 28)),
    (date(2020, 1, 31), 1, date(2020, 2, 29)),  # leap year
    (date(2019, 3, 31), 1, date(2019, 4, 30)),
    (date(2019, 8, 31), 6, date(2020, 2, 29)),
    (date(2019, 12, 15), 1, date(2020, 1, 15)),  # across the year end
    (date(2019, 11, 30), 3, date(2020, 2, 29)),
    (date(2020, 3, 31), -1, date(2020, 2, 29)),
    (date(2019, 5, 31), 0, date(2019, 5, 31)),
])
def test_months_clamp_to_the_end_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize("start,years,expected", [
    (date(2020, 2, 29), 1, date(2021, 2, 28)),
    (date(2020, 2, 29), 4, date(2024, 2, 29)),
    (date(2019, 8, 27), 2, date(2021, 8, 27)),
    (date(2021, 7, 1), 3, date(2024, 7, 1)),
    (date(2000, 2, 29), 100, date(2100, 2, 28)),  # 2100 is not a leap year
])
def test_years_keep_the_day_and_clamp_29_february(start, years, expected):
    assert add_years(start, years) == expected


def test_ninth_birthday_of_a_leap_day_child_is_28_february():
    assert birthday(date(2016, 2, 29), 9) == date(2025, 2, 28)
    assert birthday(date(2016, 2, 29), 8) == date(2024, 2, 29)


@pytest.mark.parametrize("born,on,age", [
    (date(2012, 9, 1), date(2019, 8, 27), 6),
    (date(2012, 8, 27), date(2019, 8, 27), 7),
    (date(2012, 8, 28), date(2019, 8, 27), 6),
    (date(2016, 2, 29), date(2017, 2, 28), 1),
    (date(2016, 2, 29), date(2017, 2, 27), 0),
])
def test_age_on_a_day(born, on, age):
    assert age_on(born, on) == age


@pytest.mark.parametrize("start,days,expected", [
    (date(2026, 3, 6), 3, date(2026, 3, 11)),  # Friday + 3 business days = Wednesday
    (date(2026, 3, 7), 1, date(2026, 3, 9)),  # Saturday + 1 = Monday
    (date(2026, 3, 9), 5, date(2026, 3, 16)),
    (date(2026, 3, 9), 0, date(2026, 3, 9)),
    (date(2026, 3, 11), -3, date(2026, 3, 6)),
])
def test_business_days_skip_weekends(start, days, expected):
    assert add_business_days(start, days) == expected


def test_business_days_skip_holidays():
    # 2026-07-03 is the observed Independence Day holiday (Friday).
    assert add_business_days(date(2026, 7, 2), 1, holidays={date(2026, 7, 3)}) == date(2026, 7, 6)


@pytest.mark.parametrize("text,period", [
    ("90 days", Period(90, "days")),
    ("1 year", Period(1, "years")),
    ("6 Months", Period(6, "months")),
    ("3 business days", Period(3, "business_days")),
    ("2 weeks", Period(14, "days")),
])
def test_periods_are_read_from_plain_words(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["ninety days", "90", "90 fortnights", "-3 days", ""])
def test_a_malformed_period_names_the_problem(text):
    with pytest.raises(CalendarError, match="is not a period"):
        parse_period(text)


def test_period_reads_back_in_plain_words():
    assert str(Period(90, "days")) == "90 days"
    assert str(Period(1, "years")) == "1 year"
    assert str(Period(3, "business_days")) == "3 business days"


def test_occurrence_date_is_the_local_date_not_the_utc_date():
    late_evening = datetime(2019, 8, 27, 23, 30, tzinfo=DENVER)  # 05:30 on 28 August in UTC
    assert late_evening.astimezone(UTC).date() == date(2019, 8, 28)
    assert local_date(late_evening, "America/Denver") == date(2019, 8, 27)
    assert local_date(late_evening, "Asia/Tokyo") == date(2019, 8, 28)


def test_naive_moment_is_refused():
    with pytest.raises(CalendarError, match="time zone"):
        local_date(datetime(2019, 8, 27, 12, 0), DENVER)


def test_unknown_time_zone_is_refused():
    with pytest.raises(CalendarError, match="not a known time zone"):
        end_of_local_day(date(2019, 8, 27), "Mars/Olympus_Mons")


def test_due_at_end_of_local_day_in_summer_and_winter():
    summer = end_of_local_day(date(2019, 11, 25), DENVER)  # MST, UTC-7
    assert summer == datetime(2019, 11, 26, 6, 59, 59, 999999, tzinfo=UTC)
    daylight = end_of_local_day(date(2019, 8, 27), DENVER)  # MDT, UTC-6
    assert daylight == datetime(2019, 8, 28, 5, 59, 59, 999999, tzinfo=UTC)


@pytest.mark.parametrize("day,hours", [
    (date(2026, 3, 8), 23),  # spring forward in Denver: a 23-hour day
    (date(2026, 11, 1), 25),  # fall back: a 25-hour day
    (date(2026, 6, 1), 24),
])
def test_local_days_have_their_real_length_on_clock_changes(day, hours):
    start = start_of_local_day(day, DENVER)
    end = end_of_local_day(day, DENVER)
    assert end - start == timedelta(hours=hours) - timedelta(microseconds=1)
    assert end.astimezone(DENVER).date() == day
    assert (end + timedelta(microseconds=1)).astimezone(DENVER).date() == day + timedelta(days=1)


def test_a_day_whose_midnight_is_skipped_starts_when_the_clocks_jump():
    # Chile sprang forward at 00:00 on 2022-09-11: local clocks went from 23:59:59 to 01:00.
    santiago = ZoneInfo("America/Santiago")
    start = start_of_local_day(date(2022, 9, 11), santiago)
    assert start.astimezone(santiago).date() == date(2022, 9, 11)
    assert start.astimezone(santiago).hour == 1
    end_before = end_of_local_day(date(2022, 9, 10), santiago)
    assert end_before + timedelta(microseconds=1) == start


@given(dates, st.integers(min_value=-1200, max_value=1200))
def test_adding_months_lands_in_the_right_month_and_never_past_its_end(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or (result.day < start.day and (result + timedelta(days=1)).day == 1)


@given(dates, st.integers(min_value=0, max_value=100))
def test_adding_years_keeps_the_date_except_29_february(start, years):
    result = add_years(start, years)
    assert result.year == start.year + years and result.month == start.month
    if (start.month, start.day) != (2, 29):
        assert result.day == start.day
    else:
        assert result.day in (28, 29)


@given(dates, st.integers(min_value=0, max_value=400))
def test_business_days_land_on_a_weekday_and_count_exactly(start, n):
    result = add_business_days(start, n)
    assert result >= start
    if n:
        assert result.weekday() < 5
    counted = sum(1 for i in range(1, (result - start).days + 1) if (start + timedelta(days=i)).weekday() < 5)
    assert counted == n


@given(dates.filter(lambda d: d.year < 2200),
       st.sampled_from(["America/Denver", "America/New_York", "Pacific/Honolulu", "Europe/London",
                        "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago", "UTC"]))
def test_end_of_local_day_is_on_that_local_day_and_just_before_the_next(day, tz_name):
    tz = ZoneInfo(tz_name)
    end = end_of_local_day(day, tz)
    assert end.tzinfo is UTC
    assert end.astimezone(tz).date() == day
    assert (end + timedelta(microseconds=1)).astimezone(tz).date() == day + timedelta(days=1)
    assert local_date(end, tz) == day


@given(dates.filter(lambda d: d.year < 2190), st.integers(min_value=0, max_value=18))
def test_a_person_is_exactly_that_age_on_that_birthday(born, age):
    assert age_on(born, birthday(born, age)) == age
    assert age_on(born, birthday(born, age) - timedelta(days=1)) == age - 1
