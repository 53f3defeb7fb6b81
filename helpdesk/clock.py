"""Desk time: every rule of the desk is stated in India Standard Time.

Everything that needs "now" takes it from here (or from an injected callable), so a
machine set to any other zone, and every test, sees the same desk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

# India has kept UTC+05:30 all year, with no daylight saving, since 1945. A fixed offset is
# therefore exact for every date the desk can meet, and needs no tz database on the machine.
IST = timezone(timedelta(hours=5, minutes=30), "IST")

Clock = Callable[[], datetime]


class DateParseError(ValueError):
    """A date or time the user typed could not be understood; the message says why."""


def now() -> datetime:
    """The current moment as an aware IST datetime."""
    return datetime.now(IST)


def to_ist(moment: datetime) -> datetime:
    """Express a moment in IST. A naive datetime is taken to be IST already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=IST)
    return moment.astimezone(IST)


def today(clock: Clock | None = None) -> date:
    # Looked up at call time (not bound as a default) so a frozen clock is honoured.
    return (clock or now)().date()


def iso(moment: datetime) -> str:
    """ISO 8601 with an explicit +05:30 offset, to the second."""
    return to_ist(moment).replace(microsecond=0).isoformat()


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(text: str) -> date:
    """A calendar date as agents type it: 2026-11-30, 30/11/2026, 30-11-2026 or 30.11.2026.

    Indian usage puts the day first, so 03/04/2026 is 3 April, never 4 March.
    """
    cleaned = text.strip()
    if not cleaned:
        raise DateParseError("no date given")
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    match = _DAY_FIRST.match(cleaned)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError as error:
            raise DateParseError(f"{cleaned!r} is not a real date ({error})") from None
    raise DateParseError(f"{cleaned!r} is not a date; use YYYY-MM-DD or DD/MM/YYYY")


def parse_datetime(text: str) -> datetime:
    """An ISO 8601 date and time; without an offset it is IST. Returns an aware IST datetime."""
    cleaned = text.strip()
    if not cleaned:
        raise DateParseError("no date and time given")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        raise DateParseError(f"{cleaned!r} has no time of day; use e.g. {cleaned}T10:30")
    try:
        moment = datetime.fromisoformat(cleaned.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise DateParseError(
            f"{cleaned!r} is not a date and time; use e.g. 2026-11-24T10:30 or 2026-11-24T10:30+05:30"
        ) from None
    try:
        return to_ist(moment)
    except OverflowError:  # 0001-01-01T00:00+14:00 is a valid text, but before year 1 in IST
        raise DateParseError(f"{cleaned!r} is out of range") from None
