"""The ticket view's unsaved edits: kept as they are typed, saved, reverted, or reconciled
with a colleague's save. Mixed into TicketScreen (screens/ticket.py), which owns the form.

Edits are saved with the version they were made on. If a colleague saved first, changes
to other fields are combined; where both changed a field, a dialog shows the agent's value
beside the colleague's, and nothing is saved over theirs without that choice. Unsaved
edits reach the database (like intake drafts) a moment after the last keystroke, on
leaving and on quitting, so a crash or a closed terminal loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from textual.timer import Timer

from helpdesk.tickets import ConflictError, Ticket, check_fields

from .base import run_db
from .widgets.ticket_form import TicketForm

# Unsaved edits reach the database this long after the last keystroke (and on leaving).
DRAFT_DELAY_SECONDS = 1.0


class KeptEdits:
    """Drafts, save, revert and conflicts for the ticket view: it supplies the TicketForm,
    ``ticket``, ``ticket_id``, ``session``, ``reload`` and ``_header``."""

    ticket: Ticket | None
    ticket_id: int

    def _reset_edits(self) -> None:
        # The version the form's unsaved edits were made on (a save checks against it).
        self.base_version: int | None = None
        self._draft_timer: Timer | None = None
        self._draft_kept = False  # the database holds unsaved edits of this ticket
        self._restoring = False

    # The form, changed by the screen rather than typed --------------------------------
    @contextmanager
    def _quietly(self) -> Iterator[TicketForm]:
        """Changes the screen makes itself: not typing, so no draft is kept for them."""
        self._restoring = True
        try:
            yield self.query_one(TicketForm)
        finally:
            self._restoring = False

    def _show_saved(self, ticket: Ticket) -> None:
        """The form shows ``ticket`` as saved; edits from now on are made on its version."""
        with self._quietly() as form:
            form.load_ticket(ticket)
        self.ticket, self.base_version = ticket, ticket.version

    def _apply_edits(self, edits: dict[str, Any], base_version: int) -> None:
        with self._quietly() as form:
            form.load({**form.values(), **edits}, as_edit=True)
        self.base_version = base_version

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def _forget_draft(self) -> None:
        """The form holds no unsaved edits any more: none are kept for it either."""
        self._stop_draft_timer()
        self._draft_kept = False
        ticket_id, session = self.ticket_id, self.session
        run_db(self, lambda: session.clear_ticket_draft(ticket_id), group="ticket-draft", exclusive=True)

    def restore_draft(self, ticket: Ticket, draft: tuple[int, dict[str, Any]]) -> None:
        version, edits = draft
        self._apply_edits(edits, min(version, ticket.version))
        self._draft_kept = True
        note = "" if version == ticket.version else " (the ticket was saved since: saving shows what changed)"
        self.notify(f"Your unsaved edits to #{ticket.id} are back{note}; "
                    "Ctrl+S saves them, F7 reverts.")

    # Drafts ---------------------------------------------------------------------------
    def form_edited(self) -> None:
        if self._restoring or self.ticket is None:
            return
        if not self._draft_kept and not self.query_one(TicketForm).is_dirty:
            return  # a field shown, not typed: nothing to keep or to clear
        self._stop_draft_timer()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self.keep_edits)

    def keep_edits(self) -> None:
        """Write the form's unsaved edits (or their absence) to the database, in a worker."""
        job = self._draft_job()
        if job is not None:
            run_db(self, job, group="ticket-draft", exclusive=True)

    def _draft_job(self) -> Callable[[], None] | None:
        self._stop_draft_timer()
        if self.ticket is None or not self.is_mounted:
            return None
        ticket_id, session = self.ticket_id, self.session
        version = self.base_version or self.ticket.version
        changes = self.query_one(TicketForm).changed_fields()
        self._draft_kept = bool(changes)
        if changes:
            return lambda: session.save_ticket_draft(ticket_id, version, changes)
        return lambda: session.clear_ticket_draft(ticket_id)

    def flush_edits(self) -> Callable[[], None] | None:
        """The pending draft write as a callable for a thread (quitting), or None."""
        return self._draft_job() if self._draft_timer is not None else None

    def leaving(self) -> None:
        """The agent leaves this ticket: its edits are kept (they come back when it is reopened)."""
        if self.ticket is not None and self.query_one(TicketForm).is_dirty:
            self.notify(f"Unsaved edits to #{self.ticket_id} kept; "
                        "they come back when you reopen it.")
        job = self._draft_job()
        if job is not None:  # the app's worker: a screen that is removed cancels its own
            run_db(self.app, job, group="ticket-draft-leave")

    # Saving ---------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.ticket is None:
            return
        form = self.query_one(TicketForm)
        changes = form.changed_fields()
        if not changes:
            self.notify("Nothing to save.")
            return
        session = self.session
        check = check_fields(changes, today=session.now().date(), creating=False)
        if not check.ok:
            form.show_check(check)
            return
        ticket_id, version = self.ticket_id, self.base_version or self.ticket.version

        def save() -> Ticket:
            updated = session.update_ticket(ticket_id, changes, version)
            session.clear_ticket_draft(ticket_id)
            return updated

        def saved(updated: Ticket) -> None:
            self._stop_draft_timer()
            self._draft_kept = False
            self._show_saved(updated)
            self.notify(f"Saved #{updated.id}.")
            self.reload()

        def refused(error: Exception) -> None:
            if isinstance(error, ConflictError):
                self._resolve_conflict(changes, error)

        run_db(self, save, saved, on_error=refused, quiet=(ConflictError,))

    def _resolve_conflict(self, mine: dict[str, Any], error: ConflictError) -> None:
        """A colleague saved first: the agent chooses, field by field; nothing is lost."""
        from .conflict_modal import ConflictModal

        current = error.current
        form = self.query_one(TicketForm)

        def chosen(values: dict[str, Any] | None) -> None:
            if values is None:
                self.notify("Not saved: your edits are still in the form.", severity="warning")
                return
            # Their ticket becomes the base; the chosen values are edits on top of it.
            self._show_saved(current)
            self._apply_edits(values, current.version)
            self._header(current)
            if form.is_dirty:
                self.action_save()
            else:
                self._forget_draft()
                self.notify(f"#{current.id} now shows your colleague's values; "
                            "nothing of yours was saved over them.")

        dialog = ConflictModal(current.id, mine, TicketForm.values_of(current), dict(form.saved_values),
                               error.details)
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
                self._show_saved(ticket)
                self._forget_draft()
                self.notify(f"#{ticket.id} shows its saved values again.")

        changed = ", ".join(name.replace("_", " ") for name in form.changed_fields())
        self.app.push_screen(ChoiceModal(
            f"Put back the saved values of #{ticket.id}? Your edits to {changed} go.",
            [("Keep my edits", "keep"), ("Revert to saved", "revert")]), answer)
