"""The home screen: every participant who asked, most urgent first."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Input, Static

from helpdesk.errors import HelpdeskError
from helpdesk.tickets import QueueFilter, Ticket

from .base import DeskScreen, run_db
from .widgets.desk_bar import DeskBar
from .widgets.ticket_table import TicketTable

SCOPE_LABELS = {"all": "all agents", "mine": "mine", "unassigned": "unassigned"}


class QueueScreen(DeskScreen):
    BINDINGS = [
        Binding("n", "new_ticket", "New", id="queue.new"),
        Binding("slash", "focus_search", "Search", id="queue.search"),
        Binding("c", "claim", "Claim", id="queue.claim"),
        Binding("x", "claim_next", "Take next", id="queue.claim_next"),
        Binding("m", "scope('mine')", "Mine", show=False, id="queue.mine"),
        Binding("u", "scope('unassigned')", "Unassigned", show=False, id="queue.unassigned"),
        Binding("a", "scope('all')", "All agents", show=False, id="queue.all"),
        Binding("f", "filters", "Filters", id="queue.filters"),
        Binding("escape", "focus_table", "Back to list", show=False, id="queue.focus_table"),
    ]

    queue_filter: reactive[QueueFilter] = reactive(QueueFilter, init=False)

    def compose(self) -> ComposeResult:
        yield DeskBar("queue")
        with Horizontal(id="queue-controls"):
            yield Input(placeholder="/ search names, e-mail, mobile, ministry, question…",
                        id="queue-search", compact=True)
            yield Static(id="queue-filters")
        yield Static(id="queue-summary")
        yield TicketTable(id="queue-table")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.queue_filter = QueueFilter(agent=self.session.agent)
        self.desk_app.db_changed.subscribe(self, lambda _: self.reload(keep_cursor=True))
        self.set_interval(60, self._tick)
        self.query_one(TicketTable).focus()

    def on_screen_resume(self) -> None:
        # Back from a ticket or the intake form: show what the agent just did at once,
        # not after the next database-watch tick.
        if self.is_mounted and self.query(TicketTable) and self.query_one(TicketTable).generation:
            self.reload(keep_cursor=True)  # (generation 0: the first load is still on its way)

    # Loading -----------------------------------------------------------------------
    def watch_queue_filter(self, query: QueueFilter) -> None:
        self.query_one("#queue-filters", Static).update(Content(
            f"m/u/a: {SCOPE_LABELS[query.scope]} · "
            + ("active" if query.statuses is None else "/".join(query.statuses))
            + (f" · {query.category}" if query.category else "")
            + (f" · {query.ministry}" if query.ministry else "")
        ))
        self.reload()

    def reload(self, keep_cursor: bool = False) -> None:
        query = self.queue_filter
        self._load_rep_names()
        run_db(self, lambda: self.session.queue_count(query),
               lambda total: self._show_total(query, total, keep_cursor),
               group="queue-count", exclusive=True)

    def _load_rep_names(self) -> None:
        table = self.query_one(TicketTable)

        def show(names: dict[str, str]) -> None:
            table.rep_names = names
            table.refresh()

        run_db(self, self.session.rep_names, show, group="rep-names", exclusive=True)

    def _show_total(self, query: QueueFilter, total: int, keep_cursor: bool) -> None:
        if query != self.queue_filter:
            return  # the agent has typed on since; a newer count is on its way
        table = self.query_one(TicketTable)
        table.now = self.session.now()
        table.reset(total, keep_cursor=keep_cursor)
        summary = self.query_one("#queue-summary", Static)
        if total:
            summary.update(Content(f"{total:,} ticket{'s' if total != 1 else ''}"
                                   "  ·  Enter open · c claim · x take next · n new"))
        elif query == QueueFilter(agent=self.session.agent):
            summary.update(Content("No tickets waiting. Press n (or F4) to log the participant "
                                   "you are talking to; F2 finds a ministry's KB representative."))
        else:
            summary.update(Content("No tickets match. Press a for all agents, or clear the search."))

    @on(TicketTable.WindowNeeded)
    def _load_window(self, message: TicketTable.WindowNeeded) -> None:
        query, table = self.queue_filter, self.query_one(TicketTable)
        run_db(self, lambda: self._window_with_marks(query, message.offset, message.limit),
               lambda loaded: table.fill(message.offset, loaded[0], message.generation,
                                         target_marks=loaded[1]),
               group="queue-window")

    def _window_with_marks(self, query: QueueFilter, offset: int, limit: int):
        """The rows, and their near/past-target marks (worker thread)."""
        rows = self.session.queue_window(query, offset, limit)
        try:
            marks = self.session.target_marks(rows)
        except HelpdeskError as error:  # a wrong [sla] setting must not empty the queue
            self.app.call_from_thread(self.notify, f"Targets not shown: {error}",
                                      severity="warning", markup=False)
            marks = {}
        return rows, marks

    def _tick(self) -> None:
        """Waiting times and urgency bands move with the clock."""
        table = self.query_one(TicketTable)
        table.now = self.session.now()
        table.refresh()

    # Actions -----------------------------------------------------------------------
    @on(Input.Changed, "#queue-search")
    def _search(self, event: Input.Changed) -> None:
        self.queue_filter = replace(self.queue_filter, search=event.value)

    @on(Input.Submitted, "#queue-search")
    def _search_done(self) -> None:
        self.query_one(TicketTable).focus()

    @on(TicketTable.Selected)
    def _open(self, message: TicketTable.Selected) -> None:
        self.open_ticket(message.ticket)

    def open_ticket(self, ticket: Ticket) -> None:
        from .ticket import TicketScreen

        self.app.push_screen(TicketScreen(ticket.id))

    def action_new_ticket(self) -> None:
        self.app.switch_mode("intake")

    def action_focus_search(self) -> None:
        self.query_one("#queue-search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one(TicketTable).focus()

    def action_scope(self, scope: str) -> None:
        self.queue_filter = replace(self.queue_filter, scope=scope)

    def action_claim(self) -> None:
        ticket = self.query_one(TicketTable).current
        if ticket is None:
            return
        run_db(self, lambda: self.session.claim(ticket.id),
               lambda claimed: self.notify(f"You have #{claimed.id} ({claimed.participant_name})"))

    def action_claim_next(self) -> None:
        def done(ticket: Ticket | None) -> None:
            if ticket is None:
                self.notify("No unclaimed tickets.")
            else:
                self.open_ticket(ticket)

        run_db(self, self.session.claim_next, done)

    def action_filters(self) -> None:
        from .filters import FilterModal

        def apply(chosen: QueueFilter | None) -> None:
            if chosen is not None:
                self.queue_filter = chosen

        self.app.push_screen(FilterModal(self.queue_filter), apply)
