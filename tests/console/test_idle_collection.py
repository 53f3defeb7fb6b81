"""Full garbage collections wait for a pause in the typing (screens/idle_collection.py)."""

from __future__ import annotations

import gc

import pytest

from helpdesk.screens import idle_collection
from helpdesk.screens.idle_collection import IdleCollector


class FakeApp:
    def __init__(self) -> None:
        self.intervals: list[tuple[float, object]] = []

    def set_interval(self, seconds, callback) -> None:
        self.intervals.append((seconds, callback))


@pytest.fixture
def collector(monkeypatch):
    now = [100.0]
    pending = [0]
    collections: list[int] = []
    monkeypatch.setattr(idle_collection.gc, "get_count", lambda: (0, 0, pending[0]))

    def collect(generation=2):
        collections.append(generation)
        pending[0] = 0
        return 0

    monkeypatch.setattr(idle_collection.gc, "collect", collect)
    made = IdleCollector(clock=lambda: now[0])
    made.start(FakeApp())
    yield made, now, pending, collections
    made.stop()


def test_no_full_pass_while_keys_come(collector) -> None:
    made, now, pending, collections = collector
    pending[0] = idle_collection.DUE_AFTER
    made.key_pressed()
    now[0] += idle_collection.IDLE_SECONDS / 2
    assert made.check() is False and collections == []


def test_a_due_pass_runs_once_the_agent_pauses(collector) -> None:
    made, now, pending, collections = collector
    made.key_pressed()
    now[0] += idle_collection.IDLE_SECONDS + 0.1
    assert made.check() is False, "nothing due yet: no pass"
    pending[0] = idle_collection.DUE_AFTER
    assert made.check() is True and len(collections) == 1
    assert made.check() is False, "the pass just ran: the next waits until one is due again"


def test_keys_that_never_pause_still_get_a_pass(collector) -> None:
    made, now, pending, collections = collector
    pending[0] = idle_collection.FORCE_AFTER
    made.key_pressed()
    assert made.check() is True and collections == [2]


def test_python_schedules_no_full_pass_while_the_console_runs_and_gets_its_own_back() -> None:
    before = gc.get_threshold()
    made = IdleCollector()
    app = FakeApp()
    made.start(app)
    try:
        assert gc.get_threshold()[:2] == before[:2]
        assert gc.get_threshold()[2] == idle_collection.NEVER
        assert app.intervals and app.intervals[0][1] == made.check
    finally:
        made.stop()
    assert gc.get_threshold() == before


async def test_the_console_sets_its_collector_up_and_hands_the_schedule_back(tmp_path) -> None:
    from helpdesk.console.app import HelpdeskApp
    from helpdesk.console.session import AgentSession
    from helpdesk.store.connection import Store

    before = gc.get_threshold()
    app = HelpdeskApp(AgentSession(store=Store.open(tmp_path / "desk.db"), agent="asha"))
    async with app.run_test() as pilot:
        assert gc.get_threshold()[2] == idle_collection.NEVER
        last = app.collector._last_key
        await pilot.press("x")
        assert app.collector._last_key > last
    assert gc.get_threshold() == before
