"""Reading what a report needs, fast: the period's tickets and their status changes.

Two queries, whatever the size of the database: the tickets that matter to the period
(logged in it, resolved in it, or open at its end), then their status changes in one
pass ordered by ticket. At 100,000 tickets a month's report reads a few thousand rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from helpdesk.clock import iso
from helpdesk.reports.clocks import ClockInput, StatusChange
from helpdesk.reports.periods import Period


@dataclass(frozen=True)
class ReportTicket:
    id: int
    clock: ClockInput
    status: str  # now, not at the period's end (category, ministry and assignee are as now too)
    category: str
    ministry: str | None
    assignee: str | None
    created_by: str
    outcome: str | None  # now: empty if reopened since; see ``outcome_of``

    def outcome_of(self, resolved_at: datetime) -> str | None:
        """The outcome chosen at the resolution made at ``resolved_at`` (from the history)."""
        for change in self.clock.changes:
            if change.status == "resolved" and change.at == resolved_at and change.outcome:
                return change.outcome
        return self.outcome


_COLUMNS = ("id, created_at, claimed_at, first_response_at, resolved_at, status, category, "
            "ministry, assignee, created_by, outcome")

# Every ticket that can count in the period: logged in it; resolved in it (per the history,
# so a later reopening does not hide it); or possibly open at ``as_of`` (active now, or
# resolved for good only after it). "Active now" has no date condition on purpose: then
# the small partial index of active tickets answers it, where "created before as_of"
# would make SQLite walk every ticket by date. Later ones are dropped by the caller.
_CANDIDATES = """
    SELECT id FROM tickets WHERE created_at >= :start AND created_at < :end
    UNION SELECT ticket_id FROM ticket_events
          WHERE kind = 'resolved' AND at >= :start AND at < :end
    UNION SELECT id FROM tickets WHERE status NOT IN ('resolved', 'closed')
    UNION SELECT id FROM tickets WHERE resolved_at >= :as_of AND created_at < :as_of
"""


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def load_report_tickets(db: sqlite_utils.Database, period: Period, as_of: datetime) -> list[ReportTicket]:
    params = {"start": iso(period.start), "end": iso(period.end), "as_of": iso(as_of)}
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM tickets WHERE id IN ({_CANDIDATES}) ORDER BY id", params
    ).fetchall()
    changes = load_status_changes(db, (row[0] for row in rows))
    return [
        ReportTicket(
            ticket_id,
            ClockInput(ticket_id, _moment(created), _moment(claimed), _moment(responded),
                       _moment(resolved), tuple(changes.get(ticket_id, ()))),
            status, category, ministry, assignee, created_by, outcome,
        )
        for (ticket_id, created, claimed, responded, resolved, status, category, ministry,
             assignee, created_by, outcome) in rows
    ]


def load_status_changes(db: sqlite_utils.Database, ticket_ids: Iterable[int]) -> dict[int, list[StatusChange]]:
    """Status changes (resolutions included) of these tickets, oldest first per ticket."""
    ids = list(ticket_ids)
    if not ids:
        return {}
    found: dict[int, list[StatusChange]] = {}
    # json_each takes the whole id list as one parameter: no limit on host parameters.
    cursor = db.execute(
        "SELECT ticket_id, at, kind, after FROM ticket_events "
        "WHERE ticket_id IN (SELECT value FROM json_each(?)) AND kind IN ('status', 'resolved') "
        "ORDER BY ticket_id, id",
        [json.dumps(ids)],
    )
    for ticket_id, at, kind, after in cursor:
        if kind == "resolved":  # its "after" is the outcome chosen
            change = StatusChange(datetime.fromisoformat(at), "resolved", after)
        elif after:
            change = StatusChange(datetime.fromisoformat(at), after)
        else:
            continue
        found.setdefault(ticket_id, []).append(change)
    return found
