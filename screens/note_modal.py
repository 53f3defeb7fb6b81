"""Write an internal note (agents only; never sent to the participant)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea


class NoteModal(ModalScreen[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, ticket_id: int, draft: str = "") -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Internal note on #{self.ticket_id}", classes="dialog-title")
            yield TextArea(self.draft, id="note-text", soft_wrap=True)
            yield Label("", id="note-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (Ctrl+S)", variant="primary", id="note-save")
                yield Button("Cancel (Esc)", id="note-cancel")

    @on(Button.Pressed, "#note-save")
    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if not text.strip():
            self.query_one("#note-error", Label).update("Write something first.")
            return
        self.dismiss(text)

    @on(Button.Pressed, "#note-cancel")
    def action_cancel(self) -> None:
        # Esc with text typed keeps it: the caller gets None and holds no draft, so ask.
        if self.query_one(TextArea).text.strip():
            self.query_one("#note-error", Label).update(
                "Press Ctrl+S to save, or clear the text to cancel; nothing typed is thrown away.")
            return
        self.dismiss(None)
