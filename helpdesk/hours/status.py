"""Desk hours: open or closed at a moment and why, when it closes, when it next opens,
and how many open-desk minutes lie between two moments (the base of SLA clocks).

The desk is open on the opening weekdays of data/desk.toml, from ``opens`` (inclusive) to
``closes`` (exclusive), India Standard Time, except on gazetted holidays. Every moment is
converted to IST first (a naive one is taken as IST), so the machine's own time zone
never matters. A year whose holiday list is not loaded is computed as if it had none,
and every answer that relied on that says so in ``warnings``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta

from helpdesk import desk
from helpdesk.hours.calendar_text import clock_label, day_label, duration_text, weekday_name
from helpdesk.clock import IST, iso, to_ist
from helpdesk.errors import HelpdeskError
from helpdesk.hours.holidays import Holiday, HolidayCalendar

OPEN, WEEKEND, HOLIDAY, BEFORE_HOURS, AFTER_HOURS = (
    "open", "weekend", "holiday", "before-hours", "after-hours")
# No real calendar closes the desk for this long; more means the holiday data is broken.
MAX_CLOSED_DAYS = 400
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DeskStatus:
    at: datetime
    open: bool
    reason: str
    reason_code: str
    closes_at: datetime | None  # when open: the end of this opening; else None
    next_open: datetime | None  # when closed: the next opening; else None
    holiday: str | None
    warnings: list[str] = field(default_factory=list)
    unknown_years: tuple[int, ...] = ()  # years this answer assumed to have no holidays

    def to_dict(self) -> dict:
        """The CLI's JSON: the contract keys first, times in ISO 8601 with +05:30."""
        return {
            "at": iso(self.at),
            "open": self.open,
            "reason": self.reason,
            "closes_at": iso(self.closes_at) if self.closes_at else None,
            "next_open": iso(self.next_open) if self.next_open else None,
            "reason_code": self.reason_code,
            "holiday": self.holiday,
            "warnings": list(self.warnings),
        }

    def summary(self, now: datetime) -> str:
        """One header line, its countdown taken from ``now`` (the status may be a minute old)."""
        now = to_ist(now)
        if self.open and self.closes_at:
            left = duration_text(self.closes_at - now)
            line = f"OPEN · closes {clock_label(self.closes_at)} ({left})"
        else:
            short_reason = _SHORT_REASONS.get(self.reason_code) or self.holiday or self.reason
            line = f"CLOSED · {short_reason}"
            if self.next_open and self.next_open.date() == now.date():
                wait = duration_text(self.next_open - now)
                line += f" · opens {clock_label(self.next_open)} (in {wait})"
            elif self.next_open:
                opening_day = day_label(self.next_open.date(), with_year=False)
                line += f" · opens {opening_day} {clock_label(self.next_open)}"
        if self.unknown_years:
            years = ", ".join(str(year) for year in self.unknown_years)
            line += f" · ⚠ {years} holidays not loaded"
        return line


_SHORT_REASONS = {WEEKEND: "weekend", BEFORE_HOURS: "before opening", AFTER_HOURS: "after closing"}


