"""The home screen: every participant who asked, most urgent first."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from textual import on
from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.widgets import Input, Static

from helpdesk.errors import HelpdeskError
from helpdesk.tickets import QueueFilter, Ticket
from helpdesk.tickets import queue as queue_rules
from helpdesk.tickets.queue import QueuePage

from .widgets.desk_footer import DeskFooter
from .base import DeskScreen, run_db
from .widgets.desk_bar import DeskBar
from .widgets.ticket_table import BLOCK, TicketTable

# How long rows show before their target marks are computed (see _load_marks).
MARKS_AFTER = 0.05
SCOPE_LABELS = {"all": "all agents", "mine": "mine", "unassigned": "unassigned"}


class SearchBox(Input):
    """The queue's search box: a keystroke repaints the box, not the whole screen.

    Input records its text's width as ``virtual_size``, and Textual lays the whole screen
    out again whenever a widget's virtual size changes: a repaint of every widget, in
    the same frame as the new rows. The box has a fixed size (1fr by one line, no
    scrollbar), so nothing around it can move; its own scrolling reads the size directly.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)


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

    # repaint=False: a reactive repaints its whole screen by default, every widget of it,
    # on every keystroke; the widgets that show the filter refresh themselves.
    queue_filter: reactive[QueueFilter] = reactive(QueueFilter, init=False, repaint=False)
    _load_number = 0  # counts reloads: only the newest one's answer is shown

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._said: dict[str, str] = {}  # what each line of text shows now

    def compose(self) -> ComposeResult:
        yield DeskBar("queue")
        with Horizontal(id="queue-controls"):
            yield SearchBox(placeholder="/ search names, e-mail, mobile, ministry, question…",
                        id="queue-search", compact=True)
            yield Static(id="queue-filters")
        yield Static(id="queue-summary")
        yield TicketTable(id="queue-table")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        self.queue_filter = QueueFilter(agent=self.session.agent)
        self.on_database_change(lambda: self.reload(keep_cursor=True))
        self.set_interval(60, self._tick)
        self.query_one(TicketTable).focus()

    def on_screen_resume(self) -> None:
        # Back from a ticket or the intake form: show what the agent just did at once,
        # not after the next database-watch tick.
        if self.is_mounted and self.query(TicketTable) and self.query_one(TicketTable).generation:
            self.reload(keep_cursor=True)  # (generation 0: the first load is still on its way)

    # Loading -----------------------------------------------------------------------
    def watch_queue_filter(self, query: QueueFilter) -> None:
        self._say("#queue-filters", f"m/u/a: {SCOPE_LABELS[query.scope]} · "
                  + _statuses_label(query.statuses)
                  + (f" · {query.category}" if query.category else "")
                  + (f" · {query.ministry}" if query.ministry else ""))
        self.reload()

    def _say(self, selector: str, text: str) -> None:
        """Show ``text`` (plain, never markup) in a line of the screen.

        Laying the screen out again costs a whole repaint; a keystroke must not pay for it
        when nothing moves: the same text, or the summary staying on one line.
        """
        before = self._said.get(selector)
        if text == before:
            return
        self._said[selector] = text
        widget = self.query_one(selector, Static)
        room = widget.content_region.width
        stays_put = (selector == "#queue-summary" and before is not None
                     and cell_len(before) <= room and cell_len(text) <= room)
        widget.update(Content(text), layout=not stays_put)

    def reload(self, keep_cursor: bool = False) -> None:
        """Show the rows for the current filter: count and first window in one worker.

        A keystroke starts a new load and makes older ones stale: an older load that has
        not started yet skips its queries, and one that finishes late is dropped, so stale
        results never overwrite newer ones.
        """
        query = self.queue_filter
        self._load_number += 1
        number = self._load_number
        # A screenful answers the keystroke (each row read is a Ticket built in Python);
        # the rest of the first window follows as an ordinary window request.
        table = self.query_one(TicketTable)
        limit = BLOCK if keep_cursor or not table.size.height else min(table.page_rows, BLOCK)

        def load() -> QueuePage | None:
            if number != self._load_number:
                return None  # the agent has typed on since: nobody will see this answer
            return self.session.queue_page(query, limit)

        run_db(self, load, lambda page: self._show_page(query, number, page, keep_cursor),
               group="queue-load", exclusive=True)

    def _show_page(self, query: QueueFilter, number: int, page: QueuePage | None, keep_cursor: bool) -> None:
        if page is None or number != self._load_number or query != self.queue_filter:
            return  # the agent has typed on since; a newer answer is on its way
        table = self.query_one(TicketTable)
        table.now = self.session.now()
        table.rep_names = page.rep_names
        generation = table.reset(page.total, keep_cursor=keep_cursor, first_rows=page.rows)
        self._show_summary(query, page)
        if len(page.rows) >= min(BLOCK, page.total):  # else the first window's load marks them
            self._load_marks(page.rows, generation)

    def _show_summary(self, query: QueueFilter, page: QueuePage) -> None:
        total = page.total
        if page.capped:
            text = (f"the newest {queue_rules.SEARCH_CAP:,} of more matches — add a word to narrow"
                    "  ·  Enter open · c claim · x take next · n new")
        elif total:
            text = f"{total:,} ticket{'s' if total != 1 else ''}  ·  Enter open · c claim · x take next · n new"
        elif query == QueueFilter(agent=self.session.agent):
            text = ("No tickets waiting. Press n (or F4) to log the participant "
                    "you are talking to; F2 finds a ministry's KB representative.")
        else:
            text = "No tickets match. Press a for all agents, or clear the search."
        self._say("#queue-summary", text)

    @on(TicketTable.WindowNeeded)
    def _load_window(self, message: TicketTable.WindowNeeded) -> None:
        query, table = self.queue_filter, self.query_one(TicketTable)

        def load() -> list[Ticket]:
            if message.generation != table.generation:
                return []  # scrolled past or filtered away before this window's turn
            return self.session.queue_window(query, message.offset, message.limit)

        def show(rows: list[Ticket]) -> None:
            table.fill(message.offset, rows, message.generation)
            self._load_marks(rows, message.generation)

        run_db(self, load, show, group="queue-window")

    def _load_marks(self, rows: list[Ticket], generation: int) -> None:
        """Near/past-target marks, a second pass once the rows have shown for a moment.

        They need each ticket's status history and desk minutes (a few milliseconds of
        Python, which a worker thread shares with the screen), so they wait until the
        agent pauses: a keystroke within MARKS_AFTER makes them stale, and they are skipped.
        """
        table = self.query_one(TicketTable)

        def marks() -> dict:
            try:
                return self.session.target_marks(rows)
            except HelpdeskError as error:  # a wrong [sla] setting must not empty the queue
                self.app.call_from_thread(self.notify, f"Targets not shown: {error}",
                                          severity="warning", markup=False)
            except Exception as error:  # noqa: BLE001 - as run_db: the console stays up
                self.app.call_from_thread(self.notify, f"Database problem: {error}",
                                          severity="error", markup=False)
            return {}

        async def second_pass() -> None:
            await asyncio.sleep(MARKS_AFTER)
            if generation == table.generation:
                found = await asyncio.to_thread(marks)
                table.add_marks(found, generation)

        if rows:
            self.run_worker(second_pass(), group="queue-marks", exit_on_error=False)

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
        self.desk_app.open_ticket(ticket.id, shown=ticket)

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


def _statuses_label(statuses: tuple[str, ...] | None) -> str:
    # All seven codes joined ran past the line's end and hid the category and ministry.
    if statuses is None:
        return "active"
    return "every status" if set(statuses) == set(queue_rules.ALL_STATUSES) else "/".join(statuses)
