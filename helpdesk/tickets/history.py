"""A ticket's history: every change, by whom and when, oldest first."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from ..taxonomy import OUTCOMES, STATUSES, label
from ..text import clean


@dataclass(frozen=True)
class Event:
    id: int
    ticket_id: int
    version: int
    at: datetime
    agent: str
    kind: str
    field: str | None
    before: str | None
    after: str | None
    body: str | None

    def describe(self) -> str:
        """One line for people, e.g. "status: Open -> Waiting on participant"."""
        if self.kind == "created":
            return "created the ticket"
        if self.kind == "note":
            return "note"
        if self.kind in ("claimed", "assigned"):
            return f"{self.kind} -> {self.after or 'nobody'}"
        if self.kind == "status":
            return f"status: {label(STATUSES, self.before or '')} -> {label(STATUSES, self.after or '')}"
        if self.kind == "reply-sent":
            return f"response sent: {self.after}"
        if self.kind == "resolved":
            return f"resolved: {label(OUTCOMES, self.after or '')}"
        if self.kind == "edited":
            return f"{(self.field or '').replace('_', ' ')}: {self.before or '—'} -> {self.after or '—'}"
        return f"{self.kind}: {self.after or ''}".rstrip(": ")

    def to_dict(self) -> dict[str, Any]:
        result = asdict(self)
        result["at"] = self.at.isoformat()
        return result


_COLUMNS = "id, ticket_id, version, at, agent, kind, field, before, after, body"


def _text(value: str | None) -> str | None:
    return None if value is None else clean(value)


def _rows_to_events(rows) -> list[Event]:
    # Cleaned on the way out, like tickets (see Ticket.from_row).
    return [
        Event(id, ticket_id, version, datetime.fromisoformat(at), clean(agent), clean(kind), _text(field),
              _text(before), _text(after), _text(body))
        for id, ticket_id, version, at, agent, kind, field, before, after, body in rows
    ]


def events(db: sqlite_utils.Database, ticket_id: int) -> list[Event]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM ticket_events WHERE ticket_id = ? ORDER BY id", [ticket_id]
    ).fetchall()
    return _rows_to_events(rows)


def events_since(db: sqlite_utils.Database, ticket_id: int, version: int) -> list[Event]:
    """What happened to the ticket after it was at ``version``."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM ticket_events WHERE ticket_id = ? AND version > ? ORDER BY id",
        [ticket_id, version],
    ).fetchall()
    return _rows_to_events(rows)
