"""What the console keeps for an agent between sessions. Listed, in order, in
helpdesk.store.migrations."""

from __future__ import annotations

import sqlite_utils


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
