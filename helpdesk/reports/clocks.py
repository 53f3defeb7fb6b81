"""A ticket's clocks in desk minutes, from its history: a pure function, checkable by hand.

Three clocks start when the ticket is logged, and only advance while the desk is open
(Mon–Fri 09:00–17:00 IST, gazetted holidays excluded, see ``DeskHours``):

- **first response**: until an agent first acts on it (claims, notes, changes status or
  resolves);
- **resolution**: until it is resolved. It *pauses* while the ticket waits on the
  participant or on MDO approval (``PAUSED_STATUSES``), stops while resolved or closed,
  and runs again if the ticket is reopened;
- **handle**: the resolution clock counted from when an agent first took the ticket.

**Waiting** is the other side of the pause: desk time the ticket spent waiting on the
participant or the MDO admin. Each clock also has its calendar time (nights, weekends,
holidays and pauses included) beside it.

Clocks are measured *as they stood* at a moment: anything in the history after it is
ignored, so a report for last Tuesday shows last Tuesday's clocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple, Protocol

from helpdesk.taxonomy import DONE_STATUSES, PAUSED_STATUSES

RUNNING, PAUSED, STOPPED = "running", "paused", "stopped"


class DeskMinutes(Protocol):
    """``DeskHours`` or ``DeskMinuteIndex``: anything that counts open-desk minutes."""

    def desk_minutes(self, start: datetime, end: datetime) -> int: ...


_STATES = {**{status: STOPPED for status in DONE_STATUSES},
           **{status: PAUSED for status in PAUSED_STATUSES}}


def clock_state(status: str) -> str:
    return _STATES.get(status, RUNNING)


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    status: str
    outcome: str | None = None  # for a resolution: the outcome chosen then


def status_changes(events: Iterable[Any]) -> list[StatusChange]:
    """The status changes in a ticket's history (``tickets.Event`` objects), oldest first.

    Resolving is its own kind of event; claiming moves "new" to "open", which changes no
    clock, so it needs no entry here.
    """
    changes = []
    for event in events:
        if event.kind == "status" and event.after:
            changes.append(StatusChange(event.at, event.after))
        elif event.kind == "resolved":
            changes.append(StatusChange(event.at, "resolved", event.after))
    return changes


@dataclass(frozen=True)
class ClockInput:
    """What the clocks need from a ticket."""

    ticket_id: int
    created_at: datetime
    claimed_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    changes: Sequence[StatusChange] = ()

    @classmethod
    def from_ticket(cls, ticket: Any, events: Iterable[Any]) -> ClockInput:
        return cls(ticket.id, ticket.created_at, ticket.claimed_at, ticket.first_response_at,
                   ticket.resolved_at, tuple(status_changes(events)))


# Named tuples rather than frozen dataclasses: reports build five of these per ticket for
# thousands of tickets, and a frozen dataclass pays a setattr call for every field.
class Measure(NamedTuple):
    desk_minutes: int
    calendar_minutes: int
    final: bool  # False while the clock can still move (the ticket is not there yet)

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class TicketClocks(NamedTuple):
    ticket_id: int
    at: datetime
    state: str  # RUNNING, PAUSED or STOPPED at ``at``
    resolved_at: datetime | None  # the resolution in force at ``at``, if any
    first_response: Measure
    resolution: Measure
    handle: Measure | None  # only once resolved
    waiting: Measure

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "first_response": self.first_response.to_dict(),
            "resolution": self.resolution.to_dict(),
            "handle": self.handle.to_dict() if self.handle else None,
            "waiting": self.waiting.to_dict(),
        }


_MINUTE = timedelta(minutes=1)


def _calendar_minutes(start: datetime, end: datetime) -> int:
    return max((end - start) // _MINUTE, 0)


def _segments(item: ClockInput, at: datetime) -> tuple[list[tuple[datetime, datetime, str]], str,
                                                      datetime | None]:
    """The ticket's life up to ``at`` as (start, end, clock state) pieces; the clock's state
    at ``at`` (a change at that very moment counts); and the moment of the last resolution
    up to ``at`` (None if none)."""
    pieces: list[tuple[datetime, datetime, str]] = []
    since, state, resolved = item.created_at, RUNNING, None
    for change in sorted(item.changes, key=lambda change: change.at):
        if change.at > at:
            break
        moment = max(change.at, since)
        if moment > since:
            pieces.append((since, moment, state))
        since, state = moment, _STATES.get(change.status, RUNNING)
        if change.status == "resolved":
            resolved = change.at
    if at > since:
        pieces.append((since, at, state))
    return pieces, state, resolved


def _resolved_at(item: ClockInput, at: datetime, last_resolution: datetime | None) -> datetime | None:
    """When the resolution in force at ``at`` was made: the history's last one before it.

    The ticket's own ``resolved_at`` is a fallback only (a history without its resolution
    event); it is cleared when a ticket is reopened, which says nothing about how things
    stood at an earlier moment.
    """
    if last_resolution is not None:
        return last_resolution
    return item.resolved_at if item.resolved_at and item.resolved_at <= at else None


def measure_clocks(item: ClockInput, minutes: DeskMinutes, at: datetime) -> TicketClocks:
    """The ticket's clocks as they stood at ``at``.

    One walk over the ticket's pieces of life adds each running or paused piece to the
    clocks it belongs to (reports call this for thousands of tickets).
    """
    created = item.created_at
    at = max(at, created)
    pieces, state, last_resolution = _segments(item, at)
    responded = item.first_response_at if item.first_response_at and item.first_response_at <= at else None
    response_stop = responded or at
    resolved = _resolved_at(item, at, last_resolution) if state == STOPPED else None
    stop = resolved or at
    taken = None
    if resolved is not None:
        claimed = item.claimed_at if item.claimed_at and item.claimed_at <= resolved else None
        taken = claimed or created

    count = minutes.desk_minutes
    response_desk = resolution_desk = handle_desk = waiting_desk = 0
    waited = timedelta()
    for begin, end, piece_state in pieces:
        if begin >= stop:
            break
        until = min(end, stop)
        if piece_state == RUNNING:
            resolution_desk += count(begin, until)
            if begin < response_stop:
                response_desk += count(begin, min(end, response_stop))
            if taken is not None and until > taken:
                handle_desk += count(max(begin, taken), until)
        elif piece_state == PAUSED:
            waiting_desk += count(begin, until)
            waited += until - begin

    final = resolved is not None
    return TicketClocks(
        item.ticket_id, at, state, resolved,
        first_response=Measure(response_desk, _calendar_minutes(created, response_stop), responded is not None),
        resolution=Measure(resolution_desk, _calendar_minutes(created, stop), final),
        handle=Measure(handle_desk, _calendar_minutes(taken, resolved), True) if final else None,
        waiting=Measure(waiting_desk, int(waited.total_seconds() // 60), final),
    )
