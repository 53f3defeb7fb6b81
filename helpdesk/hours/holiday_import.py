"""Holiday lists from files: read, parse (CSV or iCalendar) and validate, all or nothing.

Both formats give a :class:`HolidayList`; :mod:`helpdesk.hours.holiday_changes` compares one
with what is loaded and applies it. The steps take bytes, not paths, so a later
``holidays sync URL`` feeds them what it downloads.

**CSV**: a header ``date,name,kind``, then one holiday per line: an ISO date
(YYYY-MM-DD), the name, and ``gazetted`` (closes the desk) or ``restricted`` (does not).
Lines starting with ``#`` are comments; ``# source: ...`` says where the list comes from
and ``# caveat: ...`` what agents must keep in mind (both are stored with the year).

**iCalendar**: see :mod:`helpdesk.hours.holiday_ical` (kinds come from ``CATEGORIES``).

A file replaces the whole of each year it covers, so a year's list must be complete.
Every problem found is reported (the first in the one-line error); a file with any
problem imports nothing.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helpdesk.errors import InputError
from helpdesk.hours.holiday_fields import comment_text, holiday_day, holiday_name, shown
from helpdesk.hours.holiday_ical import holidays_from_ical
from helpdesk.hours.holidays import GAZETTED, KINDS, RESTRICTED, Holiday

# A year's list is about 3 KB as CSV and 15 KB as iCalendar; anything far bigger is not one.
MAX_FILE_BYTES = 512 * 1024
# DoPT obliges every central government office to close on 14 holidays (OM para 2); Delhi
# adds 3 more, and a separate order sometimes a day or two. A year outside this range is
# not a complete gazetted list: most likely a partial copy, or a list of something else.
MIN_GAZETTED_PER_YEAR = 14
MAX_GAZETTED_PER_YEAR = 25
MAX_RESTRICTED_PER_YEAR = 60
# Fixed-date national holidays that every central list closes on.
NATIONAL_DAYS = {(1, 26): "Republic Day", (8, 15): "Independence Day",
                 (10, 2): "Mahatma Gandhi's Birthday"}
CSV_HEADER = ["date", "name", "kind"]

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class HolidayFileError(InputError):
    """A holiday file that cannot be imported; ``problems`` lists every reason found."""

    def __init__(self, origin: str, problems: list[str]) -> None:
        self.origin = origin
        self.problems = problems
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{origin}: {problems[0]}{more}; nothing was imported")


@dataclass(frozen=True)
class HolidayList:
    origin: str  # the file name or URL, for messages
    format: str  # "csv" or "ical"
    holidays: tuple[Holiday, ...]
    source: str = ""
    caveat: str = ""

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({holiday.day.year for holiday in self.holidays}))

    def in_year(self, year: int) -> tuple[Holiday, ...]:
        return tuple(sorted(h for h in self.holidays if h.day.year == year))


def read_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refusing early (without reading it all) when it is too big."""
    try:
        with open(path, "rb") as handle:
            content = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a holiday file") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    if len(content) > max_bytes:
        raise HolidayFileError(str(path), [f"larger than {max_bytes // 1024} KB; "
                                           "a holiday list is a few kilobytes"])
    return content


def parse_holidays(content: bytes, origin: str) -> HolidayList:
    """Decode, recognise the format, parse and validate; HolidayFileError on any problem."""
    if len(content) > MAX_FILE_BYTES:
        raise HolidayFileError(origin, [f"larger than {MAX_FILE_BYTES // 1024} KB"])
    text = _decode(content, origin)
    if text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        holidays, source, problems = holidays_from_ical(text)
        holiday_list = HolidayList(origin, "ical", tuple(holidays), source)
    else:
        holiday_list, problems = _from_csv(text, origin)
    problems += validate(holiday_list)
    if problems:
        raise HolidayFileError(origin, problems)
    return holiday_list


def _decode(content: bytes, origin: str) -> str:
    if not content.strip():
        raise HolidayFileError(origin, ["the file is empty"])
    if b"\x00" in content:
        raise HolidayFileError(origin, ["a binary file, not CSV or iCalendar text"])
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HolidayFileError(
            origin, [f"not UTF-8 text (byte 0x{content[error.start]:02x} at offset {error.start})"]
        ) from None


