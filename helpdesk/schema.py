"""Versioned schema: each migration runs once per database, in order, in one transaction.

Add a migration by appending a function decorated with ``@MIGRATIONS()``; never edit one
that has shipped. The whole set is applied under the write lock, so consoles started at
the same moment on a fresh file do not race each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlite_utils
from sqlite_utils import Migrations

if TYPE_CHECKING:
    from .store import Store

MIGRATIONS = Migrations("helpdesk")


def migrate(store: Store) -> None:
    db = store.db
    if not MIGRATIONS.pending(db):
        return
    with store.transaction() as db:
        # Re-read under the lock: another console may have migrated while we waited.
        MIGRATIONS.apply(db)


@MIGRATIONS()
def m0001_directory(db: sqlite_utils.Database) -> None:
    # The annexure as published: one row per ministry/department, in published order.
    # The representative's identity is the e-mail; the name is kept exactly as printed.
    db.executescript(
        """
        CREATE TABLE directory (
            position   INTEGER PRIMARY KEY,
            ministry   TEXT NOT NULL UNIQUE,
            rep_name   TEXT NOT NULL,
            rep_email  TEXT NOT NULL,
            rep_mobile TEXT NOT NULL
        );
        """
    )


@MIGRATIONS()
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


@MIGRATIONS()
def m0003_seed_directory(db: sqlite_utils.Database) -> None:
    # A new database starts with the annexure as shipped; `helpdesk directory import`
    # replaces it later. Seeding here puts it in the migration's transaction, so two
    # consoles opening a fresh file cannot both seed it.
    # directory_version counts changes to the directory (triggers keep it, whoever
    # writes), so the console can ask "has the directory changed?" with one tiny read
    # on every keystroke instead of re-reading every row.
    db.executescript(
        """
        CREATE TABLE directory_version (
            id      INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO directory_version (id, version) VALUES (1, 0);
        CREATE TRIGGER directory_inserted AFTER INSERT ON directory
            BEGIN UPDATE directory_version SET version = version + 1; END;
        CREATE TRIGGER directory_updated AFTER UPDATE ON directory
            BEGIN UPDATE directory_version SET version = version + 1; END;
        CREATE TRIGGER directory_deleted AFTER DELETE ON directory
            BEGIN UPDATE directory_version SET version = version + 1; END;
        """
    )
    from .directory import load_published, replace_rows

    replace_rows(db, load_published())
