"""The console as it is used all day: keys land where they were typed, navigation never piles
screens up, nothing typed is lost, and a colleague's save is never overwritten unasked."""

from __future__ import annotations

import gc

from textual import events
from textual.keys import _character_to_key

from helpdesk import tickets
from helpdesk.tickets.presence import PresenceBoard
from helpdesk.screens.conflict_modal import ConflictModal
from helpdesk.screens.go_to_modal import GoToModal
from helpdesk.screens.intake import IntakeScreen
from helpdesk.screens.queue import QueueScreen
from helpdesk.screens import ticket_view
from helpdesk.screens.ticket import TicketScreen
from helpdesk.screens.widgets.desk_footer import DeskFooter

from helpers.console import settle

from helpers.frozen import FROZEN_NOW


def send_at_once(app, keys: list[str]) -> None:
    """Keys as a terminal delivers them when typed faster than the app handles them: all queued
    before the first is handled (Pilot.press would wait for each one)."""
    for key in keys:
        if len(key) == 1:  # a character: named as the terminal driver names it
            event = events.Key(key if key.isalnum() else _character_to_key(key), key)
        else:
            event = events.Key(key, None)
        event.set_sender(app)
        app._driver.send_message(event)


def typed(text: str) -> list[str]:
    return list(text)


async def open_intake(app, pilot) -> IntakeScreen:
    await settle(app, pilot)
    await pilot.press("n")
    await settle(app, pilot)
    assert isinstance(app.screen, IntakeScreen)
    return app.screen


async def test_keys_typed_right_after_tab_land_in_the_next_field(console):
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        send_at_once(app, [*typed("Sunita Sharma"), "tab", *typed("sunita.kv@gmail.com"), "tab",
                           *typed("9845098450"), "tab", *typed("dak vibhag"), "tab", *typed("14/12/2026")])
        for _ in range(5):
            await settle(app, pilot)
        assert screen.query_one("#field-participant_name").value == "Sunita Sharma"
        assert screen.query_one("#field-email").value == "sunita.kv@gmail.com"
        assert screen.query_one("#field-mobile").value == "9845098450"
        assert screen.query_one("#ministry-query").value == "dak vibhag"
        assert screen.query_one("#field-training_date").value == "14/12/2026"


async def test_a_key_after_a_screen_change_lands_on_the_new_screen(console):
    """n opens the intake form; the name typed right behind it goes into its first field."""
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        send_at_once(app, ["n", *typed("Anil Verma")])
        for _ in range(5):
            await settle(app, pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#field-participant_name").value == "Anil Verma"


async def test_saving_a_new_ticket_replaces_the_intake_and_esc_goes_to_the_queue(console, session):
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(app, pilot)
        screen.query_one("#field-participant_name").value = "Ravi Kumar"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, TicketScreen) and app.screen.ticket_id == 1
        assert app.screen.ticket is not None and app.screen.ticket.participant_name == "Ravi Kumar"
        assert [type(s) for s in app.screen_stack] == [QueueScreen, TicketScreen]
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen) and len(app.screen_stack) == 1


async def test_the_ticket_view_is_built_while_the_agent_pauses_and_the_first_save_uses_it(
        console, session, db_path, monkeypatch):
    monkeypatch.setattr(ticket_view, "FIRST_TRY_SECONDS", 0.05)
    monkeypatch.setattr(ticket_view, "QUIET_SECONDS", 0.0)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.pause(0.3)
        built = app.ticket_view.screen
        assert built is not None and built.ticket_id is None
        assert built.query_one("#ticket-header") is not None  # composed and mounted, off the stack
        assert [type(s) for s in app.screen_stack] == [QueueScreen]
        assert PresenceBoard(db_path).viewers(at=FROZEN_NOW) == []  # open on nothing: says nothing
        screen = await open_intake(app, pilot)
        screen.query_one("#field-participant_name").value = "Ravi Kumar"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is built and built.ticket_id == 1
        assert built.ticket is not None and built.ticket.participant_name == "Ravi Kumar"


