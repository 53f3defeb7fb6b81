"""Escalate a ticket: hand the case to its KB representative (or point to the nodal persons).

One transaction does it all: the ticket becomes "escalated", its history records who
escalated it to whom and why, and the Teams message is queued in the outbox. Either all
of that is on disk or none of it is, so a crash can neither lose a handover nor post one
that the ticket does not show. Delivery happens later (see :mod:`helpdesk.escalation.outbox_sender`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from secrets import token_hex

import sqlite_utils

from helpdesk import clock
from helpdesk.directory import representative
from helpdesk.escalation import outbox
from helpdesk.escalation.delivery_settings import CONTACT_CHOICES, CONTACT_MASKED
from helpdesk.escalation.email_draft import EmailDraft, draft_for
from helpdesk.errors import InputError
from helpdesk.escalation.message import (
    MAX_NEEDED_CHARS,
    MAX_STEP_CHARS,
    MAX_STEPS,
    NODAL,
    REP,
    TARGETS,
    EscalationCase,
    default_needed,
    trimmed,
)
from helpdesk.escalation.outbox_model import Message
from helpdesk.store.connection import Store
from helpdesk.escalation.teams_card import fitted_card
from helpdesk.text import clean
from helpdesk.tickets import Ticket
from helpdesk.tickets.writes import check_version, first_response, load, record, write


@dataclass(frozen=True)
class Escalation:
    ticket: Ticket
    case: EscalationCase
    message: Message
    draft: EmailDraft


def new_notification_id(ticket_id: int) -> str:
    """ESC-42-3fa9c1: the ticket, and a random part so each escalation is told apart in
    the channel (a card posted twice shows the same id twice)."""
    return f"ESC-{ticket_id}-{token_hex(3)}"


def notes_of(db: sqlite_utils.Database, ticket_id: int) -> list[str]:
    """The ticket's internal notes, oldest first: what the desk has already tried."""
    rows = db.execute("SELECT body FROM ticket_events WHERE ticket_id = ? AND kind = 'note'"
                      " AND body IS NOT NULL ORDER BY id", [ticket_id]).fetchall()
    return [row[0] for row in rows]


def _checked_needed(needed: str | None) -> str | None:
    if needed is None:
        return None
    text = clean(needed).strip()
    if not text:
        return None
    if len(text) > MAX_NEEDED_CHARS:
        raise InputError(f"the note of what is needed has {len(text)} characters; "
                         f"keep it under {MAX_NEEDED_CHARS} (details go in ticket notes)")
    return text


def _steps(given: list[str] | None, db: sqlite_utils.Database, ticket_id: int) -> tuple[str, ...]:
    raw = notes_of(db, ticket_id) if given is None else given
    cleaned = [" ".join(clean(step).split()) for step in raw]
    return tuple(trimmed(step, MAX_STEP_CHARS) for step in cleaned if step)[-MAX_STEPS:]


def escalate(store: Store, ticket_id: int, *, target: str, agent: str, needed: str | None = None,
             steps_tried: list[str] | None = None, expected_version: int | None = None,
             contact: str = CONTACT_MASKED, at: datetime | None = None) -> Escalation:
    """Escalate and queue the Teams message; InputError (nothing written) when it cannot be.

    ``steps_tried`` defaults to the ticket's notes; ``needed`` to a sentence for the
    ticket's category; ``contact`` is what the card shows of the participant's contact.
    """
    if target not in TARGETS:
        raise InputError(f"escalate to {' or '.join(TARGETS)}, not {target!r}")
    if contact not in CONTACT_CHOICES:
        raise InputError(f"participant contact must be one of {', '.join(CONTACT_CHOICES)}")
    needed_text = _checked_needed(needed)
    moment = at or clock.now()
    stamp = clock.iso(moment)
    with store.transaction() as db:
        ticket = load(db, ticket_id)
        check_version(db, ticket, expected_version)
        if ticket.is_done:
            raise InputError(f"ticket #{ticket_id} is {ticket.status}; reopen it (set its status) "
                             "before escalating")
        if target == REP and not ticket.rep_email:
            raise InputError(f"ticket #{ticket_id} has no ministry, so no KB representative: set "
                             "its ministry first, or escalate --to nodal")
        rep = representative.for_ticket(db, ticket.ministry, ticket.rep_email)
        rep_name, rep_mobile = (rep.name, rep.mobile) if rep else (None, None)
        case = EscalationCase(
            notification_id=new_notification_id(ticket.id), ticket_id=ticket.id, target=target,
            participant_name=ticket.participant_name, email=ticket.email, mobile=ticket.mobile,
            ministry=ticket.ministry, rep_name=rep_name, rep_email=ticket.rep_email,
            rep_mobile=rep_mobile, category=ticket.category,
            registration_path=ticket.registration_path, training_date=ticket.training_date,
            question=ticket.question, needed=needed_text or default_needed(ticket.category, target),
            steps_tried=_steps(steps_tried, db, ticket.id), agent=agent, at=moment)
        payload = fitted_card(case, contact=contact)
        columns = dict(first_response(ticket, stamp))
        if ticket.status != "escalated":
            columns["status"] = "escalated"
        version = write(db, ticket, columns, stamp)
        if ticket.status != "escalated":
            record(db, ticket.id, version, stamp, agent, "status", "status", ticket.status, "escalated")
        who = f"KB representative {rep_name}" if target == REP else "nodal persons"
        record(db, ticket.id, version, stamp, agent, "escalated", "target", None,
                f"{who} · {case.notification_id}", body=case.needed)
        message_id = outbox.enqueue(
            db, notification_id=case.notification_id, ticket_id=ticket.id,
            summary=f"#{ticket.id} {case.category_label} → {who}", payload=payload, agent=agent,
            at=moment)
        return Escalation(load(db, ticket.id), case, outbox.get(db, message_id), draft_for(case))


__all__ = ["NODAL", "REP", "TARGETS", "Escalation", "escalate", "new_notification_id", "notes_of"]
