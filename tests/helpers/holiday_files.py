"""Holiday files for tests: a plausible complete year, in CSV and iCalendar."""

from __future__ import annotations

# The 2027 gazetted list (shipped data) moved to another year: 17 holidays, with the
# national days on their fixed dates, so it passes every plausibility check.
GAZETTED_DAYS = [
    ("01-26", "Republic Day"), ("03-10", "Id-ul-Fitr [moon-dependent]"), ("03-23", "Holi"),
    ("03-26", "Good Friday"), ("04-15", "Ram Navami"), ("04-19", "Mahavir Jayanti"),
    ("05-17", "Id-ul-Zuha (Bakrid) [moon-dependent]"), ("05-20", "Buddha Purnima"),
    ("06-16", "Muharram [moon-dependent]"), ("08-15", "Independence Day"),
    ("08-16", "Milad-un-Nabi or Id-e-Milad [moon-dependent]"), ("08-25", "Janmashtami"),
    ("10-02", "Mahatma Gandhi's Birthday"), ("10-09", "Dussehra"),
    ("10-29", "Diwali (Deepavali)"), ("11-14", "Guru Nanak's Birthday"),
    ("12-25", "Christmas Day"),
]


def year_rows(year: int, restricted: int = 2) -> list[tuple[str, str, str]]:
    rows = [(f"{year}-{day}", name, "gazetted") for day, name in GAZETTED_DAYS]
    rows += [(f"{year}-01-{n + 1:02}", f"Restricted day {n + 1}", "restricted")
             for n in range(restricted)]
    return rows


def csv_text(rows, header: str = "date,name,kind", comments: str = "") -> str:
    lines = [comments] if comments else []
    lines.append(header)
    for day, name, kind in rows:
        quoted = f'"{name}"' if "," in name else name
        lines.append(f"{day},{quoted},{kind}")
    return "\n".join(lines) + "\n"


def ical_event(day: str, name: str, kind: str | None, extra: str = "") -> str:
    compact = day.replace("-", "")
    categories = f"CATEGORIES:HOLIDAY,{kind}\r\n" if kind else ""
    summary = name.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return (f"BEGIN:VEVENT\r\nUID:{compact}-{abs(hash(name))}@test\r\n"
            f"DTSTART;VALUE=DATE:{compact}\r\nSUMMARY:{summary}\r\n{categories}{extra}END:VEVENT\r\n")


def ical_text(rows, calendar_name: str = "Test holidays", events: str = "") -> str:
    body = "".join(ical_event(day, name, kind) for day, name, kind in rows)
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
            f"X-WR-CALNAME:{calendar_name}\r\n{body}{events}END:VCALENDAR\r\n")
