"""The queue at a million tickets: its indexes, and a running tally of tickets per status
kept by triggers. Listed, in order, in helpdesk.store.migrations.

The tally: counting a year of tickets for the queue's "all statuses" views read the whole status
index: 45 ms at a million tickets, on every page and filter change. The tally answers
the same question at once, and cannot drift: the triggers change it in the transaction
that changes the ticket, so a rolled-back change rolls the tally back too.
"""

from __future__ import annotations

import sqlite_utils


def m0040_queue_indexes(db: sqlite_utils.Database) -> None:
    # The queue at a million tickets (bench/queue_speed.py). Each of the queue's orders is
    # read from an index that already holds its order and the columns its arms test, so a
    # window stops after its rows, and a jump deep into the list skips index entries
    # without reading tickets: created order (waiting, newest, urgency's last band),
    # training dates (urgency's first bands, the training order), and status (a history
    # filtered to resolved or closed).
    db.executescript(
        """
        CREATE INDEX IF NOT EXISTS tickets_order ON tickets (created_at, id, training_date, status);
        CREATE INDEX IF NOT EXISTS tickets_training ON tickets (training_date, created_at, id, status);
        CREATE INDEX IF NOT EXISTS tickets_status ON tickets (status, created_at, id);
        """
    )
    # Statistics for the planner (the store refreshes them with PRAGMA optimize): a few
    # seconds once on a big database, instant on a new one.
    db.execute("ANALYZE")


def m0041_ticket_counts(db: sqlite_utils.Database) -> None:
    # See the module's docstring.
    db.executescript(
        """
        CREATE TABLE ticket_counts (
            status  TEXT PRIMARY KEY,
            tickets INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO ticket_counts (status, tickets)
            SELECT status, count(*) FROM tickets GROUP BY status;
        CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets BEGIN
            INSERT INTO ticket_counts (status, tickets) VALUES (new.status, 1)
                ON CONFLICT (status) DO UPDATE SET tickets = tickets + 1;
        END;
        CREATE TRIGGER ticket_counts_status AFTER UPDATE OF status ON tickets
            WHEN new.status IS NOT old.status BEGIN
            UPDATE ticket_counts SET tickets = tickets - 1 WHERE status = old.status;
            INSERT INTO ticket_counts (status, tickets) VALUES (new.status, 1)
                ON CONFLICT (status) DO UPDATE SET tickets = tickets + 1;
        END;
        CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets BEGIN
            UPDATE ticket_counts SET tickets = tickets - 1 WHERE status = old.status;
        END;
        """
    )
