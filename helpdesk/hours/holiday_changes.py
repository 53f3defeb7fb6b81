"""What importing a holiday list would change, and applying it in one transaction.

A list replaces each year it covers as a whole (a year is only ever one consistent
list), and never touches the years it does not cover. Planning reads; only
:func:`apply_import` writes, so a caller can show the plan and ask before applying.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from helpdesk.access import audit
from helpdesk.hours.holiday_import import HolidayList
from helpdesk.hours.holidays import GAZETTED, Holiday, HolidayCalendar
from helpdesk.access.roles import require_supervisor
from helpdesk.text import clean_line

ADD = "add"  # the year is not loaded yet
REPLACE = "replace"  # the year is loaded and its list (or caveat) differs
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class YearChange:
    year: int
    action: str
    incoming: tuple[Holiday, ...]
    added: tuple[Holiday, ...]
    removed: tuple[Holiday, ...]
    changed: tuple[tuple[Holiday, Holiday], ...]  # (loaded, incoming): same day and name, new kind
    kept: int
    caveat_before: str
    caveat_after: str

    @property
    def gazetted(self) -> int:
        return sum(1 for h in self.incoming if h.kind == GAZETTED)

    @property
    def restricted(self) -> int:
        return len(self.incoming) - self.gazetted

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "action": self.action,
            "gazetted": self.gazetted,
            "restricted": self.restricted,
            "added": [h.to_dict() for h in self.added],
            "removed": [h.to_dict() for h in self.removed],
            "changed": [{"day": new.day.isoformat(), "name": new.name, "kind_before": old.kind,
                         "kind": new.kind} for old, new in self.changed],
            "kept": self.kept,
            "caveat_before": self.caveat_before,
            "caveat": self.caveat_after,
        }


@dataclass(frozen=True)
class ImportPlan:
    holiday_list: HolidayList
    years: tuple[YearChange, ...]

    @property
    def has_changes(self) -> bool:
        return any(change.action != UNCHANGED for change in self.years)

    def to_dict(self) -> dict:
        return {
            "origin": self.holiday_list.origin,
            "format": self.holiday_list.format,
            "source": self.holiday_list.source,
            "years": [change.to_dict() for change in self.years],
        }


def plan_import(calendar: HolidayCalendar, holiday_list: HolidayList) -> ImportPlan:
    """Compare ``holiday_list`` with ``calendar``, year by year."""
    changes = []
    for year in holiday_list.years:
        incoming = holiday_list.in_year(year)
        loaded = calendar.in_year(year)
        loaded_kinds = {(h.day, h.name): h for h in loaded}
        incoming_kinds = {(h.day, h.name): h for h in incoming}
        changed = tuple(
            (loaded_kinds[key], holiday)
            for key, holiday in incoming_kinds.items()
            if key in loaded_kinds and loaded_kinds[key].kind != holiday.kind
        )
        added = tuple(h for key, h in incoming_kinds.items() if key not in loaded_kinds)
        removed = tuple(h for key, h in loaded_kinds.items() if key not in incoming_kinds)
        info = calendar.year_info(year)
        caveat_before = info.caveat if info else ""
        if info is None:
            action = ADD
        elif added or removed or changed or caveat_before != holiday_list.caveat:
            action = REPLACE
        else:
            action = UNCHANGED
        changes.append(YearChange(
            year, action, incoming, added, removed, changed,
            kept=len(incoming) - len(added) - len(changed),
            caveat_before=caveat_before, caveat_after=holiday_list.caveat,
        ))
    return ImportPlan(holiday_list, tuple(changes))


def import_source(holiday_list: HolidayList, imported_by: str, imported_on: date) -> str:
    """What holiday_years.source records: what the list says it is, and who loaded it when."""
    described = holiday_list.source or "holiday list"
    origin = clean_line(holiday_list.origin)
    return f"{described} (imported from {origin} by {clean_line(imported_by)} on {imported_on})"


def apply_import(store, holiday_list: HolidayList, *, imported_by: str,
                 imported_on: date) -> ImportPlan:
    """Replace every changed year in one transaction; returns the plan that was applied.

    The plan is made again under the write lock, so what is written is exactly the
    difference from the database as it is, even if another agent imported meanwhile.
    Supervisors only; each replaced year is audited with its list before and after.
    """
    with store.transaction() as db:
        require_supervisor(db, imported_by, "import holidays")
        return apply_in_transaction(db, store, holiday_list, imported_by=imported_by,
                                    imported_on=imported_on)


def apply_in_transaction(db, store, holiday_list: HolidayList, *, imported_by: str,
                         imported_on: date) -> ImportPlan:
    """:func:`apply_import`'s writes, inside a transaction the caller holds (a sync adds its
    audit entry and cache validators to the same commit). The caller checks the role."""
    source = import_source(holiday_list, imported_by, imported_on)
    loaded = HolidayCalendar.from_store(store)
    plan = plan_import(loaded, holiday_list)
    for change in plan.years:
        if change.action == UNCHANGED:
            continue
        audit.record(db, imported_by, "holidays.import", target=str(change.year),
                     before=None if change.action == ADD else _year_record(
                         change.year, change.caveat_before, loaded.in_year(change.year)),
                     after=_year_record(change.year, change.caveat_after, change.incoming),
                     note=f"from {clean_line(holiday_list.origin)}")
        db.execute("DELETE FROM holidays WHERE day BETWEEN ? AND ?",
                   [f"{change.year}-01-01", f"{change.year}-12-31"])
        db["holidays"].insert_all(h.to_dict() for h in change.incoming)
        db.execute(
            "INSERT INTO holiday_years (year, source, caveat) VALUES (?, ?, ?)"
            " ON CONFLICT (year) DO UPDATE SET source = excluded.source,"
            " caveat = excluded.caveat",
            [change.year, source, holiday_list.caveat],
        )
    return plan


def _year_record(year: int, caveat: str, holidays) -> dict:
    return {"year": year, "caveat": caveat,
            "holidays": [[h.day.isoformat(), h.name, h.kind] for h in sorted(holidays)]}
