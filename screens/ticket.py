"""One ticket: every field editable, the KB representative, deadlines, history, and the actions.

The console keeps one ticket view and moves it from ticket to ticket (show_ticket). How its
unsaved edits are kept, saved, reverted and reconciled with a colleague's save is in
screens/ticket_edits.py.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from helpdesk.taxonomy import STATUSES, label
from helpdesk.tickets import Event, Ticket

from .base import DeskScreen, run_db
from .ticket_edits import KeptEdits
from .widgets.delivery_status import DeliveryStatus
from .widgets.desk_bar import DeskBar
from .widgets.desk_footer import DeskFooter
from .widgets.presence_bar import PresenceBar
from .widgets.ticket_form import TicketForm
from .widgets.ticket_side import TicketSide


class TicketScreen(KeptEdits, DeskScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="ticket.save"),
        Binding("f9", "replies", "Replies", id="ticket.replies",
                tooltip="Suggested step-by-step replies for this participant; Enter copies one"),
        Binding("ctrl+n", "note", "Note", id="ticket.note"),
        Binding("ctrl+r", "resolve", "Resolve", id="ticket.resolve"),
        # F8: every free ctrl key is taken by the ticket view, Input or TextArea.
        Binding("f8", "escalate", "Escalate", id="ticket.escalate"),
        Binding("ctrl+t", "status", "Status", id="ticket.status"),
        Binding("ctrl+o", "claim", "Claim", id="ticket.claim"),
        Binding("ctrl+g", "assign", "Assign", id="ticket.assign"),
        Binding("f7", "revert", "Revert", id="ticket.revert",
                tooltip="Put every field back to its saved value (asks first)"),
        Binding("escape", "back", "Queue", id="ticket.back"),
    ]

    def __init__(self, ticket_id: int | None, shown: Ticket | None = None) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.ticket: Ticket | None = None
        # A ticket just saved or read by the caller: shown at once, history follows.
        self._shown = shown
        self._stale = False  # the database changed while another screen was in front
        self._reset_edits()

    def compose(self) -> ComposeResult:
        yield DeskBar(f"ticket #{self.ticket_id}" if self.ticket_id is not None else "ticket")
        yield Static(id="ticket-header")
        yield DeliveryStatus(id="ticket-delivery")
        # Presence (reliability): who else has this ticket open; renews our heartbeat.
        yield PresenceBar(self.ticket_id,
                          is_editing=lambda: self.ticket is not None and self.query_one(TicketForm).is_dirty)
        with Horizontal(id="ticket-body"):
            with VerticalScroll(id="ticket-fields"):
                yield TicketForm(id="ticket-form")
            yield TicketSide(id="ticket-side")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        self.on_database_change(self._database_changed)
        self._start()

    def _start(self) -> None:
        if self.ticket_id is None:
            return  # built ahead of the first ticket (screens/ticket_view.py): nothing to show yet
        if self._shown is not None:
            self._show(self._shown, None, None, from_colleague=False, draft=None)
            self._shown = None
        self.reload(first=True)

    def show_ticket(self, ticket_id: int, shown: Ticket | None = None) -> None:
        """Make this view show another ticket, in place: the console keeps one ticket view
        and reuses it, because building its hundred widgets anew took most of a save."""
        self._stop_draft_timer()
        self.ticket_id, self._shown, self.ticket, self._stale = ticket_id, shown, None, False
        self._reset_edits()
        if not self.is_mounted:
            return  # on_mount shows it
        self.query_one("#desk-title", Static).update(Content(f"helpdesk · ticket #{ticket_id}"))
        self.query_one(PresenceBar).follow(ticket_id)
        self.query_one(TicketSide).clear()
        self.query_one(DeliveryStatus).show([])
        self._start()

    def _database_changed(self) -> None:
        if self.is_current:
            self.reload(from_colleague=True)
        else:
            self._stale = True  # off screen: read again when shown

    def on_screen_suspend(self) -> None:
        # Presence says what is really open: a dialog over this ticket keeps it open; another
        # screen (the intake form, the dashboard, the queue) does not.
        if not isinstance(self.app.screen, ModalScreen):
            self.query_one(PresenceBar).pause()

    def on_screen_resume(self) -> None:
        self.query_one(PresenceBar).resume()
        if self._stale:
            self._stale = False
            self.reload(from_colleague=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "claim" and self.ticket is not None and self.ticket.assignee == self.session.agent:
            return False  # already yours: nothing to claim
        return True

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    # Loading ---------------------------------------------------------------------------
    def reload(self, from_colleague: bool = False, first: bool = False) -> None:
        ticket_id, session = self.ticket_id, self.session

        def load():
            ticket = session.ticket(ticket_id)
            draft = session.load_ticket_draft(ticket_id) if first else None
            return ticket, session.history(ticket_id), session.rep_lines(ticket), draft

        def loaded(answer) -> None:
            if ticket_id == self.ticket_id:  # not another ticket's, read before the view moved on
                self._show(*answer[:3], from_colleague=from_colleague, draft=answer[3])

        run_db(self, load, loaded, group="ticket-load", exclusive=True)
        self._reload_delivery()

    def _show(self, ticket: Ticket, history: list[Event] | None, rep_lines: list[str] | None, *,
              from_colleague: bool, draft: tuple[int, dict] | None) -> None:
        form = self.query_one(TicketForm)
        newer = self.ticket is not None and ticket.version != self.ticket.version
        if self.ticket is None or not form.is_dirty:
            self._show_saved(ticket)
        elif newer and from_colleague:
            self.notify(f"#{ticket.id} was just changed by a colleague; your unsaved edits are kept. "
                        "Saving will show what they changed.", severity="warning", timeout=8)
        if draft is not None and not form.is_dirty:
            self.restore_draft(ticket, draft)
        self.refresh_bindings()
        self._header(ticket)
        if history is not None and rep_lines is not None:
            self.query_one(TicketSide).show(ticket, history, rep_lines, self.session.now())

    @on(TicketForm.Changed)
    def _form_changed(self) -> None:
        self.form_edited()  # kept as typed: screens/ticket_edits.py

    def _header(self, ticket: Ticket) -> None:
        urgency = ticket.urgency(self.session.now().date()).label
        self.query_one("#ticket-header", Static).update(Content(
            f" #{ticket.id} · {ticket.participant_name} · {label(STATUSES, ticket.status)} · "
            f"{ticket.assignee or 'unassigned'}" + (f" · training {urgency}" if urgency else "")
            + f" · v{ticket.version}"))

    # Actions (Ctrl+S and F7: screens/ticket_edits.py) ---------------------------------
    def _act(self, job, done_message: str) -> None:
        def done(updated: Ticket) -> None:
            self.notify(done_message.format(ticket=updated))
            self.reload()

        run_db(self, job, done)

    def action_claim(self) -> None:
        self._act(lambda: self.session.claim(self.ticket_id), "You have #{ticket.id}.")

    def action_note(self) -> None:
        from .note_modal import NoteModal

        def write(text: str | None) -> None:
            if text:
                self._act(lambda: self.session.add_note(self.ticket_id, text), "Note added to #{ticket.id}.")

        self.app.push_screen(NoteModal(self.ticket_id), write)

    def action_status(self) -> None:
        from .choice_modal import ChoiceModal

        if self.ticket is None:
            return
        ticket = self.ticket
        choices = [(term.label, term.code) for term in STATUSES if term.code != "resolved"]

        def chosen(status: str | None) -> None:
            if status:
                self._act(lambda: self.session.set_status(ticket.id, status, ticket.version),
                          "#{ticket.id} is now " + label(STATUSES, status) + ".")

        self.app.push_screen(ChoiceModal(f"Status of #{ticket.id}", choices, ticket.status), chosen)

    def action_assign(self) -> None:
        from .choice_modal import TextPromptModal

        if self.ticket is None:
            return
        ticket = self.ticket

        def chosen(name: str | None) -> None:
            if name is not None:
                self._act(lambda: self.session.assign(ticket.id, name.strip() or None, ticket.version),
                          "#{ticket.id} assigned.")

        self.app.push_screen(TextPromptModal(f"Assign #{ticket.id} to (empty: nobody)",
                                             "agent name", ticket.assignee or ""), chosen)

    def action_resolve(self) -> None:
        from .resolve_modal import Resolution, ResolveModal

        if self.ticket is None:
            return
        if self.query_one(TicketForm).is_dirty:
            self.notify("Save or undo your edits first (Ctrl+S).", severity="warning")
            return
        ticket = self.ticket

        def chosen(resolution: Resolution | None) -> None:
            if resolution:
                self._act(lambda: self.session.resolve(ticket.id, resolution.outcome, resolution.note,
                                                       ticket.version),
                          "Resolved #{ticket.id}.")

        self.app.push_screen(ResolveModal(ticket.id), chosen)

    def action_replies(self) -> None:
        from .reply_picker import ReplyPicker, SentReply

        def sent(reply: SentReply | None) -> None:
            if reply is not None:
                self._act(lambda: self.session.record_reply(self.ticket_id, reply.response_id, reply.language),
                          f"Copied “{reply.response_id}”: paste it into the Teams chat. Logged on #{{ticket.id}}.")

        run_db(self, lambda: self.session.reply_setup(self.ticket_id),
               lambda setup: self.app.push_screen(ReplyPicker(*setup), sent))

    def apply_ministry(self, query: str, ministry: str) -> None:
        """The lookup panel's choice: set it on the form (saved with the rest, Ctrl+S)."""
        self.query_one(TicketForm).set_ministry(query, ministry)
        self.notify(f"Ministry set to {ministry}; Ctrl+S saves.")

    def action_back(self) -> None:
        self.desk_app.action_queue()

    # Escalation (F8) and where its Teams message is ------------------------------------
    def _reload_delivery(self) -> None:
        ticket_id = self.ticket_id

        def show(lines) -> None:
            if ticket_id == self.ticket_id:
                self.query_one(DeliveryStatus).show(lines)

        run_db(self, lambda: self.session.delivery_lines(ticket_id), show, group="ticket-delivery", exclusive=True)

    def action_escalate(self) -> None:
        from .escalate_modal import EscalateModal, EscalationRequest

        if self.ticket is None:
            return
        if self.query_one(TicketForm).is_dirty:
            self.notify("Save or undo your edits first (Ctrl+S).", severity="warning")
            return
        ticket_id = self.ticket_id

        def escalated(result) -> None:
            # OSC 52: the terminal puts the text on the agent's clipboard, ready for a mail.
            self.app.copy_to_clipboard(result.text)
            lines = [f"Escalated #{ticket_id} to {result.addressee}.",
                     f"Teams message {result.notification_id} queued; the e-mail text is on the clipboard."]
            if result.eml_path:
                lines.append(f"E-mail draft: {result.eml_path}")
            if result.eml_problem:
                lines.append(result.eml_problem)
            if not result.webhook_set:
                lines.append("No Teams webhook is configured: the message waits in the outbox.")
            self.notify("\n".join(lines), timeout=12)
            self.desk_app.wake_outbox_sender()
            self.reload()

        def chosen(request: EscalationRequest | None, version: int) -> None:
            if request is not None:
                run_db(self, lambda: self.session.escalate(ticket_id, request.target, request.needed,
                                                           request.steps_tried, version), escalated)

        run_db(self, lambda: self.session.escalation_choices(ticket_id),
               lambda choices: self.app.push_screen(
                   EscalateModal(choices), lambda request: chosen(request, choices.version)))

