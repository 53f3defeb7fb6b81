"""Desk minutes in constant time, for reports over thousands of tickets.

``DeskHours.desk_minutes`` walks the days between two moments, which is right for one
ticket and slow for a month of them. This index precomputes, for every day of a span,
how many open-desk seconds came before it; the desk time between two moments is then a
subtraction. Moments outside the span fall back to ``DeskHours`` itself, so an answer is
never wrong, only slower. Both round the same way (whole minutes, rounded down), so a
report and a single ticket's view always agree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from helpdesk.clock import IST, to_ist
from helpdesk.hours.status import DeskHours

_ONE_DAY = timedelta(days=1)
_IST_OFFSET = IST.utcoffset(None)
_MAX_REMEMBERED = 200_000  # moments; a month of a busy desk has about 50,000


class DeskMinuteIndex:
    def __init__(self, hours: DeskHours, first: date, last: date) -> None:
        self.hours = hours
        self.first, self.last = first, last
        facts = hours.facts
        self._opens = _microsecond_of_day(facts.opens)
        self._closes = _microsecond_of_day(facts.closes)
        self._open_day: list[bool] = []
        # Open-desk time from ``first`` to each day, in microseconds: exact integers, so
        # the result rounds exactly as DeskHours' sum of timedeltas does.
        self._before: list[int] = []
        self._positions: dict[datetime, int | None] = {}
        total, day = 0, first
        while day <= last:
            is_open = hours.is_open_day(day)
            self._open_day.append(is_open)
            self._before.append(total)
            if is_open:
                total += self._closes - self._opens
            day += _ONE_DAY

    def _open_until(self, moment: datetime) -> int | None:
        """Open-desk microseconds from the first day's midnight to ``moment``; None outside."""
        known = self._positions.get(moment)
        if known is not None or moment in self._positions:
            return known
        local = moment if moment.utcoffset() == _IST_OFFSET else to_ist(moment)
        index = (local.date() - self.first).days
        total = None
        if 0 <= index < len(self._open_day):
            total = self._before[index]
            if self._open_day[index]:
                total += min(max(_microsecond_of_day(local), self._opens), self._closes) - self._opens
        # Reports ask about the same moments (a ticket's changes) several times over.
        if len(self._positions) < _MAX_REMEMBERED:
            self._positions[moment] = total
        return total

    def desk_minutes(self, start: datetime, end: datetime) -> int:
        """Whole open-desk minutes between ``start`` and ``end`` (0 if end <= start)."""
        if end <= start:
            return 0
        begin, finish = self._open_until(start), self._open_until(end)
        if begin is None or finish is None:
            return self.hours.desk_minutes(start, end)
        return (finish - begin) // 60_000_000


def _microsecond_of_day(moment) -> int:
    """For a datetime or a time of day."""
    return ((moment.hour * 60 + moment.minute) * 60 + moment.second) * 1_000_000 + moment.microsecond
