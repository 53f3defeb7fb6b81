"""The next opening across weekends and runs of holidays, and the caveats behind an answer."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from helpdesk.clock import IST
from helpdesk.errors import HelpdeskError
from helpdesk.hours.holidays import Holiday, HolidayCalendar, YearInfo
from helpdesk.hours.status import DeskHours


@pytest.fixture
def hours(store) -> DeskHours:
    return DeskHours.from_store(store)


def ist(*parts) -> datetime:
    return datetime(*parts, tzinfo=IST)


@pytest.mark.parametrize(
    "moment, expected",
    [
        (ist(2026, 4, 3, 10, 0), ist(2026, 4, 6, 9, 0)),  # Good Friday -> Monday
        (ist(2026, 4, 2, 17, 0), ist(2026, 4, 6, 9, 0)),  # Thursday evening before Good Friday
        (ist(2026, 11, 24, 12, 0), ist(2026, 11, 25, 9, 0)),  # Guru Nanak's Birthday (Tue)
        (ist(2026, 12, 25, 9, 0), ist(2026, 12, 28, 9, 0)),  # Christmas (Fri) -> Monday
        (ist(2026, 11, 27, 17, 0), ist(2026, 11, 30, 9, 0)),  # Friday at closing
        (ist(2026, 11, 27, 23, 59), ist(2026, 11, 30, 9, 0)),  # Friday night
        (ist(2027, 4, 17, 10, 0), ist(2027, 4, 20, 9, 0)),  # Sat; Mon 19 Apr Mahavir Jayanti
        (ist(2027, 3, 26, 8, 0), ist(2027, 3, 29, 9, 0)),  # Good Friday 2027, before hours
        (ist(2026, 3, 21, 10, 0), ist(2026, 3, 23, 9, 0)),  # Id-ul-Fitr on a Saturday
        (ist(2026, 10, 2, 10, 0), ist(2026, 10, 5, 9, 0)),  # Gandhi Jayanti (Fri)
        (ist(2026, 11, 23, 6, 0), ist(2026, 11, 23, 9, 0)),  # early Monday: the same day
    ],
)
def test_next_opening(hours, moment, expected):
    assert hours.next_open(moment) == expected
    status = hours.status(moment)
    assert status.next_open == expected and not status.open


def test_next_open_while_open_is_the_opening_after_this_one(hours):
    # Monday before Guru Nanak's Birthday: after today's opening comes Wednesday's.
    assert hours.next_open(ist(2026, 11, 23, 9, 0)) == ist(2026, 11, 25, 9, 0)
    assert hours.next_open(ist(2026, 11, 25, 16, 59)) == ist(2026, 11, 26, 9, 0)


def test_into_an_unloaded_year_with_a_visible_warning(hours):
    status = hours.status(ist(2027, 12, 31, 17, 0))
    assert status.next_open == ist(2028, 1, 3, 9, 0)
    assert status.unknown_years == (2028,)
    assert any("No holiday list is loaded for 2028" in w and "assumes no holidays" in w
               for w in status.warnings)


def test_an_open_answer_in_an_unloaded_year_warns_too(hours):
    status = hours.status(ist(2028, 1, 26, 10, 0))  # Republic Day, but 2028 is not loaded
    assert status.open
    assert status.unknown_years == (2028,)
    assert status.warnings[0].startswith("No holiday list is loaded for 2028")


def test_an_answer_within_loaded_years_has_no_unknown_year(hours):
    status = hours.status(ist(2027, 12, 31, 10, 0))
    assert status.open and status.unknown_years == ()
    assert not any("No holiday list" in w for w in status.warnings)


def test_the_2027_caveat_travels_with_answers_that_rely_on_2027(hours):
    status = hours.status(ist(2027, 4, 17, 10, 0))
    assert any(w.startswith("The 2027 holiday list:") and "unverified" in w for w in status.warnings)
    assert not any("2027" in w for w in hours.status(ist(2026, 6, 1, 10, 0)).warnings)


def test_a_moon_dependent_holiday_warns_on_its_day(hours):
    status = hours.status(ist(2026, 6, 26, 10, 0))  # Muharram
    assert status.warnings == [
        "Muharram (Fri 26 Jun 2026) depends on the moon: DoPT may move it by a day at short notice."
    ]


def test_the_day_after_bakrid_2026_warns_of_the_reported_move(hours):
    status = hours.status(ist(2026, 5, 28, 10, 0))
    assert status.open  # the OM date stands until a verified change is imported
    (warning,) = status.warnings
    assert warning.startswith("Id-ul-Zuha (Bakrid) (Wed 27 May 2026) depends on the moon")
    assert "2026-05-28 (unverified)" in warning


def test_an_ordinary_day_has_no_warnings(hours):
    assert hours.status(ist(2026, 11, 23, 10, 0)).warnings == []


def calendar_closed_in(*years: int) -> HolidayCalendar:
    first = date(years[0], 1, 1)
    days = [date.fromordinal(first.toordinal() + n) for n in range(366 * len(years))]
    return HolidayCalendar([Holiday(d, f"Closed {d}", "gazetted") for d in days if d.year in years],
                           [YearInfo(year, "broken") for year in years])


def test_a_whole_closed_year_is_skipped():
    assert DeskHours(calendar_closed_in(2030)).next_open(ist(2029, 12, 31, 18, 0)) == ist(2031, 1, 1, 9, 0)


def test_broken_data_cannot_loop_forever():
    hours = DeskHours(calendar_closed_in(2030, 2031))
    with pytest.raises(HelpdeskError, match="closed .* for over 400 days: check the holiday data"):
        hours.next_open(ist(2029, 12, 31, 18, 0))
    with pytest.raises(HelpdeskError, match="over 400 days"):
        hours.add_desk_minutes(ist(2029, 12, 31, 16, 0), 120)


def test_warnings_come_in_a_fixed_order(hours):
    # Unloaded years, then year caveats, then the holidays behind the answer: the same
    # order in every process, so answers from different machines compare equal.
    status = hours.status(ist(2027, 6, 16, 10, 0))
    assert status.warnings == [
        "The 2027 holiday list: read only from secondary sources, never from the DoPT "
        "memorandum itself: unverified.",
        "Muharram (Wed 16 Jun 2027) depends on the moon: DoPT may move it by a day at short notice.",
    ]
