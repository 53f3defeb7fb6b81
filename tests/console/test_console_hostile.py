"""The console with hostile text: nothing typed, pasted or stored can drive the terminal,
run an action, or take the console down."""

from __future__ import annotations

from textual import events
from textual.geometry import Region
from textual.widgets._toast import Toast

from helpdesk.tickets.presence import PresenceBoard
from helpdesk.screens.intake import IntakeScreen
from helpdesk.screens.ticket import TicketScreen

from helpers.frozen import FROZEN_NOW
from helpers.console import settle
from helpers.hostile_text import assert_inert

EVIL_NAME = "Ravi [/] [@click=app.quit]Kumar[/]"


def screen_text(app) -> str:
    """Every widget on screen as drawn, checked inert on the way."""
    drawn = []
    for widget in app.screen.walk_children():
        if widget.display and widget.size.width and widget.size.height:
            drawn.append(assert_inert(widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))))
    return "\n".join(drawn)


async def test_markup_in_a_saved_name_does_not_take_the_console_down(console, session):
    app = console()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        app.screen.query_one("#field-participant_name").value = EVIL_NAME
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.is_running and isinstance(app.screen, TicketScreen)
        toasts = [toast.render().plain for toast in app.screen.query(Toast)]
        assert any(EVIL_NAME in text for text in toasts), toasts
        for toast in app.screen.query(Toast):
            assert_inert(toast.render_lines(Region(0, 0, toast.size.width, toast.size.height)))
    assert session.ticket(1).participant_name == EVIL_NAME


async def test_pasted_escape_sequences_are_dropped(console):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        assert isinstance(app.screen, IntakeScreen)
        field = app.screen.query_one("#field-participant_name")
        field.focus()
        await pilot.pause()
        app.post_message(events.Paste("Sita\x1b]0;pwned\x07 Devi\x1b[2J"))
        await settle(app, pilot)
        assert field.value == "Sita Devi"


async def test_a_ticket_stored_with_hostile_text_is_drawn_inert(console, session, store, db_path):
    store.db.execute(
        "INSERT INTO tickets (created_at, created_by, updated_at, participant_name, email, mobile, category, "
        "channel, question, ministry_query, assignee) VALUES (?, 'asha', ?, ?, ?, ?, 'other', 'phone', ?, ?, ?)",
        ["2026-11-23T10:00:00+05:30", "2026-11-23T10:00:00+05:30", "Gita\x1b]0;pwned\x07 [b]Rao[/b]\x9b2J",
         "gita@nic.in\x1b[31m", "98103\x0047159", "line one\x1b[1A\nline two [@click=app.quit]q[/]\u202e",
         "[link=https://evil.example]MeitY[/link]", "bala\x1b[5m"])
    store.db.execute("INSERT INTO ticket_events (ticket_id, version, at, agent, kind, body) VALUES "
                     "(1, 1, '2026-11-23T10:00:00+05:30', 'meera\x07', 'note', 'called \x1b]52;c;SGk=\x07[/]')")
    PresenceBoard(db_path).beat("other", "bala\x1b[2J[b]", 1, editing=True, at=FROZEN_NOW)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        queue = screen_text(app)
        assert "Gita [b]Rao[/b]" in queue
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TicketScreen)
        drawn = screen_text(app)
        assert "Gita [b]Rao[/b]" in drawn and "[@click=app.quit]q[/]" in drawn
        assert "Also open: bala[b] (editing since 11:00)" in drawn
        assert app.is_running
