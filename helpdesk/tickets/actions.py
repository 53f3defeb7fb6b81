"""Everything that changes a ticket. Each action is one IMMEDIATE transaction that checks,
writes the ticket and appends its history together, so a crash leaves all or nothing.

Saving with an ``expected_version`` that is no longer current raises ConflictError carrying
what the other agent changed: edits are never silently overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlite_utils

from .. import clock
from ..errors import InputError
from helpdesk.directory import representative
from helpdesk.hours.status import DeskHours
from helpdesk.access.identity import validate_agent_name
from helpdesk.tickets.intake_gate import DeskClosedError, closed_for_live_intake, record_override
from helpdesk.store.connection import Store
from ..taxonomy import DONE_STATUSES, OUTCOMES, STATUSES, codes
from ..text import clean_line
from .model import EDITABLE_FIELDS, Ticket
from .validate import check_fields, check_note
from .writes import ConflictError, check_version, first_response, load, record, write


def _resolve_ministry(db: sqlite_utils.Database, values: dict[str, Any]) -> None:
    """A ticket's ministry is a directory row; its representative comes with it."""
    if "ministry" not in values:
        return
    ministry = values["ministry"]
    values["rep_email"] = None if ministry is None else representative.for_ministry(db, ministry).email


def create(store: Store, fields: Mapping[str, Any], agent: str, *, at: datetime | None = None,
           claim: bool = False, hours: DeskHours | None = None,
           override_reason: str | None = None) -> Ticket:
    """Log a new ticket; with ``claim`` the creating agent takes it at once (live sessions).

    A live (Teams) ticket is refused while the desk is closed, unless a supervisor gives
    ``override_reason`` (recorded in the audit log in the same transaction).
    """
    moment = at or clock.now()
    stamp = clock.iso(moment)
    check = check_fields(fields, today=moment.date(), creating=True)
    if not check.ok:
        raise InputError(check.first_error())
    values = {name: value for name, value in check.values.items() if name in EDITABLE_FIELDS}
    closed = closed_for_live_intake(hours or DeskHours.from_store(store), values["channel"], moment)
    if closed and override_reason is None:
        raise DeskClosedError(closed, values["channel"])
    with store.transaction() as db:
        if closed:
            record_override(db, agent, override_reason or "", closed, moment)
        _resolve_ministry(db, values)
        row = {**values, "created_at": stamp, "created_by": agent, "updated_at": stamp,
               "status": "new"}
        if claim:
            row.update(status="open", assignee=agent, claimed_at=stamp, first_response_at=stamp)
        cursor = db.execute(
            f"INSERT INTO tickets ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            list(row.values()),
        )
        ticket_id = cursor.lastrowid
        record(db, ticket_id, 1, stamp, agent, "created")
        if claim:
            record(db, ticket_id, 1, stamp, agent, "claimed", "assignee", None, agent)
        return load(db, ticket_id)


