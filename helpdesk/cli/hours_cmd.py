"""``helpdesk hours [--at DATETIME] [--json]``: is the desk open, why, and until or from when."""

from __future__ import annotations

from datetime import datetime

import click

from .. import clock
from helpdesk.hours.calendar_text import day_label, duration_text
from ..clock import DateParseError, parse_datetime
from ..errors import InputError
from helpdesk.hours.status import DeskHours, DeskStatus
from .context import DeskContext
from .output import emit_json, say


def parse_at(text: str) -> datetime:
    """``--at`` as an IST moment; a bad value is one line and exit 2."""
    try:
        return parse_datetime(text)
    except DateParseError as error:
        raise InputError(f"--at: {error}") from None
    except OverflowError:
        raise InputError(f"--at: {text.strip()!r} is out of range") from None


@click.command()
@click.option("--at", "at_text", metavar="DATETIME",
              help="Ask about this moment instead of now: ISO 8601 such as 2026-11-24T10:30 "
                   "(IST) or 2026-11-24T05:00Z.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def hours(desk: DeskContext, at_text: str | None, as_json: bool) -> int:
    """Is the desk open now (or at DATETIME), why not, and when it closes or next opens.

    Open Monday to Friday, 09:00 to 17:00 IST, except gazetted holidays. A DATETIME
    without an offset is IST, whatever the machine's time zone.
    """
    at = parse_at(at_text) if at_text is not None else clock.now()
    try:
        status = DeskHours.from_store(desk.store).status(at)
    except ValueError as error:
        raise InputError(f"--at: {error}") from None
    if as_json:
        emit_json(status.to_dict())
    else:
        for line in describe(status):
            say(line)
    return 0


def describe(status: DeskStatus) -> list[str]:
    """Lines for a person: OPEN/CLOSED and why, then closing or next opening, then warnings."""
    at = status.at
    lines = ["OPEN" if status.open else f"CLOSED: {status.reason}",
             f"  at            {_moment(at)}"]
    if status.closes_at:
        lines.append(f"  closes        {_moment(status.closes_at)} "
                     f"(in {duration_text(status.closes_at - at)})")
    if status.next_open:
        lines.append(f"  next opening  {_moment(status.next_open)} "
                     f"(in {duration_text(status.next_open - at)})")
    lines += [f"  warning: {warning}" for warning in status.warnings]
    return lines


def _moment(moment: datetime) -> str:
    return f"{day_label(moment.date())}, {moment:%H:%M} IST"
