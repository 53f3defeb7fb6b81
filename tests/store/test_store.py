import os
import stat
import threading

import pytest

from helpdesk.store.migrations import MIGRATIONS
from helpdesk.store.connection import Store, StoreError


def test_new_database_is_private_wal_and_migrated(db_path):
    store = Store.open(db_path)
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(db_path.parent).st_mode) == 0o700
    assert store.db.journal_mode == "wal"
    assert MIGRATIONS.pending(store.db) == []
    assert {"directory", "holidays", "holiday_years"} <= set(store.db.table_names())
    store.close()


def test_reopening_applies_nothing_twice(db_path):
    Store.open(db_path).close()
    store = Store.open(db_path)
    names = [m.name for m in MIGRATIONS.applied(store.db)]
    assert len(names) == len(set(names))


def test_consoles_starting_together_migrate_once(db_path):
    errors = []

    def start():
        try:
            Store.open(db_path).close()
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store = Store.open(db_path)
    assert MIGRATIONS.pending(store.db) == []


def test_transaction_rolls_back_on_error(store):
    try:
        with store.transaction() as db:
            db.execute("INSERT INTO holiday_years (year, source) VALUES (2099, 'test')")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert store.db.execute("SELECT count(*) FROM holiday_years WHERE year = 2099").fetchone()[0] == 0


def test_each_thread_gets_its_own_connection(store):
    seen = []
    thread = threading.Thread(target=lambda: seen.append(store.db))
    thread.start()
    thread.join()
    assert seen[0] is not store.db


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a database"):
        Store.open(path)


def test_every_connection_is_set_up_the_same_way(store):
    """Worker threads get their own connection: each must have the same guarantees."""
    def settings():
        db = store.db
        return {name: db.execute(f"PRAGMA {name}").fetchone()[0]
                for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys", "secure_delete")}

    seen = []
    thread = threading.Thread(target=lambda: seen.append(settings()))
    thread.start()
    thread.join()
    expected = {"journal_mode": "wal", "synchronous": 2, "busy_timeout": 10_000, "foreign_keys": 1,
                "secure_delete": 1}
    assert settings() == expected and seen == [expected]
