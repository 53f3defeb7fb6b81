"""The agent console: the one module of the core that builds the Textual App.

It wires the session (store, agent, clock) to the screens, watches the database for other
agents' changes, and offers every key binding of the current screen in the command palette.
"""

from __future__ import annotations

import asyncio
import contextvars
import importlib
import time
from collections.abc import Iterable
from functools import partial
from importlib.resources import files
from typing import TYPE_CHECKING

from textual import events, work
from textual.worker import active_worker, get_current_worker
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.binding import Binding
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from helpdesk import clock
from helpdesk.screens.idle_collection import IdleCollector
from helpdesk.screens.key_order import KeysInOrder
from helpdesk.screens.ticket_view import NAME as TICKET_VIEW, OneTicketView
from helpdesk.screens.watchers import drop_stale_watchers
from helpdesk.hours.status import DeskStatus
from helpdesk.console.session import AgentSession
from helpdesk.text import clean

if TYPE_CHECKING:
    from helpdesk.cli.context import DeskContext
    from helpdesk.directory.lookup import Lookup

# How often to ask SQLite whether another connection committed (PRAGMA data_version is a
# read of shared memory: it costs microseconds and no disk I/O).
WATCH_INTERVAL_SECONDS = 1.0
# The desk state line counts down in minutes; refreshing twice a minute keeps it exact.
DESK_STATE_INTERVAL_SECONDS = 30
# Removed widgets' watchers on the app are dropped this often (see screens/watchers.py).
STALE_WATCHERS_INTERVAL_SECONDS = 20
# How many recently opened tickets F6 offers.
RECENT_TICKETS = 15
# The handover reminder checks the desk's closing time once a minute (a cheap read).
REMINDER_CHECK_SECONDS = 60
# Background work waits for the first screen's reads, but never longer than this.
BACKGROUND_WAIT_LIMIT_SECONDS = 3.0


