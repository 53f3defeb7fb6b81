"""The ticket view says who else has the ticket open, before the agent types anything."""

from __future__ import annotations

from datetime import timedelta

from helpdesk.tickets.presence import PresenceBoard
from helpdesk.screens.ticket import TicketScreen
from helpdesk.screens.widgets.presence_bar import PresenceBar

from helpers.console import settle

from helpers.frozen import FROZEN_NOW


def bar_text(app) -> str:
    bar = app.screen.query_one(PresenceBar)
    return bar.render().plain if bar.display else ""


async def test_a_colleague_editing_the_same_ticket_is_shown_at_once(console, session, db_path):
    session.create_ticket({"participant_name": "Gita"}, claim=False)
    session.create_ticket({"participant_name": "Hari"}, claim=False)
    board = PresenceBoard(db_path)
    board.beat("bala-console", "bala", 1, editing=False, at=FROZEN_NOW - timedelta(minutes=18))
    board.beat("bala-console", "bala", 1, editing=True, at=FROZEN_NOW - timedelta(seconds=2))
    board.beat("meera-console", "meera", 2, editing=False, at=FROZEN_NOW)
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # the first ticket of the queue: Gita, #1
        await settle(app, pilot)
        assert isinstance(app.screen, TicketScreen)
        assert bar_text(app) == "Also open: bala (editing since 10:59)"
        assert app.screen.query_one(PresenceBar).has_class("-editing")
        # Our own heartbeat is there for bala's console to see, not yet editing.
        (mine,) = board.viewers(at=FROZEN_NOW, ticket_id=1, except_console="bala-console")
        assert (mine.agent, mine.editing_since) == ("asha", None)

        app.screen.query_one("#field-mobile").value = "9876543210"
        app.screen.query_one(PresenceBar).beat()
        await settle(app, pilot)
        (mine,) = board.viewers(at=FROZEN_NOW, ticket_id=1, except_console="bala-console")
        assert mine.editing_since == FROZEN_NOW  # bala now sees "asha (editing since 11:00)"

        await pilot.press("escape")
        await settle(app, pilot)
        leaving = [worker for worker in app.workers if worker.group == "presence-leave"]
        if leaving:  # an empty list would mean "every worker", the endless watcher included
            await app.workers.wait_for_complete(leaving)
    assert board.viewers(at=FROZEN_NOW, ticket_id=1, except_console="bala-console") == []


async def test_nobody_else_means_no_line(console, session, db_path):
    session.create_ticket({"participant_name": "Gita"}, claim=False)
    PresenceBoard(db_path).beat("old", "bala", 1, editing=True, at=FROZEN_NOW - timedelta(minutes=1))
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert bar_text(app) == ""  # bala's console stopped beating a minute ago
