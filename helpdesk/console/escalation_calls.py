"""The console's escalation calls: what the escalate dialog offers, escalating, delivery state.

A mixin of :class:`helpdesk.console.session.AgentSession` (it uses the session's store, agent and
clock), kept in its own module so the session stays one screenful. Screens call these
from worker threads, like every other session call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

# The escalation, outbox and e-mail modules are imported by the calls that use them: the
# session is built before the console's first screen, which needs none of them.
if TYPE_CHECKING:
    from helpdesk.store.connection import Store


@dataclass(frozen=True)
class EscalationChoices:
    """What the escalate dialog starts from."""

    ticket_id: int
    version: int
    rep_label: str | None  # None: no ministry, so only the nodal persons can be chosen
    needed_by_target: dict[str, str]
    steps_tried: tuple[str, ...]


@dataclass(frozen=True)
class DeliveryLine:
    status: str  # the outbox status: queued, sending, retrying, sent, failed, cancelled
    text: str


@dataclass(frozen=True)
class ConsoleEscalation:
    notification_id: str
    addressee: str
    text: str  # what goes to the clipboard: the e-mail text
    mailto: str
    eml_path: Path | None
    eml_problem: str | None
    webhook_set: bool


class EscalationDesk:
    store: Store
    agent: str

    def escalation_choices(self, ticket_id: int) -> EscalationChoices:
        from helpdesk.directory import representative
        from helpdesk.escalation import escalations
        from helpdesk.escalation.message import NODAL, REP, default_needed

        db = self.store.db
        ticket = self.ticket(ticket_id)  # type: ignore[attr-defined]
        contact = representative.for_ticket(db, ticket.ministry, ticket.rep_email)
        rep_label = f"{contact.name} ({contact.email}), for {ticket.ministry}" if contact else None
        return EscalationChoices(
            ticket.id, ticket.version, rep_label,
            {REP: default_needed(ticket.category, REP), NODAL: default_needed(ticket.category, NODAL)},
            tuple(escalations.notes_of(db, ticket.id)))

    def escalate(self, ticket_id: int, target: str, needed: str, steps_tried: list[str],
                 version: int) -> ConsoleEscalation:
        from helpdesk.escalation import delivery_settings
        from helpdesk.escalation import escalations
        from helpdesk.escalation.email_draft import drafts_dir

        settings = delivery_settings.load()
        done = escalations.escalate(self.store, ticket_id, target=target, agent=self.agent,
                                   needed=needed, steps_tried=steps_tried,
                                   expected_version=version,
                                   contact=settings.participant_contact, at=self.now())  # type: ignore[attr-defined]
        eml_path, problem = None, None
        try:
            eml_path = done.draft.write_eml(drafts_dir(self.store.path), done.case.notification_id)
        except OSError as error:  # the escalation stands; only the convenience file is missing
            problem = f"the e-mail draft could not be written: {error.strerror or error}"
        return ConsoleEscalation(done.case.notification_id, done.case.addressee, done.draft.body,
                                 done.draft.mailto(eml_path), eml_path, problem,
                                 settings.webhook is not None)

    def delivery_lines(self, ticket_id: int) -> list[DeliveryLine]:
        """The ticket's Teams messages, newest first: reference and state, one line each."""
        from helpdesk.escalation import delivery_settings
        from helpdesk.escalation import outbox

        messages = outbox.messages(self.store.db, ticket_id=ticket_id, limit=5)
        if not messages:
            return []
        try:
            webhook_set = delivery_settings.load().webhook is not None
        except delivery_settings.ConfigError:
            webhook_set = False
        now = self.now()  # type: ignore[attr-defined]
        return [DeliveryLine(message.status, f"Teams {message.notification_id}: "
                                             f"{message.state(now, webhook_set=webhook_set)}")
                for message in messages]
