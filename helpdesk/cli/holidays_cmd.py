"""``helpdesk holidays list|import``: the holiday calendar the desk hours are computed from."""

from __future__ import annotations

import sys

import click

from .. import clock
from helpdesk.hours.calendar_text import day_label
from ..errors import InputError
from helpdesk.hours.holiday_changes import ADD, UNCHANGED, YearChange, apply_import, plan_import
from helpdesk.hours.holiday_fields import FIRST_YEAR, LAST_YEAR
from helpdesk.hours.holiday_import import MAX_FILE_BYTES, HolidayFileError, parse_holidays, read_file
from helpdesk.hours.holidays import GAZETTED, Holiday, HolidayCalendar
from ..text import clean_line
from .context import DeskContext
from .output import emit_json, say

IMPORT_HINT = "import one with `helpdesk holidays import FILE`"


@click.group(invoke_without_command=True)
@click.pass_context
def holidays(ctx: click.Context) -> int | None:
    """The central government holiday lists: gazetted ones close the desk, restricted do not."""
    if ctx.invoked_subcommand is None:
        # Without this, click reports the whole help text as a (folded, one-line) error.
        say(ctx.get_help())
        return 0
    return None


@holidays.command("list")
@click.option("--year", type=click.IntRange(FIRST_YEAR, LAST_YEAR), metavar="YEAR",
              help="The year to list (default: this year, IST).")
@click.option("--all", "all_years", is_flag=True, help="List every loaded year.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def list_holidays(desk: DeskContext, year: int | None, all_years: bool, as_json: bool) -> int:
    """List a year's holidays (both kinds), where the list came from, and its caveats."""
    if year is not None and all_years:
        raise InputError("give --year or --all, not both")
    calendar = HolidayCalendar.from_store(desk.store)
    years = sorted(calendar.years) if all_years else [year or clock.now().year]
    if as_json:
        emit_json({"loaded_years": sorted(calendar.years),
                   "years": [_year_dict(calendar, y) for y in years]})
        return 0
    if not years:
        say(f"No holiday list is loaded; {IMPORT_HINT}.")
    for number, shown_year in enumerate(years):
        if number:
            say()
        for line in _year_lines(calendar, shown_year):
            say(line)
    return 0


def _year_dict(calendar: HolidayCalendar, year: int) -> dict:
    info = calendar.year_info(year)
    return {
        "year": year,
        "loaded": info is not None,
        "source": info.source if info else None,
        "caveat": info.caveat if info else None,
        "holidays": [dict(h.to_dict(), title=h.title, note=h.note, closes_desk=h.closes_desk)
                     for h in calendar.in_year(year)],
    }


def _year_lines(calendar: HolidayCalendar, year: int) -> list[str]:
    info = calendar.year_info(year)
    if info is None:
        loaded = ", ".join(str(y) for y in sorted(calendar.years)) or "none"
        return [f"{year}: NO HOLIDAY LIST LOADED. Desk hours for {year} assume no holidays; "
                f"{IMPORT_HINT}. (Loaded years: {loaded}.)"]
    listed = calendar.in_year(year)
    gazetted = sum(1 for h in listed if h.closes_desk)
    lines = [f"{year}: {gazetted} gazetted holidays (desk closed), "
             f"{len(listed) - gazetted} restricted (desk open)",
             f"  source: {info.source}"]
    if info.caveat:
        lines.append(f"  CAVEAT: {info.caveat}")
    lines += [_holiday_line(h) for h in listed]
    return lines


def _holiday_line(holiday: Holiday, mark: str = " ") -> str:
    effect = "closed" if holiday.kind == GAZETTED else "open  "
    note = f"  [{holiday.note}]" if holiday.note else ""
    return f" {mark} {day_label(holiday.day):<16} {effect}  {holiday.title}{note}"


@holidays.command("import")
@click.argument("file", metavar="FILE")
@click.option("--yes", is_flag=True, help="Apply the changes (without it, only show them).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def import_holidays(desk: DeskContext, file: str, yes: bool, as_json: bool) -> int:
    """Load the holiday list in FILE (CSV date,name,kind or iCalendar; - reads stdin).

    Each year in FILE replaces that year's list as a whole; other years are untouched.
    Shows what would change; writes nothing unless --yes. In iCalendar, each all-day
    event says CATEGORIES:gazetted or CATEGORIES:restricted.
    """
    origin = clean_line(file) or "FILE"
    if file == "-":
        content, origin = sys.stdin.buffer.read(MAX_FILE_BYTES + 1), "stdin"
    else:
        content = read_file(file)
    try:
        holiday_list = parse_holidays(content, origin)
    except HolidayFileError as error:
        if as_json:
            emit_json({"origin": origin, "applied": False, "problems": error.problems})
        elif len(error.problems) > 1:  # the error line names the first; list them all here
            say(f"{origin} cannot be imported:")
            for problem in error.problems:
                say(f"  {problem}")
        raise
    store = desk.store
    plan = plan_import(HolidayCalendar.from_store(store), holiday_list)
    applied = False
    if yes and plan.has_changes:
        plan = apply_import(store, holiday_list, imported_by=desk.agent,
                            imported_on=clock.now().date())
        applied = True
    if as_json:
        emit_json(dict(plan.to_dict(), applied=applied))
        return 0
    kind = "iCalendar" if holiday_list.format == "ical" else "CSV"
    described = f", source: {holiday_list.source}" if holiday_list.source else ""
    say(f"{origin} ({kind}{described})")
    for change in plan.years:
        for line in _change_lines(change):
            say(line)
    if not plan.has_changes:
        say("Already loaded: nothing to change.")
    elif applied:
        say(f"Applied: {', '.join(str(c.year) for c in plan.years if c.action != UNCHANGED)}.")
    else:
        say("Nothing written: run again with --yes to apply these changes.")
    return 0


def _change_lines(change: YearChange) -> list[str]:
    counts = f"{change.gazetted} gazetted, {change.restricted} restricted"
    if change.action == UNCHANGED:
        return [f"{change.year}: unchanged ({counts})"]
    if change.action == ADD:
        lines = [f"{change.year}: NEW YEAR ({counts})"]
    else:
        lines = [f"{change.year}: REPLACES the loaded list ({counts}): {len(change.added)} added, "
                 f"{len(change.removed)} removed, {len(change.changed)} changed kind, "
                 f"{change.kept} kept"]
    lines += [_holiday_line(h, "+") for h in change.added]
    lines += [_holiday_line(h, "-") for h in change.removed]
    lines += [_holiday_line(new, "~") + f"  (was {old.kind})" for old, new in change.changed]
    if change.caveat_before != change.caveat_after:
        before, after = change.caveat_before or "(none)", change.caveat_after or "(none)"
        lines.append(f"  caveat: {before} -> {after}")
    return lines


# Sync from a URL lives in its own module (HTTP, caching, supervisor check, audit).
from .sync_cmd import holidays_sync  # noqa: E402
holidays.add_command(holidays_sync)
