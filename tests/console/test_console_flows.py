"""The console as an agent uses it: keys in, screens out (Pilot, headless)."""

from helpdesk import tickets
from helpdesk.screens.intake import IntakeScreen
from helpdesk.screens.queue import QueueScreen
from helpdesk.screens.ticket import TicketScreen
from helpdesk.screens.widgets.ticket_form import TicketForm

from helpers.console import settle, table_lines, text_of


async def test_first_screen_says_what_to_do(console):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        assert "Press n (or F4) to log the participant" in text_of(app, "#queue-summary")


async def test_intake_to_resolution_without_the_mouse(console, session):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        assert isinstance(app.screen, IntakeScreen)
        form = app.screen.query_one(TicketForm)
        app.screen.query_one("#field-participant_name").value = "Ravi Kumar"
        app.screen.query_one("#field-email").value = "ravi@gmail.com"
        app.screen.query_one("#field-mobile").value = "+91 98103 47159"
        app.screen.query_one("#field-training_date").value = "25/11/2026"
        await pilot.pause()
        assert "MDO admin must register and approve" in text_of(app, "#verdict-email")
        assert "✓ 9810347159" in text_of(app, "#verdict-mobile")
        assert "register by" in text_of(app, "#verdict-training_date")
        assert form.is_dirty
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, TicketScreen)
        ticket = session.ticket(1)
        assert (ticket.participant_name, ticket.mobile, ticket.assignee) == ("Ravi Kumar", "9810347159", "asha")

        await pilot.press("ctrl+n")
        await pilot.press(*"called MDO")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [e.kind for e in session.history(1)][-1] == "note"

        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second outcome: referred to the MDO admin
        await pilot.press(*"gave nodal list")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        resolved = session.ticket(1)
        assert resolved.status == "resolved" and resolved.outcome == "referred-mdo"
        assert resolved.handle_seconds is not None

        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        assert "No tickets waiting" in text_of(app, "#queue-summary")


async def test_half_filled_form_survives_switching_screens(console):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        app.screen.query_one("#field-participant_name").value = "Sita Devi"
        await pilot.press("f3")
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("f4")
        assert app.screen.query_one("#field-participant_name").value == "Sita Devi"


async def test_draft_survives_a_restart(console, session):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        app.screen.query_one("#field-participant_name").value = "Sita Devi"
        app.screen.query_one("#field-email").value = "sita@nic.in"
        await pilot.pause(1.3)  # the draft is saved a second after the last keystroke
        await settle(app, pilot)
    assert session.load_draft()[1]["participant_name"] == "Sita Devi"

    again = console()
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(again, pilot)
        await pilot.press("f4")
        await settle(again, pilot)
        assert again.screen.query_one("#field-email").value == "sita@nic.in"
        assert "Restored the form" in text_of(again, "#intake-notice")


async def test_invalid_fields_are_marked_and_nothing_is_lost(console, session):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        app.screen.query_one("#field-participant_name").value = "Ravi"
        app.screen.query_one("#field-mobile").value = "12345"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert "Not saved: mobile" in text_of(app, "#intake-notice")
        assert "✗" in text_of(app, "#verdict-mobile")
        assert app.screen.query_one("#field-mobile").value == "12345"
    assert session.queue_count(tickets.QueueFilter()) == 0


async def test_participant_text_is_shown_literally(console, session):
    session.create_ticket({"participant_name": "[bold red]X[/] [@click=app.quit]y[/]",
                           "question": "\x1b]0;pwned\x07 hello"}, claim=False)
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        # The queue's Target column (issue 5) leaves the name 17 cells at 120 columns.
        assert any("[bold red]X[/] [" in line for line in table_lines(app))
        await pilot.press("enter")
        await settle(app, pilot)
        assert "[bold red]X[/]" in text_of(app, "#ticket-header")
        assert app.is_running  # no markup action ran


async def test_queue_refreshes_when_another_agent_adds_a_ticket(console, session):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        # Another agent's console (another connection) logs a participant.
        import threading

        worker = threading.Thread(target=lambda: session.create_ticket({"participant_name": "Farid"}, claim=False))
        worker.start()
        worker.join()
        await pilot.pause(1.5)
        await settle(app, pilot)
        assert any("Farid" in line for line in table_lines(app))


async def test_stale_save_of_other_fields_keeps_both_changes(console, session):
    """A colleague saved another field meanwhile: nothing to choose, both changes stand."""
    session.create_ticket({"participant_name": "Gita"}, claim=True)
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        app.screen.query_one("#field-mobile").value = "9876543210"
        await pilot.pause()
        import threading

        worker = threading.Thread(target=lambda: tickets.update(session.store, 1, {"question": "by bala"}, "bala",
                                                                expected_version=1))
        worker.start()
        worker.join()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await settle(app, pilot)
        assert session.ticket(1).mobile == "9876543210"
        assert session.ticket(1).question == "by bala"
        assert app.screen.query_one("#field-question").text == "by bala"


async def test_closed_desk_refuses_a_teams_session_and_says_when_it_opens(store):
    from datetime import datetime

    from helpdesk.clock import IST
    from helpdesk.console.session import AgentSession

    saturday = datetime(2026, 11, 28, 11, 0, tzinfo=IST)
    session = AgentSession(store=store, agent="asha", now=lambda: saturday)
    from helpdesk.console.app import HelpdeskApp

    app = HelpdeskApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert "CLOSED · weekend" in text_of(app, "#desk-state")
        await pilot.press("f4")
        await settle(app, pilot)
        assert "Teams sessions start again Mon 30 Nov 09:00 IST" in text_of(app, "#intake-notice")
        app.screen.query_one("#field-participant_name").value = "Ravi"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Not saved: the desk is closed" in text_of(app, "#intake-notice")
        assert app.screen.query_one("#field-participant_name").value == "Ravi"  # kept
        await pilot.press("ctrl+o")
        await pilot.press(*"exam monday")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "only supervisors may start a live session" in text_of(app, "#intake-notice")
    assert session.queue_count(tickets.QueueFilter()) == 0
