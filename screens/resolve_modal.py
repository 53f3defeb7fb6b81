"""Resolve a ticket: an outcome code and what was done, both required."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from helpdesk.taxonomy import OUTCOMES


@dataclass(frozen=True)
class Resolution:
    outcome: str
    note: str


class ResolveModal(ModalScreen[Resolution | None]):
    BINDINGS = [
        Binding("ctrl+s", "resolve", "Resolve", id="resolve.save"),
        Binding("escape", "cancel", "Cancel", id="resolve.cancel"),
    ]

    def __init__(self, ticket_id: int, suggested_outcome: str | None = None) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.suggested_outcome = suggested_outcome
        self._picked: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Resolve #{self.ticket_id}", classes="dialog-title")
            yield Label("Outcome (↑↓ then Enter)")
            yield OptionList(*[Option(term.label, id=term.code) for term in OUTCOMES], id="resolve-outcome")
            yield Label("What was done (required)")
            yield TextArea(id="resolve-note", soft_wrap=True)
            yield Label("", id="resolve-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resolve (Ctrl+S)", variant="success", id="resolve-save")
                yield Button("Cancel (Esc)", id="resolve-cancel")

    @on(Button.Pressed, "#resolve-save")
    def action_resolve(self) -> None:
        outcome = self.chosen_outcome
        note = self.query_one("#resolve-note", TextArea).text
        missing = []
        if outcome is None:
            missing.append("an outcome")
            self.query_one("#resolve-outcome", OptionList).focus()
        if not note.strip():
            missing.append("what was done")
        if missing:
            self.query_one("#resolve-error", Label).update(f"Needs {' and '.join(missing)}.")
            return
        self.dismiss(Resolution(outcome, note))

    def on_mount(self) -> None:
        outcomes = self.query_one("#resolve-outcome", OptionList)
        codes = [term.code for term in OUTCOMES]
        if self.suggested_outcome in codes:
            outcomes.highlighted = codes.index(self.suggested_outcome)
        outcomes.focus()

    @property
    def chosen_outcome(self) -> str | None:
        return self._picked

    @on(OptionList.OptionSelected, "#resolve-outcome")
    def _outcome_picked(self, event: OptionList.OptionSelected) -> None:
        self._picked = event.option.id
        self.query_one("#resolve-error", Label).update("")
        self.query_one("#resolve-note", TextArea).focus()

    @on(Button.Pressed, "#resolve-cancel")
    def action_cancel(self) -> None:
        if self.query_one("#resolve-note", TextArea).text.strip():
            self.query_one("#resolve-error", Label).update(
                "Press Ctrl+S to resolve, or clear the note to cancel; nothing typed is thrown away.")
            return
        self.dismiss(None)