async def test_the_ticket_view_waits_while_the_agent_types(console, monkeypatch):
    monkeypatch.setattr(ticket_view, "FIRST_TRY_SECONDS", 0.05)
    monkeypatch.setattr(ticket_view, "RETRY_SECONDS", 0.05)
    monkeypatch.setattr(ticket_view, "QUIET_SECONDS", 60.0)  # never quiet long enough here
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.pause(0.3)
        assert app.ticket_view.screen is None


async def test_f3_from_a_ticket_is_the_queue_and_tickets_never_pile_up(console, session, db_path):
    for name in ("Gita", "Hari", "Ira"):
        session.create_ticket({"participant_name": name}, claim=False)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for ticket_id in (1, 2, 3):
            app.open_ticket(ticket_id)
            await settle(app, pilot)
        assert [type(s) for s in app.screen_stack] == [QueueScreen, TicketScreen]
        assert app.screen.ticket_id == 3
        assert app.recent_tickets == [3, 2, 1]
        await pilot.press("f3")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        leaving = [w for w in app.workers if w.group == "presence-leave" and not w.is_finished]
        if leaving:
            await app.workers.wait_for_complete(leaving)
        # Presence says only what is open: nothing, now.
        assert PresenceBoard(db_path).viewers(at=FROZEN_NOW) == []


async def test_go_to_opens_a_recent_ticket_or_one_by_number(console, session):
    for name in ("Gita", "Hari"):
        session.create_ticket({"participant_name": name}, claim=False)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_ticket(1)
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        assert isinstance(app.screen, GoToModal)
        await pilot.press("2", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TicketScreen) and app.screen.ticket_id == 2
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press("9", "9", "enter")  # no such ticket: said, and the dialog stays
        await settle(app, pilot)
        assert isinstance(app.screen, GoToModal)
        await pilot.press("backspace", "backspace", "down", "enter")  # the recent list: #2 first
        await settle(app, pilot)
        assert isinstance(app.screen, TicketScreen) and app.screen.ticket_id == 2
        assert len(app.screen_stack) == 2


async def show_ticket(app, pilot, ticket_id: int) -> None:
    await settle(app, pilot)
    app.open_ticket(ticket_id)
    await settle(app, pilot)


async def test_unsaved_ticket_edits_survive_quitting_at_once(console, session):
    session.create_ticket({"participant_name": "Gita"}, claim=True)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await show_ticket(app, pilot, 1)
        app.screen.query_one("#field-mobile").focus()
        await pilot.press(*"9876543210")
        await pilot.press("ctrl+q")  # well inside the draft's one-second delay
        await pilot.pause()
    assert session.load_ticket_draft(1) == (1, {"mobile": "9876543210"})
    assert session.ticket(1).mobile == ""  # kept, not saved

    again = console()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        again.open_ticket(1)
        await settle(again, pilot)
        await settle(again, pilot)
        assert again.screen.query_one("#field-mobile").value == "9876543210"
        await pilot.press("ctrl+s")
        await settle(again, pilot)
    assert session.ticket(1).mobile == "9876543210"
    assert session.load_ticket_draft(1) is None


async def test_the_intake_form_typed_just_before_quitting_is_kept(console, session):
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_intake(app, pilot)
        await pilot.press(*"Meena Iyer")
        await pilot.press("ctrl+q")  # before the draft's one-second delay is up
        await pilot.pause()
    saved_at, fields = session.load_draft()
    assert fields["participant_name"] == "Meena Iyer"


async def test_esc_in_a_field_restores_it_and_f7_reverts_the_ticket(console, session):
    session.create_ticket({"participant_name": "Gita", "mobile": "9845098450"}, claim=True)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_ticket(1)
        await settle(app, pilot)
        screen = app.screen
        name = screen.query_one("#field-participant_name")
        name.focus()
        await pilot.press("tab")  # into the e-mail field; then into the mobile: nothing selected
        await pilot.press("tab")
        await pilot.press("1")
        mobile = screen.query_one("#field-mobile")
        assert mobile.value == "98450984501"  # one key added, the number not replaced
        await pilot.press("escape")
        await settle(app, pilot)
        assert mobile.value == "9845098450" and app.screen is screen  # restored, still here
        await pilot.press("7")
        screen.query_one("#field-participant_name").value = "Gita Rao"
        await settle(app, pilot)
        await pilot.press("f7")
        await settle(app, pilot)
        await pilot.press("down", "enter")  # "Revert to saved"
        await settle(app, pilot)
        assert name.value == "Gita" and mobile.value == "9845098450"
        await pilot.press("escape")  # nothing to undo in the field: back to the queue
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)


