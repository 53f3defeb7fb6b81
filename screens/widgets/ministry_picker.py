"""Type what the participant says ("rly board", "dak vibhag"); see who their KB representative is.

A confident lookup picks the directory row by itself; otherwise the candidates are listed
(↓/↑ move through them, Enter picks one) with the pointer to the MDO nodal contact list.
The list never takes focus, so Tab goes on to the next field. Lookups run in memory on
every keystroke, well inside one frame.
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


class SuggestionList(OptionList, can_focus=False):
    """Candidates under the ministry box, driven from the box itself."""


class MinistryPicker(Vertical):
    DEFAULT_CSS = """
    MinistryPicker { height: auto; }
    MinistryPicker > OptionList { height: auto; max-height: 6; display: none; }
    MinistryPicker.-has-options > OptionList { display: block; }
    MinistryPicker > .verdict { height: auto; padding: 0 1; color: $text-muted; }
    MinistryPicker.-confident > .verdict { color: $success; }
    MinistryPicker.-unsure > .verdict { color: $warning; }
    """
    BINDINGS = [
        Binding("down", "move(1)", "Next candidate", show=False, id="ministry.next"),
        Binding("up", "move(-1)", "Previous candidate", show=False, id="ministry.previous"),
    ]

    class Changed(Message):
        """The chosen directory row changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chosen_ministry: str | None = None
        self._explicit = False
        self._result = None  # the last LookupResult shown

    def compose(self) -> ComposeResult:
        yield Input(placeholder="As the participant says it: MeitY, rly board, डाक विभाग…", id="ministry-query", compact=True,
                    select_on_focus=False)
        yield SuggestionList(id="ministry-options")
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

    def on_descendant_focus(self) -> None:
        self._describe()

    def on_descendant_blur(self) -> None:
        self._describe()

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
            self.chosen_ministry = result.routed_row
        # Highlight the row that is chosen (or nothing), so Enter never picks by accident.
        ministries = [match.ministry for match in result.matches]
        options.highlighted = ministries.index(self.chosen_ministry) if self.chosen_ministry in ministries else None
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
            lines.append("↓/↑ then Enter picks a row.")
        if result.fallback:
            lines.append(result.fallback)
        self._show("\n".join(lines), "unsure", has_options=bool(matches))

    def _show(self, text: str, tone: str, *, has_options: bool) -> None:
        self.set_class(tone == "confident", "-confident")
        self.set_class(tone == "unsure", "-unsure")
        # Once a row is chosen the candidates are only clutter, unless the agent is in the box.
        typing = self.query_one("#ministry-query", Input).has_focus
        self.set_class(has_options and (tone != "confident" or typing), "-has-options")
        self.query_one("#ministry-verdict", Static).update(Content(text))

    def action_move(self, step: int) -> None:
        options = self.query_one(SuggestionList)
        if not options.option_count:
            return
        current = options.highlighted
        options.highlighted = 0 if current is None else max(0, min(current + step, options.option_count - 1))

    @on(Input.Submitted, "#ministry-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(SuggestionList)
        if options.highlighted is None:
            return
        self.chosen_ministry = options.get_option_at_index(options.highlighted).id
        self._explicit = True
        self._describe()
        self.post_message(self.Changed())
