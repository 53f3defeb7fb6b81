"""Escalating from the console: F8, the dialog, and the message's state on the ticket view
while Teams is down and after it comes back — with the console answering keys throughout."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from pytest_httpserver import HTTPServer

from helpdesk.escalation import outbox
from helpdesk.screens.escalate_modal import EscalateModal
from helpdesk.screens.note_modal import NoteModal
from helpdesk.screens.ticket import TicketScreen

from helpers.console import settle, text_of
from helpers.delivery import WEBHOOK_PATH, configure, free_port, make_ticket, posted_ids, webhook_url


@pytest.fixture(autouse=True)
def ticking_clock(monkeypatch, frozen_clock):
    """Retries must come due: time starts at the frozen moment and moves with real time."""
    started = time.monotonic()
    monkeypatch.setattr("helpdesk.clock.now",
                        lambda: frozen_clock + timedelta(seconds=time.monotonic() - started))


async def open_ticket(app, pilot, ticket_id: int) -> None:
    await settle(app, pilot)
    app.push_screen(TicketScreen(ticket_id))
    await settle(app, pilot)


async def wait_for_text(app, pilot, selector: str, wanted: str, seconds: float = 8.0) -> str:
    """The database watcher refreshes the view about once a second; wait for it."""
    deadline = time.monotonic() + seconds
    shown = ""
    while time.monotonic() < deadline:
        shown = text_of(app, selector)
        if wanted in shown:
            return shown
        await pilot.pause(0.1)
    raise AssertionError(f"{wanted!r} never appeared; last shown: {shown!r}")


async def test_escalate_while_teams_is_down_then_sent_when_it_is_back(console, store, tmp_path, monkeypatch):
    server = HTTPServer(port=free_port())  # not started: connections are refused
    configure(tmp_path, monkeypatch, webhook_url(server), max_attempts=1000)
    ticket = make_ticket(store, notes=("asked the MDO admin on 20 Nov",))
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_ticket(app, pilot, ticket.id)
        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, EscalateModal)
        steps = app.screen.query_one("#escalate-steps").text
        assert steps == "asked the MDO admin on 20 Nov"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, TicketScreen)
        assert store.db.execute("SELECT status FROM tickets").fetchone()[0] == "escalated"
        shown = await wait_for_text(app, pilot, "#ticket-delivery", "failing")
        assert "connection refused" in shown and "next try" in shown

        # Teams is down and the sender keeps trying in its worker, yet the console answers
        # keys: the note dialog opens while that worker is still running. (How fast is
        # measured in bench/, not here.)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NoteModal)
        assert any(worker.group == "outbox" and worker.is_running for worker in app.workers)
        await pilot.press("escape")
        await pilot.pause()

        server.expect_request(WEBHOOK_PATH).respond_with_data("", status=202)
        server.start()
        try:
            await wait_for_text(app, pilot, "#ticket-delivery", "sent at")
        finally:
            server.stop()
        message = outbox.messages(store.db)[0]
        assert message.status == "sent"
        assert posted_ids(server) == [message.notification_id]
        assert message.notification_id in app.clipboard and "ravi.kumar@gmail.com" in app.clipboard


async def test_escalate_without_a_webhook_says_it_waits(console, store, tmp_path, monkeypatch):
    configure(tmp_path, monkeypatch, None)
    ticket = make_ticket(store)
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_ticket(app, pilot, ticket.id)
        await pilot.press("f8")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        shown = await wait_for_text(app, pilot, "#ticket-delivery", "queued")
        assert "no Teams webhook is configured" in shown
        assert outbox.messages(store.db)[0].status == "queued"


async def test_dialog_switches_target_and_guards_typed_text(console, store, tmp_path, monkeypatch):
    configure(tmp_path, monkeypatch, None)
    ticket = make_ticket(store)
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_ticket(app, pilot, ticket.id)
        await pilot.press("f8")
        await settle(app, pilot)
        modal = app.screen
        needed = modal.query_one("#escalate-needed")
        assert "Bulk upload" in needed.text
        await pilot.press("down")  # to the nodal persons
        await pilot.pause()
        assert modal.target == "nodal" and "nodal person" in needed.text
        await pilot.press("enter")  # picks it; the cursor moves to "what is needed"
        await pilot.press(*" urgent")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is modal  # typed text is not thrown away on the first Esc
        assert "Esc again" in modal.query_one("#escalate-error").render().plain
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, TicketScreen)
        assert outbox.messages(store.db) == []


async def test_ticket_without_ministry_offers_only_the_nodal_persons(console, store, tmp_path, monkeypatch):
    configure(tmp_path, monkeypatch, None)
    ticket = make_ticket(store, ministry=None, category="mdo-approval")
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_ticket(app, pilot, ticket.id)
        await pilot.press("f8")
        await settle(app, pilot)
        assert app.screen.target == "nodal"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        message = outbox.messages(store.db)[0]
        assert "nodal persons" in message.summary
