"""Screen snapshots (pytest-textual-snapshot) at 120x36 and 80x24, on fixed data and a frozen clock.

Review the report (snapshot_report.html) before accepting changes with --snapshot-update.
"""

from datetime import timedelta

import pytest

from helpdesk import tickets
from helpdesk.console.app import HelpdeskApp

from helpers.frozen import FROZEN_NOW
from helpers.console import settle

SIZES = [(120, 36), (80, 24)]


@pytest.fixture
def desk_app(session):
    """The console with a small, realistic queue."""
    store = session.store

    def add(name, minutes_ago, **fields):
        return tickets.create(store, {"participant_name": name, **fields}, "asha",
                              at=FROZEN_NOW - timedelta(minutes=minutes_ago))

    add("Ravi Kumar", 95, email="ravi@gmail.com", ministry="D/o Posts", category="mdo-approval",
        training_date="2026-11-24", question="Registered a week ago, access still pending.")
    add("Sunita Sharma", 40, email="sunita.s@mha.gov.in", ministry="D/o Home", category="otp",
        training_date="2026-11-28", question="OTP does not arrive on my mobile.")
    add("[bold red]Injected[/] name", 25, category="other")
    add("Abdul Rahman", 10, email="a.rahman@nic.in", ministry="M/o Railways", category="certificate",
        training_date="2026-12-15")
    tickets.claim(store, 2, "bala", at=FROZEN_NOW - timedelta(minutes=30))
    return HelpdeskApp(session)


async def ready(pilot) -> None:
    """Workers done, and no blinking cursor to make two runs differ."""
    from textual.widgets import Input, TextArea

    await settle(pilot.app, pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


class TestQueue:
    @pytest.mark.parametrize("size", SIZES)
    def test_queue(self, snap_compare, desk_app, size):
        assert snap_compare(desk_app, terminal_size=size, run_before=ready)

    @pytest.mark.parametrize("size", SIZES)
    def test_empty_queue_says_what_to_do(self, snap_compare, session, size):
        assert snap_compare(HelpdeskApp(session), terminal_size=size, run_before=ready)


class TestIntake:
    @pytest.mark.parametrize("size", SIZES)
    def test_intake_with_live_verdicts(self, snap_compare, desk_app, size):
        async def fill(pilot):
            await ready(pilot)
            await pilot.press("f4")
            screen = pilot.app.screen
            screen.query_one("#field-participant_name").value = "Meena Iyer"
            screen.query_one("#field-email").value = "meena@gmail.com"
            screen.query_one("#field-mobile").value = "+91 98450 12345"
            screen.query_one("#ministry-query").value = "rly board"
            screen.query_one("#field-training_date").value = "27/11/2026"
            await ready(pilot)

        assert snap_compare(desk_app, terminal_size=size, run_before=fill)


class TestTicketView:
    @pytest.mark.parametrize("size", SIZES)
    def test_ticket_view(self, snap_compare, desk_app, size):
        async def open_first(pilot):
            await ready(pilot)
            await pilot.press("enter")
            await ready(pilot)

        assert snap_compare(desk_app, terminal_size=size, run_before=open_first)


class TestPanels:
    @pytest.mark.parametrize("size", SIZES)
    def test_lookup_panel(self, snap_compare, desk_app, size):
        async def look(pilot):
            await ready(pilot)
            await pilot.press("f2", *"law")
            await ready(pilot)

        assert snap_compare(desk_app, terminal_size=size, run_before=look)

    @pytest.mark.parametrize("size", SIZES)
    def test_reply_picker(self, snap_compare, desk_app, size):
        async def replies(pilot):
            await ready(pilot)
            await pilot.press("enter")
            await ready(pilot)
            await pilot.press("f9")
            await ready(pilot)

        assert snap_compare(desk_app, terminal_size=size, run_before=replies)

    @pytest.mark.parametrize("size", SIZES)
    def test_help(self, snap_compare, desk_app, size):
        async def show_help(pilot):
            await ready(pilot)
            await pilot.press("f1")
            await ready(pilot)

        assert snap_compare(desk_app, terminal_size=size, run_before=show_help)
