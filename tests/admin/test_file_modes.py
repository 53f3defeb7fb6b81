"""Everything helpdesk creates that can hold participants' data is owner-only (0600), even
with a permissive umask: the database and SQLite's files beside it, the heartbeat file,
backups, the copy a restore keeps aside, and the config file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from helpdesk import config, tickets
from helpdesk.tickets.presence import PresenceBoard

from helpers.frozen import FROZEN_NOW
from helpers.roles import make_supervisor


@pytest.fixture(autouse=True)
def permissive_umask():
    """As on a shared host where files are group- and world-readable by default."""
    previous = os.umask(0o002)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_helpdesk_makes_is_owner_only(run_cli, db_path, tmp_path):
    assert run_cli("ticket", "new", "--name", "Ravi", "--channel", "phone", "--mobile", "9810347159").exit_code == 0
    from helpdesk.store.connection import Store

    store = Store.open(db_path)  # kept open: the -wal and -shm files stay
    make_supervisor(store, "asha")
    tickets.add_note(store, 1, "called", "asha")
    PresenceBoard(db_path).beat("c1", "asha", 1, editing=False, at=FROZEN_NOW)
    assert run_cli("backup", str(tmp_path / "monday.db")).exit_code == 0
    files = sorted(path.name for path in db_path.parent.iterdir())
    assert {"helpdesk.db", "helpdesk.db-wal", "helpdesk.db-shm", "helpdesk.db-presence"} <= set(files)
    for path in db_path.parent.iterdir():
        assert mode(path) == 0o600, (path.name, oct(mode(path)))
    assert mode(db_path.parent) == 0o700
    assert mode(tmp_path / "monday.db") == 0o600

    store.close()
    assert run_cli("restore", str(tmp_path / "monday.db"), "--yes").exit_code == 0
    (aside,) = db_path.parent.glob("helpdesk.db.before-restore-*")
    assert mode(aside) == 0o600 and mode(db_path) == 0o600

    settings = tmp_path / "conf" / "config.toml"
    config.write_private(settings, "[teams]\n")
    assert mode(settings) == 0o600 and mode(settings.parent) == 0o700
