"""The sync sources (m0021): which remote directory and holiday files the desk follows.

The list of every migration, in the order it applies, is helpdesk.store.migrations.ORDER;
never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

import sqlite_utils


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