def update(store: Store, ticket_id: int, changes: Mapping[str, Any], agent: str, *,
           expected_version: int | None, at: datetime | None = None) -> Ticket:
    """Edit fields; each changed field is one history entry with its before and after."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InputError(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
    moment = at or clock.now()
    stamp = clock.iso(moment)
    check = check_fields(changes, today=moment.date(), creating=False)
    if not check.ok:
        raise InputError(check.first_error())
    with store.transaction() as db:
        ticket = load(db, ticket_id)
        check_version(db, ticket, expected_version)
        values = dict(check.values)
        _resolve_ministry(db, values)
        current = ticket.to_dict()
        changed = {name: value for name, value in values.items() if current.get(name) != value}
        if not changed:
            return ticket
        version = write(db, ticket, changed, stamp)
        for name, value in changed.items():
            record(db, ticket.id, version, stamp, agent, "edited", name, current.get(name), value)
        return load(db, ticket_id)


def claim(store: Store, ticket_id: int, agent: str, *, at: datetime | None = None) -> Ticket:
    """Take a ticket. Taking one a colleague already holds is refused (use assign)."""
    stamp = clock.iso(at or clock.now())
    with store.transaction() as db:
        ticket = load(db, ticket_id)
        if ticket.assignee == agent:
            return ticket
        if ticket.assignee:
            raise ConflictError(f"ticket #{ticket_id} is already claimed by {ticket.assignee}",
                                current=ticket, changes=[])
        columns: dict[str, Any] = {"assignee": agent, **first_response(ticket, stamp)}
        if not ticket.claimed_at:
            columns["claimed_at"] = stamp
        if ticket.status == "new":
            columns["status"] = "open"
        version = write(db, ticket, columns, stamp)
        record(db, ticket.id, version, stamp, agent, "claimed", "assignee", None, agent)
        return load(db, ticket_id)


def claim_next(store: Store, agent: str, *, at: datetime | None = None) -> Ticket | None:
    """Atomically take the most urgent unclaimed ticket; None when there is none.

    One UPDATE ... RETURNING under the write lock: twenty agents pressing "next" at once
    get twenty different tickets.
    """
    from .queue import URGENCY_ORDER, urgency_parameters

    moment = at or clock.now()
    stamp = clock.iso(moment)
    with store.transaction() as db:
        row = db.execute(
            f"""
            UPDATE tickets
               SET assignee = :agent, claimed_at = coalesce(claimed_at, :stamp),
                   first_response_at = coalesce(first_response_at, :stamp),
                   status = CASE status WHEN 'new' THEN 'open' ELSE status END,
                   updated_at = :stamp, version = version + 1
             WHERE id = (SELECT id FROM tickets
                          WHERE assignee IS NULL AND status NOT IN ('resolved', 'closed')
                          ORDER BY {URGENCY_ORDER}, created_at, id LIMIT 1)
            RETURNING id, version
            """,
            {"agent": agent, "stamp": stamp, **urgency_parameters(moment.date())},
        ).fetchone()
        if row is None:
            return None
        ticket_id, version = row
        record(db, ticket_id, version, stamp, agent, "claimed", "assignee", None, agent)
        return load(db, ticket_id)


def assign(store: Store, ticket_id: int, assignee: str | None, agent: str, *,
           expected_version: int | None = None, at: datetime | None = None) -> Ticket:
    """Give a ticket to an agent (or to nobody with None)."""
    stamp = clock.iso(at or clock.now())
    # An agent's name, like the one given with --agent: a 100,000-character "name" is refused.
    target = validate_agent_name(assignee) if clean_line(assignee or "") else None
    with store.transaction() as db:
        ticket = load(db, ticket_id)
        check_version(db, ticket, expected_version)
        if ticket.assignee == target:
            return ticket
        columns: dict[str, Any] = {"assignee": target}
        if target and not ticket.claimed_at:
            columns["claimed_at"] = stamp
        version = write(db, ticket, columns, stamp)
        record(db, ticket.id, version, stamp, agent, "assigned", "assignee", ticket.assignee, target)
        return load(db, ticket_id)


def set_status(store: Store, ticket_id: int, status: str, agent: str, *,
               expected_version: int | None = None, at: datetime | None = None) -> Ticket:
    if status not in codes(STATUSES):
        raise InputError(f"{status!r} is not a status; use one of: {', '.join(codes(STATUSES))}")
    if status == "resolved":
        raise InputError("resolving needs an outcome and a note: use resolve")
    stamp = clock.iso(at or clock.now())
    with store.transaction() as db:
        ticket = load(db, ticket_id)
        check_version(db, ticket, expected_version)
        if ticket.status == status:
            return ticket
        if status == "closed" and ticket.status != "resolved":
            raise InputError(f"ticket #{ticket_id} is {ticket.status}; only a resolved ticket can be closed")
        columns: dict[str, Any] = {"status": status, **first_response(ticket, stamp)}
        if ticket.status in DONE_STATUSES and status not in DONE_STATUSES:
            # Reopened: it is no longer resolved (the old outcome stays in the history).
            columns.update(resolved_at=None, outcome=None, resolution_note=None, handle_seconds=None)
        version = write(db, ticket, columns, stamp)
        record(db, ticket.id, version, stamp, agent, "status", "status", ticket.status, status)
        return load(db, ticket_id)


def add_note(store: Store, ticket_id: int, body: str, agent: str, *,
             at: datetime | None = None) -> Ticket:
    """An internal note (agents only). Notes never conflict: they only add."""
    try:
        text = check_note(body)
    except ValueError as error:
        raise InputError(str(error)) from None
    stamp = clock.iso(at or clock.now())
    with store.transaction() as db:
        ticket = load(db, ticket_id)
        version = write(db, ticket, first_response(ticket, stamp), stamp)
        record(db, ticket.id, version, stamp, agent, "note", body=text)
        return load(db, ticket_id)


def resolve(store: Store, ticket_id: int, outcome: str, note: str, agent: str, *,
            expected_version: int | None = None, at: datetime | None = None) -> Ticket:
    """Close the case with an outcome code and a note; the handle time is recorded.

    Handle time runs from when the ticket was first claimed (or created, if nobody claimed
    it) to now.
    """
    if outcome not in codes(OUTCOMES):
        raise InputError(f"{outcome!r} is not an outcome; use one of: {', '.join(codes(OUTCOMES))}")
    try:
        text = check_note(note)
    except ValueError:
        raise InputError("a resolution note is required: say what was done") from None
    moment = at or clock.now()
    stamp = clock.iso(moment)
    with store.transaction() as db:
        ticket = load(db, ticket_id)
        check_version(db, ticket, expected_version)
        if ticket.status == "resolved":
            raise InputError(f"ticket #{ticket_id} is already resolved")
        started = ticket.claimed_at or ticket.created_at
        handle_seconds = max(int((moment - started).total_seconds()), 0)
        columns = {"status": "resolved", "resolved_at": stamp, "outcome": outcome,
                   "resolution_note": text, "handle_seconds": handle_seconds,
                   **first_response(ticket, stamp)}
        if not ticket.assignee:
            columns["assignee"] = agent
        version = write(db, ticket, columns, stamp)
        record(db, ticket.id, version, stamp, agent, "resolved", "outcome", None, outcome, body=text)
        return load(db, ticket_id)


def record_reply(store: Store, ticket_id: int, response_id: str, language: str, agent: str, *,
                 at: datetime | None = None) -> Ticket:
    """A step-by-step reply was copied for the participant: "response sent: ID" in the history."""
    stamp = clock.iso(at or clock.now())
    with store.transaction() as db:
        ticket = load(db, ticket_id)
        version = write(db, ticket, first_response(ticket, stamp), stamp)
        record(db, ticket.id, version, stamp, agent, "reply-sent", "response", None, response_id,
                body=None if language == "en" else f"language: {language}")
        return load(db, ticket_id)