class HelpdeskApp(KeysInOrder, App[None]):
    TITLE = "helpdesk"
    CSS_PATH = str(files("helpdesk.screens").joinpath("app.tcss"))
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("f2", "lookup", "Lookup", id="app.lookup", priority=True),
        Binding("f3", "queue", "Queue", id="app.queue"),
        Binding("f4", "switch_mode('intake')", "New ticket", id="app.intake"),
        Binding("f5", "switch_mode('dashboard')", "Dashboard", id="app.dashboard"),
        Binding("f6", "go_to", "Go to #", id="app.go_to", tooltip="A recent ticket, or any ticket by number"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    # Open or closed, and why: every screen's DeskBar shows it; intake obeys it.
    desk_status: var[DeskStatus | None] = var(None)

    def __init__(self, session: AgentSession) -> None:
        super().__init__()
        self.session = session
        self.db_changed: Signal[None] = Signal(self, "db-changed")
        # The in-memory directory search, built in a worker at start (None until then).
        self.lookup: Lookup | None = None
        # Tickets this agent opened, most recent first (F6 lists them).
        self.recent_tickets: list[int] = []
        self.collector = IdleCollector()  # full garbage collections while no key comes
        self.ticket_view = OneTicketView(self, self.collector.seconds_since_key)
        self._outbox_sender = None  # the running OutboxSender, once it has started

    def on_mount(self) -> None:
        from helpdesk.screens.queue import QueueScreen

        self.add_mode("queue", QueueScreen)
        # The intake form (and its validators) is imported when first opened, not at start.
        self.add_mode("intake", _intake_screen)
        self.switch_mode("queue")
        self.watch_database()
        self.refresh_desk_status()
        self.set_interval(DESK_STATE_INTERVAL_SECONDS, self.refresh_desk_status)
        # Widgets that watched the app (every TextArea watches its theme) and are gone.
        self.set_interval(STALE_WATCHERS_INTERVAL_SECONDS, partial(drop_stale_watchers, self))
        self.collector.start(self)
        self.db_changed.subscribe(self, lambda _: self.refresh_desk_status(reload=True))
        self.start_reports()

    def on_unmount(self) -> None:
        self.collector.stop()

    def on_ready(self) -> None:
        self.start_background_when_idle()

    @work(group="background-start", exit_on_error=False)
    async def start_background_when_idle(self) -> None:
        """Start background work once the first screen has shown its rows.

        On two cores, building the lookup, importing httpx for the outbox and checking the
        closing time would compete (one GIL) with the first screen's reads, which chain
        (count, then rows): wait until the screen has had no worker for a few ticks.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + BACKGROUND_WAIT_LIMIT_SECONDS
        quiet_ticks = 0
        while quiet_ticks < 3 and loop.time() < deadline:
            pending = [worker for worker in self.workers
                       if worker.node is self.screen and not worker.is_finished]
            if pending:
                quiet_ticks = 0
                await self.workers.wait_for_complete(pending)
            else:
                quiet_ticks += 1
            await asyncio.sleep(0.01)
        self.start_background()

    def start_background(self) -> None:
        """Work the first screen does not show: the lookup, the outbox, the handover reminder."""
        self.send_outbox()
        self.load_lookup()
        self.db_changed.subscribe(self, lambda _: self.load_lookup())
        self.remind_before_closing()
        self.set_interval(REMINDER_CHECK_SECONDS, self.remind_before_closing)
        self.ticket_view.build_ahead()

    @work(thread=True, group="lookup-load", exclusive=True, exit_on_error=False)
    def load_lookup(self) -> None:
        """Build the ministry lookup from the directory (cached: cheap when nothing changed)."""
        from helpdesk.directory.lookup import Lookup

        lookup = Lookup.from_store(self.session.store)
        self.call_from_thread(setattr, self, "lookup", lookup)

    @work(thread=True, group="desk-status", exclusive=True, exit_on_error=False)
    def refresh_desk_status(self, reload: bool = False) -> None:
        """Recompute the desk state; ``reload`` re-reads holidays (someone may have imported)."""
        status = self.session.desk_status(reload=reload)
        self.call_from_thread(setattr, self, "desk_status", status)

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
        # The dashboard (and the report code behind it) is imported when first opened.
        self.add_mode("dashboard", _dashboard_screen)
        self._reminded_on = None

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

    def action_lookup(self) -> None:
        from helpdesk.screens.lookup_panel import AppliedMinistry, LookupPanel

        if isinstance(self.screen, LookupPanel):
            return
        target = self.screen
        apply = getattr(target, "apply_ministry", None)

        def applied(choice: AppliedMinistry | None) -> None:
            if choice is not None and apply is not None:
                apply(choice.query, choice.ministry)

        self.push_screen(LookupPanel(can_apply=apply is not None), applied)

    # Outbox: Teams posts for escalations, delivered in the background ----------------------
    @work(group="outbox", exclusive=True, exit_on_error=False)
    async def send_outbox(self) -> None:
        """Deliver queued escalation posts while the console runs (see helpdesk.escalation.outbox_sender).

        Async HTTP on the app's loop, database steps in threads: the UI never waits on the
        network. Quitting cancels it mid-post if need be; the message's lease runs out and
        the next sender (this console restarted, or `helpdesk outbox send`) posts it.
        """
        # Imported in a thread: httpx costs a noticeable moment, and the UI is already up.
        sending = await asyncio.to_thread(importlib.import_module, "helpdesk.escalation.outbox_sender")
        from helpdesk.escalation import delivery_settings
        from helpdesk.errors import HelpdeskError

        try:
            settings = await asyncio.to_thread(delivery_settings.load)
        except HelpdeskError as error:
            self.notify(f"Teams delivery is off: {error}", severity="warning", timeout=12)
            return
        if settings.webhook is None:
            return  # escalations still queue; the ticket view says no webhook is set
        self._outbox_sender = sending.OutboxSender(
            self.session.store, settings, owner=sending.sender_name(f"console-{self.session.agent}"),
            on_result=self._outbox_result)
        await self._outbox_sender.run(until_idle=False)

    def wake_outbox_sender(self) -> None:
        """A message was just queued: send it now rather than at the next poll."""
        if self._outbox_sender is not None:
            self._outbox_sender.wake.set()

    def _outbox_result(self, result) -> None:
        if result.outcome == "sent":
            self.notify(f"{result.notification_id} is in the Teams channel.", timeout=6)
        elif result.outcome == "failed":
            self.notify(f"{result.notification_id} was not delivered: {result.error}",
                        severity="error", timeout=15)

    def call_from_thread(self, callback, *args, **kwargs):
        """Run ``callback`` on the UI thread, without the worker thread's ``active_worker``.

        asyncio carries the calling thread's context variables into the callback, and a
        worker's thread has Textual's ``active_worker`` among them. A worker started from
        that callback (a reload after a save, the next window of rows) copies the context
        into its task, so it holds the previous worker, whose task holds the context before
        that: an unbounded chain of finished workers, each keeping the screen it ran for,
        with all its widgets, alive for the rest of the day.
        """
        context = contextvars.copy_context()
        context.run(active_worker.set, None)
        return context.run(super().call_from_thread, callback, *args, **kwargs)

    # User text is data (reliability) ------------------------------------------------
    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification as plain text, whatever the caller asked.

        Messages quote what participants and agents typed (names, ministries, refusals
        that repeat the input); as markup, "Ravi [/]" raised MarkupError and took the
        console down, and "[@click=app.quit]" became a live action in the toast.
        """
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False)

    async def on_event(self, event: events.Event) -> None:
        # Pasted text reaches inputs as is; text copied from a terminal or an e-mail can carry
        # escape sequences, which the input would echo to this terminal. Keep only the text.
        if isinstance(event, events.Paste) and not event.is_forwarded and clean(event.text) != event.text:
            event = events.Paste(clean(event.text))
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.collector.key_pressed()
            await self._route_key(event, super().on_event)  # one key at a time: screens/key_order.py
            return
        await super().on_event(event)

    # Navigation: the queue, with at most one ticket over it -----------------------------
    def open_ticket(self, ticket_id: int, shown=None) -> None:
        """Show ticket ``ticket_id`` over the queue, in place of any ticket shown there.

        The queue's stack is [queue] or [queue, ticket] (dialogs aside): going from ticket
        to ticket replaces, never piles up, so Esc and F3 always lead to the queue, and
        presence lists only the ticket on screen. ``shown`` is the ticket as just read or
        saved, shown without waiting for another read.
        """
        from helpdesk.screens.ticket import TicketScreen

        self.recent_tickets = [ticket_id, *(t for t in self.recent_tickets if t != ticket_id)][:RECENT_TICKETS]
        if self.current_mode != "queue":
            self.switch_mode("queue")
        top = self.screen_stack[-1]
        if isinstance(top, TicketScreen):  # one ticket to another: the view moves on
            top.leaving()
            top.show_ticket(ticket_id, shown)
            return
        self.ticket_view.show(ticket_id, shown)  # one view for the whole day (screens/ticket_view.py)
        self.push_screen(TICKET_VIEW)

    def action_queue(self) -> None:
        """F3 (and Esc on a ticket): the queue itself, whatever was over it."""
        from helpdesk.screens.ticket import TicketScreen

        if self.current_mode != "queue":
            self.switch_mode("queue")
        top = self.screen_stack[-1]
        if isinstance(top, TicketScreen):
            top.leaving()
            self.pop_screen()

    def action_go_to(self) -> None:
        from helpdesk.screens.go_to_modal import GoToModal

        if isinstance(self.screen, GoToModal):
            return

        def chosen(ticket_id: int | None) -> None:
            if ticket_id is not None:
                self.open_ticket(ticket_id)

        self.push_screen(GoToModal(self.recent_tickets), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Leaving by F3/F6 from a dialog would drop what it holds (a note half typed).
        if action in ("queue", "go_to") and isinstance(self.screen, ModalScreen):
            from helpdesk.screens.go_to_modal import GoToModal

            return isinstance(self.screen, GoToModal)
        return True

    async def action_quit(self) -> None:
        """Quit, after writing any edits not yet kept (ticket views and the intake form)."""
        jobs = [job for stack in self._screen_stacks.values() for screen in stack
                if (flush := getattr(screen, "flush_edits", None)) and (job := flush()) is not None]
        for job in jobs:
            try:
                await asyncio.to_thread(job)
            except Exception as error:  # noqa: BLE001 - say so, and stay open: nothing is lost
                self.notify(f"Could not keep your unsaved edits ({error}); not quitting.", severity="error")
                return
        self.exit()

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
                f"key {self.get_key_display(binding)}" + (f" — {binding.tooltip}" if binding.tooltip else ""),
                partial(self.run_action, binding.action, active.node),
            )


def _intake_screen() -> Screen:
    from helpdesk.screens.intake import IntakeScreen

    return IntakeScreen()


def _dashboard_screen() -> Screen:
    from helpdesk.screens.dashboard import DashboardScreen

    return DashboardScreen()


def run_console(desk: DeskContext) -> int:
    app = HelpdeskApp(AgentSession(store=desk.store, agent=desk.agent, now=clock.now))
    app.run()
    return app.return_code or 0
