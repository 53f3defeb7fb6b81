"""A colleague saved the ticket first: choose, field by field, whose value stays.

Only the fields the agent edited are listed, each with the agent's value beside the one
the colleague saved. Enter (or Space) on a field flips it between the two; ``m`` keeps all
of the agent's, ``t`` takes all of the colleague's, Ctrl+S saves the choice shown, Esc
saves nothing and leaves the agent's edits in the form. Fields the colleague did not touch
are not conflicts: the agent's edit of them is kept whatever is chosen here.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.text import clean_line

SHOWN_CHARACTERS = 40


def _shown(value: Any) -> str:
    text = clean_line("" if value is None else str(value))
    text = text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS - 1] + "…"
    return f"“{text}”" if text else "(empty)"


class ConflictModal(ModalScreen[dict[str, Any] | None]):
    BINDINGS = [
        Binding("m", "all('mine')", "Keep all mine", id="conflict.mine"),
        Binding("t", "all('theirs')", "Take all theirs", id="conflict.theirs"),
        Binding("ctrl+s", "save", "Save this choice", id="conflict.save"),
        Binding("escape", "cancel", "Cancel", id="conflict.cancel"),
    ]

    def __init__(self, ticket_id: int, mine: dict[str, Any], theirs: dict[str, Any],
                 base: dict[str, Any], what_they_did: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.mine = mine
        self.theirs = theirs
        self.what_they_did = what_they_did
        # Conflicts: fields both sides changed, to different values. A field only I
        # changed keeps my value; one only they changed keeps theirs.
        self.conflicts = [name for name in mine
                          if theirs.get(name) != base.get(name) and theirs.get(name) != mine[name]]
        self.keep: dict[str, str] = {name: "mine" for name in self.conflicts}

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-dialog", classes="dialog"):
            yield Label(Content(f"#{self.ticket_id} was saved by a colleague while you edited it"),
                        classes="dialog-title")
            yield Static(Content("\n".join(self.what_they_did[-6:]) or "(their change is in the history)"),
                         id="conflict-theirs-did")
            yield Label(Content("Enter flips · m all mine · t all theirs · Ctrl+S saves · Esc cancels"))
            yield OptionList(id="conflict-fields")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save this choice (Ctrl+S)", variant="primary", id="conflict-save")
                yield Button("Cancel (Esc)", id="conflict-cancel")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _line(self, name: str) -> Content:
        keeping = self.keep[name]
        mark_mine, mark_theirs = ("●", "○") if keeping == "mine" else ("○", "●")
        label = name.replace("_", " ")
        return Content(f"{label:<15} {mark_mine} yours {_shown(self.mine[name])}   "
                       f"{mark_theirs} theirs {_shown(self.theirs.get(name))}")

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(self._line(name), id=name) for name in self.conflicts])
        if self.conflicts:
            options.highlighted = highlighted if highlighted is not None else 0

    @on(OptionList.OptionSelected, "#conflict-fields")
    def _flip(self, event: OptionList.OptionSelected) -> None:
        name = event.option.id or ""
        self.keep[name] = "theirs" if self.keep[name] == "mine" else "mine"
        self._fill()

    def action_all(self, side: str) -> None:
        self.keep = {name: side for name in self.conflicts}
        self._fill()

    def choice(self) -> dict[str, Any]:
        """The values to save: every edit of mine, except the fields given to the colleague."""
        return {name: value for name, value in self.mine.items() if self.keep.get(name, "mine") == "mine"}

    @on(Button.Pressed, "#conflict-save")
    def action_save(self) -> None:
        self.dismiss(self.choice())

    @on(Button.Pressed, "#conflict-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
