"""Open or closed, and why: holidays, weekends and the 09:00 / 17:00 boundaries, in IST."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from helpdesk.clock import IST
from helpdesk.hours.holidays import Holiday
from helpdesk.hours.status import DeskHours
from helpers.reference import reference_holidays


@pytest.fixture
def hours(store) -> DeskHours:
    return DeskHours.from_store(store)


def ist(*parts) -> datetime:
    return datetime(*parts, tzinfo=IST)


def title(reference_name: str) -> str:
    return Holiday(date(2026, 1, 1), reference_name, "gazetted").title


@pytest.mark.parametrize("day, name", reference_holidays("gazetted"), ids=str)
def test_every_gazetted_holiday_closes_the_desk_all_day_with_its_name(hours, day, name):
    for moment in (time(8, 0), time(9, 0), time(12, 30), time(16, 59, 59), time(17, 0)):
        status = hours.status(datetime.combine(day, moment, IST))
        assert not status.open
        assert status.reason_code == "holiday"
        assert title(name) in status.reason and "gazetted holiday" in status.reason
        assert title(name) in status.holiday
        assert status.closes_at is None
        assert status.next_open.date() > day and status.next_open.time() == time(9, 0)
        assert hours.is_open_day(status.next_open.date())


def test_the_reason_never_shows_the_bracketed_caveat(hours):
    status = hours.status(ist(2026, 5, 27, 11, 0))
    assert status.reason == "Id-ul-Zuha (Bakrid) (gazetted holiday)"
    assert "[" not in status.reason


def test_two_gazetted_holidays_on_one_day_are_both_named(hours):
    status = hours.status(ist(2027, 8, 15, 11, 0))
    assert status.reason == "Independence Day and Milad-un-Nabi or Id-e-Milad (gazetted holidays)"
    assert status.holiday == "Independence Day / Milad-un-Nabi or Id-e-Milad"


RESTRICTED_WEEKDAYS = sorted(
    {day for day, _ in reference_holidays("restricted") if day.weekday() < 5}
    - {day for day, _ in reference_holidays("gazetted")}
)


@pytest.mark.parametrize("day", RESTRICTED_WEEKDAYS, ids=str)
def test_restricted_holidays_do_not_close_the_desk(hours, day):
    assert hours.status(datetime.combine(day, time(11, 0), IST)).open


def test_govardhan_puja_2026_is_an_open_monday(hours):
    status = hours.status(ist(2026, 11, 9, 10, 0))
    assert (status.open, status.reason, status.reason_code) == (True, "open", "open")
    assert status.closes_at == ist(2026, 11, 9, 17, 0)
    assert status.next_open is None


@pytest.mark.parametrize(
    "moment, is_open, code, reason",
    [
        (ist(2026, 11, 23, 8, 59, 59), False, "before-hours", "before opening (opens 09:00 IST)"),
        (ist(2026, 11, 23, 8, 59, 59, 999999), False, "before-hours", "before opening (opens 09:00 IST)"),
        (ist(2026, 11, 23, 9, 0), True, "open", "open"),
        (ist(2026, 11, 23, 16, 59, 59), True, "open", "open"),
        (ist(2026, 11, 23, 16, 59, 59, 999999), True, "open", "open"),
        (ist(2026, 11, 23, 17, 0), False, "after-hours", "after closing (closed at 17:00 IST)"),
        (ist(2026, 11, 23, 0, 0), False, "before-hours", "before opening (opens 09:00 IST)"),
        (ist(2026, 11, 23, 23, 59, 59), False, "after-hours", "after closing (closed at 17:00 IST)"),
        (ist(2026, 11, 28, 12, 0), False, "weekend", "weekend (Saturday)"),
        (ist(2026, 11, 29, 9, 30), False, "weekend", "weekend (Sunday)"),
    ],
)
def test_boundaries_and_reasons(hours, moment, is_open, code, reason):
    status = hours.status(moment)
    assert (status.open, status.reason_code, status.reason) == (is_open, code, reason)
    assert status.holiday is None


def test_before_opening_opens_the_same_day_and_after_closing_the_next_open_day(hours):
    assert hours.status(ist(2026, 11, 23, 8, 59, 59)).next_open == ist(2026, 11, 23, 9, 0)
    # Tuesday 24 Nov is Guru Nanak's Birthday: Monday evening's next opening is Wednesday.
    assert hours.status(ist(2026, 11, 23, 17, 0)).next_open == ist(2026, 11, 25, 9, 0)


def test_a_holiday_on_a_weekend_is_named_rather_than_the_weekend(hours):
    status = hours.status(ist(2026, 3, 21, 10, 0))  # Saturday, Id-ul-Fitr
    assert status.reason_code == "holiday" and "Id-ul-Fitr" in status.reason
    assert status.next_open == ist(2026, 3, 23, 9, 0)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 23, 3, 30, tzinfo=timezone.utc),
        datetime(2026, 11, 22, 22, 30, tzinfo=ZoneInfo("America/New_York")),  # Sunday there
        datetime(2026, 11, 23, 17, 30, tzinfo=ZoneInfo("Pacific/Kiritimati")),  # UTC+14
        datetime(2026, 11, 23, 9, 0),  # naive: IST
    ],
    ids=["utc", "new-york", "kiritimati", "naive"],
)
def test_moments_in_any_zone_are_judged_in_ist(hours, moment):
    status = hours.status(moment)
    assert status.open
    assert status.at == ist(2026, 11, 23, 9, 0)
    assert status.to_dict()["at"] == "2026-11-23T09:00:00+05:30"


def test_one_second_earlier_in_utc_is_before_opening(hours):
    assert not hours.status(datetime(2026, 11, 23, 3, 29, 59, tzinfo=timezone.utc)).open


def test_to_dict_has_the_contract_keys_first_in_iso_8601_with_offset(hours):
    closed = hours.status(datetime(2026, 11, 24, 5, 0, 0, 123456, tzinfo=timezone.utc)).to_dict()
    assert list(closed)[:5] == ["at", "open", "reason", "closes_at", "next_open"]
    assert closed["at"] == "2026-11-24T10:30:00+05:30"
    assert closed["open"] is False and closed["closes_at"] is None
    assert closed["next_open"] == "2026-11-25T09:00:00+05:30"
    assert closed["reason_code"] == "holiday" and closed["warnings"] == []
    opened = hours.status(ist(2026, 11, 25, 9, 0)).to_dict()
    assert opened["closes_at"] == "2026-11-25T17:00:00+05:30" and opened["next_open"] is None


def test_summary_lines_for_the_console_header(hours):
    now = ist(2026, 11, 23, 14, 47)
    assert hours.status(now).summary(now) == "OPEN · closes 17:00 IST (2h 13m)"
    # The countdown follows "now", not the moment the status was taken.
    assert hours.status(now).summary(now + timedelta(minutes=60)) == "OPEN · closes 17:00 IST (1h 13m)"
    holiday = ist(2026, 11, 24, 10, 0)
    assert hours.status(holiday).summary(holiday) == (
        "CLOSED · Guru Nanak's Birthday · opens Wed 25 Nov 09:00 IST")
    early = ist(2026, 11, 25, 8, 35)
    assert hours.status(early).summary(early) == "CLOSED · before opening · opens 09:00 IST (in 25m)"
    saturday = ist(2026, 12, 26, 10, 0)
    assert hours.status(saturday).summary(saturday) == "CLOSED · weekend · opens Mon 28 Dec 09:00 IST"


def test_summary_flags_an_unknown_year(hours):
    friday_evening = ist(2027, 12, 31, 18, 0)
    assert hours.status(friday_evening).summary(friday_evening) == (
        "CLOSED · after closing · opens Mon 3 Jan 09:00 IST · ⚠ 2028 holidays not loaded")


def test_years_the_desk_cannot_compute_are_refused(hours):
    with pytest.raises(ValueError, match="outside the years"):
        hours.status(datetime(9999, 12, 31, 12, 0))
    with pytest.raises(ValueError, match="outside the years"):
        hours.status(datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=-5))))
