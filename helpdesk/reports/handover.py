"""End-of-day handover: what is open, who it waits on, and what the next agent does first.

Built at closing time (the console reminds agents from 30 minutes before 17:00 IST) and
written as Markdown, to paste into Teams or keep as an owner-only file. Participants'
e-mail and mobile never appear in it; notes quoted from tickets are masked the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import sqlite_utils

from helpdesk.hours.calendar_text import day_label
from helpdesk.clock import iso
from helpdesk.reports.clocks import RUNNING, ClockInput, TicketClocks, measure_clocks
from helpdesk.hours.desk_minute_index import DeskMinuteIndex
from helpdesk.hours.status import DeskHours, DeskStatus
from helpdesk.reports.privacy import mask_text
from helpdesk.reports.data import load_status_changes
from helpdesk.reports.sla import NEAR, OK, PAST, SlaTargets
from helpdesk.tickets import Ticket
from helpdesk.directory.representative import Contact, current_directory, of_ticket

REMIND_BEFORE_CLOSING = timedelta(minutes=30)
DO_FIRST = 10
LIST_LIMIT = 50  # rows per group in the Markdown; the rest are counted, not listed

UNCLAIMED, WITH_DESK, WAITING_PARTICIPANT, WAITING_MDO, ESCALATED = (
    "unclaimed", "with-desk", "waiting-participant", "waiting-mdo", "escalated")
GROUP_TITLES = {
    UNCLAIMED: "With the desk, nobody has claimed them",
    WITH_DESK: "With the desk, claimed",
    WAITING_PARTICIPANT: "Waiting on the participant",
    WAITING_MDO: "Waiting on MDO approval",
    ESCALATED: "Escalated to the KB representative",
}
_SEVERITY = {PAST: 0, NEAR: 1, OK: 2}


@dataclass(frozen=True)
class HandoverItem:
    ticket: Ticket
    clocks: TicketClocks
    target_state: str
    group: str
    next_step: str
    since: datetime  # when it entered its current status
    last_note: str | None

    def priority(self, today) -> tuple:
        """Training soonest first, then what the desk can act on, past targets, oldest."""
        return (self.ticket.urgency(today), self.clocks.state != RUNNING,
                _SEVERITY[self.target_state], self.ticket.created_at, self.ticket.id)


@dataclass(frozen=True)
class Handover:
    at: datetime
    agent: str
    status: DeskStatus
    next_open: datetime  # the first opening after this one (or after now, when closed)
    targets: SlaTargets
    opened_today: int
    resolved_today: int
    items: list[HandoverItem]  # most pressing first

    @property
    def do_first(self) -> list[HandoverItem]:
        return self.items[:DO_FIRST]

    def group(self, name: str) -> list[HandoverItem]:
        return [item for item in self.items if item.group == name]


def closing_reminder(status: DeskStatus, now: datetime) -> str | None:
    """The gentle nudge in the last half hour of an open day; None at any other time."""
    if not status.open or status.closes_at is None:
        return None
    left = status.closes_at - now
    if timedelta(0) < left <= REMIND_BEFORE_CLOSING:
        return (f"The desk closes at {status.closes_at:%H:%M} IST. "
                "Write the end-of-day handover: F5, then h.")
    return None


def build_handover(db: sqlite_utils.Database, hours: DeskHours, targets: SlaTargets,
                   now: datetime, agent: str) -> Handover:
    cursor = db.execute("SELECT * FROM tickets WHERE status NOT IN ('resolved', 'closed') "
                        "ORDER BY created_at, id")
    columns = [column[0] for column in cursor.description]
    open_tickets = [Ticket.from_row(dict(zip(columns, row))) for row in cursor.fetchall()]
    changes = load_status_changes(db, (ticket.id for ticket in open_tickets))
    first_day = min([ticket.created_at.date() for ticket in open_tickets] + [now.date()])
    index = DeskMinuteIndex(hours, first_day, now.date())
    directory = current_directory(db) if open_tickets else None
    items = []
    for ticket in open_tickets:
        ticket_changes = tuple(changes.get(ticket.id, ()))
        clocks = measure_clocks(ClockInput(ticket.id, ticket.created_at, ticket.claimed_at,
                                           ticket.first_response_at, ticket.resolved_at,
                                           ticket_changes), index, max(now, ticket.created_at))
        since = ticket_changes[-1].at if ticket_changes else ticket.created_at
        rep = of_ticket(directory, ticket.ministry, ticket.rep_email)
        items.append(HandoverItem(ticket, clocks, _target_state(clocks, targets), _group(ticket),
                                  _next_step(ticket, rep, since, now), since, None))
    items.sort(key=lambda item: item.priority(now.date()))
    notes = _last_notes(db, [item.ticket.id for item in items[:DO_FIRST]])
    items[:DO_FIRST] = [_with_note(item, notes.get(item.ticket.id)) for item in items[:DO_FIRST]]
    day_start = datetime.combine(now.date(), datetime.min.time(), now.tzinfo)
    stamps = [iso(day_start), iso(day_start + timedelta(days=1))]
    opened = db.execute("SELECT count(*) FROM tickets WHERE created_at >= ? AND created_at < ?",
                        stamps).fetchone()[0]
    resolved = db.execute("SELECT count(*) FROM tickets WHERE resolved_at >= ? AND resolved_at < ?",
                          stamps).fetchone()[0]
    status = hours.status(now)
    next_open = hours.next_open(status.closes_at) if status.closes_at else status.next_open
    return Handover(now, agent, status, next_open, targets, opened, resolved, items)


def _with_note(item: HandoverItem, note: str | None) -> HandoverItem:
    return replace(item, last_note=note)


def _target_state(clocks: TicketClocks, targets: SlaTargets) -> str:
    states = [targets.state(clocks.resolution.desk_minutes, targets.resolution_minutes)]
    if not clocks.first_response.final:
        states.append(targets.state(clocks.first_response.desk_minutes, targets.first_response_minutes))
    return min(states, key=_SEVERITY.__getitem__)


def _group(ticket: Ticket) -> str:
    if ticket.status in (WAITING_PARTICIPANT, WAITING_MDO, ESCALATED):
        return ticket.status
    return WITH_DESK if ticket.assignee else UNCLAIMED


def _rep_text(rep: Contact | None) -> str:
    if rep is None:
        return "the KB representative (find the ministry first: F2)"
    if not rep.in_directory:
        return f"the KB representative ({rep.email} is no longer in the directory: F2 finds today's)"
    return f"{rep.name} ({rep.email}, {rep.mobile})"


def _next_step(ticket: Ticket, rep: Contact | None, since: datetime, now: datetime) -> str:
    waited = f"since {day_label(since.date(), with_year=False)} {since:%H:%M}"
    if ticket.status == WAITING_PARTICIPANT:
        return f"Follow up with the participant (waiting {waited})."
    if ticket.status == WAITING_MDO:
        return f"Ask the MDO admin about the approval (waiting {waited}); if stuck, alert {_rep_text(rep)}."
    if ticket.status == ESCALATED:
        return f"Check with {_rep_text(rep)} (escalated {waited})."
    if not ticket.assignee:
        return "Claim it and reply: nobody has yet."
    return f"Carry on for {ticket.assignee}: read the last note, then reply."


def _last_notes(db: sqlite_utils.Database, ticket_ids: list[int]) -> dict[int, str]:
    notes: dict[int, str] = {}
    for ticket_id in ticket_ids:
        row = db.execute("SELECT body FROM ticket_events WHERE ticket_id = ? AND kind = 'note' "
                         "ORDER BY id DESC LIMIT 1", [ticket_id]).fetchone()
        if row and row[0]:
            notes[ticket_id] = mask_text(row[0])
    return notes


def training_text(ticket: Ticket, today) -> str:
    if ticket.training_date is None:
        return "—"
    days = (ticket.training_date - today).days
    when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days" if days > 0 else "passed")
    return f"{day_label(ticket.training_date, with_year=False)} ({when})"

