"""A ticket's row and its history written together: the one way any room changes a ticket.

Every change (an action, an escalation, a redaction) bumps the ticket's version, so a form
opened before it cannot save old values back over it, and appends its event to the ticket's
history in the same transaction. Callers hold the transaction (``Store.transaction()``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlite_utils

from helpdesk.errors import HelpdeskError, NotFoundError
from helpdesk.tickets.history import Event, events_since
from helpdesk.tickets.model import Ticket


class ConflictError(HelpdeskError):
    """Someone else changed the ticket first; ``changes`` says what they did."""

    def __init__(self, message: str, current: Ticket, changes: list[Event]) -> None:
        super().__init__(message)
        self.current = current
        self.changes = changes
        self.details = tuple(
            f"{event.at:%H:%M} {event.agent}: {event.describe()}" for event in changes
        )


def load(db: sqlite_utils.Database, ticket_id: int) -> Ticket:
    cursor = db.execute("SELECT * FROM tickets WHERE id = ?", [ticket_id])
    row = cursor.fetchone()
    if row is None:
        raise NotFoundError(f"there is no ticket #{ticket_id}")
    return Ticket.from_row(dict(zip((column[0] for column in cursor.description), row)))


def record(db: sqlite_utils.Database, ticket_id: int, version: int, at: str, agent: str,
           kind: str, field: str | None = None, before: Any = None, after: Any = None,
           body: str | None = None) -> None:
    """Append one event to the ticket's history, at the version the change made."""
    db.execute(
        "INSERT INTO ticket_events (ticket_id, version, at, agent, kind, field, before, after, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [ticket_id, version, at, agent, kind, field,
         None if before is None else str(before), None if after is None else str(after), body],
    )


def check_version(db: sqlite_utils.Database, ticket: Ticket, expected_version: int | None) -> None:
    """Refuse a change made from an older version of the ticket, saying who changed it since."""
    if expected_version is not None and expected_version != ticket.version:
        changes = events_since(db, ticket.id, expected_version)
        who = ", ".join(sorted({event.agent for event in changes})) or "another agent"
        raise ConflictError(
            f"ticket #{ticket.id} was changed by {who} after you opened it "
            f"(your version {expected_version}, now {ticket.version}); nothing of yours was saved",
            current=ticket,
            changes=changes,
        )


def write(db: sqlite_utils.Database, ticket: Ticket, columns: Mapping[str, Any], at: str) -> int:
    """Apply column changes and bump the version; returns the new version."""
    assignments = "".join(f"{name} = ?, " for name in columns)
    db.execute(
        f"UPDATE tickets SET {assignments}updated_at = ?, version = version + 1 "
        "WHERE id = ? AND version = ?",
        [*columns.values(), at, ticket.id, ticket.version],
    )
    return ticket.version + 1


def first_response(ticket: Ticket, at: str) -> dict[str, Any]:
    """The first thing an agent does on a ticket is its first response."""
    return {} if ticket.first_response_at else {"first_response_at": at}
