from datetime import date, datetime, timedelta, timezone

import pytest

from helpdesk.clock import IST, DateParseError, iso, parse_date, parse_datetime, to_ist


def test_naive_times_are_ist_and_aware_ones_are_converted():
    assert to_ist(datetime(2026, 11, 23, 9, 0)).utcoffset() == timedelta(hours=5, minutes=30)
    utc = datetime(2026, 11, 23, 3, 30, tzinfo=timezone.utc)
    assert to_ist(utc).hour == 9
    assert iso(utc) == "2026-11-23T09:00:00+05:30"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-11-30", date(2026, 11, 30)),
        ("30/11/2026", date(2026, 11, 30)),
        ("03/04/2026", date(2026, 4, 3)),  # day first, as written in India
        ("3-4-2026", date(2026, 4, 3)),
        ("30.11.2026", date(2026, 11, 30)),
    ],
)
def test_dates_as_agents_type_them(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "31/02/2026", "tomorrow", "2026-13-01", "11/30/2026"])
def test_bad_dates_are_refused(text):
    with pytest.raises(DateParseError):
        parse_date(text)


def test_datetimes():
    assert parse_datetime("2026-11-24T10:30") == datetime(2026, 11, 24, 10, 30, tzinfo=IST)
    assert parse_datetime("2026-11-24 10:30").hour == 10
    assert parse_datetime("2026-11-24T05:00Z").hour == 10
    assert parse_datetime("2026-11-24T10:30+05:30").tzinfo is not None
    with pytest.raises(DateParseError, match="no time of day"):
        parse_datetime("2026-11-24")
    with pytest.raises(DateParseError):
        parse_datetime("soon")
