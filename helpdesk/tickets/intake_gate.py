"""The desk is open only in its hours: live (Teams) sessions start only then.

Follow-up work (notes, resolving, reports, tickets from other channels) is allowed at any
time. A supervisor may start a live session while the desk is closed, with a reason; the
override is recorded in the audit log with who, when and why.
"""

from __future__ import annotations

from datetime import datetime

import sqlite_utils

from helpdesk.access import audit
from helpdesk.errors import HelpdeskError, InputError
from helpdesk.hours.status import DeskHours, DeskStatus
from helpdesk.access.roles import require_supervisor
from helpdesk.taxonomy import CHANNELS, LIVE_CHANNELS, label
from helpdesk.text import clean_line


class DeskClosedError(HelpdeskError):
    """A live session was refused because the desk is closed; ``status`` says why and until when."""

    def __init__(self, status: DeskStatus, channel: str) -> None:
        opens = f" It opens {status.next_open:%a %d %b %H:%M} IST." if status.next_open else ""
        super().__init__(
            f"the desk is closed ({status.reason}): no new {label(CHANNELS, channel)} sessions."
            f"{opens} Notes, resolving and other channels are still open; a supervisor can override."
        )
        self.status = status


def refuses_live_intake(status: DeskStatus, channel: str) -> bool:
    """The rule itself: a ticket on ``channel`` may not start while the desk is in ``status``.
    The console's intake (which already knows the status) and the ticket write both ask this."""
    return channel in LIVE_CHANNELS and not status.open


def closed_for_live_intake(hours: DeskHours, channel: str, at: datetime) -> DeskStatus | None:
    """The closed status if a ticket on ``channel`` may not be started at ``at``; None if it may."""
    if channel not in LIVE_CHANNELS:
        return None  # no need to work out the hours
    status = hours.status(at)
    return status if refuses_live_intake(status, channel) else None


def record_override(db: sqlite_utils.Database, agent: str, reason: str, status: DeskStatus,
                    at: datetime) -> None:
    """Let a supervisor start a live session out of hours; call inside the ticket's transaction."""
    why = clean_line(reason)
    if not why:
        raise InputError("say why the desk is being opened out of hours (the reason is recorded)")
    require_supervisor(db, agent, "start a live session while the desk is closed")
    audit.record(db, agent, "hours.override", target="intake", before={"desk": status.reason},
                 after={"desk": "opened for one live session"}, note=why, at=at)
