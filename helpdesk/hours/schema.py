"""The desk calendar's tables: holidays and the years whose list is loaded (m0002), seeded
with the shipped lists (m0004), and each year's caveat (m0005).

The list of every migration, in the order it applies, is helpdesk.store.migrations.ORDER;
never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

import sqlite_utils


def m0002_holidays(db: sqlite_utils.Database) -> None:
    # kind 'gazetted' closes the desk; 'restricted' (optional) holidays do not.
    # holiday_years lists the years whose list is loaded: a year absent from it is
    # unknown, which is not the same as "no holidays".
    db.executescript(
        """
        CREATE TABLE holidays (
            day    TEXT NOT NULL,
            name   TEXT NOT NULL,
            kind   TEXT NOT NULL CHECK (kind IN ('gazetted', 'restricted')),
            PRIMARY KEY (day, name)
        );
        CREATE TABLE holiday_years (
            year   INTEGER PRIMARY KEY,
            source TEXT NOT NULL
        );
        """
    )


# The holiday lists shipped in data/ when m0004 was written. Later years arrive through
# `helpdesk holidays import` (or a later migration), never by editing this tuple.
SEEDED_HOLIDAY_YEARS = (2026, 2027)


def _shipped_holiday_list(year: int):
    from importlib.resources import files

    from helpdesk.hours.holiday_import import parse_holidays

    name = f"holidays-{year}.csv"
    return parse_holidays(files("helpdesk.data").joinpath(name).read_bytes(), f"data/{name}")


def _shipped_source(holiday_list) -> str:
    return f"{holiday_list.source} (shipped as {holiday_list.origin})"


def m0004_seed_holidays(db: sqlite_utils.Database) -> None:
    # Seed the shipped years through the same parser and checks as an import, so a shipped
    # file can never hold what an agent's file would be refused for. A year already listed
    # (imported before this migration existed) is left as the agent loaded it.
    for year in SEEDED_HOLIDAY_YEARS:
        if db.execute("SELECT 1 FROM holiday_years WHERE year = ?", [year]).fetchone():
            continue
        holiday_list = _shipped_holiday_list(year)
        db["holidays"].insert_all(h.to_dict() for h in holiday_list.in_year(year))
        db.execute(
            "INSERT INTO holiday_years (year, source) VALUES (?, ?)",
            [year, _shipped_source(holiday_list)],
        )


def m0005_holiday_year_caveats(db: sqlite_utils.Database) -> None:
    # What agents must keep in mind about a whole year's list (2027 is from secondary
    # sources only); '' when nothing. Filled for the shipped years still as shipped.
    db.execute("ALTER TABLE holiday_years ADD COLUMN caveat TEXT NOT NULL DEFAULT ''")
    for year in SEEDED_HOLIDAY_YEARS:
        holiday_list = _shipped_holiday_list(year)
        db.execute(
            "UPDATE holiday_years SET caveat = ? WHERE year = ? AND source = ?",
            [holiday_list.caveat, year, _shipped_source(holiday_list)],
        )
