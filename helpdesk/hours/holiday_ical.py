"""Holidays from an iCalendar file: one all-day VEVENT per holiday.

iCalendar has no notion of a gazetted holiday, so each event must say its kind in
``CATEGORIES``: ``CATEGORIES:gazetted`` (closes the desk) or ``CATEGORIES:restricted``
(does not); other categories may sit beside it (``CATEGORIES:HOLIDAY,gazetted``). An event
that says neither is refused rather than guessed, because public holiday feeds mix closed
days with observances. Other rules:

- ``DTSTART;VALUE=DATE:YYYYMMDD`` (an all-day date); a date-time is refused;
- at most one day long (DTEND the next day, or DURATION:P1D); no RRULE or RDATE;
- ``SUMMARY`` is the name; ``STATUS:CANCELLED`` events are skipped;
- ``X-WR-CALNAME`` on the calendar becomes the list's source.
"""

from __future__ import annotations

import re
from datetime import date

from helpdesk.hours import ical
from helpdesk.hours.holiday_fields import comment_text, holiday_day, holiday_name, shown
from helpdesk.hours.holidays import KINDS, Holiday

_ICAL_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")


def holidays_from_ical(text: str) -> tuple[list[Holiday], str, list[str]]:
    """The holidays, the calendar's name (as source) and every problem found."""
    try:
        calendar = ical.parse(text)
    except ical.ICalError as error:
        return [], "", [f"not valid iCalendar: {error}"]
    source, problems = "", []
    if calendar_name := calendar.first("X-WR-CALNAME"):
        source, problem = comment_text(ical.unescape_text(calendar_name.value))
        if problem:
            problems.append(f"X-WR-CALNAME: {problem}")
    holidays: list[Holiday] = []
    for event in (c for c in calendar.components if c.name == "VEVENT"):
        status = event.first("STATUS")
        if status and status.value.strip().upper() == "CANCELLED":
            continue
        holiday, problem = _holiday(event)
        if problem:
            summary = event.first("SUMMARY")
            label = f" ({shown(ical.unescape_text(summary.value))})" if summary else ""
            problems.append(f"event on line {event.line}{label}: {problem}")
        else:
            holidays.append(holiday)
    if not holidays and not problems:
        problems.append("the calendar holds no events")
    return holidays, source, problems


def _all_day(prop: ical.Property) -> tuple[date | None, str | None]:
    value = prop.value.strip()
    value_type = [v.upper() for v in prop.params.get("VALUE", [])]
    match = _ICAL_DAY.fullmatch(value)
    # Many tools omit VALUE=DATE; eight digits alone cannot be a date-time, so accept them.
    if not match or value_type not in ([], ["DATE"]):
        return None, (f"{prop.name} {shown(value, 30)} is not an all-day date; "
                      "holidays must be all-day events (DTSTART;VALUE=DATE:YYYYMMDD)")
    return holiday_day(*(int(part) for part in match.groups()), shown=value)


def _holiday(event: ical.Component) -> tuple[Holiday | None, str | None]:
    if event.first("RRULE") or event.first("RDATE"):
        return None, "a recurring event (RRULE/RDATE); list each holiday as its own event"
    start_prop = event.first("DTSTART")
    if start_prop is None:
        return None, "no DTSTART"
    start, problem = _all_day(start_prop)
    if problem:
        return None, problem
    if end_prop := event.first("DTEND"):
        end, problem = _all_day(end_prop)
        if problem:
            return None, problem
        # DTEND is exclusive: a one-day event ends the next day (some tools write the same day).
        if end < start:
            return None, "DTEND is before DTSTART"
        if (end - start).days > 1:
            return None, f"spans {(end - start).days} days; list each holiday day as its own event"
    if (duration := event.first("DURATION")) and duration.value.strip().upper() != "P1D":
        return None, f"DURATION {shown(duration.value, 20)}: a holiday lasts one day (P1D)"
    summary = event.first("SUMMARY")
    if summary is None:
        return None, "no SUMMARY (the holiday's name)"
    name, problem = holiday_name(ical.unescape_text(summary.value))
    if problem:
        return None, problem
    categories = {part.strip().lower() for prop in event.all("CATEGORIES")
                  for part in ical.split_text_list(prop.value)}
    kinds = sorted(categories & set(KINDS))
    if len(kinds) != 1:
        said = "both gazetted and restricted" if kinds else "neither gazetted nor restricted"
        return None, f"CATEGORIES says {said}; give exactly one (e.g. CATEGORIES:gazetted)"
    return Holiday(start, name, kinds[0]), None
