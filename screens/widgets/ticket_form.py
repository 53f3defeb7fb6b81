"""The ticket's fields with a live verdict under each: used by intake and by the ticket view.

Every verdict is computed from what is typed, on each keystroke, without the database:
the e-mail's registration path, the mobile number's 10-digit form, the training date's
deadlines, and (through the in-memory directory lookup) the ministry's KB representative.
The form never throws away a character: errors are shown beside the field, and values
stay until the owner screen saves or the agent clears them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from helpdesk.text import clean_line
from helpdesk.taxonomy import CATEGORIES, CHANNELS
from helpdesk.tickets import FieldCheck, Ticket
from helpdesk.tickets.field_verdicts import field_verdict

from .ministry_picker import MinistryPicker

TEXT_FIELDS = ("participant_name", "email", "mobile", "training_date")


class TicketForm(Vertical):
    DEFAULT_CSS = """
    TicketForm { height: auto; }
    TicketForm .form-row { height: auto; margin-bottom: 1; }
    TicketForm .form-label { width: 14; padding: 0 1 0 0; text-align: right; color: $text-muted; }
    TicketForm .form-field { width: 1fr; height: auto; }
    TicketForm Input, TicketForm Select { width: 1fr; }
    TicketForm .verdict { height: auto; padding: 0 1; color: $text-muted; }
    TicketForm .verdict.-good { color: $success; }
    TicketForm .verdict.-warn { color: $warning; }
    TicketForm .verdict.-bad { color: $error; }
    TicketForm #field-question { height: 5; }
    """

    BINDINGS = [
        # Esc with a field changed since the agent entered it puts its value back; with
        # nothing to undo, Esc does what the screen says (back to the queue).
        Binding("escape", "restore_field", "Undo this field", show=False, id="form.restore_field"),
    ]

    class Changed(Message):
        """Something was typed or chosen (the owner may autosave a draft)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._loaded: dict[str, Any] = {}
        self._entered: tuple[Widget, str] | None = None  # the focused field and its value then

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        widget = event.widget
        if isinstance(widget, (Input, TextArea)):
            self._entered = (widget, widget.value if isinstance(widget, Input) else widget.text)

    def action_restore_field(self) -> None:
        entered = self._entered
        focused = self.screen.focused
        if entered is None or entered[0] is not focused:
            raise SkipAction()
        widget, value = entered
        if isinstance(widget, Input) and widget.value != value:
            widget.value = value
            widget.cursor_position = len(value)
        elif isinstance(widget, TextArea) and widget.text != value:
            widget.text = value
        else:
            raise SkipAction()

    def _row(self, label: str, *widgets) -> Horizontal:
        return Horizontal(Label(label, classes="form-label"), Vertical(*widgets, classes="form-field"),
                          classes="form-row")

    def compose(self) -> ComposeResult:
        yield self._row("Participant", Input(id="field-participant_name", placeholder="Full name", compact=True, select_on_focus=False),
                        Static(classes="verdict", id="verdict-participant_name"))
        yield self._row("E-mail", Input(id="field-email", placeholder="name@department.gov.in", compact=True,
                                                  select_on_focus=False),
                        Static(classes="verdict", id="verdict-email"))
        yield self._row("Mobile", Input(id="field-mobile", placeholder="10 digits", compact=True, select_on_focus=False),
                        Static(classes="verdict", id="verdict-mobile"))
        yield self._row("Ministry", MinistryPicker(id="field-ministry"))
        yield self._row("Training date", Input(id="field-training_date", placeholder="DD/MM/YYYY", compact=True,
                                                         select_on_focus=False),
                        Static(classes="verdict", id="verdict-training_date"))
        yield self._row("Category", Select([(t.label, t.code) for t in CATEGORIES], value="other",
                                           allow_blank=False, id="field-category", compact=True))
        yield self._row("Channel", Select([(t.label, t.code) for t in CHANNELS], value="teams",
                                          allow_blank=False, id="field-channel", compact=True))
        yield self._row("Language", Select([("English", "en"), ("हिन्दी (Hindi)", "hi")], value="en",
                                           allow_blank=False, id="field-language", compact=True))
        yield self._row("Question", TextArea(id="field-question", soft_wrap=True),
                        Static(classes="verdict", id="verdict-question"))

    # Values in and out ---------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The fields as typed, ready for helpdesk.tickets.check_fields."""
        picker = self.query_one(MinistryPicker)
        result: dict[str, Any] = {name: self.query_one(f"#field-{name}", Input).value for name in TEXT_FIELDS}
        for name in ("category", "channel", "language"):
            result[name] = str(self.query_one(f"#field-{name}", Select).value)
        result["question"] = self.query_one("#field-question", TextArea).text
        result["ministry_query"] = picker.query_text
        result["ministry"] = picker.chosen_ministry
        return result

    def load(self, values: Mapping[str, Any], *, as_edit: bool = False) -> None:
        """Fill the form. Normally this is the saved state ``changed_fields`` compares with;
        with ``as_edit`` the values are unsaved edits on top of what was loaded before."""
        for name in TEXT_FIELDS:
            if name in values:
                self.query_one(f"#field-{name}", Input).value = str(values[name] or "")
        for name in ("category", "channel", "language"):
            if values.get(name):
                self.query_one(f"#field-{name}", Select).value = values[name]
        if "question" in values:
            self.query_one("#field-question", TextArea).text = values["question"] or ""
        self.query_one(MinistryPicker).load(values.get("ministry_query") or "", values.get("ministry"))
        if not as_edit:
            self._loaded = self.values()
        self.refresh_verdicts()

    @staticmethod
    def ticket_values(ticket: Ticket) -> dict[str, Any]:
        """A saved ticket's fields in the form's terms (what ``values`` gives when it shows it)."""
        values = {name: getattr(ticket, name) for name in (*TEXT_FIELDS, "category", "channel",
                                                           "language", "question", "ministry_query",
                                                           "ministry")}
        values["training_date"] = ticket.training_date.isoformat() if ticket.training_date else ""
        return values

    @classmethod
    def values_of(cls, ticket: Ticket) -> dict[str, Any]:
        """What ``values`` gives while the form shows ``ticket`` (to compare with edits)."""
        raw = cls.ticket_values(ticket)
        values: dict[str, Any] = {name: str(raw[name] or "") for name in TEXT_FIELDS}
        values.update({name: str(raw[name]) for name in ("category", "channel", "language")})
        values["question"] = raw["question"] or ""
        values["ministry_query"] = clean_line(raw["ministry_query"] or raw["ministry"] or "")
        values["ministry"] = raw["ministry"]
        return values

    def load_ticket(self, ticket: Ticket) -> None:
        self.load(self.ticket_values(ticket))

    def set_ministry(self, query: str, ministry: str) -> None:
        """Apply a directory row chosen in the lookup panel (an edit, like typing it)."""
        self.query_one(MinistryPicker).load(query, ministry)
        self.post_message(self.Changed())

    def clear(self) -> None:
        self.load({name: "" for name in (*TEXT_FIELDS, "question", "ministry_query")}
                  | {"category": "other", "channel": "teams", "language": "en", "ministry": None})

    def changed_fields(self) -> dict[str, Any]:
        """What differs from what was loaded: the edits to save."""
        current = self.values()
        return {name: value for name, value in current.items() if self._loaded.get(name) != value}

    @property
    def saved_values(self) -> dict[str, Any]:
        """The values the edits are compared with (the ticket as loaded)."""
        return self._loaded

    @property
    def is_dirty(self) -> bool:
        return bool(self.changed_fields())

    def show_check(self, check: FieldCheck) -> None:
        """Mark the fields the store refused (the live verdicts cover most already)."""
        for name, message in check.errors.items():
            target = self.query(f"#verdict-{name}")
            if target:
                self._verdict(name, f"✗ {message}", "bad")
            else:
                self.app.notify(f"{name.replace('_', ' ')}: {message}", severity="error")
        first = next(iter(check.errors), None)
        if first:
            fields = self.query(f"#field-{first}")
            if fields:
                fields.first().focus()

    # Live verdicts -------------------------------------------------------------------
    def _verdict(self, name: str, text: str, tone: str = "") -> None:
        widget = self.query_one(f"#verdict-{name}", Static)
        widget.set_classes(f"verdict -{tone}" if tone else "verdict")
        widget.update(Content(text))  # never markup: it may quote what was typed
        widget.display = bool(text)

    def refresh_verdicts(self) -> None:
        for name in TEXT_FIELDS:
            self._check(name, self.query_one(f"#field-{name}", Input).value)

    def _check(self, name: str, value: str) -> None:
        today = self.app.session.now().date()  # type: ignore[attr-defined]
        verdict = field_verdict(name, value, today)
        self._verdict(name, verdict.text, verdict.tone)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name in TEXT_FIELDS:
            self._check(name, event.value)
        self.post_message(self.Changed())

    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(MinistryPicker.Changed)
    def _other_changed(self) -> None:
        self.post_message(self.Changed())
