"""The queue as a virtual table: only the rows on screen (and a page around them) are loaded.

The widget never touches the database. It knows how many rows the queue has, keeps the
rows it was given by position, and asks its screen for missing windows with
``WindowNeeded``; the screen loads them in a worker and hands them back with ``fill``.
A ``generation`` number makes answers to an older query (before a filter changed) harmless.
"""

from __future__ import annotations

from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from helpdesk import clock
from helpdesk.reports.sla import TargetMark
from helpdesk.tickets import Ticket, Urgency

from .ticket_columns import GAP, RowFacts, fit, layout, row_band

BLOCK = 100  # rows per window request
# The component class that colours a row of each urgency band (None: the plain style).
BAND_CLASSES = {Urgency.TRAINING_IMMINENT: "imminent", Urgency.INSIDE_DEADLINE: "deadline"}


class TicketTable(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    /* The scrollbar stays whatever the count: the columns do not jump sideways as a
       search narrows to a screenful, and the screen need not be laid out again. */
    TicketTable { height: 1fr; overflow-y: scroll; }
    TicketTable > .ticket-table--header { text-style: bold; background: $panel; }
    TicketTable > .ticket-table--cursor { background: $accent 40%; }
    TicketTable:focus > .ticket-table--cursor { background: $accent; color: $text; }
    TicketTable > .ticket-table--imminent { color: $error; text-style: bold; }
    TicketTable > .ticket-table--deadline { color: $warning; }
    TicketTable > .ticket-table--loading { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "ticket-table--header",
        "ticket-table--cursor",
        "ticket-table--imminent",
        "ticket-table--deadline",
        "ticket-table--loading",
    }
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="queue.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="queue.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="queue.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="queue.page_down"),
        Binding("home,g", "jump(0)", "First", show=False, id="queue.first"),
        Binding("end,G", "jump(-1)", "Last", show=False, id="queue.last"),
        Binding("enter", "select", "Open", id="queue.open"),
    ]

    cursor_row = reactive(0)

    class WindowNeeded(Message):
        def __init__(self, offset: int, limit: int, generation: int) -> None:
            super().__init__()
            self.offset, self.limit, self.generation = offset, limit, generation

    class Selected(Message):
        def __init__(self, ticket: Ticket) -> None:
            super().__init__()
            self.ticket = ticket

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = 0
        self.generation = 0
        self._now: datetime = clock.now()
        self._rep_names: dict[str, str] = {}
        # Each row's text by (position, width), drawn once: a repaint (the screen lays out
        # again whenever the total changes, as the agent types) then only joins strings.
        # Cleared whenever what the text shows changes: rows, marks, names, the clock.
        self._texts: dict[tuple[int, int], tuple[str, str | None]] = {}
        self._styles: dict[tuple[str | None, bool, bool], Style] = {}
        # Near/past-target marks for loaded rows, computed by the screen after the rows show.
        self.target_marks: dict[int, TargetMark] = {}
        self._rows: dict[int, Ticket] = {}
        self._requested: set[int] = set()

    # What the screen calls ---------------------------------------------------------
    @property
    def now(self) -> datetime:
        return self._now

    @now.setter
    def now(self, moment: datetime) -> None:
        if moment != self._now:
            self._now = moment
            self._texts.clear()

    @property
    def rep_names(self) -> dict[str, str]:
        return self._rep_names

    @rep_names.setter
    def rep_names(self, names: dict[str, str]) -> None:
        if names is not self._rep_names:
            self._rep_names = names
            self._texts.clear()

    def reset(self, total: int, *, keep_cursor: bool = False, first_rows: list[Ticket] | None = None) -> int:
        """A new query result of ``total`` rows, with its first rows if the screen loaded
        them along with the count (one round-trip per keystroke: a screenful, or the whole
        first window); returns the generation to answer with."""
        self.generation += 1
        self.total = total
        self._rows.clear()
        self.target_marks.clear()
        self._requested.clear()
        self._texts.clear()
        if first_rows is not None:
            self._rows.update(enumerate(first_rows))
            if len(first_rows) >= min(BLOCK, total):
                self._requested.add(0)  # else the rest of the first window is asked for
        self._set_rows_height(total + 1)  # +1: the header line
        if not keep_cursor:
            self.cursor_row = 0
            self.scroll_to(y=0, animate=False)
        self.cursor_row = min(self.cursor_row, max(total - 1, 0))
        self._request_visible()
        self.refresh()
        return self.generation

    def fill(self, offset: int, rows: list[Ticket], generation: int) -> None:
        if generation != self.generation:
            return  # an answer to a query that is no longer on screen
        for index, ticket in enumerate(rows):
            self._rows[offset + index] = ticket
        self._texts.clear()
        self.refresh()

    def add_marks(self, target_marks: dict[int, TargetMark], generation: int) -> None:
        """Marks computed after their rows were shown (a second pass, off the keystroke)."""
        if generation == self.generation and target_marks:
            self.target_marks.update(target_marks)
            self._texts.clear()
            self.refresh()

    def _set_rows_height(self, height: int) -> None:
        """Tell the scrollbar how many lines there are.

        Setting ``virtual_size`` lays the whole screen out again (a repaint of every
        widget), which as the agent types would come after every keystroke. When the
        scrollbar stays shown (or stays hidden) nothing else moves, so only the scrollbar's
        thumb is updated, as Textual's own layout pass would do it.
        """
        size = Size(self.size.width, height)
        shown_after = self.styles.overflow_y == "scroll" or height > self.container_size.height
        if self.is_mounted and self.container_size.height and shown_after == self.show_vertical_scrollbar:
            self.set_reactive(TicketTable.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    @property
    def page_rows(self) -> int:
        """How many rows a screenful shows (below the header line)."""
        return max(self.size.height - 1, 1)

    @property
    def current(self) -> Ticket | None:
        return self._rows.get(self.cursor_row)

    # Window bookkeeping ------------------------------------------------------------
    def _request_visible(self) -> None:
        if not self.total:
            return
        first = max(int(self.scroll_offset.y) - self.size.height, 0)
        last = min(int(self.scroll_offset.y) + 2 * self.size.height, self.total - 1)
        for block_start in range(first // BLOCK * BLOCK, last + 1, BLOCK):
            if block_start not in self._requested:
                self._requested.add(block_start)
                self.post_message(self.WindowNeeded(block_start, BLOCK, self.generation))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._request_visible()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total + 1)
        self._request_visible()

    # Keys ----------------------------------------------------------------------------
    def watch_cursor_row(self, old: int, new: int) -> None:
        # Keep the cursor on screen, below the header line.
        top = int(self.scroll_offset.y)
        visible_rows = max(self.size.height - 1, 1)
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + visible_rows:
            self.scroll_to(y=new - visible_rows + 1, animate=False)
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        if self.total:
            self.cursor_row = min(max(self.cursor_row + delta, 0), self.total - 1)

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(self.size.height - 2, 1))

    def action_jump(self, row: int) -> None:
        if self.total:
            self.cursor_row = row if row >= 0 else self.total - 1

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    # Drawing -------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # the scrollbar keeps its own cells
        if y == 0:
            return self._header(width, self._style("header"))
        index = int(self.scroll_offset.y) + y - 1
        if index >= self.total:
            return Strip.blank(width, self._style(None))
        ticket = self._rows.get(index)
        if ticket is None:
            return Strip([Segment(fit("  …", width), self._style("loading"))], width)
        drawn = self._texts.get((index, width))
        if drawn is None:
            facts = RowFacts(self.rep_names, self.target_marks)
            cells = [fit(column.value(ticket, self.now, facts), cell_width, column.align_right)
                     for column, cell_width in layout(width)]
            drawn = self._texts[index, width] = ((" " * GAP).join(cells).ljust(width),
                                                 BAND_CLASSES.get(row_band(ticket, self.now.date())))
        text, band = drawn
        style = self._style(band, cursor=index == self.cursor_row)
        # Plain Segments: participant text is drawn as typed, never parsed as markup.
        return Strip([Segment(text, style)], width)

    def _style(self, part: str | None, *, cursor: bool = False) -> Style:
        """The style of a line: the widget's own, plus a component's, plus the cursor's.

        Looked up once per (part, cursor, focus) until the styles change: reading them
        from the CSS for every line made up half the cost of a repaint.
        """
        key = (part, cursor, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            if part:
                style += self.get_component_rich_style(f"ticket-table--{part}")
            if cursor:
                style += self.get_component_rich_style("ticket-table--cursor")
            self._styles[key] = style
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def _header(self, width: int, style: Style) -> Strip:
        cells = [fit(column.title, cell_width, column.align_right) for column, cell_width in layout(width)]
        return Strip([Segment((" " * GAP).join(cells).ljust(width), style)], width)
