"""The durable outbox: messages queued with the change that causes them, claimed, delivered.

A message is written by :func:`enqueue` inside the caller's transaction (the escalation
and its Teams post commit together or not at all). A sender then takes it with
:func:`claim` — one ``BEGIN IMMEDIATE`` transaction with ``UPDATE … RETURNING`` that
leases the message to that sender — posts it, and writes what happened with
:func:`record`. Two senders (the console and a cron job) never hold the same message at
once; a sender killed mid-post leaves a lease that runs out, and the message is taken
again: delivery is at least once, and a message recorded as sent is never sent again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from helpdesk.access import audit
from helpdesk.clock import IST
from helpdesk.errors import InputError, NotFoundError
from helpdesk.escalation.outbox_model import (
    CANCELLED,
    FAILED,
    PENDING_STATUSES,
    QUEUED,
    RETRYING,
    SENDING,
    SENT,
    TEAMS,
    Attempt,
    Message,
    stamp,
)
from helpdesk.store.connection import Store

_PENDING = "('queued', 'sending', 'retrying')"
# A message is due when it is waiting and its time has come, or when the sender holding
# it has not reported back before its lease ran out (killed, hung, lost its network).
# A queued message is due at once, whatever clock stamped it (an escalation made under a
# test's frozen clock, or by a console whose clock runs ahead, must not wait for it).
_DUE = ("channel = :channel AND (status = 'queued'"
        " OR (status = 'retrying' AND next_attempt_at <= :now)"
        " OR (status = 'sending' AND lease_until <= :now))")


_LONG_AGO = datetime(2000, 1, 1, tzinfo=IST)  # "due already", for a queued message


@dataclass(frozen=True)
class Claim:
    """A message leased to one sender for one attempt."""

    message_id: int
    notification_id: str
    payload: str
    attempt: int  # 1 for the first try since it was queued (or retried by hand)
    attempt_id: int
    owner: str


@dataclass(frozen=True)
class Wait:
    """Something is due, but the channel's pace says not before ``until``."""

    until: datetime


def enqueue(db: sqlite_utils.Database, *, notification_id: str, ticket_id: int | None,
            summary: str, payload: dict[str, Any], agent: str, at: datetime,
            channel: str = TEAMS) -> int:
    """Queue a message; call it inside the transaction of the change it reports."""
    cursor = db.execute(
        "INSERT INTO outbox (notification_id, ticket_id, channel, summary, payload, status,"
        " created_at, created_by, next_attempt_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?)",
        [notification_id, ticket_id, channel, summary,
         json.dumps(payload, ensure_ascii=False, separators=(",", ":")), stamp(at), agent, stamp(at)],
    )
    return cursor.lastrowid


def claim(store: Store, owner: str, now: datetime, *, lease_seconds: float,
          min_interval_seconds: float, channel: str = TEAMS) -> Claim | Wait | None:
    """Lease the next due message to ``owner``; a Wait when the pace forbids posting yet."""
    parameters = {"channel": channel, "now": stamp(now), "owner": owner,
                  "until": stamp(now + timedelta(seconds=lease_seconds))}
    with store.transaction() as db:
        pace = db.execute("SELECT next_slot FROM outbox_pace WHERE channel = ?", [channel]).fetchone()
        if pace and pace[0] > parameters["now"]:
            due = db.execute(f"SELECT 1 FROM outbox WHERE {_DUE} LIMIT 1", parameters).fetchone()
            return Wait(datetime.fromisoformat(pace[0])) if due else None
        row = db.execute(
            f"""
            UPDATE outbox
               SET status = 'sending', lease_owner = :owner, lease_until = :until,
                   attempts = attempts + 1
             WHERE id = (SELECT id FROM outbox WHERE {_DUE} ORDER BY next_attempt_at, id LIMIT 1)
            RETURNING id, notification_id, payload, attempts
            """,
            parameters,
        ).fetchone()
        if row is None:
            return None
        message_id, notification_id, payload, attempt = row
        attempt_id = db.execute(
            "INSERT INTO outbox_attempts (message_id, sender, started_at) VALUES (?, ?, ?)",
            [message_id, owner, parameters["now"]],
        ).lastrowid
        next_slot = stamp(now + timedelta(seconds=min_interval_seconds))
        db.execute(
            "INSERT INTO outbox_pace (channel, next_slot) VALUES (?, ?) ON CONFLICT (channel)"
            " DO UPDATE SET next_slot = max(next_slot, excluded.next_slot)", [channel, next_slot])
        return Claim(message_id, notification_id, payload, attempt, attempt_id, owner)


def record(store: Store, claimed: Claim, *, outcome: str, now: datetime,
           http_status: int | None = None, error: str | None = None,
           retry_at: datetime | None = None, pace_until: datetime | None = None) -> str:
    """Write one attempt's result; returns the message's status afterwards.

    ``outcome`` is "sent", "retry" (with ``retry_at``) or "failed". A success is recorded
    even if the lease ran out meanwhile (the card is in the channel, so the message must
    never go again); a failure only while this sender still holds the message.
    """
    if outcome not in (SENT, "retry", FAILED):
        raise ValueError(f"unknown outcome {outcome!r}")
    if outcome == "retry" and retry_at is None:
        raise ValueError("a retry needs retry_at")
    at = stamp(now)
    with store.transaction() as db:
        db.execute("UPDATE outbox_attempts SET finished_at = ?, outcome = ?, http_status = ?,"
                   " error = ? WHERE id = ?", [at, outcome, http_status, error, claimed.attempt_id])
        if pace_until is not None:
            db.execute("INSERT INTO outbox_pace (channel, next_slot) SELECT channel, ? FROM outbox"
                       " WHERE id = ? ON CONFLICT (channel) DO UPDATE SET"
                       " next_slot = max(next_slot, excluded.next_slot)",
                       [stamp(pace_until), claimed.message_id])
        if outcome == SENT:
            db.execute("UPDATE outbox SET status = 'sent', sent_at = ?, lease_owner = NULL,"
                       " lease_until = NULL, last_error = NULL WHERE id = ? AND status != 'sent'",
                       [at, claimed.message_id])
        else:
            new_status = RETRYING if outcome == "retry" else FAILED
            db.execute(
                "UPDATE outbox SET status = ?, next_attempt_at = coalesce(?, next_attempt_at),"
                " last_error = ?, lease_owner = NULL, lease_until = NULL"
                " WHERE id = ? AND status = 'sending' AND lease_owner = ?",
                [new_status, stamp(retry_at) if retry_at else None, error, claimed.message_id,
                 claimed.owner])
        return db.execute("SELECT status FROM outbox WHERE id = ?", [claimed.message_id]).fetchone()[0]


