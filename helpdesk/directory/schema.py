"""The directory's tables: the annexure rows (m0001) and, seeded with the shipped
annexure, the version counter the lookup reads on every keystroke (m0003).

The list of every migration, in the order it applies, is helpdesk.store.migrations.ORDER;
never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

import sqlite_utils


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
    from helpdesk.directory.rows import load_published, replace_rows

    replace_rows(db, load_published())
