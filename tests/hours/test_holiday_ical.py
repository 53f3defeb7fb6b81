"""Holiday lists as iCalendar: all-day events whose CATEGORIES say gazetted or restricted."""

from __future__ import annotations

from datetime import date

import pytest

from helpdesk.hours import ical
from helpdesk.hours.holiday_import import HolidayFileError, parse_holidays
from helpers.holiday_files import ical_event, ical_text, year_rows


def parse(text: str):
    return parse_holidays(text.encode("utf-8"), "test.ics")


def refusal(text: str) -> str:
    with pytest.raises(HolidayFileError) as caught:
        parse(text)
    return str(caught.value)


def test_a_complete_year_with_kinds_from_categories():
    holiday_list = parse(ical_text(year_rows(2028), calendar_name="DoPT 2028 list"))
    assert holiday_list.format == "ical"
    assert holiday_list.source == "DoPT 2028 list"
    assert len(holiday_list.holidays) == 19
    kinds = {h.name: h.kind for h in holiday_list.holidays}
    assert kinds["Republic Day"] == "gazetted"
    assert kinds["Restricted day 1"] == "restricted"


def test_folding_escapes_end_dates_durations_and_cancelled_events():
    rows = [row for row in year_rows(2028) if row[1] != "Holi"]
    events = (
        # folded SUMMARY with escaped comma; DTSTART without VALUE=DATE; exclusive DTEND
        "BEGIN:VEVENT\r\nDTSTART:20280323\r\nDTEND;VALUE=DATE:20280324\r\n"
        "SUMMARY:Holi\\, festival\r\n  of colours\r\nCATEGORIES:Holiday\r\nCATEGORIES:GAZETTED\r\n"
        "END:VEVENT\r\n"
        + ical_event("2028-06-01", "One day", "restricted", extra="DURATION:P1D\r\n")
        + ical_event("2028-06-02", "Called off", "gazetted", extra="STATUS:CANCELLED\r\n")
    )
    holiday_list = parse(ical_text(rows, events=events))
    by_name = {h.name: h for h in holiday_list.holidays}
    assert by_name["Holi, festival of colours"].day == date(2028, 3, 23)
    assert by_name["Holi, festival of colours"].kind == "gazetted"
    assert by_name["One day"].kind == "restricted"
    assert "Called off" not in by_name


@pytest.mark.parametrize(
    "event, expected",
    [
        (ical_event("2028-06-01", "No kind", None), "neither gazetted nor restricted"),
        ("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280601\r\nSUMMARY:Both\r\n"
         "CATEGORIES:gazetted,restricted\r\nEND:VEVENT\r\n", "both gazetted and restricted"),
        ("BEGIN:VEVENT\r\nDTSTART:20280601T090000Z\r\nSUMMARY:Timed\r\nCATEGORIES:gazetted\r\n"
         "END:VEVENT\r\n", "not an all-day date"),
        ("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE-TIME:20280601\r\nSUMMARY:Typed\r\n"
         "CATEGORIES:gazetted\r\nEND:VEVENT\r\n", "not an all-day date"),
        (ical_event("2028-06-01", "Week", "gazetted", extra="DTEND;VALUE=DATE:20280608\r\n"),
         "spans 7 days"),
        (ical_event("2028-06-01", "Back", "gazetted", extra="DTEND;VALUE=DATE:20280530\r\n"),
         "DTEND is before DTSTART"),
        (ical_event("2028-06-01", "Long", "gazetted", extra="DURATION:P3D\r\n"),
         "a holiday lasts one day"),
        (ical_event("2028-06-01", "Yearly", "gazetted", extra="RRULE:FREQ=YEARLY\r\n"),
         "a recurring event"),
        ("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280601\r\nCATEGORIES:gazetted\r\nEND:VEVENT\r\n",
         "no SUMMARY"),
        ("BEGIN:VEVENT\r\nSUMMARY:Undated\r\nCATEGORIES:gazetted\r\nEND:VEVENT\r\n", "no DTSTART"),
        (ical_event("2028-02-30", "Leap", "gazetted"), "'20280230' is not a real date"),
        (ical_event("2028-06-01", "Bell\x1b]0;x\x07", "gazetted"), "terminal escape sequences"),
    ],
)
def test_bad_events_are_refused_with_their_line(event, expected):
    text = ical_text(year_rows(2028), events=event)
    message = refusal(text)
    assert expected in message
    start_line = text.replace("\r\n", "\n").split("\n").index("BEGIN:VEVENT", len(year_rows(2028)) * 6)
    assert f"event on line {start_line + 1}" in message


@pytest.mark.parametrize(
    "text, expected",
    [
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "BEGIN:VCALENDAR is never ended"),
        ("BEGIN:VCALENDAR\r\nEND:VEVENT\r\n", "END:VEVENT where END:VCALENDAR was expected"),
        ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nSUMMARY:after\r\n", "outside BEGIN:VCALENDAR"),
        ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
         "a second calendar"),
        ("BEGIN:VCALENDAR\r\nnot a content line\r\nEND:VCALENDAR\r\n", "no ':' before its value"),
        ("BEGIN:VCALENDAR\r\n:novalue\r\nEND:VCALENDAR\r\n", "not an iCalendar content line"),
        ('BEGIN:VCALENDAR\r\nX-A;P="open:1\r\nEND:VCALENDAR\r\n', "an unclosed quote"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "the calendar holds no events"),
        ("BEGIN:VCALENDAR\r\nX-LONG:" + "a" * 9000 + "\r\nEND:VCALENDAR\r\n", "longer than 8000"),
        ("BEGIN:VCALENDAR\r\n" + "BEGIN:X\r\n" * 10 + "END:X\r\n" * 10 + "END:VCALENDAR\r\n",
         "nested too deeply"),
    ],
)
def test_malformed_calendars_are_refused(text, expected):
    message = refusal(text)
    assert expected in message
    assert message.startswith("test.ics: ")


def test_a_folded_line_cannot_grow_without_bound():
    text = "BEGIN:VCALENDAR\r\nX-A:a\r\n" + " bbbbbbbbbb\r\n" * 1000 + "END:VCALENDAR\r\n"
    assert "longer than 8000" in refusal(text)


def test_the_year_checks_apply_to_icalendar_too():
    assert "looks partial" in refusal(ical_text(year_rows(2028)[:3]))


def test_content_lines_with_quoted_parameters():
    prop = ical.parse_content_line('ATTENDEE;CN="Doe; Jane:x";ROLE=A,B:mailto:j@x.in', 7)
    assert prop.name == "ATTENDEE"
    assert prop.params == {"CN": ["Doe; Jane:x"], "ROLE": ["A", "B"]}
    assert prop.value == "mailto:j@x.in"
    assert prop.line == 7


def test_text_lists_keep_escaped_commas_and_backslashes():
    assert ical.split_text_list(r"a\,b,c\\,d") == ["a,b", "c\\", "d"]
    assert ical.unescape_text(r"x\nY\;z") == "x\nY;z"
