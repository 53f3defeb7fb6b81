"""Tickets with histories made through the real actions at chosen moments, for clock and
report tests whose expected figures are worked out by hand in the tests themselves.

Dates used (IST, 2026): Fri 20 Nov and Fri 27 Nov are open days; Sat 21–Sun 22 and
Sat 28–Sun 29 Nov are weekends; Tue 24 Nov is Guru Nanak's Birthday (gazetted, closed).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from importlib.resources import files

from helpdesk import tickets
from helpdesk.clock import IST
from helpdesk.reports.clocks import ClockInput
from helpdesk.hours.holiday_import import parse_holidays
from helpdesk.hours.holidays import HolidayCalendar, YearInfo
from helpdesk.hours.status import DeskHours

# Rows exactly as in the annexure, so they match the shipped directory when it is seeded.
DIRECTORY = {
    "D/o Posts": ("Priyamvada Pallavi", "priyamvadapallavi.kb@karmayogi.in", "9315718261"),
    "M/o Railways": ("Pawan Pathak", "pawankpathak.kb@karmayogi.in", "8595675447"),
    "D/o Health & Family Welfare": ("Henry Aroki Raj", "vhenryarokiaraj.kb@karmayogi.in", "6380706234"),
}


def ist(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=IST)


def add_directory(store) -> None:
    """The three annexure rows the tests use (kept if the directory is already seeded)."""
    with store.transaction() as db:
        for ministry, (name, email, mobile) in DIRECTORY.items():
            db.execute("INSERT OR IGNORE INTO directory (ministry, rep_name, rep_email, rep_mobile) "
                       "VALUES (?, ?, ?, ?)", [ministry, name, email, mobile])


def log(store, at: datetime, agent: str = "asha", **fields) -> tickets.Ticket:
    fields.setdefault("participant_name", "Ravi Kumar")
    return tickets.create(store, fields, agent, at=at)


def clock_input(store, ticket_id: int) -> ClockInput:
    return ClockInput.from_ticket(tickets.load(store.db, ticket_id), tickets.events(store.db, ticket_id))


@lru_cache(maxsize=1)
def shipped_hours() -> DeskHours:
    """Desk hours over the shipped 2026-2027 holiday lists, without a database (for
    hypothesis, which runs a test body many times)."""
    lists = [parse_holidays(files("helpdesk.data").joinpath(f"holidays-{year}.csv").read_bytes(),
                            f"holidays-{year}.csv") for year in (2026, 2027)]
    return DeskHours(HolidayCalendar([h for holiday_list in lists for h in holiday_list.holidays],
                                     [YearInfo(2026, "shipped"), YearInfo(2027, "shipped")]))
