"""One ticket: every field editable, the KB representative, deadlines, history, and the actions.

Edits are saved with the version the agent opened. If a colleague saved first, the save
is refused and a dialog shows, field by field, the agent's value beside the colleague's:
keep mine, take theirs, or choose per field; nothing is saved over them without that
choice. Unsaved edits are kept in the database as they are typed (like intake drafts),
so leaving the ticket, quitting or a crash loses nothing; F7 reverts to the saved values.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from helpdesk.taxonomy import STATUSES, label
from helpdesk.tickets import ConflictError, Event, Ticket, check_fields

from .widgets.desk_footer import DeskFooter
from .base import DeskScreen, run_db

# Unsaved edits reach the database this long after the last keystroke (and on leaving).
DRAFT_DELAY_SECONDS = 1.0
from .widgets.delivery_status import DeliveryStatus
from .widgets.desk_bar import DeskBar
from .widgets.presence_bar import PresenceBar
from .widgets.ticket_form import TicketForm
from .widgets.ticket_side import TicketSide


class TicketScreen(DeskScreen):
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

    def __init__(self, ticket_id: int, shown: Ticket | None = None) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.ticket: Ticket | None = None
        # A ticket just saved or read by the caller: shown at once, history follows.
        self._shown = shown
        # The version the form's unsaved edits were made on (a save checks against it).
        self.base_version: int | None = None
        self._draft_timer: Timer | None = None
        self._draft_kept = False  # the database holds unsaved edits of this ticket
        self._stale = False  # the database changed while another screen was in front
        self._restoring = False

    def compose(self) -> ComposeResult:
        yield DeskBar(f"ticket #{self.ticket_id}")
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
        if self._shown is not None:
            self._show(self._shown, None, None, from_colleague=False, draft=None)
            self._shown = None
        self.reload(first=True)

    def show_ticket(self, ticket_id: int, shown: Ticket | None = None) -> None:
        """Make this view show another ticket, in place: the console keeps one ticket view
        and reuses it, because building its hundred widgets anew took most of a save."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self.ticket_id, self._shown = ticket_id, shown
        self.ticket, self.base_version, self._draft_kept, self._stale = None, None, False, False
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
            self._restoring = True
            form.load_ticket(ticket)
            self.ticket, self.base_version = ticket, ticket.version
            self._restoring = False
        elif newer and from_colleague:
            self.notify(f"#{ticket.id} was just changed by a colleague; your unsaved edits are kept. "
                        "Saving will show what they changed.", severity="warning", timeout=8)
        if draft is not None and not form.is_dirty:
            version, edits = draft
            self._restoring = True
            form.load({**form.values(), **edits}, as_edit=True)
            self._restoring = False
            self.base_version = min(version, ticket.version)
            self._draft_kept = True
            note = "" if version == ticket.version else " (the ticket was saved since: saving shows what changed)"
            self.notify(f"Your unsaved edits to #{ticket.id} are back{note}; Ctrl+S saves them, F7 reverts.")
        self.refresh_bindings()
        self._header(ticket)
        if history is not None and rep_lines is not None:
            self.query_one(TicketSide).show(ticket, history, rep_lines, self.session.now())

    # Unsaved edits, kept as they are typed -----------------------------------------------
    @on(TicketForm.Changed)
    def _edited(self) -> None:
        if self._restoring or self.ticket is None:
            return
        if not self._draft_kept and not self.query_one(TicketForm).is_dirty:
            return  # a field shown, not typed: nothing to keep or to clear
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self.keep_edits)

    def keep_edits(self) -> None:
        """Write the form's unsaved edits (or their absence) to the database, in a worker."""
        job = self._draft_job()
        if job is not None:
            run_db(self, job, group="ticket-draft", exclusive=True)

    def _draft_job(self):
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.ticket is None or not self.is_mounted:
            return None
        ticket_id, session, version = self.ticket_id, self.session, self.base_version or self.ticket.version
        changes = self.query_one(TicketForm).changed_fields()
        self._draft_kept = bool(changes)
        if changes:
            return lambda: session.save_ticket_draft(ticket_id, version, changes)
        return lambda: session.clear_ticket_draft(ticket_id)

    def flush_edits(self):
        """The pending draft write as a callable for a thread (quitting), or None."""
        return self._draft_job() if self._draft_timer is not None else None

    def _header(self, ticket: Ticket) -> None:
        urgency = ticket.urgency(self.session.now().date()).label
        self.query_one("#ticket-header", Static).update(Content(
            f" #{ticket.id} · {ticket.participant_name} · {label(STATUSES, ticket.status)} · "
            f"{ticket.assignee or 'unassigned'}" + (f" · training {urgency}" if urgency else "")
            + f" · v{ticket.version}"))

    # Actions -----------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.ticket is None:
            return
        form = self.query_one(TicketForm)
        changes = form.changed_fields()
        if not changes:
            self.notify("Nothing to save.")
            return
        check = check_fields(changes, today=self.session.now().date(), creating=False)
        if not check.ok:
            form.show_check(check)
            return
        ticket_id, version, session = self.ticket_id, self.base_version or self.ticket.version, self.session

        def save() -> Ticket:
            updated = session.update_ticket(ticket_id, changes, version)
            session.clear_ticket_draft(ticket_id)
            return updated

        def saved(updated: Ticket) -> None:
            if self._draft_timer is not None:
                self._draft_timer.stop()
            self._draft_kept = False
            self._restoring = True
            form.load_ticket(updated)
            self._restoring = False
            self.ticket, self.base_version = updated, updated.version
            self.notify(f"Saved #{updated.id}.")
            self.reload()

        def refused(error: Exception) -> None:
            if isinstance(error, ConflictError):
                self._resolve_conflict(changes, error)

        run_db(self, save, saved, on_error=refused, quiet=(ConflictError,))

    def _resolve_conflict(self, mine: dict, error: ConflictError) -> None:
        """A colleague saved first: the agent chooses, field by field; nothing is lost."""
        from .conflict_modal import ConflictModal

        current = error.current
        form = self.query_one(TicketForm)
        theirs = form.values_of(current)

        def chosen(values: dict | None) -> None:
            if values is None:
                self.notify("Not saved: your edits are still in the form.", severity="warning")
                return
            # Their ticket becomes the base; the chosen values are edits on top of it.
            self._restoring = True
            form.load_ticket(current)
            form.load({**form.values(), **values}, as_edit=True)
            self._restoring = False
            self.ticket, self.base_version = current, current.version
            self._header(current)
            if form.is_dirty:
                self.action_save()
            else:
                run_db(self, lambda: self.session.clear_ticket_draft(self.ticket_id), group="ticket-draft")
                self.notify(f"#{current.id} now shows your colleague's values; nothing of yours was saved over them.")

        dialog = ConflictModal(current.id, mine, theirs, dict(form.saved_values), error.details)
        if not dialog.conflicts:
            # They changed other fields than these: both sets of changes stand, nothing to choose.
            self.notify(f"#{current.id} was changed by a colleague meanwhile (other fields); "
                        "saving your edits on top of theirs.", timeout=6)
            chosen(mine)
            return
        self.app.push_screen(dialog, chosen)

    def action_revert(self) -> None:
        from .choice_modal import ChoiceModal

        form = self.query_one(TicketForm)
        if self.ticket is None or not form.is_dirty:
            self.notify("Nothing to revert: the form shows the saved ticket.")
            return
        ticket = self.ticket

        def answer(choice: str | None) -> None:
            if choice == "revert":
                self._restoring = True
                form.load_ticket(ticket)
                self._restoring = False
                self.base_version = ticket.version
                if self._draft_timer is not None:
                    self._draft_timer.stop()
                self._draft_kept = False
                run_db(self, lambda: self.session.clear_ticket_draft(ticket.id), group="ticket-draft",
                       exclusive=True)
                self.notify(f"#{ticket.id} shows its saved values again.")

        changed = ", ".join(name.replace("_", " ") for name in form.changed_fields())
        self.app.push_screen(ChoiceModal(f"Put back the saved values of #{ticket.id}? Your edits to {changed} go.",
                                         [("Keep my edits", "keep"), ("Revert to saved", "revert")]), answer)

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

    def leaving(self) -> None:
        """The agent leaves this ticket: its edits are kept (they come back when it is reopened)."""
        if self.ticket is not None and self.query_one(TicketForm).is_dirty:
            self.notify(f"Unsaved edits to #{self.ticket_id} kept; they come back when you reopen it.")
        job = self._draft_job()
        if job is not None:  # the app's worker: this screen's own are cancelled as it goes
            run_db(self.app, job, group="ticket-draft-leave")

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

