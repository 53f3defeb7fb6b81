"""Backups: a consistent copy of the live database while agents keep working.

SQLite's online backup API copies the pages inside one read transaction; in WAL mode
readers never block the writer, so consoles keep saving while the copy is made, and the
copy is the database exactly as it was at one commit. Copying the file with ``cp`` is not
safe: it can catch a transaction half-written and misses what is still in the -wal file.

A backup is one self-contained file (journal mode DELETE, no -wal beside it), owner-only
from its first byte, written under a temporary name and renamed into place only after
``integrity_check`` passed, so a crash never leaves a half backup under the real name.
Backups hold every participant's personal data: supervisors only, and audited.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from helpdesk.access import audit
from helpdesk.errors import HelpdeskError, InputError
from helpdesk.access.roles import require_supervisor
from helpdesk.store.connection import Store

# What makes a file a helpdesk database (beyond SQLite's own header).
REQUIRED_TABLES = ("_sqlite_migrations", "tickets", "ticket_events", "audit_log", "agents")
SQLITE_HEADER = b"SQLite format 3\x00"


class BackupError(HelpdeskError):
    """The copy could not be made or does not check out; nothing was left behind."""


@dataclass(frozen=True)
class DatabaseSummary:
    """What a database holds, to compare a backup with the live file before replacing it."""

    tickets: int
    history_entries: int
    audit_entries: int
    newest_ticket_change: str | None
    migrations: tuple[str, ...]

    def to_dict(self) -> dict:
        result = asdict(self)
        result["migrations"] = len(self.migrations)
        return result

    def describe(self) -> str:
        newest = f", last ticket change {self.newest_ticket_change[:16].replace('T', ' ')}" \
            if self.newest_ticket_change else ""
        return (f"{counted(self.tickets, 'ticket')}, {counted(self.history_entries, 'history entry')}, "
                f"{counted(self.audit_entries, 'audit entry')}{newest}")


def counted(number: int, noun: str) -> str:
    """``1 ticket``, ``3 tickets``, ``2 history entries``."""
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


def summarise(connection: sqlite3.Connection) -> DatabaseSummary:
    def one(sql: str):
        return connection.execute(sql).fetchone()[0]

    return DatabaseSummary(
        tickets=one("SELECT count(*) FROM tickets"),
        history_entries=one("SELECT count(*) FROM ticket_events"),
        audit_entries=one("SELECT count(*) FROM audit_log"),
        newest_ticket_change=one("SELECT max(updated_at) FROM tickets"),
        migrations=tuple(row[0] for row in connection.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'helpdesk' ORDER BY id")),
    )


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A URI that opens ``path`` without ever writing to it (any character in the name)."""
    return path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_copy(source: sqlite3.Connection, destination: Path) -> None:
    """Copy the database behind ``source`` into the new owner-only file ``destination``."""
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
            verdict = target.execute("PRAGMA integrity_check").fetchall()
            if verdict != [("ok",)]:
                raise BackupError(f"the copy failed its integrity check ({verdict[0][0]}); "
                                  "run `helpdesk doctor` on the live database")
        finally:
            target.close()
        _fsync(partial)
        os.replace(partial, destination)
        if os.name == "posix":
            _fsync(destination.parent)  # the rename itself must survive a power cut
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def check_destination(live: Path, destination: Path) -> Path:
    """Where a backup may go: a new file in an existing directory, not the live database."""
    target = Path(destination).expanduser()
    try:
        target.exists()
    except OSError as error:  # a name too long for the file system, a path through a file
        raise InputError(f"cannot use that backup name: {error.strerror}") from None
    if target.exists():
        raise InputError(f"{target} already exists; a backup never overwrites a file, choose a new name")
    if not target.parent.is_dir():
        raise InputError(f"{target.parent} is not a directory")
    if target.resolve().parent == live.resolve().parent and target.name in {
            live.name + suffix for suffix in ("-wal", "-shm", "-journal")}:
        raise InputError(f"{target} is a name SQLite uses for the live database's own files; "
                         "choose another name")
    return target


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    summary: DatabaseSummary

    def to_dict(self) -> dict:
        return {"path": str(self.path), "bytes": self.size, **self.summary.to_dict()}


def backup(store: Store, destination: str | os.PathLike[str], agent: str, *,
           at: datetime | None = None) -> BackupResult:
    """Copy the live database to ``destination`` (supervisors only); audited."""
    require_supervisor(store.db, agent, "make backups (they hold participants' personal data)")
    target = check_destination(store.path, Path(destination))
    write_copy(store.db.conn, target)
    copy = sqlite3.connect(read_only_uri(target), uri=True)
    try:
        result = BackupResult(target, target.stat().st_size, summarise(copy))
    finally:
        copy.close()
    with store.transaction() as db:
        audit.record(db, agent, "backup", target=str(target), after=result.to_dict(), at=at)
    return result
