"""What the console does before its first screen is up, and what it leaves for after."""

from __future__ import annotations

import subprocess
import sys

from helpdesk.screens.widgets.ticket_table import TicketTable

from helpers.console import settle

# Code the first screen does not use: the dashboard and its reports, the intake form, the
# escalation path, the click command group. Importing any of them would delay the queue.
NOT_BEFORE_THE_FIRST_SCREEN = (
    "helpdesk.screens.dashboard", "helpdesk.reports.figures", "helpdesk.screens.intake",
    "helpdesk.escalation.escalations", "helpdesk.escalation.outbox", "helpdesk.cli.group", "email_validator",
)

PROBE = """
import sys
from helpdesk import clock
from helpdesk.console.app import HelpdeskApp
from helpdesk.cli.context import DeskContext
from helpdesk.screens.widgets.ticket_table import TicketTable
from helpdesk.console.session import AgentSession

class Probe(HelpdeskApp):
    def on_ready(self):
        self.set_interval(0.001, self.check)

    def check(self):
        tables = self.screen.query(TicketTable)
        if tables and tables.first().generation:
            print(" ".join(name for name in sys.argv[2:] if name in sys.modules))
            self.exit()

desk = DeskContext.from_options(db_path=sys.argv[1], agent="asha")
Probe(AgentSession(store=desk.store, agent=desk.agent, now=clock.now)).run(headless=True)
"""


def test_the_first_screen_imports_only_what_it_shows(db_path):
    result = subprocess.run([sys.executable, "-c", PROBE, str(db_path), *NOT_BEFORE_THE_FIRST_SCREEN],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == ""


async def test_background_work_starts_after_the_first_rows_are_shown(console, session):
    session.create_ticket({"participant_name": "Meera Iyer"}, claim=False)
    app = console()
    seen = []
    start_background = app.start_background

    def start() -> None:
        table = app.screen.query_one(TicketTable)
        seen.append((table.total, table.current is not None))
        start_background()

    app.start_background = start
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert app.lookup is not None  # and it did start
    assert seen == [(1, True)]


async def test_the_queue_is_read_once_at_start(console, monkeypatch):
    # Showing the first screen also "resumes" it; reading the queue a second time then
    # would compete with the first read on two cores.
    from helpdesk.console.session import AgentSession

    read = []
    page = AgentSession.queue_page
    monkeypatch.setattr(AgentSession, "queue_page", lambda self, *args: read.append(args) or page(self, *args))
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
    assert len(read) == 1