def next_due(db: sqlite_utils.Database, channel: str = TEAMS) -> datetime | None:
    """When the earliest pending message can next be tried (leases included); None if none."""
    row = db.execute(
        "SELECT min(CASE status WHEN 'sending' THEN lease_until WHEN 'queued' THEN '0'"
        f" ELSE next_attempt_at END) FROM outbox WHERE channel = ? AND status IN {_PENDING}",
        [channel]).fetchone()
    if not row or not row[0]:
        return None
    return _LONG_AGO if row[0] == "0" else datetime.fromisoformat(row[0])


def pending_count(db: sqlite_utils.Database, channel: str = TEAMS) -> int:
    return db.execute(f"SELECT count(*) FROM outbox WHERE channel = ? AND status IN {_PENDING}",
                      [channel]).fetchone()[0]


# Reading ---------------------------------------------------------------------------------
def get(db: sqlite_utils.Database, message_id: int) -> Message:
    row = db.execute(f"SELECT {Message.COLUMNS} FROM outbox WHERE id = ?", [message_id]).fetchone()
    if row is None:
        raise NotFoundError(f"there is no outbox message {message_id}")
    return Message.from_row(row)


def messages(db: sqlite_utils.Database, *, statuses: tuple[str, ...] | None = None,
             ticket_id: int | None = None, limit: int = 100) -> list[Message]:
    """Newest first, optionally only some statuses or one ticket's."""
    conditions, parameters = [], []
    if statuses:
        conditions.append(f"status IN ({', '.join('?' for _ in statuses)})")
        parameters += list(statuses)
    if ticket_id is not None:
        conditions.append("ticket_id = ?")
        parameters.append(ticket_id)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = db.execute(f"SELECT {Message.COLUMNS} FROM outbox{where} ORDER BY id DESC LIMIT ?",
                      [*parameters, limit]).fetchall()
    return [Message.from_row(row) for row in rows]


def attempts(db: sqlite_utils.Database, message_id: int) -> list[Attempt]:
    rows = db.execute(
        "SELECT id, sender, started_at, finished_at, outcome, http_status, error"
        " FROM outbox_attempts WHERE message_id = ? ORDER BY id", [message_id]).fetchall()
    return [Attempt(id, number, sender, datetime.fromisoformat(started),
                    datetime.fromisoformat(finished) if finished else None, outcome, status, error)
            for number, (id, sender, started, finished, outcome, status, error) in enumerate(rows, 1)]


# Agents' actions -------------------------------------------------------------------------
def retry(store: Store, message_id: int, agent: str, now: datetime) -> Message:
    """Send a failed, cancelled or waiting message again as soon as a sender can."""
    with store.transaction() as db:
        message = get(db, message_id)
        if message.status == SENT:
            raise InputError(f"outbox message {message_id} was already sent at "
                             f"{message.sent_at:%d %b %H:%M:%S}; it is not sent twice")
        if message.lease_active(now):
            raise InputError(f"outbox message {message_id} is being sent right now")
        # attempts counts the tries of this round, so the give-up limit starts afresh;
        # the attempt history keeps every try.
        db.execute("UPDATE outbox SET status = 'queued', next_attempt_at = ?, attempts = 0,"
                   " lease_owner = NULL, lease_until = NULL WHERE id = ?", [stamp(now), message_id])
        audit.record(db, agent, "outbox.retry", target=message.notification_id,
                     before=message.status, after=QUEUED, at=now)
        return get(db, message_id)


def cancel(store: Store, message_id: int, agent: str, now: datetime) -> Message:
    """Decide not to send a message (it stays listed, with who cancelled it in the audit log)."""
    with store.transaction() as db:
        message = get(db, message_id)
        if message.status == SENT:
            raise InputError(f"outbox message {message_id} was already sent; it cannot be cancelled")
        if message.status == CANCELLED:
            return message
        if message.lease_active(now):
            raise InputError(f"outbox message {message_id} is being sent right now; "
                             "try again in a moment")
        db.execute("UPDATE outbox SET status = 'cancelled', lease_owner = NULL, lease_until = NULL"
                   " WHERE id = ?", [message_id])
        audit.record(db, agent, "outbox.cancel", target=message.notification_id,
                     before=message.status, after=CANCELLED, at=now)
        return get(db, message_id)


__all__ = [
    "CANCELLED", "FAILED", "PENDING_STATUSES", "QUEUED", "RETRYING", "SENDING", "SENT", "TEAMS",
    "Attempt", "Claim", "Message", "Wait", "attempts", "cancel", "claim", "enqueue", "get",
    "messages", "next_due", "pending_count", "record", "retry",
]
