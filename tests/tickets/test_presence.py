"""Presence: who else has a ticket open, from heartbeats that expire."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta

from helpdesk.clock import IST
from helpdesk.tickets.presence import STALE_AFTER, PresenceBoard, presence_path

T0 = datetime(2026, 11, 23, 10, 42, tzinfo=IST)


def test_others_are_seen_and_oneself_is_not(db_path):
    board = PresenceBoard(db_path)
    board.beat("c1", "asha", 7, editing=False, at=T0)
    board.beat("c2", "bala", 7, editing=False, at=T0 + timedelta(seconds=70))
    board.beat("c3", "meera", 8, editing=False, at=T0 + timedelta(seconds=65))
    board.beat("c1", "asha", 7, editing=False, at=T0 + timedelta(seconds=66))
    others = board.viewers(at=T0 + timedelta(seconds=70), ticket_id=7, except_console="c1")
    assert [viewer.describe() for viewer in others] == ["bala (viewing since 10:43)"]
    assert [v.agent for v in board.viewers(at=T0 + timedelta(seconds=70))] == ["asha", "meera", "bala"]


def test_editing_since_is_kept_while_editing_and_cleared_when_saved(db_path):
    board = PresenceBoard(db_path)
    board.beat("c2", "bala", 7, editing=False, at=T0)
    board.beat("c2", "bala", 7, editing=True, at=T0 + timedelta(seconds=3))
    board.beat("c2", "bala", 7, editing=True, at=T0 + timedelta(minutes=5))
    (viewer,) = board.viewers(at=T0 + timedelta(minutes=5), ticket_id=7)
    assert viewer.describe() == "bala (editing since 10:42)" and viewer.opened_at == T0
    board.beat("c2", "bala", 7, editing=False, at=T0 + timedelta(minutes=6))
    (viewer,) = board.viewers(at=T0 + timedelta(minutes=6), ticket_id=7)
    assert viewer.describe() == "bala (viewing since 10:42)"


def test_silent_consoles_expire_and_leaving_is_immediate(db_path):
    board = PresenceBoard(db_path)
    board.beat("c2", "bala", 7, editing=True, at=T0)
    assert board.viewers(at=T0 + STALE_AFTER, ticket_id=7)
    assert board.viewers(at=T0 + STALE_AFTER + timedelta(seconds=1), ticket_id=7) == []
    board.beat("c2", "bala", 7, editing=True, at=T0)
    board.leave("c2", 7)
    assert board.viewers(at=T0, ticket_id=7) == []


def test_old_entries_are_forgotten(db_path):
    board = PresenceBoard(db_path)
    board.beat("c2", "bala", 7, editing=False, at=T0)
    board.beat("c3", "meera", 8, editing=False, at=T0 + timedelta(hours=2))
    rows = board._connection().execute("SELECT console FROM viewers").fetchall()
    assert rows == [("c3",)]


def test_the_side_file_is_private_and_not_the_database(store, db_path):
    board = PresenceBoard(db_path)
    assert board.viewers(at=T0) == [] and not presence_path(db_path).exists()  # reading creates nothing
    version = store.db.execute("PRAGMA data_version").fetchone()[0]
    board.beat("c2", "bala", 7, editing=False, at=T0)
    assert stat.S_IMODE(presence_path(db_path).stat().st_mode) == 0o600
    # Heartbeats do not count as database changes: no console reloads because of them.
    assert store.db.execute("PRAGMA data_version").fetchone()[0] == version
