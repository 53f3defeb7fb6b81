"""Removing participants' personal data while keeping the desk's statistics.

Two jobs, both for supervisors, both audited and each in one transaction:

* **Retention** (:func:`redact_older_than`): for tickets resolved longer ago than the
  period, the e-mail and mobile are removed, and so are e-mail addresses and mobile
  numbers written into the question, the resolution and the notes. The DPDP Act asks
  that personal data be erased once its purpose is served; a resolved ticket's contact
  details have served theirs.
* **Erasure** (:func:`redact_ticket`): one ticket, on a participant's request or when it
  was logged with someone else's data: name, contacts and every free text go.

What stays: dates, category, channel, ministry, status, outcome and handle time, so
reports still count the ticket. The history keeps who did what and when, with the
values replaced by "[redacted]" (the only change the history allows, see m0030).
Tickets are never deleted: the history is append-only, and a ticket logged by mistake
is resolved with the outcome "duplicate".

The search index is rebuilt afterwards and SQLite overwrites freed space
(``secure_delete``), so the removed text does not linger in the file. Backups made
before still hold it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from helpdesk import clock
from helpdesk.access import audit
from helpdesk.errors import InputError
from helpdesk.access.roles import require_supervisor
from helpdesk.store.connection import Store
from helpdesk.text import clean_line
from helpdesk.tickets.model import Ticket
from helpdesk.tickets.writes import load, record, write

REDACTED = "[redacted]"
CONTACT_FIELDS = ("email", "mobile")
# What an erasure removes from the ticket row.
ERASED_FIELDS = ("participant_name", "email", "mobile", "question", "resolution_note")
# Fields whose history entries hold personal data (edits record before and after).
PERSONAL_FIELDS = ("participant_name", "email", "mobile", "question")
MIN_RETENTION_DAYS = 1
MAX_RETENTION_DAYS = 100 * 366

_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@(?:[\w-]+\.)+\w{2,}")
# Ten digits starting 6-9, optionally after +91 / 91 / 0, with spaces or dashes between.
_MOBILE = re.compile(r"(?<![\d+])(?:(?:\+|00|0)?91[\s-]?|0)?[6-9](?:[\s-]?\d){9}(?!\d)")
_PERIOD = re.compile(r"^\s*(\d{1,6})\s*([dw])\s*$", re.IGNORECASE)


def scrub_contacts(text: str) -> str:
    """``text`` with every e-mail address and Indian mobile number replaced by [redacted]."""
    return _MOBILE.sub(REDACTED, _EMAIL.sub(REDACTED, text))


def parse_period(text: str) -> timedelta:
    """A retention period as typed: ``180d`` or ``26w``."""
    match = _PERIOD.match(text or "")
    if not match:
        raise InputError(f"{clean_line(text)!r} is not a period; use days or weeks, e.g. 180d or 26w")
    days = int(match.group(1)) * (7 if match.group(2).lower() == "w" else 1)
    if not MIN_RETENTION_DAYS <= days <= MAX_RETENTION_DAYS:
        raise InputError(f"the period must be between {MIN_RETENTION_DAYS} day and "
                         f"{MAX_RETENTION_DAYS // 366} years; {clean_line(text)!r} is {days} days")
    return timedelta(days=days)


@dataclass(frozen=True)
class RedactionResult:
    ticket_ids: tuple[int, ...]
    cutoff: datetime | None = None
    fields: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"tickets": list(self.ticket_ids), "count": len(self.ticket_ids),
                "cutoff": self.cutoff.isoformat() if self.cutoff else None, "fields": list(self.fields)}


def _scrubbed(value: str | None) -> str | None:
    return None if value is None else scrub_contacts(value)


def _bump(db: sqlite_utils.Database, ticket: Ticket, columns: dict[str, Any], stamp: str, agent: str,
          removed: str) -> None:
    """Write the redacted columns as any ticket change is written: the version moves on (open
    forms must not save the old values back over the redaction) and the history says so."""
    version = write(db, ticket, columns, stamp)
    record(db, ticket.id, version, stamp, agent, "redacted", after=removed)


def _purge_leftovers(db: sqlite_utils.Database) -> None:
    # The trigram index keeps deleted entries in older segments until they are merged.
    db.execute("INSERT INTO tickets_search (tickets_search) VALUES ('optimize')")


def _rewrite_history(db: sqlite_utils.Database, ticket_id: int, rewrite) -> bool:
    """Apply ``rewrite(kind, field, before, after, body)`` to the ticket's history entries;
    True when any entry changed."""
    changed = False
    events = db.execute("SELECT id, kind, field, before, after, body FROM ticket_events WHERE ticket_id = ?",
                        [ticket_id]).fetchall()
    for event_id, kind, field_name, before, after, body in events:
        new = rewrite(kind, field_name, before, after, body)
        if new != (before, after, body):
            db.execute("UPDATE ticket_events SET before = ?, after = ?, body = ? WHERE id = ?", [*new, event_id])
            changed = True
    return changed


def _mask(value: str | None) -> str | None:
    return None if value is None else REDACTED


def _contacts_only(kind: str, field_name: str | None, before, after, body) -> tuple:
    if field_name in CONTACT_FIELDS:
        return _mask(before), _mask(after), body
    return _scrubbed(before), _scrubbed(after), _scrubbed(body)


def _everything_personal(kind: str, field_name: str | None, before, after, body) -> tuple:
    if field_name in PERSONAL_FIELDS:
        return _mask(before), _mask(after), _mask(body)
    # Notes and resolutions keep their kind and outcome code; their words go.
    return before, after, _mask(body)


class _Preview(Exception):
    """Raised inside a transaction to roll back what a dry run did."""


def redact_older_than(store: Store, period: timedelta, agent: str, *, at: datetime | None = None,
                      dry_run: bool = False) -> RedactionResult:
    """Remove contacts from tickets resolved before ``now - period``; returns which ones.

    With ``dry_run`` the same work is done and rolled back, so the preview is exact.
    """
    moment = at or clock.now()
    stamp = clock.iso(moment)
    cutoff = moment - period
    try:
        return _redact_older_than(store, cutoff, agent, moment, stamp, dry_run)
    except _Preview as preview:
        return preview.args[0]


def _redact_older_than(store: Store, cutoff: datetime, agent: str, moment: datetime, stamp: str,
                       dry_run: bool) -> RedactionResult:
    with store.transaction() as db:
        require_supervisor(db, agent, "redact personal data")
        rows = db.execute(
            "SELECT id, email, mobile, question, resolution_note FROM tickets "
            "WHERE status IN ('resolved', 'closed') AND resolved_at < ? ORDER BY id",
            [clock.iso(cutoff)],
        ).fetchall()
        redacted: list[int] = []
        for ticket_id, email, mobile, question, resolution_note in rows:
            current = {"email": email, "mobile": mobile, "question": question,
                       "resolution_note": resolution_note}
            columns = {"email": "", "mobile": "", "question": scrub_contacts(question),
                       "resolution_note": _scrubbed(resolution_note)}
            history_changed = _rewrite_history(db, ticket_id, _contacts_only)
            if columns == current and not history_changed:
                continue  # nothing personal left (redacted before, or never given)
            _bump(db, load(db, ticket_id), columns, stamp, agent, "e-mail and mobile (retention)")
            redacted.append(ticket_id)
        result = RedactionResult(tuple(redacted), cutoff, CONTACT_FIELDS)
        if dry_run:
            raise _Preview(result)
        if redacted:
            _purge_leftovers(db)
            audit.record(db, agent, "tickets.redact", target=f"{len(redacted)} tickets",
                         before=None, after=result.to_dict(),
                         note=f"retention: resolved before {cutoff:%Y-%m-%d %H:%M}", at=moment)
    return result


def redact_ticket(store: Store, ticket_id: int, agent: str, reason: str, *,
                  at: datetime | None = None, dry_run: bool = False) -> RedactionResult:
    """Erase one ticket's personal data (name, contacts, free text) and its history's."""
    why = clean_line(reason)
    if not why:
        raise InputError("say why the ticket is being redacted (the reason is recorded)")
    moment = at or clock.now()
    try:
        return _redact_ticket(store, ticket_id, agent, why, moment, dry_run)
    except _Preview as preview:
        return preview.args[0]


def _redact_ticket(store: Store, ticket_id: int, agent: str, why: str, moment: datetime,
                   dry_run: bool) -> RedactionResult:
    stamp = clock.iso(moment)
    with store.transaction() as db:
        require_supervisor(db, agent, "redact tickets")
        ticket = load(db, ticket_id)
        current = {name: getattr(ticket, name) for name in ERASED_FIELDS}
        columns = {"participant_name": REDACTED, "email": "", "mobile": "",
                   "question": REDACTED if ticket.question else "",
                   "resolution_note": _mask(ticket.resolution_note)}
        erased = tuple(name for name in ERASED_FIELDS if columns[name] != current[name])
        history_changed = _rewrite_history(db, ticket_id, _everything_personal)
        if not erased and not history_changed:
            return RedactionResult((), None, ())
        if dry_run:
            raise _Preview(RedactionResult((ticket_id,), None, erased))
        _bump(db, ticket, columns, stamp, agent, "name, contacts and texts (erasure)")
        # Unsaved edits to the ticket in any agent's console are copies of the same data.
        db.execute("DELETE FROM ticket_drafts WHERE ticket_id = ?", [ticket_id])
        _purge_leftovers(db)
        audit.record(db, agent, "ticket.redact", target=f"ticket #{ticket_id}",
                     before={"fields": list(erased)}, after={"fields": list(ERASED_FIELDS)},
                     note=why, at=moment)
    return RedactionResult((ticket_id,), None, erased)
