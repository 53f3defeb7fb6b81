"""Pick a step-by-step reply, see it filled in for this participant, copy it for the Teams chat.

The three suggestions come first (1, 2, 3 jump to them); typing searches the whole library.
A reply with a field that cannot be filled is never copied: the missing fields appear
below the preview to be filled in place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.screens.widgets.desk_footer import DeskFooter
from helpdesk.errors import InputError
from helpdesk.responses.render import RenderedReply, ResponseContext, render
from helpdesk.responses.suggest import Suggestion, search
from helpdesk.responses.library import ResponseLibrary


@dataclass(frozen=True)
class SentReply:
    response_id: str
    language: str


class ReplyPicker(ModalScreen[SentReply | None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="replies.close"),
        Binding("ctrl+t", "toggle_language", "English / हिन्दी", id="replies.language"),
        Binding("1", "pick(0)", "First", show=False, id="replies.first"),
        Binding("2", "pick(1)", "Second", show=False, id="replies.second"),
        Binding("3", "pick(2)", "Third", show=False, id="replies.third"),
    ]

    def __init__(self, library: ResponseLibrary, context: ResponseContext,
                 suggestions: list[Suggestion]) -> None:
        super().__init__()
        self.library = library
        self.context = context
        self.suggestions = suggestions
        self.shown: list[Suggestion] = list(suggestions)
        self.overrides: dict[str, str] = {}
        self.reply: RenderedReply | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="replies-dialog", classes="dialog"):
            with Vertical(id="replies-left"):
                yield Label("Replies: 1-3 or Enter copies", classes="dialog-title")
                yield Input(placeholder="search: otp, certificate, प्रमाणपत्र…", id="replies-search")
                yield OptionList(id="replies-list")
                yield Static(id="replies-reasons")
            with VerticalScroll(id="replies-right"):
                yield Static(id="replies-state")
                yield Static(id="replies-preview")
                yield Vertical(id="replies-missing")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        self._fill_list()
        self.query_one("#replies-list", OptionList).focus()

    # The list ----------------------------------------------------------------------------
    def _fill_list(self) -> None:
        options = self.query_one("#replies-list", OptionList)
        options.clear_options()
        searching = bool(self.query_one("#replies-search", Input).value.strip())
        for index, suggestion in enumerate(self.shown):
            number = f"{index + 1} " if index < 3 and not searching else "  "
            options.add_option(Option(Content(number + suggestion.response.title_in(self.context.language)),
                                      id=suggestion.response.id))
        if self.shown:
            options.highlighted = 0
        self._preview()

    @on(Input.Changed, "#replies-search")
    def _search(self, event: Input.Changed) -> None:
        self.shown = search(self.library, event.value, limit=10) if event.value.strip() else self.suggestions
        self._fill_list()

    @on(Input.Submitted, "#replies-search")
    def _search_done(self) -> None:
        self.query_one("#replies-list", OptionList).focus()

    def on_key(self, event) -> None:
        # Typing a letter in the list starts a search; digits stay 1-3 shortcuts.
        if self.focused is self.query_one("#replies-list") and event.character and \
                event.character.isprintable() and not event.character.isdigit() and event.character != " ":
            search_box = self.query_one("#replies-search", Input)
            search_box.focus()
            search_box.insert_text_at_cursor(event.character)
            event.stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            return self.focused is self.query_one("#replies-list")
        return True

    def action_pick(self, index: int) -> None:
        if index < len(self.shown):
            self.query_one("#replies-list", OptionList).highlighted = index
            self.action_copy()

    @property
    def current(self) -> Suggestion | None:
        highlighted = self.query_one("#replies-list", OptionList).highlighted
        return self.shown[highlighted] if highlighted is not None and highlighted < len(self.shown) else None

    # Preview and missing fields -------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#replies-list")
    def _preview(self) -> None:
        suggestion = self.current
        preview = self.query_one("#replies-preview", Static)
        missing = self.query_one("#replies-missing", Vertical)
        reasons = self.query_one("#replies-reasons", Static)
        if suggestion is None:
            self.reply = None
            preview.update(Content("No reply matches; try other words."))
            reasons.update(Content(""))
            missing.remove_children()
            return
        reasons.update(Content("Why: " + "; ".join(suggestion.reasons)) if suggestion.reasons else Content(""))
        self.reply = render(suggestion.response, self.context, self.overrides)
        self._show_reply()

    def _show_reply(self) -> None:
        reply = self.reply
        assert reply is not None
        state = self.query_one("#replies-state", Static)
        notes = [] if not reply.fell_back_to_english else ["(no Hindi text for this reply: English shown)"]
        notes += [f"⚠ {warning}" for warning in reply.warnings]
        if reply.ready:
            state.set_classes("-ready")
            state.update(Content("\n".join(["Ready: Enter copies it for the Teams chat.", *notes])))
        else:
            state.set_classes("-blocked")
            labels = ", ".join(label for _, label in reply.missing_fields())
            state.update(Content("\n".join([f"Not ready — fill in: {labels} (below), or pick another reply.",
                                            *notes])))
        self.query_one("#replies-preview", Static).update(Content(reply.text))
        self._missing_inputs(reply)

    def _missing_inputs(self, reply: RenderedReply) -> None:
        area = self.query_one("#replies-missing", Vertical)
        wanted = {name for name, _ in reply.missing_fields()}
        present = {child.name for child in area.query(Input)}
        if wanted == present:
            return
        area.remove_children()
        for name, label in reply.missing_fields():
            area.mount(Label(label))
            area.mount(Input(self.overrides.get(name, ""), placeholder=label, name=name, compact=True))

    @on(Input.Submitted, "#replies-missing Input")
    def _filled(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.input.name or ""
        value = event.value
        suggestion = self.current
        if suggestion is None:
            return
        try:
            self.reply = render(suggestion.response, self.context, {**self.overrides, name: value})
        except InputError as error:
            self.notify(str(error), severity="error")
            return
        self.overrides[name] = value
        self._show_reply()
        if self.reply.ready:
            self.query_one("#replies-list", OptionList).focus()

    # Actions ---------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#replies-list")
    def action_copy(self) -> None:
        reply, suggestion = self.reply, self.current
        if reply is None or suggestion is None:
            return
        if not reply.ready:
            inputs = self.query("#replies-missing Input")
            if inputs:
                inputs.first().focus()
            self.notify("Not copied: fill in the missing fields first.", severity="warning")
            return
        self.app.copy_to_clipboard(reply.text_to_send())
        self.dismiss(SentReply(suggestion.response.id, reply.language_used))

    def action_toggle_language(self) -> None:
        self.context = replace(self.context, language="hi" if self.context.language == "en" else "en")
        self._fill_list()

    def action_close(self) -> None:
        self.dismiss(None)
