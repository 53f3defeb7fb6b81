"""The audit log's table (m0008): who changed what, when and why.

The list of every migration, in the order it applies, is helpdesk.store.migrations.ORDER;
never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

import sqlite_utils


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