class DeskHours:
    """The desk's opening rules over a holiday calendar."""

    def __init__(self, calendar: HolidayCalendar, facts: desk.DeskFacts | None = None) -> None:
        self.calendar = calendar
        self.facts = facts or desk.facts()
        if self.facts.closes <= self.facts.opens or not self.facts.open_weekdays:
            raise ValueError("desk hours must open before they close, on at least one weekday")

    @classmethod
    def from_store(cls, store) -> DeskHours:
        return cls(HolidayCalendar.from_store(store))

    # -- days ---------------------------------------------------------------------------

    def is_open_day(self, day: date) -> bool:
        return day.weekday() in self.facts.open_weekdays and not self.calendar.is_closed(day)

    def opening(self, day: date) -> datetime:
        return datetime.combine(day, self.facts.opens, IST)

    def closing(self, day: date) -> datetime:
        return datetime.combine(day, self.facts.closes, IST)

    def _open_days(self, first: date) -> Iterator[date]:
        """Open days from ``first`` on; stops the data from looping forever if it is broken."""
        day, closed_run = first, 0
        while True:
            if self.is_open_day(day):
                closed_run = 0
                yield day
            else:
                closed_run += 1
                if closed_run > MAX_CLOSED_DAYS:
                    raise HelpdeskError(f"the desk would stay closed from {day_label(first)} for "
                                        f"over {MAX_CLOSED_DAYS} days: check the holiday data")
            day += _ONE_DAY

    # -- answers ------------------------------------------------------------------------

    def next_open(self, at: datetime) -> datetime:
        """The next opening after ``at`` (if the desk is open at ``at``: after this opening)."""
        at = _desk_time(at)
        for day in self._open_days(at.date()):
            if at < self.opening(day):
                return self.opening(day)
        raise AssertionError("unreachable: _open_days never ends")

    def status(self, at: datetime) -> DeskStatus:
        at = _desk_time(at)
        day = at.date()
        closures = self.calendar.closures(day)
        holiday = " / ".join(h.title for h in closures) or None
        if closures:
            noun = "gazetted holiday" if len(closures) == 1 else "gazetted holidays"
            code, reason = HOLIDAY, f"{' and '.join(h.title for h in closures)} ({noun})"
        elif day.weekday() not in self.facts.open_weekdays:
            code, reason = WEEKEND, f"weekend ({weekday_name(day)})"
        elif at < (opening := self.opening(day)):
            code, reason = BEFORE_HOURS, f"before opening (opens {clock_label(opening)})"
        elif at >= (closing := self.closing(day)):
            code, reason = AFTER_HOURS, f"after closing (closed at {clock_label(closing)})"
        else:
            code, reason = OPEN, "open"
        is_open = code == OPEN
        closes_at = self.closing(day) if is_open else None
        next_open = None if is_open else self.next_open(at)
        last_day = next_open.date() if next_open else day
        unknown = tuple(self.calendar.unknown_years(day, last_day))
        return DeskStatus(at, is_open, reason, code, closes_at, next_open, holiday,
                          self._warnings(day, last_day, unknown), unknown)

    def _warnings(self, first: date, last: date, unknown: tuple[int, ...]) -> list[str]:
        """Caveats behind an answer that looked at the days ``first``..``last``."""
        warnings = [f"No holiday list is loaded for {year}: this answer assumes no holidays "
                    "that year (import one with `helpdesk holidays import FILE`)."
                    for year in unknown]
        for year in range(first.year, last.year + 1):
            info = self.calendar.year_info(year)
            if info and info.caveat:
                warnings.append(f"The {year} holiday list: {info.caveat}")
        relevant: list[Holiday] = []
        day = first
        while day <= last:
            relevant += self.calendar.closures(day)
            day += _ONE_DAY
        # A moon-dependent holiday next to a day the answer rests on may move onto it.
        for edge in dict.fromkeys((first, last)):  # a set would order by hash, per process
            for neighbour in (edge - _ONE_DAY, edge + _ONE_DAY):
                relevant += [h for h in self.calendar.closures(neighbour) if h.moon_dependent]
        for holiday in dict.fromkeys(relevant):
            warnings += _holiday_caveat(holiday)
        return list(dict.fromkeys(warnings))

    # -- desk minutes -------------------------------------------------------------------

    def desk_minutes(self, start: datetime, end: datetime) -> int:
        """Whole minutes the desk is open between ``start`` and ``end`` (0 if end <= start).

        Works a day at a time, so a span of months costs a few hundred steps.
        """
        start, end = _desk_time(start), _desk_time(end)
        if end <= start:
            return 0
        total = timedelta()
        for day in self._open_days(start.date()):
            if day > end.date():
                break
            overlap = min(end, self.closing(day)) - max(start, self.opening(day))
            if overlap > timedelta():
                total += overlap
        return int(total.total_seconds() // 60)

    def add_desk_minutes(self, start: datetime, minutes: int) -> datetime:
        """The first moment by which ``minutes`` open-desk minutes have passed since ``start``."""
        if minutes < 0:
            raise ValueError("minutes must not be negative")
        start = _desk_time(start)
        remaining = timedelta(minutes=minutes)
        if not remaining:
            return start
        for day in self._open_days(start.date()):
            begin, close = max(start, self.opening(day)), self.closing(day)
            if close <= begin:
                continue
            if begin + remaining <= close:
                return begin + remaining
            remaining -= close - begin
        raise AssertionError("unreachable: _open_days never ends")

    def unknown_years(self, start: datetime, end: datetime) -> list[int]:
        """Years between two moments whose holiday list is not loaded (for desk-minute users)."""
        return self.calendar.unknown_years(_desk_time(start).date(), _desk_time(end).date())


def _holiday_caveat(holiday: Holiday) -> list[str]:
    label = f"{holiday.title} ({day_label(holiday.day)})"
    note = holiday.note or ""
    if holiday.moon_dependent:
        rest = "; ".join(part.strip() for part in note.split(";")
                         if part.strip() and part.strip().lower() != "moon-dependent")
        return [f"{label} depends on the moon: DoPT may move it by a day at short notice"
                + (f" ({rest})" if rest else "") + "."]
    return [f"{label}: {note}."] if note else []


def _desk_time(moment: datetime) -> datetime:
    """``moment`` in IST, refusing years where a search of a year ahead would overflow."""
    try:
        converted = to_ist(moment)
    except OverflowError:
        raise ValueError(f"{moment!r} is outside the years the desk can compute") from None
    if not MINYEAR < converted.year < MAXYEAR - 2:
        raise ValueError(f"{converted.year} is outside the years the desk can compute")
    return converted