def colleague_sets(session, changes: dict) -> None:
    import threading

    worker = threading.Thread(target=lambda: tickets.update(session.store, 1, changes, "bala", expected_version=1))
    worker.start()
    worker.join()


async def _conflict(console, session, pilot_keys: list[str], check=lambda app: None):
    session.create_ticket({"participant_name": "Gita"}, claim=True)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await show_ticket(app, pilot, 1)
        app.screen.query_one("#field-mobile").value = "9876543210"
        app.screen.query_one("#field-participant_name").value = "Gita Rao"
        await pilot.pause()
        colleague_sets(session, {"mobile": "9123456789"})
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictModal)
        assert app.screen.conflicts == ["mobile"]  # the name: only mine changed it
        assert session.ticket(1).mobile == "9123456789"  # nothing saved over theirs yet
        await pilot.press(*pilot_keys)
        await settle(app, pilot)
        await settle(app, pilot)
        check(app)


async def test_a_colleagues_save_opens_the_choice_and_theirs_can_be_taken(console, session):
    await _conflict(console, session, ["t", "ctrl+s"])
    ticket = session.ticket(1)
    assert (ticket.mobile, ticket.participant_name) == ("9123456789", "Gita Rao")


async def test_keeping_mine_or_flipping_one_field_saves_that_choice(console, session):
    await _conflict(console, session, ["enter", "enter", "ctrl+s"])  # flipped to theirs and back
    ticket = session.ticket(1)
    assert (ticket.mobile, ticket.participant_name) == ("9876543210", "Gita Rao")


async def test_cancelling_the_choice_saves_nothing_and_keeps_the_edits(console, session):
    def edits_still_there(app) -> None:
        assert isinstance(app.screen, TicketScreen)
        assert app.screen.query_one("#field-mobile").value == "9876543210"

    await _conflict(console, session, ["escape"], edits_still_there)
    assert session.ticket(1).mobile == "9123456789"


async def test_left_screens_and_footer_keys_are_freed(console, session):
    """A ticket view left behind is freed (Signal subscriptions, watcher lists, worker contexts)."""
    session.create_ticket({"participant_name": "Gita"}, claim=False)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for _ in range(12):
            app.open_ticket(1)
            await settle(app, pilot)
            for _ in range(4):
                await pilot.press("tab")  # focus changes rebuild the footer's keys
            await pilot.press("f3")
            await settle(app, pilot)
        gc.collect()
        alive = sum(isinstance(o, TicketScreen) for o in gc.get_objects())
        # A few may linger in the context of an idle worker thread (at most one per thread).
        assert alive <= 6
        footer = app.screen.query_one(DeskFooter)
        watchers = getattr(footer, "__watchers", {}).get("compact", [])
        for _ in range(3):
            await pilot.press("tab")
        await settle(app, pilot)
        footer = app.screen.query_one(DeskFooter)
        assert len(getattr(footer, "__watchers", {}).get("compact", [])) <= len(footer.children) + 1
        del watchers


def _footer_keys(app) -> list:
    from textual.widgets._footer import FooterKey

    return list(app.screen.query_one(DeskFooter).query(FooterKey))


async def test_the_footer_keeps_its_keys_when_a_focus_change_shows_the_same_ones(console):
    """Tab through the form: the same keys stay (no rebuild); a screen with other keys gets them."""
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        queue_keys = {key.description for key in _footer_keys(app)}
        await open_intake(app, pilot)
        before = _footer_keys(app)
        assert before and {key.description for key in before} != queue_keys
        for _ in range(3):
            await pilot.press("tab")
            await settle(app, pilot)
        assert _footer_keys(app) == before  # the very same widgets: nothing was rebuilt
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        assert {key.description for key in _footer_keys(app)} == queue_keys
