"""The holiday calendar: which days close the desk and why, and which years are known at all.

Only ``gazetted`` holidays close the desk; ``restricted`` ones are listed for information
(each employee may take two of them, the desk stays open). A year whose list is not
loaded is *unknown*, which is not the same as "no holidays": callers get told, so an
answer for such a year can say that it assumes none.

Names keep the caveats of the published lists in square brackets, e.g.
``Muharram [moon-dependent]``; :class:`Holiday` splits them into ``title`` and ``note``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from helpdesk.errors import HelpdeskError

GAZETTED = "gazetted"
RESTRICTED = "restricted"
KINDS = (GAZETTED, RESTRICTED)

_NAME_WITH_NOTE = re.compile(r"^(?P<title>.*?)\s*\[(?P<note>[^\[\]]*)\]\s*$")


@dataclass(frozen=True, order=True)
class Holiday:
    day: date
    name: str
    kind: str

    @property
    def closes_desk(self) -> bool:
        return self.kind == GAZETTED

    @property
    def title(self) -> str:
        """The name without its bracketed caveat: what a person reads first."""
        match = _NAME_WITH_NOTE.match(self.name)
        return match["title"] if match and match["title"] else self.name

    @property
    def note(self) -> str | None:
        """The bracketed caveat of the published list, if any."""
        match = _NAME_WITH_NOTE.match(self.name)
        return match["note"].strip() or None if match else None

    @property
    def moon_dependent(self) -> bool:
        # DoPT may move these after the moon is sighted (OM para 5.1), at short notice.
        return "moon-dependent" in (self.note or "").lower()

    def to_dict(self) -> dict:
        return {"day": self.day.isoformat(), "name": self.name, "kind": self.kind}


@dataclass(frozen=True)
class YearInfo:
    """Where a loaded year's list came from, and anything an agent must keep in mind about it."""

    year: int
    source: str
    caveat: str = ""


class HolidayCalendar:
    """Holidays by day, and the years whose lists are loaded. Immutable once built."""

    def __init__(self, holidays: Iterable[Holiday], years: Iterable[YearInfo]) -> None:
        by_day: dict[date, list[Holiday]] = {}
        for holiday in sorted(holidays):
            by_day.setdefault(holiday.day, []).append(holiday)
        self._by_day: Mapping[date, tuple[Holiday, ...]] = {
            day: tuple(found) for day, found in by_day.items()
        }
        self._years: Mapping[int, YearInfo] = {info.year: info for info in years}

    @classmethod
    def from_store(cls, store) -> HolidayCalendar:
        """Everything in the ``holidays`` and ``holiday_years`` tables (a few hundred rows)."""
        db = store.db
        try:
            rows = db.execute("SELECT day, name, kind FROM holidays").fetchall()
            year_rows = db.execute("SELECT year, source, caveat FROM holiday_years").fetchall()
        except sqlite3.Error as error:
            raise HelpdeskError(f"cannot read the holiday calendar: {error}") from None
        holidays = []
        for day_text, name, kind in rows:
            try:
                day = date.fromisoformat(day_text)
            except (TypeError, ValueError):
                raise HelpdeskError(
                    f"the holidays table holds {day_text!r}, which is not a date; "
                    "re-import that year's list"
                ) from None
            holidays.append(Holiday(day, name, kind))
        years = [YearInfo(int(year), source, caveat or "") for year, source, caveat in year_rows]
        return cls(holidays, years)

    # -- days ---------------------------------------------------------------------------

    def on(self, day: date) -> tuple[Holiday, ...]:
        """Every listed holiday on ``day``, gazetted first."""
        return tuple(sorted(self._by_day.get(day, ()), key=lambda h: (h.kind != GAZETTED, h.name)))

    def closures(self, day: date) -> tuple[Holiday, ...]:
        """The gazetted holidays on ``day``: empty when no holiday closes the desk that day."""
        return tuple(h for h in self._by_day.get(day, ()) if h.closes_desk)

    def is_closed(self, day: date) -> bool:
        return any(h.closes_desk for h in self._by_day.get(day, ()))

    def in_year(self, year: int) -> tuple[Holiday, ...]:
        """The year's holidays (both kinds), by date."""
        return tuple(
            sorted(h for day, found in self._by_day.items() if day.year == year for h in found)
        )

    # -- years --------------------------------------------------------------------------

    @property
    def years(self) -> Mapping[int, YearInfo]:
        return self._years

    def knows(self, year: int) -> bool:
        return year in self._years

    def year_info(self, year: int) -> YearInfo | None:
        return self._years.get(year)

    def unknown_years(self, first: date, last: date) -> list[int]:
        """Years touched by the days ``first``..``last`` whose holiday list is not loaded."""
        return [year for year in range(first.year, last.year + 1) if year not in self._years]
