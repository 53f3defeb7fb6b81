"""Crash safety: a writer killed with SIGKILL loses nothing it reported saved, and leaves
nothing half-written; a full disk is a clear error with nothing half-written either.

The kill test runs the bench script (bench/kill9.py) at a reduced size; the full 50
rounds are ``.venv/bin/python bench/kill9.py``.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import subprocess
import sys

import pytest

from helpdesk import tickets
from helpdesk.store.connection import Store
from helpers.paths import ROOT


def load_bench(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_acknowledged():
    done = subprocess.run([sys.executable, "bench/kill9.py", "--json", "--rounds", "12"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["failures"] == [], f"seed {report['seed']}: {report['failures'][:3]}"
    assert report["integrity_check"] == "ok"
    assert report["acknowledged"]["created"] >= 12  # the writer did work every round
    assert report["tickets_stored"] >= report["acknowledged"]["created"]


def test_the_kill_check_sees_lost_and_torn_changes(store, db_path):
    """The verifier itself: it must report what is missing or half-written."""
    kill9 = load_bench("kill9")
    ticket = tickets.create(store, {"participant_name": "Gita", "channel": "phone"}, "asha")
    tickets.update(store, ticket.id, {"mobile": "9810347159"}, "asha", expected_version=1)
    tickets.add_note(store, ticket.id, "note 1", "asha")
    honest = ["created 1", "edited 1 9810347159", "noted 1 note_1"]
    assert kill9.check(db_path, honest) == {"integrity_check": "ok", "lost": [], "torn": [], "tickets": 1}
    store.db.execute("INSERT INTO tickets (created_at, created_by, updated_at, participant_name, category, "
                     "channel) VALUES ('2026-11-23T10:00:00+05:30', 'x', '2026-11-23T10:00:00+05:30', 'Torn', "
                     "'other', 'phone')")
    verdict = kill9.check(db_path, honest + ["created 7", "edited 1 9999999999", "noted 1 note_2"])
    assert verdict["lost"] == ["created 7", "edited 1 9999999999", "noted 1 note_2"]
    assert verdict["torn"] == [2]


def test_a_full_disk_is_one_clear_line_and_nothing_half_written(run_cli, store, db_path, monkeypatch):
    store.db.execute("PRAGMA max_page_count = " + str(store.db.execute("PRAGMA page_count").fetchone()[0]))
    before = store.db.execute("SELECT count(*) FROM tickets").fetchone()[0]
    with pytest.raises(sqlite3.OperationalError, match="full"):
        tickets.create(store, {"participant_name": "Gita", "channel": "phone", "question": "x" * 90_000}, "asha")
    assert store.db.execute("SELECT count(*) FROM tickets").fetchone()[0] == before
    assert store.db.execute("SELECT count(*) FROM ticket_events").fetchone()[0] == 0
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    connect = Store._connect

    def full_disk(self):
        database = connect(self)
        database.execute("PRAGMA max_page_count = 1")
        return database

    monkeypatch.setattr(Store, "_connect", full_disk)
    result = run_cli("ticket", "new", "--name", "Gita", "--channel", "phone", "--question", "x" * 90_000)
    assert result.exit_code == 1
    assert result.stderr == ("helpdesk: error: database problem: database or disk is full; "
                             "`helpdesk doctor` checks the database\n")
