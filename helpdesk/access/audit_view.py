"""One time-ordered trail of every change: the audit log and the tickets' own histories.

Tickets record their changes in ``ticket_events`` (field by field, with before and after);
everything else (roster, holidays, directory, overrides, redactions, restores, exports)
in ``audit_log``. Both only grow, so this is a read-only merge of the two.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from helpdesk.tickets.history import Event

AUDIT, TICKET = "audit", "ticket"


@dataclass(frozen=True)
class TrailEntry:
    at: datetime
    agent: str
    source: str  # AUDIT or TICKET
    id: int  # the row id in its own table
    action: str  # e.g. "holidays.import", "ticket.edited"
    target: str | None  # e.g. "2028", "ticket #12"
    before: Any
    after: Any
    note: str | None
    summary: str  # one line for people

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "agent": self.agent, "source": self.source, "id": self.id,
                "action": self.action, "target": self.target, "before": self.before,
                "after": self.after, "note": self.note, "summary": self.summary}


def _decode(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value  # written by hand or by an older version: show it as it is


def _compact(value: Any) -> str:
    return "—" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _audit_summary(before: Any, after: Any, note: str | None) -> str:
    parts = []
    if before is not None or after is not None:
        parts.append(f"{_compact(before)} -> {_compact(after)}")
    if note:
        parts.append(f"({note})")
    return " ".join(parts)


_AUDIT_SQL = "SELECT at, agent, id, action, target, before, after, note FROM audit_log"
_EVENT_SQL = ("SELECT at, agent, id, ticket_id, version, kind, field, before, after, body "
              "FROM ticket_events")


def trail(db: sqlite_utils.Database, *, ticket_id: int | None = None,
          limit: int | None = None) -> tuple[list[TrailEntry], int]:
    """The newest ``limit`` entries (all without it), oldest first, and how many exist.

    With ``ticket_id``: that ticket's history and the audit entries that name it.
    """
    audit_where, event_where, params = "", "", []
    if ticket_id is not None:
        audit_where, event_where = " WHERE target = ?", " WHERE ticket_id = ?"
        params = [f"ticket #{ticket_id}", ticket_id]
    total = db.execute(
        f"SELECT (SELECT count(*) FROM audit_log{audit_where}) + "
        f"(SELECT count(*) FROM ticket_events{event_where})", params).fetchone()[0]
    # Each source's newest ``limit`` rows are enough to find the merged newest ``limit``.
    tail = " ORDER BY at DESC, id DESC LIMIT ?" if limit is not None else ""
    audit_rows = db.execute(_AUDIT_SQL + audit_where + tail,
                            params[:1] + ([limit] if limit is not None else [])).fetchall()
    event_rows = db.execute(_EVENT_SQL + event_where + tail,
                            params[1:] + ([limit] if limit is not None else [])).fetchall()
    entries = [_from_audit(row) for row in audit_rows] + [_from_event(row) for row in event_rows]
    entries.sort(key=lambda entry: (entry.at, entry.source, entry.id))
    if limit is not None:
        entries = entries[-limit:] if limit else []
    return entries, total


def _from_audit(row) -> TrailEntry:
    at, agent, row_id, action, target, before, after, note = row
    before, after = _decode(before), _decode(after)
    return TrailEntry(datetime.fromisoformat(at), agent, AUDIT, row_id, action, target, before, after,
                      note, _audit_summary(before, after, note))


def _from_event(row) -> TrailEntry:
    at, agent, row_id, ticket_id, version, kind, field, before, after, body = row
    event = Event(row_id, ticket_id, version, datetime.fromisoformat(at), agent, kind, field, before,
                  after, body)
    summary = event.describe() + (f": {body}" if body else "")
    return TrailEntry(event.at, agent, TICKET, row_id, f"ticket.{kind}", f"ticket #{ticket_id}",
                      before, after, body, summary)
