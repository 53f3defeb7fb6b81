"""The desk's SQLite database: one file on one host, shared by every agent's console.

Opening a store creates the file owner-only, switches it to WAL (readers never wait for
the writer), applies pending schema migrations and seeds the shipped directory and
holidays. Each thread gets its own connection, because Textual runs database work in
worker threads and a SQLite connection must not be shared between threads mid-statement.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from helpdesk.errors import HelpdeskError
from helpdesk.locations import ensure_private_dir

# How long a writer waits for another agent's transaction before giving up. Ticket
# transactions last milliseconds; ten seconds only runs out if something is stuck.
BUSY_TIMEOUT_MS = 10_000
# Waiting for the write lock: SQLite's own busy handler sleeps 1, 2, 5, 10, ... then 100 ms
# between tries, so under many agents saving at once an unlucky one sleeps through dozens
# of releases of the lock (a p99 of 0.8 s beside a p50 of 1 ms with twenty processes).
# Taking the lock polls instead, in short steps that grow to LOCK_POLL_MAX_S: a waiter gets
# the lock within a couple of milliseconds of its release, without spinning.
LOCK_POLL_FIRST_S = 0.0002
LOCK_POLL_MAX_S = 0.002


class StoreError(HelpdeskError):
    """The database cannot be opened or used; the message says which file and why."""


class Store:
    """A database file and the connections this process holds to it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Store:
        """Open (creating and migrating if needed) the database at ``path``."""
        store = cls(Path(path))
        store._create_file()
        store._enable_wal()
        from helpdesk.store.migrations import migrate

        migrate(store)
        return store

    def _create_file(self) -> None:
        if self.path.exists():
            return
        ensure_private_dir(self.path.parent)
        try:
            # Create it ourselves so it is owner-only from the first byte; SQLite gives the
            # -wal and -shm files it creates later the same permissions as this file.
            descriptor = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            return  # another agent's console created it a moment ago
        except OSError as error:
            raise StoreError(f"cannot create the database {self.path}: {error.strerror}") from None
        os.close(descriptor)

    def _enable_wal(self) -> None:
        # A console creating a new file runs the migrations as its first transaction, and
        # WAL is only recorded in the file when that commits. A console opening the file
        # meanwhile sees rollback mode, and its switch to WAL fails with "database is
        # locked" at once: SQLite does not busy-wait on a journal-mode change. So wait here.
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.db.enable_wal()
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise StoreError(f"{self.path} is not a usable SQLite database: {error}") from None
            except sqlite3.DatabaseError as error:
                raise StoreError(f"{self.path} is not a usable SQLite database: {error}") from None
            time.sleep(0.02)

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection, opened on first use."""
        database = getattr(self._local, "db", None)
        if database is None:
            database = self._connect()
            self._local.db = database
        return database

    def _connect(self) -> sqlite_utils.Database:
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
            # FULL makes a commit survive power loss, not only a crash of the app: when the
            # console says "saved", the ticket is on disk. It costs one extra fsync per commit.
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            # Deleted and overwritten content is zeroed, not left in free pages: redacting a
            # participant's e-mail must remove it from the file, not only from the tables.
            connection.execute("PRAGMA secure_delete=ON")
            # No memory-mapped I/O: it made SQLite's WAL-reset bug (see `helpdesk doctor`)
            # likelier in the field, and buys nothing at this database's size.
            connection.execute("PRAGMA mmap_size=0")
            connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the database {self.path}: {error}") from None
        return sqlite_utils.Database(connection, execute_plugins=False)

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction that holds the write lock from its first statement.

        ``BEGIN IMMEDIATE`` rather than the default deferred ``BEGIN``: a deferred
        transaction that reads and then writes can fail with "database is locked" halfway,
        or act on a row another agent changed in between.
        """
        db = self.db
        _begin_immediate(db.conn)
        try:
            yield db
        except BaseException:
            db.rollback()
            raise
        else:
            db.commit()

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        database = getattr(self._local, "db", None)
        if database is not None:
            # SQLite's advice for long-lived connections: refresh the planner's statistics
            # where they have drifted (a queue that grew tenfold), usually at no cost.
            try:
                database.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass  # a busy or read-only file keeps its old statistics
            database.close()
            self._local.db = None


def _begin_immediate(connection: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE``, polling for the write lock (see LOCK_POLL_MAX_S) for up to the
    busy timeout; the statements inside the transaction keep SQLite's busy handler."""
    connection.execute("PRAGMA busy_timeout=0")
    try:
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = LOCK_POLL_FIRST_S
        while True:
            try:
                connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or time.monotonic() >= deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, LOCK_POLL_MAX_S)
    finally:
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == sqlite3.SQLITE_BUSY
    return "locked" in str(error)
