"""Who else has a ticket open, so two agents do not work the same participant unknowingly.

Every console with a ticket open writes a heartbeat every few seconds: which ticket, who,
since when, and since when they have unsaved edits. An entry not renewed for
``STALE_AFTER`` belongs to a console that closed or crashed, and is ignored.

The heartbeats live in a small file beside the database (``helpdesk.db-presence``), not in
it. Every console watches the database for commits (``PRAGMA data_version``) and reloads
its queue when another agent saves; heartbeats committed there would wake every console
every few seconds for nothing. They are also worthless after a crash, so this file uses
synchronous=NORMAL and is never backed up; deleting it loses nothing.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from helpdesk import clock
from helpdesk.locations import ensure_private_dir
from helpdesk.text import clean_line

BEAT_SECONDS = 3
STALE_AFTER = timedelta(seconds=15)
# Entries this old are deleted on the next heartbeat, so the file stays a few rows long.
FORGET_AFTER = timedelta(hours=1)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS viewers (
    console       TEXT NOT NULL,
    ticket_id     INTEGER NOT NULL,
    agent         TEXT NOT NULL,
    opened_at     TEXT NOT NULL,
    editing_since TEXT,
    heartbeat_at  TEXT NOT NULL,
    PRIMARY KEY (console, ticket_id)
) WITHOUT ROWID
"""


def presence_path(database: Path) -> Path:
    return database.with_name(database.name + "-presence")


@dataclass(frozen=True)
class Viewer:
    console: str
    ticket_id: int
    agent: str
    opened_at: datetime
    editing_since: datetime | None
    heartbeat_at: datetime

    def describe(self, name: str | None = None) -> str:
        """``bala (editing since 10:42)`` or ``bala (viewing since 10:40)``."""
        who = name or self.agent
        if self.editing_since:
            return f"{who} (editing since {self.editing_since:%H:%M})"
        return f"{who} (viewing since {self.opened_at:%H:%M})"


def _viewer(row) -> Viewer:
    console, ticket_id, agent, opened_at, editing_since, heartbeat_at = row
    # Any process can write this file: the name is cleaned on the way out, like a ticket's.
    return Viewer(console, ticket_id, clean_line(agent), datetime.fromisoformat(opened_at),
                  datetime.fromisoformat(editing_since) if editing_since else None,
                  datetime.fromisoformat(heartbeat_at))


_COLUMNS = "console, ticket_id, agent, opened_at, editing_since, heartbeat_at"


class PresenceBoard:
    """The heartbeats of every console working on one database."""

    def __init__(self, database: Path) -> None:
        self.path = presence_path(Path(database))
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            if not self.path.exists():
                ensure_private_dir(self.path.parent)
                try:  # owner-only from the first byte, like the database itself
                    os.close(os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                except FileExistsError:
                    pass
            connection = sqlite3.connect(self.path, timeout=2, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(_SCHEMA)
            self._local.connection = connection
        return connection

    def beat(self, console: str, agent: str, ticket_id: int, *, editing: bool, at: datetime) -> None:
        """This console has ``ticket_id`` open (with unsaved edits when ``editing``)."""
        stamp = clock.iso(at)
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(
                f"INSERT INTO viewers ({_COLUMNS}) VALUES (:console, :ticket, :agent, :at, "
                "CASE WHEN :editing THEN :at END, :at) "
                "ON CONFLICT (console, ticket_id) DO UPDATE SET agent = excluded.agent, "
                "heartbeat_at = excluded.heartbeat_at, editing_since = CASE WHEN :editing "
                "THEN coalesce(viewers.editing_since, :at) END",
                {"console": console, "ticket": ticket_id, "agent": agent, "at": stamp,
                 "editing": editing},
            )
            connection.execute("DELETE FROM viewers WHERE heartbeat_at < ?", [clock.iso(at - FORGET_AFTER)])
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def leave(self, console: str, ticket_id: int) -> None:
        self._connection().execute("DELETE FROM viewers WHERE console = ? AND ticket_id = ?",
                                   [console, ticket_id])

    def viewers(self, *, at: datetime, ticket_id: int | None = None,
                except_console: str | None = None) -> list[Viewer]:
        """Consoles with a ticket open now (that ticket only, when given), longest first."""
        if getattr(self._local, "connection", None) is None and not self.path.exists():
            return []  # nobody has opened a ticket on this database yet
        sql = f"SELECT {_COLUMNS} FROM viewers WHERE heartbeat_at >= ? AND console IS NOT ?"
        params: list[object] = [clock.iso(at - STALE_AFTER), except_console]
        if ticket_id is not None:
            sql += " AND ticket_id = ?"
            params.append(ticket_id)
        rows = self._connection().execute(sql + " ORDER BY opened_at, agent", params).fetchall()
        return [_viewer(row) for row in rows]

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
