"""New ticket: log the participant you are talking to, while you talk.

The form lives in its own mode, so switching to the queue or the lookup and back finds it
exactly as left; it is also saved to the database as it is typed, so even a crash or a
closed terminal loses nothing (the draft comes back on the next start).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Checkbox, Static

from helpdesk.tickets.intake_gate import refuses_live_intake
from helpdesk.tickets import Ticket, check_fields

from .widgets.desk_footer import DeskFooter
from .base import DeskScreen, run_db
from .widgets.desk_bar import DeskBar
from .widgets.ticket_form import TicketForm

DRAFT_DELAY_SECONDS = 1.0


class IntakeScreen(DeskScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save ticket", id="intake.save"),
        Binding("ctrl+r", "clear", "Clear form", id="intake.clear"),
        Binding("ctrl+o", "override", "Override closed hours", id="intake.override",
                tooltip="Supervisors: start a Teams session while the desk is closed (recorded)"),
        Binding("escape", "to_queue", "Queue", id="intake.queue"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._draft_timer: Timer | None = None
        self._restoring = False

    def compose(self) -> ComposeResult:
        yield DeskBar("new ticket")
        yield Static(id="intake-notice")
        with VerticalScroll(id="intake-fields"):
            yield TicketForm(id="intake-form")
            yield Checkbox("I am handling this participant now (claim the ticket)", True, id="intake-claim")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#field-participant_name").focus()
        run_db(self, self.session.load_draft, self._restore)
        self.watch(self.app, "desk_status", lambda _: self._show_desk_rule())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "override":
            return self._closed_for_live() is not None  # only offered when it would help
        return True

    def _closed_for_live(self):
        """The closed desk status when this form would start a live session now, else None."""
        status = self.desk_app.desk_status
        channel = self.query_one(TicketForm).values()["channel"]
        return status if status is not None and refuses_live_intake(status, channel) else None

    def _show_desk_rule(self) -> None:
        self.refresh_bindings()
        status = self._closed_for_live()
        if status is not None:
            opens = f"{status.next_open:%a %d %b %H:%M} IST" if status.next_open else "when hours are loaded"
            self._notice(f"Desk closed ({status.reason}): Teams sessions start again {opens}. "
                         "Phone/e-mail tickets can still be logged; a supervisor can override (Ctrl+O).",
                         "warn")
        elif "Desk closed" in str(self.query_one("#intake-notice", Static).render()):
            self._notice("")

    def _restore(self, draft: tuple[str, dict[str, Any]] | None) -> None:
        if not draft:
            return
        saved_at, fields = draft
        self._restoring = True
        self.query_one(TicketForm).load(fields, as_edit=True)
        self._restoring = False
        self._notice(f"Restored the form you were typing (saved {saved_at[11:16]}). "
                     "Ctrl+S saves it as a ticket; Ctrl+R clears it.")

    def _notice(self, text: str, tone: str = "") -> None:
        notice = self.query_one("#intake-notice", Static)
        notice.set_classes(f"-{tone}" if tone else "")
        notice.update(Content(text))

    # Draft autosave ----------------------------------------------------------------------
    @on(TicketForm.Changed)
    def _changed(self) -> None:
        self._show_desk_rule()
        if self._restoring:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self._save_draft)

    def _save_draft(self) -> None:
        run_db(self, self._draft_write(), group="draft", exclusive=True)

    def _draft_write(self):
        """What keeps the form as it is now: a callable for a worker thread."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        form, session = self.query_one(TicketForm), self.session
        if form.is_dirty:
            fields = form.values()
            return lambda: session.save_draft(fields)
        return session.clear_draft

    # Actions -----------------------------------------------------------------------------
    def action_save(self, override_reason: str | None = None) -> None:
        form = self.query_one(TicketForm)
        fields = form.values()
        check = check_fields(fields, today=self.session.now().date(), creating=True)
        if not check.ok:
            form.show_check(check)
            self._notice("Not saved: " + check.first_error(), "bad")
            return
        claim = self.query_one("#intake-claim", Checkbox).value
        run_db(self, lambda: self.session.create_ticket(fields, claim=claim, override_reason=override_reason),
               self._saved, on_error=self._refused)

    def _refused(self, error: Exception) -> None:
        self._notice(f"Not saved: {error}", "bad")

    def action_override(self) -> None:
        from .choice_modal import TextPromptModal

        if self._closed_for_live() is None:
            self.notify("The desk is open (or this is not a Teams session): no override needed.")
            return

        def reason_given(reason: str | None) -> None:
            if reason is not None:
                self.action_save(override_reason=reason)

        self.app.push_screen(TextPromptModal(
            "Why start a Teams session while the desk is closed? (recorded with your name)",
            "e.g. training tomorrow 09:30, approved by the programme office"), reason_given)

    def _saved(self, ticket: Ticket) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._restoring = True  # clearing is not typing: no draft to save for it
        self.query_one(TicketForm).clear()
        self._restoring = False
        self._draft_timer = None
        run_db(self, self.session.clear_draft, group="draft", exclusive=True)
        self._notice("")
        self.notify(f"Saved #{ticket.id} ({ticket.participant_name}).")
        # The ticket takes the intake's place (the form waits, empty, for the next one).
        self.desk_app.open_ticket(ticket.id, shown=ticket)
        self.query_one("#field-participant_name").focus()

    def flush_edits(self):
        """The draft write still waiting for its timer, as a callable for a thread (quitting)."""
        return self._draft_write() if self._draft_timer is not None else None

    def action_clear(self) -> None:
        from .choice_modal import ChoiceModal

        if not self.query_one(TicketForm).is_dirty:
            return

        def answer(choice: str | None) -> None:
            if choice == "clear":
                self.query_one(TicketForm).clear()
                run_db(self, self.session.clear_draft, group="draft", exclusive=True)
                self._notice("")
                self.query_one("#field-participant_name").focus()

        self.app.push_screen(ChoiceModal("Clear everything typed in this form?",
                                         [("Keep it", "keep"), ("Clear the form", "clear")]), answer)

    def apply_ministry(self, query: str, ministry: str) -> None:
        """The lookup panel's choice: set it on the form (saved with the rest, Ctrl+S)."""
        self.query_one(TicketForm).set_ministry(query, ministry)
        self.notify(f"Ministry set to {ministry}; Ctrl+S saves.")

    def action_to_queue(self) -> None:
        self.desk_app.action_queue()
