"""Ticket history that can be redacted but never rewritten. Listed, in order, in
helpdesk.store.migrations."""

from __future__ import annotations

import sqlite_utils


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
