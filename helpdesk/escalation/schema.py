"""The outbox (m0020): escalation messages queued in the ticket's transaction, sent later.

The list of every migration, in the order it applies, is helpdesk.store.migrations.ORDER;
never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

import sqlite_utils


def m0020_outbox(db: sqlite_utils.Database) -> None:
    # Messages leaving the desk (Teams posts for escalations), written in the same
    # transaction as the change that causes them, then delivered by a sender that may run
    # much later. Times here carry milliseconds (retries can be sub-second apart); the
    # format is fixed, so text order is still time order.
    # status: queued (never tried) -> sending (claimed: lease_owner holds it until
    # lease_until) -> sent | retrying (next_attempt_at) | failed (permanent, or gave up);
    # cancelled by an agent. A 'sending' row whose lease ran out belongs to nobody.
    db.executescript(
        """
        CREATE TABLE outbox (
            id              INTEGER PRIMARY KEY,
            notification_id TEXT NOT NULL UNIQUE,
            ticket_id       INTEGER REFERENCES tickets (id),
            channel         TEXT NOT NULL,
            summary         TEXT NOT NULL,
            payload         TEXT NOT NULL,
            status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN
                              ('queued', 'sending', 'retrying', 'sent', 'failed', 'cancelled')),
            created_at      TEXT NOT NULL,
            created_by      TEXT NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            lease_owner     TEXT,
            lease_until     TEXT,
            sent_at         TEXT,
            last_error      TEXT
        );
        CREATE INDEX outbox_pending ON outbox (next_attempt_at)
            WHERE status IN ('queued', 'sending', 'retrying');
        CREATE INDEX outbox_ticket ON outbox (ticket_id, id);

        -- One row per try, kept for good: who tried, when, and what came back.
        -- outcome NULL: the sender stopped (killed, network cut) before it knew.
        CREATE TABLE outbox_attempts (
            id          INTEGER PRIMARY KEY,
            message_id  INTEGER NOT NULL REFERENCES outbox (id),
            sender      TEXT NOT NULL,
            started_at  TEXT NOT NULL,
            finished_at TEXT,
            outcome     TEXT CHECK (outcome IN ('sent', 'retry', 'failed')),
            http_status INTEGER,
            error       TEXT
        );
        CREATE INDEX outbox_attempts_message ON outbox_attempts (message_id, id);

        -- The earliest moment the next post to a channel may start, shared by every
        -- sender on this database (console and cron alike): Teams throttles a webhook
        -- past about four requests a second, and a 429 asks everyone to wait.
        CREATE TABLE outbox_pace (
            channel   TEXT PRIMARY KEY,
            next_slot TEXT NOT NULL
        );
        """
    )
