"""`helpdesk doctor`: health, durability, safety; exit 1 when unhealthy; never writes."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from helpdesk.admin import doctor
from helpdesk.tickets.presence import PresenceBoard

from helpers.roles import make_supervisor


def statuses(result) -> dict[str, str]:
    return {check["name"]: check["status"] for check in json.loads(result.stdout)["checks"]}


def details(result) -> dict[str, str]:
    return {check["name"]: check["detail"] for check in json.loads(result.stdout)["checks"]}


@pytest.mark.parametrize("version, status", [
    ("3.6.23", doctor.OK), ("3.7.0", doctor.WARNING), ("3.40.1", doctor.WARNING),
    ("3.51.2", doctor.WARNING), ("3.51.3", doctor.OK), ("3.52.0", doctor.OK), ("4.0.0", doctor.OK),
])
def test_the_wal_reset_bug_range(version, status):
    assert doctor.sqlite_check(version).status == status


def test_a_healthy_database(run_cli, store, frozen_clock):
    make_supervisor(store, "meera")
    PresenceBoard(store.path).beat("c1", "bala", 4, editing=False, at=frozen_clock)
    result = run_cli("doctor", "--json")
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert answer["healthy"] is True and answer["sqlite_version"] == sqlite3.sqlite_version
    found = statuses(result)
    for name in ("integrity", "journal mode", "durability", "schema", "contents", "roles", "permissions",
                 "consoles"):
        assert found[name] == doctor.OK, name
    assert found["backups"] == doctor.WARNING
    said = details(result)
    assert said["durability"].startswith("synchronous=FULL")
    assert said["consoles"] == "tickets open now: bala on #4"
    text = run_cli("doctor")
    assert text.stdout.splitlines()[0].endswith("— healthy")
    assert "  ok    integrity     integrity_check: ok" in text.stdout.splitlines()


def test_doctor_writes_nothing_and_creates_nothing(run_cli, db_path):
    missing = run_cli("doctor")
    assert missing.exit_code == 1 and "there is no database at" in missing.stdout
    assert not db_path.exists() and not db_path.parent.exists()


def test_a_damaged_database_is_unhealthy(run_cli, store, db_path):
    for number in range(30):
        store.db.execute("INSERT INTO audit_log (at, agent, action, note) VALUES ('x', 'a', 'b', ?)",
                         ["padding " * 200])
    store.close()
    data = bytearray(db_path.read_bytes())
    for offset in range(4096 * 12 + 8, len(data), 4096):
        data[offset:offset + 40] = b"\xff" * 40
    db_path.write_bytes(bytes(data))
    result = run_cli("doctor", "--json")
    assert result.exit_code == 1 and statuses(result)["integrity"] == doctor.PROBLEM


def test_readable_files_are_a_problem(run_cli, store, db_path):
    os.chmod(db_path, 0o644)
    result = run_cli("doctor", "--json")
    assert result.exit_code == 1
    assert details(result)["permissions"].endswith(f"run chmod 600 {db_path}")


def test_schema_behind_and_ahead(run_cli, store):
    store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0030_history_redaction_only'")
    behind = run_cli("doctor", "--json")
    assert behind.exit_code == 0 and statuses(behind)["schema"] == doctor.WARNING
    store.db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('helpdesk', 'm0999_future', 'x')")
    ahead = run_cli("doctor", "--json")
    assert ahead.exit_code == 1 and "made by a newer helpdesk" in details(ahead)["schema"]


def test_a_network_filesystem_is_a_problem(run_cli, store, db_path, tmp_path, monkeypatch):
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nserver:/desk {db_path.parent} nfs4 rw 0 0\n")
    monkeypatch.setattr(doctor, "MOUNTS", mounts)
    result = run_cli("doctor", "--json")
    assert result.exit_code == 1 and "nfs4" in details(result)["filesystem"]
