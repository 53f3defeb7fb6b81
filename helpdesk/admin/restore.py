"""Restoring a backup: check everything first, keep what it replaces, then swap in one step.

1. The file must be a helpdesk database that passes ``integrity_check`` and was not made
   by a newer helpdesk (whose migrations this version would not understand). It is read
   without ever being written to, into a staging copy beside the live database.
2. The staging copy is brought up to this version's schema, and the restore is written
   into its audit log, so the restored database records its own restoring.
3. Only a supervisor of the live database may replace it (or, when there is no live
   database or it cannot be read, the owner of its directory).
4. The live database is locked exclusively: if any console or command still has it open,
   the restore is refused rather than pulled from under them. Under that lock it is
   copied aside (``helpdesk.db.before-restore-YYYYMMDD-HHMMSS``), then the staging copy
   is written into it with the backup API, in one transaction.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from helpdesk import clock
from helpdesk.access import audit
from helpdesk.admin.backup import (
    REQUIRED_TABLES,
    SQLITE_HEADER,
    DatabaseSummary,
    read_only_uri,
    summarise,
    write_copy,
)
from helpdesk.errors import HelpdeskError, InputError
from helpdesk.locations import ensure_private_dir
from helpdesk.tickets.presence import PresenceBoard
from helpdesk.access.roles import NotAllowedError, require_supervisor, supervisors
from helpdesk.store.migrations import migration_names
from helpdesk.store.connection import Store

LOCK_WAIT_SECONDS = 1.0


class RestoreRefused(HelpdeskError):
    """The backup cannot be restored now (the database is in use)."""


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    database: Path
    kept_aside: Path | None
    replaced: DatabaseSummary | None
    restored: DatabaseSummary

    def to_dict(self) -> dict:
        return {"source": str(self.source), "database": str(self.database),
                "kept_aside": str(self.kept_aside) if self.kept_aside else None,
                "replaced": self.replaced.to_dict() if self.replaced else None,
                "restored": self.restored.to_dict()}


def check_backup(source: Path) -> DatabaseSummary:
    """What the backup holds; InputError naming the first reason it cannot be restored."""
    _check_file(source)
    connection = sqlite3.connect(read_only_uri(source, immutable=True), uri=True)
    try:
        return _check_contents(source, connection)
    finally:
        connection.close()


def _check_file(source: Path) -> None:
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    with open(source, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise InputError(f"{source} is not an SQLite database, so not a helpdesk backup")
    wal = source.with_name(source.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise InputError(f"{source} has a {wal.name} beside it: it is a live database or an incomplete "
                         "copy; restore a file made by `helpdesk backup`")


def _check_contents(source: Path, connection: sqlite3.Connection) -> DatabaseSummary:
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchall()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if verdict != [("ok",)]:
            raise InputError(f"{source} is damaged: integrity_check says {verdict[0][0]!r}")
        missing = [table for table in REQUIRED_TABLES if table not in tables]
        if missing:
            raise InputError(f"{source} is not a helpdesk database (no {', '.join(missing)} table)")
        summary = summarise(connection)
    except sqlite3.DatabaseError as error:
        raise InputError(f"{source} is damaged or not a database: {error}") from None
    unknown = [name for name in summary.migrations if name not in migration_names()]
    if unknown:
        raise InputError(f"{source} was made by a newer helpdesk (schema changes {', '.join(unknown)} "
                         "are unknown here); upgrade helpdesk before restoring it")
    return summary


def _require_restorer(database: Path, agent: str) -> None:
    if not database.exists():
        return  # nothing to replace: setting up a desk from its backup
    try:
        with closing(sqlite3.connect(database, timeout=LOCK_WAIT_SECONDS)) as connection:
            if supervisors(connection):
                require_supervisor(connection, agent, "restore backups")
                return
    except sqlite3.DatabaseError:
        pass  # unreadable: the owner decides, as below
    if os.name == "posix" and database.parent.stat().st_uid != os.getuid():
        raise NotAllowedError(f"only a supervisor, or the owner of {database.parent} when no supervisor "
                              "can be read, may restore backups")


def restore(database: Path, source: Path, agent: str, *, at: datetime | None = None) -> RestoreResult:
    """Replace ``database`` with the backup ``source``; see the module docstring for the steps."""
    moment = at or clock.now()
    source, database = Path(source).expanduser(), Path(database)
    if database.exists() and source.resolve() == database.resolve():
        raise InputError(f"{source} is the live database itself; restore a file made by `helpdesk backup`")
    check_backup(source)
    _require_restorer(database, agent)
    ensure_private_dir(database.parent)
    staging = database.with_name(f".{database.name}.restoring-{os.getpid()}")
    staging.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(read_only_uri(source, immutable=True), uri=True)) as reader:
            write_copy(reader, staging)
        aside = _aside_name(database, moment)
        if not database.exists():
            _record(staging, agent, source, None, None, moment)
            os.replace(staging, database)
            return RestoreResult(source, database, None, None, _summary_of(database))
        return _swap(database, staging, aside, source, agent, moment)
    finally:
        staging.unlink(missing_ok=True)


def _aside_name(database: Path, moment: datetime) -> Path:
    base = f"{database.name}.before-restore-{moment:%Y%m%d-%H%M%S}"
    candidate, number = database.with_name(base), 1
    while candidate.exists():
        number += 1
        candidate = database.with_name(f"{base}-{number}")
    return candidate


def _summary_of(path: Path) -> DatabaseSummary:
    with closing(sqlite3.connect(read_only_uri(path), uri=True)) as connection:
        return summarise(connection)


def _record(staging: Path, agent: str, source: Path, aside: Path | None,
            replaced: DatabaseSummary | None, moment: datetime) -> None:
    """Bring the staging copy to this version's schema and write the restore into its log."""
    store = Store.open(staging)
    try:
        with store.transaction() as db:
            audit.record(db, agent, "restore", target=str(source),
                         before=None if replaced is None else dict(replaced.to_dict(), kept_aside=str(aside)),
                         after=summarise(db.conn).to_dict(), at=moment)
        store.db.execute("PRAGMA journal_mode=DELETE")  # back to one file for the copy
    finally:
        store.close()


def _swap(database: Path, staging: Path, aside: Path, source: Path, agent: str,
          moment: datetime) -> RestoreResult:
    live = sqlite3.connect(database, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
    try:
        try:
            # Exclusive locking mode keeps the lock after COMMIT until we close: nobody can
            # read or write between the copy aside and the swap.
            live.execute("PRAGMA locking_mode=EXCLUSIVE")
            live.execute("BEGIN EXCLUSIVE")
            live.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            raise RestoreRefused(_in_use_message(database, moment)) from None
        replaced = summarise(live)
        write_copy(live, aside)
        _record(staging, agent, source, aside, replaced, moment)
        with closing(sqlite3.connect(read_only_uri(staging, immutable=True), uri=True)) as reader:
            reader.backup(live)
        verdict = live.execute("PRAGMA integrity_check").fetchall()
        if verdict != [("ok",)]:
            raise HelpdeskError(f"the restored database failed its integrity check ({verdict[0][0]}); "
                                f"the previous one is kept at {aside}")
        return RestoreResult(source, database, aside, replaced, summarise(live))
    finally:
        live.close()


def _in_use_message(database: Path, moment: datetime) -> str:
    viewers = PresenceBoard(database).viewers(at=moment)
    who = ", ".join(f"{viewer.agent} on #{viewer.ticket_id}" for viewer in viewers)
    return (f"{database} is open in another console or command"
            + (f" ({who})" if who else "")
            + "; ask everyone to quit the console (Ctrl+Q) and try again. Nothing was changed.")
