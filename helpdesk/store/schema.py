"""The migrations of the first releases (m0001-m0021): the directory, holidays, tickets,
drafts, audit, report indexes, outbox and sync sources. Never edit one that has shipped;
helpdesk.store.migrations lists every migration in the order it applies.
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


def m0008_audit(db: sqlite_utils.Database) -> None:
    # Changes outside tickets (directory, holidays, roles, closed-hours overrides, exports
    # with personal data) with who, when and before/after. Tickets keep their own history
    # in ticket_events. Like that table, this one only ever grows.
    db.executescript(
        """
        CREATE TABLE audit_log (
            id     INTEGER PRIMARY KEY,
            at     TEXT NOT NULL,
            agent  TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            before TEXT,
            after  TEXT,
            note   TEXT
        );
        CREATE INDEX audit_log_action ON audit_log (action, id);
        CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
        CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted'); END;
        """
    )


def m0010_report_indexes(db: sqlite_utils.Database) -> None:
    # Reports find a period's resolutions from the history (a ticket resolved on Tuesday
    # and reopened on Wednesday was still resolved on Tuesday), and the tickets whose
    # current resolution came after a moment (they were open then). Without these, a
    # month's report at 100,000 tickets scans both tables.
    db.executescript(
        """
        CREATE INDEX ticket_events_resolutions ON ticket_events (at) WHERE kind = 'resolved';
        CREATE INDEX tickets_resolved ON tickets (resolved_at);
        """
    )


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


def m0021_sync_sources(db: sqlite_utils.Database) -> None:
    # Where the directory and the holiday list were last synced from, with the server's
    # cache validators (ETag, Last-Modified) for a conditional GET next time. Written only
    # when a download was applied or matched the data, so "304 Not Modified" always means
    # "what we have is what that URL serves".
    db.executescript(
        """
        CREATE TABLE sync_sources (
            kind          TEXT PRIMARY KEY CHECK (kind IN ('directory', 'holidays')),
            url           TEXT NOT NULL,
            etag          TEXT,
            last_modified TEXT,
            sha256        TEXT NOT NULL,
            synced_at     TEXT NOT NULL
        );
        """
    )
