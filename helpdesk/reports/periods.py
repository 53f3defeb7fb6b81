"""Report periods: a day or a run of whole days, in IST, from midnight to midnight."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from helpdesk.hours.calendar_text import day_label
from helpdesk.clock import IST
from helpdesk.errors import InputError

# A year and a bit: longer ranges are almost always a typo in the year.
MAX_DAYS = 400


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise InputError(f"the period ends ({self.last}) before it starts ({self.first})")
        if self.days > MAX_DAYS:
            raise InputError(f"the period spans {self.days} days; the longest is {MAX_DAYS}")

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day)

    @classmethod
    def week_of(cls, day: date) -> Period:
        """Monday to Sunday around ``day``."""
        monday = day - timedelta(days=day.weekday())
        return cls(monday, monday + timedelta(days=6))

    @classmethod
    def month_of(cls, day: date) -> Period:
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return cls(first, following - timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def is_day(self) -> bool:
        return self.first == self.last

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(0), IST)

    @property
    def end(self) -> datetime:
        """Midnight after the last day (exclusive)."""
        return datetime.combine(self.last + timedelta(days=1), time(0), IST)

    def shifted(self, steps: int) -> Period:
        """The period of the same kind ``steps`` later (earlier when negative)."""
        if self.first.day == 1 and self == Period.month_of(self.first):
            month = self.first
            for _ in range(abs(steps)):
                month = (month + timedelta(days=32)).replace(day=1) if steps > 0 else \
                    (month - timedelta(days=1)).replace(day=1)
            return Period.month_of(month)
        offset = timedelta(days=self.days * steps)
        return Period(self.first + offset, self.last + offset)

    def label(self) -> str:
        if self.is_day:
            return day_label(self.first)
        return f"{day_label(self.first)} – {day_label(self.last)}"

    def to_dict(self) -> dict[str, str]:
        return {"from": self.first.isoformat(), "to": self.last.isoformat()}