def _from_csv(text: str, origin: str) -> tuple[HolidayList, list[str]]:
    holidays: list[Holiday] = []
    problems: list[str] = []
    source, caveats = "", []
    header_seen = False
    # Split on line ends only: str.splitlines() would also split on controls inside a name.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            key, _, value = stripped[1:].partition(":")
            key = key.strip().lower()
            if key in ("source", "caveat"):
                cleaned, problem = comment_text(value)
                if problem:
                    problems.append(f"line {number}: {problem}")
                elif key == "source":
                    source = cleaned
                else:
                    caveats.append(cleaned)
            continue
        try:
            fields = next(csv.reader([line], strict=True))
        except csv.Error as error:
            problems.append(f"line {number}: not valid CSV ({error})")
            continue
        if not header_seen:
            if [field.strip().lower() for field in fields] != CSV_HEADER:
                return HolidayList(origin, "csv", ()), [
                    "neither an iCalendar file (BEGIN:VCALENDAR) nor a CSV whose first row "
                    f"is the header date,name,kind (line {number} is {shown(line)})"
                ]
            header_seen = True
            continue
        holiday, problem = _csv_row(fields)
        if problem:
            problems.append(f"line {number}: {problem}")
        else:
            holidays.append(holiday)
    if not header_seen:
        problems.append("no header row date,name,kind and no holidays")
    elif not holidays and not problems:
        problems.append("a header but no holidays")
    return HolidayList(origin, "csv", tuple(holidays), source, " ".join(caveats)), problems


def _csv_row(fields: list[str]) -> tuple[Holiday | None, str | None]:
    if len(fields) != 3:
        return None, f"expected 3 fields (date,name,kind), found {len(fields)}"
    day_text, raw_name, kind_text = fields
    match = _ISO_DAY.fullmatch(day_text.strip())
    if not match:
        return None, f"{shown(day_text, 30)} is not a date in the form YYYY-MM-DD"
    day, problem = holiday_day(*(int(part) for part in match.groups()), shown=day_text.strip())
    if problem:
        return None, problem
    name, problem = holiday_name(raw_name)
    if problem:
        return None, problem
    kind = kind_text.strip().lower()
    if kind not in KINDS:
        return None, f"kind {shown(kind_text, 30)} is neither gazetted nor restricted"
    return Holiday(day, name, kind), None


def validate(holiday_list: HolidayList) -> list[str]:
    """Problems with the list as a whole: duplicates, and years that cannot be a real list."""
    problems = []
    for (day, name), count in Counter((h.day, h.name) for h in holiday_list.holidays).items():
        if count > 1:
            problems.append(f"{day} {name!r} is listed {count} times")
    for year in holiday_list.years:
        listed = holiday_list.in_year(year)
        gazetted = [h for h in listed if h.kind == GAZETTED]
        restricted = [h for h in listed if h.kind == RESTRICTED]
        if len(gazetted) < MIN_GAZETTED_PER_YEAR:
            problems.append(
                f"{year} has {len(gazetted)} gazetted holidays; a complete central government "
                f"list has at least {MIN_GAZETTED_PER_YEAR}, so this looks partial"
            )
        elif len(gazetted) > MAX_GAZETTED_PER_YEAR:
            problems.append(f"{year} has {len(gazetted)} gazetted holidays, more than any real "
                            f"list (at most {MAX_GAZETTED_PER_YEAR})")
        if len(restricted) > MAX_RESTRICTED_PER_YEAR:
            problems.append(f"{year} has {len(restricted)} restricted holidays "
                            f"(at most {MAX_RESTRICTED_PER_YEAR})")
        closed_days = {h.day for h in gazetted}
        for (month, day_of_month), national in NATIONAL_DAYS.items():
            if date(year, month, day_of_month) not in closed_days:
                problems.append(f"{year} has no gazetted holiday on {year}-{month:02}-"
                                f"{day_of_month:02} ({national}), which every central list has")
    return problems
