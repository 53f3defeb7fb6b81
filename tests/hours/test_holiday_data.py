"""The shipped holiday lists: equal to the reference lists, seeded, with their caveats."""

from __future__ import annotations

from datetime import date
from importlib.resources import files

import pytest

from helpdesk.hours.holidays import HolidayCalendar
from helpdesk.store.migrations import MIGRATIONS
from helpers.reference import csv_rows, reference_dir, reference_rows


@pytest.mark.parametrize("year", [2026, 2027])
def test_shipped_file_has_exactly_the_reference_rows(year):
    shipped = files("helpdesk.data").joinpath(f"holidays-{year}.csv").read_text(encoding="utf-8")
    reference = (reference_dir() / f"holidays-{year}.csv").read_text(encoding="utf-8")
    assert csv_rows(shipped) == csv_rows(reference)
    for kind in ("gazetted", "restricted"):
        assert [r for r in csv_rows(shipped) if r[2] == kind] == [
            r for r in csv_rows(reference) if r[2] == kind
        ]


def test_reference_counts_are_what_the_domain_facts_say():
    counts = {}
    for year in (2026, 2027):
        for _, _, kind in reference_rows(year):
            counts[year, kind] = counts.get((year, kind), 0) + 1
    assert counts == {(2026, "gazetted"): 17, (2026, "restricted"): 34, (2027, "gazetted"): 17}


def test_a_new_database_is_seeded_with_both_years(store):
    calendar = HolidayCalendar.from_store(store)
    assert sorted(calendar.years) == [2026, 2027]
    assert len([h for h in calendar.in_year(2026) if h.closes_desk]) == 17
    assert len([h for h in calendar.in_year(2026) if not h.closes_desk]) == 34
    assert len(calendar.in_year(2027)) == 17
    assert "03.07.2025" in calendar.year_info(2026).source
    assert "16.07.2026" in calendar.year_info(2027).source


def test_caveats_stay_visible_after_seeding(store):
    calendar = HolidayCalendar.from_store(store)
    assert calendar.year_info(2026).caveat == ""
    assert "unverified" in calendar.year_info(2027).caveat
    assert "secondary sources" in calendar.year_info(2027).caveat
    (bakrid,) = calendar.closures(date(2026, 5, 27))
    assert bakrid.title == "Id-ul-Zuha (Bakrid)"
    assert bakrid.moon_dependent and "2026-05-28 (unverified)" in bakrid.note
    assert [h.moon_dependent for h in calendar.closures(date(2027, 6, 16))] == [True]
    assert not calendar.closures(date(2026, 1, 26))[0].moon_dependent


def test_seeding_keeps_a_year_that_was_already_loaded(db_path):
    # A database created before m0004 existed, where an agent had imported 2026 already.
    from helpdesk.store.connection import Store

    store = Store(db_path)
    store._create_file()
    with store.transaction() as db:
        MIGRATIONS.apply(db, stop_before="m0004_seed_holidays")
        db.execute("INSERT INTO holiday_years (year, source) VALUES (2026, 'agent import')")
        db.execute("INSERT INTO holidays VALUES ('2026-01-26', 'Republic Day', 'gazetted')")
    store.close()
    store = Store.open(db_path)
    calendar = HolidayCalendar.from_store(store)
    assert calendar.year_info(2026).source == "agent import"
    assert len(calendar.in_year(2026)) == 1
    assert len(calendar.in_year(2027)) == 17
    store.close()


def test_two_holidays_on_one_day_are_both_kept(store):
    calendar = HolidayCalendar.from_store(store)
    names = [h.title for h in calendar.closures(date(2027, 8, 15))]
    assert names == ["Independence Day", "Milad-un-Nabi or Id-e-Milad"]
    # A gazetted and a restricted holiday on one day: only the gazetted one closes the desk.
    assert [h.kind for h in calendar.on(date(2026, 11, 24))] == ["gazetted", "restricted"]
    assert [h.title for h in calendar.closures(date(2026, 11, 24))] == ["Guru Nanak's Birthday"]
