"""``--date D`` or ``--from D --to D`` on the command line, as a report period."""

from __future__ import annotations

from datetime import date

from ..clock import DateParseError, parse_date
from ..errors import InputError
from helpdesk.reports.periods import Period


def parse_day(option: str, text: str) -> date:
    try:
        return parse_date(text)
    except DateParseError as error:
        raise InputError(f"{option}: {error}") from None


def period_from(day: str | None, first: str | None, last: str | None, today: date) -> Period:
    """One day (``--date``, default today) or a range (``--from`` and ``--to`` together)."""
    if day is not None and (first is not None or last is not None):
        raise InputError("give --date, or --from and --to, not both")
    if (first is None) != (last is None):
        raise InputError("--from and --to go together: give both")
    if first is not None and last is not None:
        return Period(parse_day("--from", first), parse_day("--to", last))
    return Period.day(parse_day("--date", day) if day is not None else today)
