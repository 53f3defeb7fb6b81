"""Near/past-target marks for the rows of the queue on screen (one window at a time)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlite_utils

from helpdesk.reports.clocks import ClockInput, measure_clocks
from helpdesk.hours.desk_minute_index import DeskMinuteIndex
from helpdesk.hours.status import DeskHours
from helpdesk.reports.data import load_status_changes
from helpdesk.reports.sla import SlaTargets, TargetMark, target_mark


def queue_marks(db: sqlite_utils.Database, rows: Sequence, hours: DeskHours, targets: SlaTargets,
                now: datetime) -> dict[int, TargetMark]:
    """Marks by ticket id for the active tickets among ``rows`` (``tickets.Ticket``)."""
    active = [ticket for ticket in rows if not ticket.is_done]
    if not active:
        return {}
    changes = load_status_changes(db, (ticket.id for ticket in active))
    first_day = min(ticket.created_at for ticket in active).date()
    index = DeskMinuteIndex(hours, min(first_day, now.date()), now.date())
    marks = {}
    for ticket in active:
        item = ClockInput(ticket.id, ticket.created_at, ticket.claimed_at, ticket.first_response_at,
                          ticket.resolved_at, tuple(changes.get(ticket.id, ())))
        mark = target_mark(measure_clocks(item, index, max(now, ticket.created_at)), targets, hours)
        if mark is not None:
            marks[ticket.id] = mark
    return marks
