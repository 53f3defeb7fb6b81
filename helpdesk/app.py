"""The agent console: the one module of the core that builds the Textual App.

It wires the session (store, agent, clock) to the screens, watches the database for other
agents' changes, and offers every key binding of the current screen in the command palette.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import partial
from importlib.resources import files
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal

from . import clock
from .session import AgentSession

if TYPE_CHECKING:
    from .cli.context import DeskContext

# How often to ask SQLite whether another connection committed (PRAGMA data_version is a
# read of shared memory: it costs microseconds and no disk I/O).
WATCH_INTERVAL_SECONDS = 1.0
# The handover reminder checks the desk's closing time once a minute (a cheap read).
REMINDER_CHECK_SECONDS = 60


class HelpdeskApp(App[None]):
    TITLE = "helpdesk"
    CSS_PATH = str(files("helpdesk.screens").joinpath("app.tcss"))
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("f3", "switch_mode('queue')", "Queue", id="app.queue"),
        Binding("f4", "switch_mode('intake')", "New ticket", id="app.intake"),
        Binding("f5", "switch_mode('dashboard')", "Dashboard", id="app.dashboard"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(self, session: AgentSession) -> None:
        super().__init__()
        self.session = session
        self.db_changed: Signal[None] = Signal(self, "db-changed")
        # Edits typed into a ticket view and not saved when the agent left it, by ticket id.
        self.unsaved_edits: dict[int, dict[str, object]] = {}

    def on_mount(self) -> None:
        from helpdesk.screens.intake import IntakeScreen
        from helpdesk.screens.queue import QueueScreen

        self.add_mode("queue", QueueScreen)
        self.add_mode("intake", IntakeScreen)
        self.switch_mode("queue")
        self.watch_database()
        self.start_reports()

    @work(thread=True, group="db-watch", exit_on_error=False)
    def watch_database(self) -> None:
        """Tell the screens when any other connection (another agent, a script) commits."""
        worker = get_current_worker()
        session = self.session
        last_seen = session.data_version()
        # The app cancels its workers on exit; a thread can only notice by looking.
        while not worker.is_cancelled:
            time.sleep(WATCH_INTERVAL_SECONDS)
            current = session.data_version()
            if current != last_seen:
                last_seen = current
                self.call_from_thread(self.db_changed.publish, None)

    # -- Reports (issue 5): the dashboard mode and the end-of-day handover reminder -------
    def start_reports(self) -> None:
        from helpdesk.screens.dashboard import DashboardScreen

        self.add_mode("dashboard", DashboardScreen)
        self._reminded_on = None
        self.remind_before_closing()
        self.set_interval(REMINDER_CHECK_SECONDS, self.remind_before_closing)

    @work(thread=True, group="handover-reminder", exclusive=True, exit_on_error=False)
    def remind_before_closing(self) -> None:
        """Once a day, from half an hour before closing: suggest writing the handover."""
        today = self.session.now().date()
        if self._reminded_on == today:
            return
        message = self.session.closing_reminder()
        if message:
            self._reminded_on = today
            self.call_from_thread(self.notify, message, title="End of day", timeout=30, markup=False)

    def action_help(self) -> None:
        from helpdesk.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every binding of the screen in the palette, so nothing is reachable only by key."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"{binding.tooltip or binding.description} ({self.get_key_display(binding)})",
                partial(self.run_action, binding.action, active.node),
            )


def run_console(desk: DeskContext) -> int:
    app = HelpdeskApp(AgentSession(store=desk.store, agent=desk.agent, now=clock.now))
    app.run()
    return app.return_code or 0
