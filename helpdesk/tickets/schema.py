"""The tickets' tables: tickets and their history (m0006), intake drafts (m0007),
history rows only redaction may change (m0030), the queue's indexes and per-status tally
(m0040, m0041; why below), unsaved ticket edits (m0042).

The tally (m0041): counting a year of tickets for the queue's "all statuses" views read the whole status
index: 45 ms at a million tickets, on every page and filter change. The tally answers
the same question at once, and cannot drift: the triggers change it in the transaction
that changes the ticket, so a rolled-back change rolls the tally back too.

The list of every migration, in the order it applies, is helpdesk.store.migrations.ORDER;
never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

import sqlite_utils


def m0006_tickets(db: sqlite_utils.Database) -> None:
    # Times are ISO 8601 in IST with the offset (all rows share it, so text order is time
    # order). `version` increases with every change: a save that names an older version
    # is refused instead of overwriting a colleague's edit.
    db.executescript(
        """
        CREATE TABLE agents (
            name     TEXT PRIMARY KEY,
            role     TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
            added_at TEXT NOT NULL,
            added_by TEXT NOT NULL
        );
        CREATE TABLE tickets (
            id                INTEGER PRIMARY KEY,
            created_at        TEXT NOT NULL,
            created_by        TEXT NOT NULL,
            updated_at        TEXT NOT NULL,
            participant_name  TEXT NOT NULL,
            email             TEXT NOT NULL DEFAULT '',
            mobile            TEXT NOT NULL DEFAULT '',
            ministry_query    TEXT NOT NULL DEFAULT '',
            ministry          TEXT,
            rep_email         TEXT,
            category          TEXT NOT NULL,
            channel           TEXT NOT NULL,
            training_date     TEXT,
            question          TEXT NOT NULL DEFAULT '',
            language          TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'hi')),
            status            TEXT NOT NULL DEFAULT 'new',
            assignee          TEXT,
            claimed_at        TEXT,
            first_response_at TEXT,
            resolved_at       TEXT,
            outcome           TEXT,
            resolution_note   TEXT,
            handle_seconds    INTEGER,
            version           INTEGER NOT NULL DEFAULT 1
        );
        -- The queue mostly shows tickets still being worked; keep that set cheap to find.
        CREATE INDEX tickets_active ON tickets (training_date, created_at)
            WHERE status NOT IN ('resolved', 'closed');
        CREATE INDEX tickets_assignee ON tickets (assignee, status);
        CREATE INDEX tickets_created ON tickets (created_at);
        CREATE INDEX tickets_ministry ON tickets (ministry);

        -- Every change, by whom and when: the ticket's history. Append-only.
        CREATE TABLE ticket_events (
            id        INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES tickets (id),
            version   INTEGER NOT NULL,
            at        TEXT NOT NULL,
            agent     TEXT NOT NULL,
            kind      TEXT NOT NULL,
            field     TEXT,
            before    TEXT,
            after     TEXT,
            body      TEXT
        );
        CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
        CREATE TRIGGER ticket_events_append_only_update BEFORE UPDATE ON ticket_events
            BEGIN SELECT RAISE(ABORT, 'ticket history cannot be changed'); END;
        CREATE TRIGGER ticket_events_append_only_delete BEFORE DELETE ON ticket_events
            BEGIN SELECT RAISE(ABORT, 'ticket history cannot be deleted'); END;

        -- Search over what agents type into the search box: names, contacts, ministry and
        -- the participant's words. Trigram matches any 3+ character fragment, so part of
        -- an e-mail or the last digits of a mobile number are found too.
        CREATE VIRTUAL TABLE tickets_search USING fts5 (
            participant_name, email, mobile, ministry, ministry_query, question,
            content='tickets', content_rowid='id', tokenize='trigram'
        );
        CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
            INSERT INTO tickets_search (rowid, participant_name, email, mobile, ministry,
                                        ministry_query, question)
            VALUES (new.id, new.participant_name, new.email, new.mobile,
                    coalesce(new.ministry, ''), new.ministry_query, new.question);
        END;
        CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets BEGIN
            INSERT INTO tickets_search (tickets_search, rowid, participant_name, email, mobile,
                                        ministry, ministry_query, question)
            VALUES ('delete', old.id, old.participant_name, old.email, old.mobile,
                    coalesce(old.ministry, ''), old.ministry_query, old.question);
        END;
        CREATE TRIGGER tickets_search_update AFTER UPDATE OF participant_name, email, mobile,
                ministry, ministry_query, question ON tickets BEGIN
            INSERT INTO tickets_search (tickets_search, rowid, participant_name, email, mobile,
                                        ministry, ministry_query, question)
            VALUES ('delete', old.id, old.participant_name, old.email, old.mobile,
                    coalesce(old.ministry, ''), old.ministry_query, old.question);
            INSERT INTO tickets_search (rowid, participant_name, email, mobile, ministry,
                                        ministry_query, question)
            VALUES (new.id, new.participant_name, new.email, new.mobile,
                    coalesce(new.ministry, ''), new.ministry_query, new.question);
        END;
        """
    )


def m0007_drafts(db: sqlite_utils.Database) -> None:
    # A half-typed intake form, saved as the agent types, so a crash or a closed terminal
    # loses nothing; one per agent.
    db.executescript(
        """
        CREATE TABLE drafts (
            agent    TEXT PRIMARY KEY,
            saved_at TEXT NOT NULL,
            fields   TEXT NOT NULL
        );
        """
    )


def m0030_history_redaction_only(db: sqlite_utils.Database) -> None:
    # Personal data must be erasable (retention, or a participant's request), yet the
    # history must stay trustworthy. So an entry may change in one way only: a value
    # (before, after, body) replaced by one that says "[redacted]". Who, when, which
    # ticket and what kind of change stay as they were, and entries are never deleted.
    db.executescript(
        """
        DROP TRIGGER ticket_events_append_only_update;
        CREATE TRIGGER ticket_events_append_only_update BEFORE UPDATE ON ticket_events
            WHEN NOT (new.id = old.id AND new.ticket_id = old.ticket_id
                      AND new.version = old.version AND new.at = old.at
                      AND new.agent = old.agent AND new.kind = old.kind
                      AND new.field IS old.field
                      AND (new.before IS old.before OR instr(new.before, '[redacted]') > 0)
                      AND (new.after IS old.after OR instr(new.after, '[redacted]') > 0)
                      AND (new.body IS old.body OR instr(new.body, '[redacted]') > 0))
            BEGIN SELECT RAISE(ABORT, 'ticket history cannot be changed, only redacted'); END;
        """
    )


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


def m0042_ticket_drafts(db: sqlite_utils.Database) -> None:
    # Edits typed into a ticket view and not saved yet, as they are typed, so quitting,
    # a crash or a closed terminal loses nothing: one per agent and ticket. ``version``
    # is the ticket version the edits were made on, so a save after a restart still
    # notices a colleague's change in between.
    db.executescript(
        """
        CREATE TABLE ticket_drafts (
            agent     TEXT NOT NULL,
            ticket_id INTEGER NOT NULL REFERENCES tickets (id),
            version   INTEGER NOT NULL,
            saved_at  TEXT NOT NULL,
            fields    TEXT NOT NULL,
            PRIMARY KEY (agent, ticket_id)
        );
        """
    )
