"""F6: back to a ticket opened earlier today, or to any ticket by its number.

The recent list replaces walking back through a stack of screens: type a number and
Enter opens it; ↓/↑ and Enter open one of the recent ones.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from helpdesk.taxonomy import STATUSES, label
from helpdesk.tickets import Ticket

from .base import run_db


class GoToModal(ModalScreen[int | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="goto.cancel"),
        Binding("down", "to_list", "Recent tickets", show=False, id="goto.list"),
    ]

    def __init__(self, recent: list[int]) -> None:
        super().__init__()
        self.recent = list(recent)

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-dialog", classes="dialog"):
            yield Label("Go to ticket", classes="dialog-title")
            yield Input(placeholder="ticket number, e.g. 42", id="goto-number", compact=True)
            yield Label("Recent" if self.recent else "No ticket opened yet in this console.", id="goto-recent-label")
            yield OptionList(id="goto-recent")

    def on_mount(self) -> None:
        self.query_one("#goto-number", Input).focus()
        if self.recent:
            session = self.app.session  # type: ignore[attr-defined]
            run_db(self, lambda: session.recent_tickets(self.recent), self._show_recent, group="goto-recent")

    def _show_recent(self, tickets: list[Ticket]) -> None:
        options = self.query_one("#goto-recent", OptionList)
        options.add_options([Option(Content(f"#{ticket.id:<6} {ticket.participant_name[:32]:<32} "
                                            f"{label(STATUSES, ticket.status)}"), id=str(ticket.id))
                             for ticket in tickets])

    def action_to_list(self) -> None:
        options = self.query_one("#goto-recent", OptionList)
        if options.option_count:
            options.focus()
            options.highlighted = 0

    @on(Input.Submitted, "#goto-number")
    def _number(self, event: Input.Submitted) -> None:
        text = event.value.strip().lstrip("#")
        if not text:
            self.action_to_list()
            return
        if not text.isdigit() or int(text) < 1:
            self.notify(f"“{event.value.strip()}” is not a ticket number: type digits, e.g. 42.", severity="warning")
            return
        ticket_id = int(text)
        session = self.app.session  # type: ignore[attr-defined]
        # Known before the screen changes: a number that is no ticket gets a message here.
        run_db(self, lambda: session.ticket(ticket_id), lambda ticket: self.dismiss(ticket.id))

    @on(OptionList.OptionSelected, "#goto-recent")
    def _recent(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))
