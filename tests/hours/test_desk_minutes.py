"""Open-desk minutes between two moments, and when a target of N desk minutes falls due."""

from __future__ import annotations

import time as wall
from datetime import datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk.clock import IST
from helpdesk.hours.holiday_import import parse_holidays
from helpdesk.hours.holidays import HolidayCalendar, YearInfo
from helpdesk.hours.status import DeskHours
from helpers.holiday_files import csv_text, year_rows


@pytest.fixture
def hours(store) -> DeskHours:
    return DeskHours.from_store(store)


def ist(*parts) -> datetime:
    return datetime(*parts, tzinfo=IST)


@pytest.mark.parametrize(
    "start, end, minutes",
    [
        (ist(2026, 11, 23, 10, 0), ist(2026, 11, 23, 12, 30), 150),
        (ist(2026, 11, 23, 7, 0), ist(2026, 11, 23, 20, 0), 480),  # a whole day, nights cut
        (ist(2026, 11, 27, 16, 0), ist(2026, 11, 30, 10, 0), 120),  # across a weekend
        (ist(2026, 11, 23, 16, 0), ist(2026, 11, 25, 10, 0), 120),  # across Guru Nanak's Birthday
        (ist(2026, 4, 2, 16, 0), ist(2026, 4, 6, 10, 0), 120),  # Good Friday and a weekend
        (ist(2026, 11, 28, 10, 0), ist(2026, 11, 29, 16, 0), 0),  # all weekend
        (ist(2026, 11, 23, 12, 0), ist(2026, 11, 23, 11, 0), 0),  # end before start
        (ist(2026, 11, 23, 10, 0), ist(2026, 11, 23, 10, 0, 59), 0),  # under a minute
        # November 2026: 21 weekdays, one of them Guru Nanak's Birthday.
        (ist(2026, 11, 1, 0, 0), ist(2026, 12, 1, 0, 0), 20 * 480),
    ],
)
def test_desk_minutes(hours, start, end, minutes):
    assert hours.desk_minutes(start, end) == minutes


def test_desk_minutes_over_a_year_counts_every_open_day(hours):
    # 2026: 261 weekdays, 14 of the 17 gazetted holidays fall on one.
    assert hours.desk_minutes(ist(2026, 1, 1, 0, 0), ist(2027, 1, 1, 0, 0)) == (261 - 14) * 480


def test_desk_minutes_take_any_zone(hours):
    start = datetime(2026, 11, 23, 4, 30, tzinfo=timezone.utc)  # 10:00 IST
    assert hours.desk_minutes(start, ist(2026, 11, 23, 11, 0)) == 60


def test_an_unloaded_year_counts_as_without_holidays_and_says_so(hours):
    start, end = ist(2028, 1, 3, 9, 0), ist(2028, 1, 31, 17, 0)
    # 21 weekdays, Republic Day (Wed 26 Jan) among them: not known, so counted as open.
    assert hours.desk_minutes(start, end) == 21 * 480
    assert hours.unknown_years(start, end) == [2028]
    loaded = parse_holidays(csv_text(year_rows(2028)).encode(), "2028.csv")
    calendar = HolidayCalendar(loaded.holidays, [YearInfo(2028, "test")])
    assert DeskHours(calendar).desk_minutes(start, end) == 20 * 480
    assert DeskHours(calendar).unknown_years(start, end) == []


@pytest.mark.parametrize(
    "start, minutes, due",
    [
        (ist(2026, 11, 23, 10, 0), 0, ist(2026, 11, 23, 10, 0)),
        (ist(2026, 11, 23, 10, 0), 90, ist(2026, 11, 23, 11, 30)),
        (ist(2026, 11, 23, 9, 0), 480, ist(2026, 11, 23, 17, 0)),  # due at closing, not next day
        (ist(2026, 11, 23, 16, 0), 120, ist(2026, 11, 25, 10, 0)),  # skips Guru Nanak's Birthday
        (ist(2026, 11, 27, 16, 30), 60, ist(2026, 11, 30, 9, 30)),  # across a weekend
        (ist(2026, 11, 28, 10, 0), 1, ist(2026, 11, 30, 9, 1)),  # from a closed Saturday
        (ist(2026, 11, 23, 18, 0), 30, ist(2026, 11, 25, 9, 30)),  # from after closing
        (ist(2026, 12, 24, 16, 0), 120, ist(2026, 12, 28, 10, 0)),  # Christmas and a weekend
        (ist(2027, 12, 31, 16, 0), 120, ist(2028, 1, 3, 10, 0)),  # into an unloaded year
    ],
)
def test_add_desk_minutes(hours, start, minutes, due):
    assert hours.add_desk_minutes(start, minutes) == due


def test_negative_targets_are_refused(hours):
    with pytest.raises(ValueError, match="negative"):
        hours.add_desk_minutes(ist(2026, 11, 23, 10, 0), -1)


def test_months_of_desk_minutes_are_computed_a_day_at_a_time(hours):
    start = ist(2026, 1, 1, 0, 0)
    began = wall.perf_counter()
    due = hours.add_desk_minutes(start, 200 * 480)
    counted = hours.desk_minutes(start, due)
    elapsed = wall.perf_counter() - began
    assert counted == 200 * 480
    assert due.date().year == 2026 and due.time() == time(17, 0)
    assert elapsed < 0.5  # minute-by-minute stepping would need ~500,000 steps


def brute_force_minutes(hours: DeskHours, start: datetime, end: datetime) -> int:
    """The slow oracle: look at every minute."""
    count, moment = 0, start
    while moment < end:
        day = moment.date()
        if hours.is_open_day(day) and time(9, 0) <= moment.time() < time(17, 0):
            count += 1
        moment += timedelta(minutes=1)
    return count


@pytest.fixture(scope="module")
def shipped_hours() -> DeskHours:
    """The shipped lists without a database: hypothesis re-runs a test body many times."""
    from importlib.resources import files

    lists = [parse_holidays(files("helpdesk.data").joinpath(f"holidays-{year}.csv").read_bytes(),
                            f"holidays-{year}.csv") for year in (2026, 2027)]
    return DeskHours(HolidayCalendar([h for hl in lists for h in hl.holidays],
                                     [YearInfo(2026, "shipped"), YearInfo(2027, "shipped")]))


BASE = ist(2026, 11, 20, 0, 0)  # a Friday; the next days hold a weekend and a holiday


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 7 * 1440), st.integers(0, 7 * 1440))
def test_desk_minutes_agree_with_counting_every_minute(shipped_hours, first, length):
    hours = shipped_hours
    start = BASE + timedelta(minutes=first)
    end = start + timedelta(minutes=length)
    assert hours.desk_minutes(start, end) == brute_force_minutes(hours, start, end)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 60 * 1440), st.integers(0, 5000))
def test_add_desk_minutes_is_the_inverse_of_desk_minutes(shipped_hours, first, minutes):
    hours = shipped_hours
    start = ist(2026, 10, 1, 0, 0) + timedelta(minutes=first)
    due = hours.add_desk_minutes(start, minutes)
    assert hours.desk_minutes(start, due) == minutes
    if minutes:
        assert hours.status(due - timedelta(seconds=1)).open  # the last minute was an open one
        assert hours.desk_minutes(start, due - timedelta(minutes=1)) == minutes - 1
