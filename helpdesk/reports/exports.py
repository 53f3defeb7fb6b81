"""Tickets with their history, for a period, as CSV or JSON Lines, personal data masked.

E-mail addresses and mobile numbers are masked everywhere in the file (the fields, the
history of edits to them, and any typed into questions and notes) unless the export is
made with ``include_pii``. That is for supervisors only and is written to the audit log
in the same transaction that puts the file in place, so there is never a full export
without its audit entry. Every file is created readable by its owner only.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

import sqlite_utils

from helpdesk.access import audit
from helpdesk.access import roles
from helpdesk.clock import iso
from helpdesk.reports.clocks import ClockInput, TicketClocks, measure_clocks
from helpdesk.hours.desk_minute_index import DeskMinuteIndex
from helpdesk.errors import InputError
from helpdesk.hours.status import DeskHours
from helpdesk.reports.periods import Period
from helpdesk.reports.privacy import mask_email, mask_mobile, mask_text, spreadsheet_cell
from helpdesk.private_files import private_output
from helpdesk.store.connection import Store
from helpdesk.tickets import Event, Ticket

FORMATS = ("csv", "jsonl")
PII_ACTION = "export.pii"
PII_DOING = "export full e-mail addresses and mobile numbers (--include-pii)"
TICKET_FIELDS = (
    "id", "created_at", "created_by", "participant_name", "email", "mobile", "ministry_query",
    "ministry", "rep_email", "category", "channel", "training_date", "language", "question",
    "status", "assignee", "claimed_at", "first_response_at", "resolved_at", "outcome",
    "resolution_note", "handle_seconds", "updated_at", "version",
)
CLOCK_FIELDS = (
    "clock_state", "first_response_desk_minutes", "first_response_calendar_minutes",
    "resolution_desk_minutes", "resolution_calendar_minutes", "handle_desk_minutes",
    "waiting_desk_minutes", "waiting_calendar_minutes",
)
_FREE_TEXT = ("question", "resolution_note", "ministry_query")
_MASKERS = {"email": mask_email, "mobile": mask_mobile}


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    format: str
    tickets: int
    events: int
    include_pii: bool


def export_tickets(store: Store, agent: str, period: Period, fmt: str, path: Path, *,
                   include_pii: bool, now: datetime, overwrite: bool = False) -> ExportSummary:
    if fmt not in FORMATS:
        raise InputError(f"{fmt!r} is not an export format; use one of: {', '.join(FORMATS)}")
    if include_pii:  # refuse before reading a single address
        roles.require_supervisor(store.db, agent, PII_DOING)
    hours = DeskHours.from_store(store)
    with private_output(Path(path), overwrite=overwrite) as output:
        with _snapshot(store.db) as db:
            tickets, events = _write(db, output.handle, fmt, period, include_pii, hours, now)
        if include_pii:
            with store.transaction() as db:
                roles.require_supervisor(db, agent, PII_DOING)  # the role may have changed meanwhile
                audit.record(db, agent, PII_ACTION, target=str(Path(path).resolve()),
                             after={**period.to_dict(), "format": fmt, "tickets": tickets},
                             note="full e-mail addresses and mobile numbers", at=now)
                output.commit()
    return ExportSummary(Path(path), fmt, tickets, events, include_pii)


@contextmanager
def _snapshot(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One read transaction: tickets and their history as they were at one moment."""
    db.execute("BEGIN")
    try:
        yield db
    finally:
        db.execute("COMMIT")


def _tickets_with_history(db: sqlite_utils.Database, period: Period) -> Iterator[tuple[Ticket, list[Event]]]:
    """Tickets logged in the period, by id, each with its history: two cursors walked together."""
    params = {"start": iso(period.start), "end": iso(period.end)}
    in_period = "created_at >= :start AND created_at < :end"
    ticket_cursor = db.execute(f"SELECT * FROM tickets WHERE {in_period} ORDER BY id", params)
    columns = [column[0] for column in ticket_cursor.description]
    event_cursor = db.execute(
        "SELECT id, ticket_id, version, at, agent, kind, field, before, after, body FROM ticket_events "
        f"WHERE ticket_id IN (SELECT id FROM tickets WHERE {in_period}) ORDER BY ticket_id, id", params)
    pending = next(event_cursor, None)
    for row in ticket_cursor:
        ticket = Ticket.from_row(dict(zip(columns, row)))
        history: list[Event] = []
        while pending is not None and pending[1] <= ticket.id:
            if pending[1] == ticket.id:
                event_id, ticket_id, version, at, who, kind, field, before, after, body = pending
                history.append(Event(event_id, ticket_id, version, datetime.fromisoformat(at), who,
                                     kind, field, before, after, body))
            pending = next(event_cursor, None)
        yield ticket, history


def _write(db, handle: TextIO, fmt: str, period: Period, include_pii: bool, hours: DeskHours,
           now: datetime) -> tuple[int, int]:
    index = DeskMinuteIndex(hours, period.first, max(now.date(), period.first))
    writer = csv.writer(handle, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writerow([*TICKET_FIELDS, *CLOCK_FIELDS, "history"])
    tickets = events = 0
    for ticket, history in _tickets_with_history(db, period):
        clocks = measure_clocks(ClockInput.from_ticket(ticket, history), index, max(now, ticket.created_at))
        record = ticket_record(ticket, clocks, include_pii)
        shown = [event if include_pii else mask_event(event) for event in history]
        if writer:
            writer.writerow([_cell(record[name]) for name in (*TICKET_FIELDS, *CLOCK_FIELDS)]
                            + [spreadsheet_cell(history_text(shown))])
        else:
            record["history"] = [event.to_dict() for event in shown]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        tickets += 1
        events += len(history)
    return tickets, events


def ticket_record(ticket: Ticket, clocks: TicketClocks, include_pii: bool) -> dict[str, Any]:
    values = ticket.to_dict()
    record = {name: values[name] for name in TICKET_FIELDS}
    if not include_pii:
        for name, mask in _MASKERS.items():
            record[name] = mask(record[name])
        for name in _FREE_TEXT:
            record[name] = mask_text(record[name]) if record[name] else record[name]
    handle = clocks.handle
    record.update(
        clock_state=clocks.state,
        first_response_desk_minutes=clocks.first_response.desk_minutes,
        first_response_calendar_minutes=clocks.first_response.calendar_minutes,
        resolution_desk_minutes=clocks.resolution.desk_minutes,
        resolution_calendar_minutes=clocks.resolution.calendar_minutes,
        handle_desk_minutes=handle.desk_minutes if handle else None,
        waiting_desk_minutes=clocks.waiting.desk_minutes,
        waiting_calendar_minutes=clocks.waiting.calendar_minutes,
    )
    return record


def mask_event(event: Event) -> Event:
    """The event with any e-mail or mobile number in it masked (edits to them included)."""
    mask = _MASKERS.get(event.field or "", mask_text)
    return replace(event, before=mask(event.before) if event.before else event.before,
                   after=mask(event.after) if event.after else event.after,
                   body=mask_text(event.body) if event.body else event.body)


def history_text(history: list[Event]) -> str:
    """One line per event (a note's text follows its line), for a spreadsheet cell."""
    lines = []
    for event in history:
        line = f"{iso(event.at)} {event.agent}: {event.describe()}"
        if event.body:
            line += " | " + " ".join(event.body.split())
        lines.append(line)
    return "\n".join(lines)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return spreadsheet_cell(value) if isinstance(value, str) else value

