"""Type what the participant says ("rly board", "dak vibhag"); see who their KB representative is.

A confident lookup picks the directory row by itself; otherwise the candidates are listed
(↓ then Enter picks one) with the pointer to the MDO nodal contact list. Lookups run in
memory on every keystroke, well inside one frame.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.text import clean_line

SUGGESTIONS = 5


class MinistryPicker(Vertical):
    DEFAULT_CSS = """
    MinistryPicker { height: auto; }
    MinistryPicker > OptionList { height: auto; max-height: 6; display: none; }
    MinistryPicker.-has-options > OptionList { display: block; }
    MinistryPicker > .verdict { height: auto; padding: 0 1; color: $text-muted; }
    MinistryPicker.-confident > .verdict { color: $success; }
    MinistryPicker.-unsure > .verdict { color: $warning; }
    """
    BINDINGS = [Binding("down", "to_options", "Choose a ministry", show=False, id="ministry.options")]

    class Changed(Message):
        """The chosen directory row changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chosen_ministry: str | None = None
        self._explicit = False
        self._result = None  # the last LookupResult shown

    def compose(self) -> ComposeResult:
        yield Input(placeholder="As the participant says it: MeitY, rly board, डाक विभाग…", id="ministry-query", compact=True)
        yield OptionList(id="ministry-options")
        yield Static(classes="verdict", id="ministry-verdict")

    @property
    def query_text(self) -> str:
        return clean_line(self.query_one("#ministry-query", Input).value)

    def load(self, query: str, ministry: str | None) -> None:
        """Show a saved ticket's ministry: the stored row stays chosen as it was."""
        field = self.query_one("#ministry-query", Input)
        with field.prevent(Input.Changed):
            field.value = query or (ministry or "")
        self.chosen_ministry = ministry
        self._explicit = ministry is not None
        self._search(field.value, keep_choice=True)

    @on(Input.Changed, "#ministry-query")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._explicit = False
        self._search(event.value, keep_choice=False)
        self.post_message(self.Changed())

    def _search(self, text: str, *, keep_choice: bool) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        lookup = getattr(self.app, "lookup", None)
        text = text.strip()
        if not text:
            if not keep_choice:
                self.chosen_ministry = None
            self._show("", "", has_options=False)
            return
        if lookup is None:
            self._show("directory still loading…", "", has_options=False)
            return
        result = lookup.search(text, limit=SUGGESTIONS)
        self._result = result
        for match in result.matches:
            options.add_option(Option(Content(
                f"{match.score:>3.0f}  {match.ministry} — {match.rep_name}"), id=match.ministry))
        if not keep_choice:
            self.chosen_ministry = result.matches[0].ministry if result.confident and result.matches else None
        self._describe()

    def _describe(self) -> None:
        result = self._result
        matches = result.matches if result else []
        chosen = next((m for m in matches if m.ministry == self.chosen_ministry), None)
        if self.chosen_ministry and chosen is None:
            self._show(f"✓ {self.chosen_ministry}", "confident", has_options=bool(matches))
            return
        if result is None:
            self._show("", "", has_options=False)
            return
        if chosen is not None:
            lines = [f"✓ {chosen.ministry} → {chosen.rep_name} · {chosen.rep_email} · {chosen.rep_mobile}"]
            lines += [f"⚠ {warning}" for warning in chosen.warnings]
            if not self._explicit and not result.confident:
                lines.append(result.reason)
            self._show("\n".join(lines), "confident", has_options=bool(matches))
            return
        lines = [f"? {result.reason}"]
        if result.matches:
            lines.append("↓ then Enter picks a row.")
        if result.fallback:
            lines.append(result.fallback)
        self._show("\n".join(lines), "unsure", has_options=bool(matches))

    def _show(self, text: str, tone: str, *, has_options: bool) -> None:
        self.set_class(tone == "confident", "-confident")
        self.set_class(tone == "unsure", "-unsure")
        self.set_class(has_options, "-has-options")
        self.query_one("#ministry-verdict", Static).update(Content(text))

    def action_to_options(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.focus()
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#ministry-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.chosen_ministry = event.option.id
        self._explicit = True
        self._describe()
        self.query_one("#ministry-query", Input).focus()
        self.post_message(self.Changed())
