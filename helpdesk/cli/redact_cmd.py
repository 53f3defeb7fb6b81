"""``helpdesk redact``: remove participants' personal data, keeping the statistics."""

from __future__ import annotations

import click

from helpdesk.admin import redaction
from ..errors import InputError
from .context import DeskContext
from .output import emit_json, say
from .params import TICKET_ID


@click.command()
@click.option("--older-than", "period", metavar="PERIOD",
              help="Retention: remove e-mail and mobile from tickets resolved longer ago than "
                   "PERIOD (e.g. 180d or 26w).")
@click.option("--ticket", "ticket_id", type=TICKET_ID, metavar="N",
              help="Erasure: remove ticket N's name, contacts and texts.")
@click.option("--reason", default="", help="Why ticket N is erased (required with --ticket; recorded).")
@click.option("--yes", is_flag=True, help="Redact (without it, only show what would be redacted).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def redact(desk: DeskContext, period: str | None, ticket_id: int | None, reason: str, yes: bool,
           as_json: bool) -> None:
    """Remove personal data (supervisors only; audited).

    Dates, category, ministry, status, outcome and handle time stay, so reports still count
    every ticket; the history keeps who did what and when, its values marked [redacted].
    Backups made before still hold the data.
    """
    if (period is None) == (ticket_id is None):
        raise InputError("give --older-than PERIOD or --ticket N (one of the two)")
    if period is not None:
        result = redaction.redact_older_than(desk.store, redaction.parse_period(period), desk.agent,
                                             dry_run=not yes)
        count = len(result.ticket_ids)
        what = (f"the e-mail and mobile of {count} ticket{'s' if count != 1 else ''} resolved before "
                f"{result.cutoff:%Y-%m-%d %H:%M}")
        nothing = (f"No ticket resolved before {result.cutoff:%Y-%m-%d %H:%M} still holds an e-mail or "
                   "mobile number: nothing to redact.")
    else:
        result = redaction.redact_ticket(desk.store, ticket_id, desk.agent, reason, dry_run=not yes)
        fields = ", ".join(name.replace("_", " ") for name in result.fields)
        what = f"ticket #{ticket_id}: {fields + ' and ' if fields else ''}its history"
        nothing = f"Ticket #{ticket_id} holds no personal data any more: nothing to redact."
    if as_json:
        emit_json(dict(result.to_dict(), applied=yes and bool(result.ticket_ids)))
    elif not result.ticket_ids:
        say(nothing)
    elif yes:
        say(f"Redacted {what}.")
    else:
        say(f"Would redact {what}.")
        if len(result.ticket_ids) > 1:
            shown = ", ".join(f"#{number}" for number in result.ticket_ids[:50])
            say(f"  {shown}" + (" …" if len(result.ticket_ids) > 50 else ""))
        say("Nothing written: run again with --yes to redact.")
