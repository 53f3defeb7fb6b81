"""Escalate a ticket: to whom (the KB representative or the nodal persons), what is needed,
and what the desk already tried (filled in from the ticket's notes)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from helpdesk.console.escalation_calls import EscalationChoices
from helpdesk.escalation.message import NODAL, REP


@dataclass(frozen=True)
class EscalationRequest:
    target: str
    needed: str
    steps_tried: list[str]


class EscalateModal(ModalScreen[EscalationRequest | None]):
    BINDINGS = [
        Binding("ctrl+s", "escalate", "Escalate", id="escalate.send"),
        Binding("escape", "cancel", "Cancel", id="escalate.cancel"),
    ]

    def __init__(self, choices: EscalationChoices) -> None:
        super().__init__()
        self.choices = choices
        self.target = REP if choices.rep_label else NODAL
        self._discard_armed = False

    def compose(self) -> ComposeResult:
        choices = self.choices
        rep = (Content(f"KB representative: {choices.rep_label}") if choices.rep_label
               else Content("KB representative: none (the ticket has no ministry yet)"))
        with Vertical(classes="dialog", id="escalate-dialog"):
            yield Label(f"Escalate #{choices.ticket_id}", classes="dialog-title")
            yield OptionList(Option(rep, id=REP, disabled=choices.rep_label is None),
                             Option("Nodal persons of the ministry (the list's link goes with it)", id=NODAL),
                             id="escalate-target")
            yield Label("What is needed from them")
            yield TextArea(choices.needed_by_target[self.target], id="escalate-needed", soft_wrap=True)
            yield Label("Steps the desk tried (one per line; from the ticket's notes)")
            yield TextArea("\n".join(choices.steps_tried), id="escalate-steps", soft_wrap=True)
            yield Label("", id="escalate-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Escalate (Ctrl+S)", variant="warning", id="escalate-send")
                yield Button("Cancel (Esc)", id="escalate-cancel")

    def on_mount(self) -> None:
        # Inline heights: two text boxes and the list must fit a 36-row terminal.
        self.query_one("#escalate-needed", TextArea).styles.height = 4
        self.query_one("#escalate-steps", TextArea).styles.height = 5
        targets = self.query_one("#escalate-target", OptionList)
        targets.highlighted = 0 if self.target == REP else 1
        targets.focus()

    @on(OptionList.OptionHighlighted, "#escalate-target")
    def _target_moved(self, event: OptionList.OptionHighlighted) -> None:
        new_target = event.option.id or self.target
        needed = self.query_one("#escalate-needed", TextArea)
        # Swap the suggested sentence along with the target, unless the agent rewrote it.
        if needed.text == self.choices.needed_by_target[self.target]:
            needed.text = self.choices.needed_by_target[new_target]
        self.target = new_target

    @on(OptionList.OptionSelected, "#escalate-target")
    def _target_picked(self) -> None:
        self.query_one("#escalate-needed", TextArea).focus()

    @on(Button.Pressed, "#escalate-send")
    def action_escalate(self) -> None:
        needed = self.query_one("#escalate-needed", TextArea).text.strip()
        if not needed:
            self.query_one("#escalate-error", Label).update("Say what is needed from them.")
            self.query_one("#escalate-needed", TextArea).focus()
            return
        steps = [line.strip() for line in self.query_one("#escalate-steps", TextArea).text.splitlines()]
        self.dismiss(EscalationRequest(self.target, needed, [step for step in steps if step]))

    @on(Button.Pressed, "#escalate-cancel")
    def action_cancel(self) -> None:
        edited = (self.query_one("#escalate-needed", TextArea).text != self.choices.needed_by_target[self.target]
                  or self.query_one("#escalate-steps", TextArea).text != "\n".join(self.choices.steps_tried))
        if edited and not self._discard_armed:
            self._discard_armed = True
            self.query_one("#escalate-error", Label).update(
                "You changed the text: Esc again discards it, Ctrl+S escalates.")
            return
        self.dismiss(None)
