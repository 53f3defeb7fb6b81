"""Choose which tickets the queue shows: status, category, ministry and order."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

from helpdesk.taxonomy import CATEGORIES, STATUSES
from helpdesk.tickets import ALL_STATUSES, ORDERS, QueueFilter

from .base import run_db

ACTIVE, EVERY = "active", "every"


class FilterModal(ModalScreen[QueueFilter | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="filters.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="filters.apply"),
    ]

    def __init__(self, current: QueueFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        status = ACTIVE if self.current.statuses is None else (
            EVERY if set(self.current.statuses) == set(ALL_STATUSES) else self.current.statuses[0])
        with Vertical(id="filters-dialog", classes="dialog"):
            yield Label("Show tickets", classes="dialog-title")
            yield Label("Status")
            yield Select([("Active (not resolved or closed)", ACTIVE), ("Every status", EVERY)]
                         + [(term.label, term.code) for term in STATUSES],
                         value=status, allow_blank=False, id="filter-status")
            yield Label("Category")
            yield Select([(term.label, term.code) for term in CATEGORIES],
                         value=self.current.category or Select.NULL, prompt="Any category",
                         id="filter-category")
            yield Label("Ministry / department")
            yield Select([], prompt="Any ministry", id="filter-ministry")
            yield Label("Order")
            yield Select([("Most urgent first", "urgency"), ("Longest waiting first", "waiting"),
                          ("Newest first", "newest"), ("Training date", "training")],
                         value=self.current.order, allow_blank=False, id="filter-order")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (Ctrl+S)", variant="primary", id="filters-apply")
                yield Button("Cancel (Esc)", id="filters-cancel")

    def on_mount(self) -> None:
        session = self.app.session  # type: ignore[attr-defined]
        run_db(self, session.directory_names, self._fill_ministries)

    def _fill_ministries(self, names: list[str]) -> None:
        select = self.query_one("#filter-ministry", Select)
        select.set_options([(name, name) for name in names])
        if self.current.ministry in names:
            select.value = self.current.ministry

    @on(Button.Pressed, "#filters-apply")
    def action_apply(self) -> None:
        status = self.query_one("#filter-status", Select).value
        statuses = None if status == ACTIVE else ALL_STATUSES if status == EVERY else (str(status),)
        category = self.query_one("#filter-category", Select).value
        ministry = self.query_one("#filter-ministry", Select).value
        order = str(self.query_one("#filter-order", Select).value)
        self.dismiss(replace(
            self.current,
            statuses=statuses,
            category=None if category is Select.NULL else str(category),
            ministry=None if ministry is Select.NULL else str(ministry),
            order=order if order in ORDERS else "urgency",
        ))

    @on(Button.Pressed, "#filters-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
