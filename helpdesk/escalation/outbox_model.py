"""Outbox messages and their attempts as the desk reads them, and how their state is worded.

The same words appear on the ticket view, in ``helpdesk outbox list`` and in JSON, so an
agent reading "failing: HTTP 500 (next try 11:05:30)" in one place finds it in the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from helpdesk import clock

QUEUED, SENDING, RETRYING, SENT, FAILED, CANCELLED = (
    "queued", "sending", "retrying", "sent", "failed", "cancelled")
PENDING_STATUSES = (QUEUED, SENDING, RETRYING)
TEAMS = "teams"


def stamp(moment: datetime) -> str:
    """ISO 8601 in IST to the millisecond: one fixed width, so text order is time order."""
    return clock.to_ist(moment).isoformat(timespec="milliseconds")


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Message:
    id: int
    notification_id: str
    ticket_id: int | None
    channel: str
    summary: str
    payload: str
    status: str
    created_at: datetime
    created_by: str
    attempts: int
    next_attempt_at: datetime
    lease_owner: str | None
    lease_until: datetime | None
    sent_at: datetime | None
    last_error: str | None

    COLUMNS = ("id, notification_id, ticket_id, channel, summary, payload, status, created_at, "
               "created_by, attempts, next_attempt_at, lease_owner, lease_until, sent_at, last_error")

    @classmethod
    def from_row(cls, row: tuple) -> Message:
        (id, notification_id, ticket_id, channel, summary, payload, status, created_at, created_by,
         attempts, next_attempt_at, lease_owner, lease_until, sent_at, last_error) = row
        return cls(id, notification_id, ticket_id, channel, summary, payload, status,
                   _moment(created_at), created_by, attempts, _moment(next_attempt_at),
                   lease_owner, _moment(lease_until), _moment(sent_at), last_error)

    def lease_active(self, now: datetime) -> bool:
        return self.status == SENDING and self.lease_until is not None and self.lease_until > now

    def state(self, now: datetime, *, webhook_set: bool = True) -> str:
        """One line: queued / sending / sent at … / failing: reason (next try …) / failed: …"""
        if self.status == SENT:
            return f"sent at {_when(self.sent_at, now)}"
        if self.status == CANCELLED:
            return "cancelled" + (f" (last error: {self.last_error})" if self.last_error else "")
        if self.status == FAILED:
            return f"failed: {self.last_error or 'unknown error'} — not retried; `helpdesk outbox retry {self.id}`"
        if not webhook_set:
            return "queued: no Teams webhook is configured yet (set HELPDESK_TEAMS_WEBHOOK)"
        if self.status == SENDING and self.lease_active(now):
            return f"sending now (attempt {self.attempts})"
        if self.status == RETRYING or (self.status == SENDING and self.last_error):
            due = self.next_attempt_at if self.status == RETRYING else self.lease_until
            return f"failing: {self.last_error or 'no answer'} (next try {_when(due, now)}, after {self.attempts} attempts)"
        if self.status == SENDING:
            return f"queued again: the sender stopped during attempt {self.attempts}"
        return "queued"

    def to_dict(self, now: datetime, *, webhook_set: bool = True) -> dict[str, Any]:
        result = {name: getattr(self, name) for name in self.COLUMNS.split(", ") if name != "payload"}
        for name, value in result.items():
            if isinstance(value, datetime):
                result[name] = value.isoformat()
        result["state"] = self.state(now, webhook_set=webhook_set)
        return result


@dataclass(frozen=True)
class Attempt:
    id: int
    number: int
    sender: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str | None
    http_status: int | None
    error: str | None

    def describe(self) -> str:
        if self.outcome is None:
            return "no result recorded: the sender stopped during this attempt"
        status = f"HTTP {self.http_status}" if self.http_status else ""
        said = " — ".join(part for part in (status, self.error or "") if part)
        return f"{self.outcome}" + (f": {said}" if said else "")

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "sender": self.sender,
                "started_at": self.started_at.isoformat(),
                "finished_at": self.finished_at.isoformat() if self.finished_at else None,
                "outcome": self.outcome, "http_status": self.http_status, "error": self.error,
                "description": self.describe()}


def _when(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "?"
    local = clock.to_ist(moment)
    if local.date() == clock.to_ist(now).date():
        return f"{local:%H:%M:%S}"
    return f"{local:%d %b %H:%M}"
