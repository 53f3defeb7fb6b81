"""Planning an import against the loaded calendar, and applying it all or nothing."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from helpdesk.hours.holiday_changes import ADD, REPLACE, UNCHANGED, apply_import, plan_import
from helpdesk.hours.holiday_import import parse_holidays
from helpdesk.hours.holidays import HolidayCalendar
from helpers.holiday_files import csv_text, year_rows
from helpers.roles import make_supervisor


@pytest.fixture(autouse=True)
def supervisors(store):
    """Importing holidays is for supervisors: these tests import as asha and ravi."""
    make_supervisor(store, "asha")
    make_supervisor(store, "ravi")


def shipped_rows(store, year):
    return [(h.day.isoformat(), h.name, h.kind) for h in HolidayCalendar.from_store(store).in_year(year)]


def as_list(rows, comments=""):
    return parse_holidays(csv_text(rows, comments=comments).encode(), "new.csv")


def snapshot(store):
    db = store.db
    return (db.execute("SELECT * FROM holidays ORDER BY day, name").fetchall(),
            db.execute("SELECT * FROM holiday_years ORDER BY year").fetchall())


def test_a_new_year_is_an_addition(store):
    plan = plan_import(HolidayCalendar.from_store(store), as_list(year_rows(2028)))
    (change,) = plan.years
    assert (change.year, change.action, change.gazetted, change.restricted) == (2028, ADD, 17, 2)
    assert len(change.added) == 19 and change.removed == () and change.kept == 0
    assert plan.has_changes


def test_moving_bakrid_shows_one_removal_and_one_addition(store):
    rows = shipped_rows(store, 2026)
    moved = [(("2026-05-28", "Id-ul-Zuha (Bakrid)", k) if n.startswith("Id-ul-Zuha") else (d, n, k))
             for d, n, k in rows]
    plan = plan_import(HolidayCalendar.from_store(store), as_list(moved))
    (change,) = plan.years
    assert change.action == REPLACE
    assert [(h.day, h.name) for h in change.added] == [(date(2026, 5, 28), "Id-ul-Zuha (Bakrid)")]
    assert [h.day for h in change.removed] == [date(2026, 5, 27)]
    assert change.kept == 50


def test_a_kind_change_is_reported_as_a_change(store):
    rows = shipped_rows(store, 2026)
    rows = [(d, n, "gazetted") if n == "Govardhan Puja" else (d, n, k) for d, n, k in rows]
    (change,) = plan_import(HolidayCalendar.from_store(store), as_list(rows)).years
    assert [(old.kind, new.kind, new.name) for old, new in change.changed] == [
        ("restricted", "gazetted", "Govardhan Puja")
    ]
    assert change.added == () and change.removed == ()
    assert change.to_dict()["changed"] == [{"day": "2026-11-09", "name": "Govardhan Puja",
                                            "kind_before": "restricted", "kind": "gazetted"}]


def test_the_same_list_is_unchanged_and_nothing_would_be_written(store):
    plan = plan_import(HolidayCalendar.from_store(store), as_list(shipped_rows(store, 2026)))
    assert [c.action for c in plan.years] == [UNCHANGED]
    assert not plan.has_changes


def test_the_same_holidays_with_a_new_caveat_replace_the_year(store):
    # The 2027 memorandum found at last and identical: importing it clears the caveat.
    plan = plan_import(HolidayCalendar.from_store(store),
                       as_list(shipped_rows(store, 2027), comments="# source: the OM itself"))
    (change,) = plan.years
    assert change.action == REPLACE and change.added == change.removed == ()
    assert "unverified" in change.caveat_before and change.caveat_after == ""


def test_apply_replaces_covered_years_only_and_records_the_source(store):
    rows = shipped_rows(store, 2026)
    trimmed = [row for row in rows if row[2] == "gazetted"]
    holiday_list = as_list(trimmed + year_rows(2028), comments="# source: DoPT OM\n# caveat: draft")
    plan = apply_import(store, holiday_list, imported_by="asha", imported_on=date(2027, 7, 20))
    assert [c.action for c in plan.years] == [REPLACE, ADD]
    calendar = HolidayCalendar.from_store(store)
    assert len(calendar.in_year(2026)) == 17  # the restricted ones went with the old list
    assert len(calendar.in_year(2027)) == 17  # untouched
    assert len(calendar.in_year(2028)) == 19
    assert calendar.year_info(2028).source == "DoPT OM (imported from new.csv by asha on 2027-07-20)"
    assert calendar.year_info(2028).caveat == "draft"
    assert "unverified" in calendar.year_info(2027).caveat


def test_applying_an_unchanged_list_writes_nothing(store):
    caveat = "# caveat: " + HolidayCalendar.from_store(store).year_info(2027).caveat
    before = snapshot(store)
    plan = apply_import(store, as_list(shipped_rows(store, 2027), comments=caveat),
                        imported_by="ravi", imported_on=date(2027, 1, 2))
    assert [c.action for c in plan.years] == [UNCHANGED]
    assert snapshot(store) == before  # not even the source names ravi


def test_a_failure_half_way_rolls_every_year_back(store, monkeypatch):
    before = snapshot(store)
    holiday_list = as_list(year_rows(2028) + year_rows(2029))
    from helpdesk.hours import holidays

    original = holidays.Holiday.to_dict

    def broken(self):
        row = original(self)
        if self.day.year == 2029:
            row["kind"] = "closed"  # violates the table's CHECK constraint
        return row

    monkeypatch.setattr(holidays.Holiday, "to_dict", broken)
    with pytest.raises(sqlite3.IntegrityError):
        apply_import(store, holiday_list, imported_by="asha", imported_on=date(2027, 1, 1))
    assert snapshot(store) == before
