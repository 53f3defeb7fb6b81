"""Taking the write lock: a waiting agent gets it soon after it is released, gives up with
"database is locked" only after the busy timeout, and leaves its connection as it was."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from helpdesk.store import connection as store_module
from helpdesk.store.connection import Store


def busy_timeout(store: Store) -> int:
    return store.db.execute("PRAGMA busy_timeout").fetchone()[0]


def hold_lock(db_path, release: threading.Event, held: threading.Event) -> None:
    """Another agent's console, in the middle of a save."""
    other = Store.open(db_path)
    with other.transaction() as db:
        db.execute("INSERT INTO drafts (agent, fields, saved_at) VALUES ('bala', '{}', '2026-11-23')")
        held.set()
        release.wait(5)
    other.close()


def test_a_waiting_save_goes_through_once_the_lock_is_released(store, db_path):
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_lock, args=(db_path, release, held))
    holder.start()
    assert held.wait(5)
    finished = threading.Event()

    def save() -> None:
        with store.transaction() as db:
            db.execute("INSERT INTO drafts (agent, fields, saved_at) VALUES ('asha', '{}', '2026-11-23')")
        finished.set()

    saver = threading.Thread(target=save)
    saver.start()
    assert not finished.wait(0.2)  # still waiting: the lock is taken
    release.set()
    holder.join(5)
    saver.join(5)
    assert finished.is_set()
    rows = store.db.execute("SELECT agent FROM drafts ORDER BY agent").fetchall()
    assert [row[0] for row in rows] == ["asha", "bala"]


def test_waiting_gives_up_after_the_busy_timeout_and_restores_the_connection(store, db_path, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 150)
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_lock, args=(db_path, release, held))
    holder.start()
    assert held.wait(5)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            with store.transaction():
                raise AssertionError("the lock was never free")
    finally:
        release.set()
        holder.join(5)
    assert busy_timeout(store) == 150  # SQLite's own handler still guards other statements
    assert not store.db.conn.in_transaction


def test_the_busy_timeout_is_back_after_a_transaction(store):
    with store.transaction():
        pass
    assert busy_timeout(store) == store_module.BUSY_TIMEOUT_MS


def test_errors_other_than_busy_are_not_retried(store, monkeypatch):
    calls = []
    real_connection = store.db.conn

    class Refusing:
        """A connection whose BEGIN fails for a reason waiting cannot fix."""

        def execute(self, sql, *args):
            if sql == "BEGIN IMMEDIATE":
                calls.append(sql)
                raise sqlite3.OperationalError("disk I/O error")
            return real_connection.execute(sql, *args)

    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        store_module._begin_immediate(Refusing())
    assert calls == ["BEGIN IMMEDIATE"]
