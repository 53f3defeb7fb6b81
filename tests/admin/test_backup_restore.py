"""Backups while agents work, and restores that check before they replace anything."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpdesk import tickets
from helpdesk.access import audit
from helpdesk.tickets.presence import PresenceBoard
from helpdesk.store.connection import Store

from helpers.paths import PROCESS_WORKERS
from helpers.roles import make_supervisor


def log_tickets(store, count, start=0):
    for number in range(start, start + count):
        tickets.create(store, {"participant_name": f"Participant {number}", "channel": "phone",
                               "mobile": f"98{number:08d}"}, "asha")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def ticket_names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT participant_name FROM tickets ORDER BY id")]
    finally:
        connection.close()


@pytest.fixture
def desk(store):
    make_supervisor(store, "asha")
    log_tickets(store, 3)
    return store


def test_backup_is_one_private_checked_file_and_is_audited(run_cli, desk, tmp_path):
    target = tmp_path / "backups" / "monday.db"
    target.parent.mkdir()
    result = run_cli("backup", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Backed up to {target} (")
    assert "3 tickets" in result.stdout
    assert mode(target) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["monday.db"]  # no -wal, no partial
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    copy.close()
    (entry,) = audit.entries(desk.db, action_prefix="backup")
    assert (entry.agent, entry.target, entry.after["tickets"]) == ("asha", str(target), 3)


@pytest.mark.parametrize("make_target, message", [
    (lambda tmp: tmp / "exists.db", "already exists"),
    (lambda tmp: tmp / "no-such-dir" / "b.db", "is not a directory"),
])
def test_bad_backup_targets(run_cli, desk, tmp_path, make_target, message):
    (tmp_path / "exists.db").write_text("keep me")
    result = run_cli("backup", str(make_target(tmp_path)))
    assert result.exit_code == 2 and message in result.stderr
    assert (tmp_path / "exists.db").read_text() == "keep me"


def test_backup_next_to_the_live_files_is_refused(run_cli, desk, db_path):
    result = run_cli("backup", str(db_path) + "-journal")
    assert result.exit_code == 2 and "SQLite uses for the live database" in result.stderr


def test_agents_may_not_back_up(run_cli, desk, tmp_path):
    result = run_cli("--agent", "bala", "backup", str(tmp_path / "b.db"))
    assert result.exit_code == 3
    assert "only supervisors may make backups (they hold participants' personal data)" in result.stderr
    assert not (tmp_path / "b.db").exists()


def test_backup_while_agents_keep_saving(desk, db_path, tmp_path):
    """Three writer processes keep logging tickets; each backup is one consistent moment."""
    writers = [subprocess.Popen([sys.executable, str(PROCESS_WORKERS), "create", str(db_path),
                                 f"w{n}", "400"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for n in range(3)]
    try:
        from helpdesk.admin.backup import backup

        for writer in writers:  # each has committed its first ticket: all are writing now
            assert writer.stdout.readline().startswith("created ")
        copies = []
        for number in range(4):
            time.sleep(0.1)
            copies.append(backup(desk, tmp_path / f"b{number}.db", "asha").path)
    finally:
        outputs = [writer.communicate(timeout=120) for writer in writers]
    assert all(writer.returncode == 0 for writer in writers), [err for _, err in outputs]
    counts = []
    for copy in copies:
        connection = sqlite3.connect(copy)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # Transaction-consistent: every ticket has its "created" history entry and vice versa.
        assert connection.execute(
            "SELECT count(*) FROM tickets t LEFT JOIN ticket_events e ON e.ticket_id = t.id "
            "AND e.kind = 'created' WHERE e.id IS NULL").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM ticket_events WHERE ticket_id NOT IN "
                                  "(SELECT id FROM tickets)").fetchone() == (0,)
        counts.append(connection.execute("SELECT count(*) FROM tickets").fetchone()[0])
        connection.close()
    assert counts == sorted(counts) and counts[-1] > counts[0]  # taken while the writers wrote
    assert desk.db.execute("SELECT count(*) FROM tickets").fetchone()[0] == 3 + 3 * 400


def test_restore_round_trip_keeps_the_replaced_database(run_cli, desk, db_path, tmp_path):
    target = tmp_path / "b.db"
    assert run_cli("backup", str(target)).exit_code == 0
    log_tickets(desk, 2, start=3)
    desk.close()
    check = run_cli("restore", str(target))
    assert check.exit_code == 0 and "can be restored: 3 tickets" in check.stdout
    assert len(ticket_names(db_path)) == 5  # checking changed nothing

    result = run_cli("restore", str(target), "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert (answer["replaced"]["tickets"], answer["restored"]["tickets"]) == (5, 3)
    assert ticket_names(db_path) == [f"Participant {n}" for n in range(3)]
    aside = Path(answer["kept_aside"])
    assert aside.name.startswith("helpdesk.db.before-restore-") and mode(aside) == 0o600
    assert len(ticket_names(aside)) == 5
    assert mode(db_path) == 0o600

    store = Store.open(db_path)
    (entry,) = audit.entries(store.db, action_prefix="restore")
    assert (entry.agent, entry.target, entry.before["kept_aside"]) == ("asha", str(target), str(aside))
    store.close()


def test_restore_is_refused_while_the_database_is_open(run_cli, desk, db_path, tmp_path, frozen_clock):
    target = tmp_path / "b.db"
    assert run_cli("backup", str(target)).exit_code == 0
    desk.close()
    PresenceBoard(db_path).beat("console-1", "bala", 2, editing=True, at=frozen_clock)
    holder = subprocess.Popen([sys.executable, str(PROCESS_WORKERS), "hold", str(db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        before = db_path.read_bytes()
        result = run_cli("restore", str(target), "--yes")
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert "is open in another console or command (bala on #2); ask everyone to quit" in result.stderr
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*before-restore*")) and not list(db_path.parent.glob(".*restoring*"))


def test_restore_onto_a_new_machine(run_cli, desk, tmp_path, monkeypatch):
    target = tmp_path / "b.db"
    assert run_cli("backup", str(target)).exit_code == 0
    fresh = tmp_path / "new-host" / "helpdesk.db"
    result = run_cli("--db", str(fresh), "restore", str(target), "--yes")
    assert result.exit_code == 0, result.stderr
    assert len(ticket_names(fresh)) == 3 and mode(fresh) == 0o600
    assert mode(fresh.parent) == 0o700


def test_an_older_backup_is_brought_up_to_date(run_cli, desk, db_path, tmp_path):
    target = tmp_path / "old.db"
    assert run_cli("backup", str(target)).exit_code == 0
    old = sqlite3.connect(target)
    old.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0030_history_redaction_only'")
    old.commit()
    old.close()
    desk.close()
    assert run_cli("restore", str(target), "--yes").exit_code == 0
    store = Store.open(db_path)
    names = [row[0] for row in store.db.execute("SELECT name FROM _sqlite_migrations")]
    assert "m0030_history_redaction_only" in names
    store.close()


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):  # every page header from page 3 on
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                       "VALUES ('helpdesk', 'm0999_from_the_future', 'x')")
    connection.commit()
    connection.close()


def _foreign(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()


def _with_wal(path: Path) -> None:
    path.with_name(path.name + "-wal").write_bytes(b"x" * 100)


@pytest.mark.parametrize("spoil, message", [
    (lambda p: p.write_text("id,name\n1,Ravi\n"), "is not an SQLite database"),
    (_foreign, "is not a helpdesk database (no _sqlite_migrations, tickets"),
    (_damage, "damaged"),
    (_newer, "was made by a newer helpdesk (schema changes m0999_from_the_future are unknown here)"),
    (_with_wal, "has a b.db-wal beside it"),
    (lambda p: p.unlink(), "no such file"),
])
def test_bad_backups_are_refused_before_anything_changes(run_cli, desk, db_path, tmp_path, spoil, message):
    target = tmp_path / "b.db"
    assert run_cli("backup", str(target)).exit_code == 0
    spoil(target)
    desk.close()
    before = db_path.read_bytes()
    for args in (["restore", str(target)], ["restore", str(target), "--yes"]):
        result = run_cli(*args)
        assert result.exit_code == 2 and message in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["helpdesk.db"]


def test_restoring_the_live_file_onto_itself_is_refused(run_cli, desk, db_path):
    desk.close()
    result = run_cli("restore", str(db_path), "--yes")
    assert result.exit_code == 2


def test_agents_may_not_restore(run_cli, desk, db_path, tmp_path):
    target = tmp_path / "b.db"
    assert run_cli("backup", str(target)).exit_code == 0
    desk.close()
    before = db_path.read_bytes()
    result = run_cli("--agent", "bala", "restore", str(target), "--yes")
    assert result.exit_code == 3 and "only supervisors may restore backups; bala is an agent" in result.stderr
    assert db_path.read_bytes() == before
