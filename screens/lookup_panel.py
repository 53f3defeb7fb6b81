"""F2 from anywhere: whatever the participant calls their ministry, who their KB representative is.

Every keystroke searches the in-memory directory (well inside one frame). From the list,
``e`` and ``m`` copy the representative's e-mail or mobile, and ``a`` applies the ministry
to the ticket or intake form underneath.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.screens.widgets.desk_footer import DeskFooter

RESULTS = 8


@dataclass(frozen=True)
class AppliedMinistry:
    query: str
    ministry: str


class LookupPanel(ModalScreen[AppliedMinistry | None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="lookup.close"),
        Binding("e", "copy('rep_email')", "Copy e-mail", id="lookup.copy_email"),
        Binding("m", "copy('rep_mobile')", "Copy mobile", id="lookup.copy_mobile"),
        Binding("a", "apply", "Apply to ticket", id="lookup.apply"),
        Binding("slash", "edit_query", "Edit search", id="lookup.edit"),
    ]

    def __init__(self, *, can_apply: bool, query: str = "") -> None:
        super().__init__()
        self.can_apply = can_apply
        self.initial_query = query
        self._result = None
        self._shown_lines: list[tuple[str, str]] = []  # (label, ministry) of each option shown
        self._shown_text: dict[str | None, str] = {}  # the text each Static holds, by id

    def compose(self) -> ComposeResult:
        with Vertical(id="lookup-dialog", classes="dialog"):
            yield Static(Content("Find the KB representative"), classes="dialog-title")
            yield Input(self.initial_query, placeholder="MeitY, rly board, dak vibhag, ICAR, रेल मंत्रालय…",
                        id="lookup-query", compact=True)
            yield Static(id="lookup-verdict")
            yield OptionList(id="lookup-results")
            yield Static(id="lookup-detail")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        if self.initial_query:
            self._search(self.initial_query)
        self._describe_highlighted()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("copy", "apply", "edit_query"):
            # Letters are for typing while the search box has focus.
            if self.focused is self.query_one("#lookup-query"):
                return False
            if action == "apply" and not self.can_apply:
                return None  # shown greyed: nothing open to apply it to
        return True

    @on(Input.Changed, "#lookup-query")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, text: str) -> None:
        lookup = getattr(self.app, "lookup", None)
        verdict = self.query_one("#lookup-verdict", Static)
        # One repaint for the whole answer, not one per widget touched.
        with self.app.batch_update():
            if lookup is None:
                self._show_matches([])
                self._show(verdict, "The directory is still loading…")
                return
            if not text.strip():
                self._result = None
                self._show_matches([])
                self._show(verdict, "Type what the participant says; ↓ or Enter moves to the list.")
                self._describe_highlighted()
                return
            self._result = result = lookup.search(text, limit=RESULTS)
            self._show_matches(result.matches)
            lines = [("✓ " if result.confident else "? ") + result.reason]
            if result.fallback:
                lines.append(result.fallback)
            verdict.set_class(result.confident, "-confident")
            verdict.set_class(not result.confident, "-unsure")
            self._show(verdict, "\n".join(lines))
            self._describe_highlighted()

    def _show_matches(self, matches) -> None:
        """The matches as options, first one highlighted; the list is left alone when the
        lines are the ones already shown (most keystrokes in a word change only the verdict)."""
        results = self.query_one("#lookup-results", OptionList)
        lines = [(f"{match.score:>3.0f}  {match.ministry} — {match.rep_name}", match.ministry)
                 for match in matches]
        if lines != self._shown_lines:
            self._shown_lines = lines
            # One call: adding options one by one re-measures the list after each.
            results.set_options([Option(Content(label), id=ministry) for label, ministry in lines])
        results.highlighted = 0 if lines else None

    def _show(self, widget: Static, text: str) -> None:
        """Update a text widget only when its text changed: an update costs a repaint."""
        if self._shown_text.get(widget.id) != text:
            self._shown_text[widget.id] = text
            widget.update(Content(text))

    @property
    def highlighted_match(self):
        results = self.query_one("#lookup-results", OptionList)
        if self._result is None or results.highlighted is None:
            return None
        return self._result.matches[results.highlighted]

    @on(OptionList.OptionHighlighted, "#lookup-results")
    def _describe_highlighted(self) -> None:
        match = self.highlighted_match
        detail = self.query_one("#lookup-detail", Static)
        if match is None:
            self._show(detail, "")
            return
        lines = [match.ministry, f"  {match.rep_name}", f"  {match.rep_email}", f"  {match.rep_mobile}",
                 f"  matched by {match.via}"]
        lines += [f"⚠ {warning}" for warning in match.warnings]
        keys = "e copy e-mail · m copy mobile" + (" · a apply to the ticket" if self.can_apply else "")
        lines.append(keys)
        self._show(detail, "\n".join(lines))

    @on(Input.Submitted, "#lookup-query")
    def _to_results(self) -> None:
        results = self.query_one("#lookup-results", OptionList)
        if results.option_count:
            results.focus()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#lookup-query"):
            self._to_results()
            event.stop()

    def action_edit_query(self) -> None:
        self.query_one("#lookup-query", Input).focus()

    def action_copy(self, field: str) -> None:
        match = self.highlighted_match
        if match is None:
            return
        value = getattr(match, field)
        self.app.copy_to_clipboard(value)
        self.notify(f"Copied {value}")

    @on(OptionList.OptionSelected, "#lookup-results")
    def _selected(self) -> None:
        if self.can_apply:
            self.action_apply()
        else:
            self.action_copy("rep_email")

    def action_apply(self) -> None:
        match = self.highlighted_match
        if match is None or not self.can_apply:
            return
        self.dismiss(AppliedMinistry(self.query_one("#lookup-query", Input).value.strip(), match.ministry))

    def action_close(self) -> None:
        self.dismiss(None)
