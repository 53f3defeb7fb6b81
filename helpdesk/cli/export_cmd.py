"""``helpdesk export``: a period's tickets with their history, personal data masked by default."""

from __future__ import annotations

from pathlib import Path

import click

from .. import clock
from helpdesk.reports.exports import FORMATS, export_tickets
from helpdesk.reports.periods import Period
from .context import DeskContext
from .output import say
from .period_options import parse_day


@click.command()
@click.option("--from", "first", required=True, metavar="D", help="First day (tickets logged from then).")
@click.option("--to", "last", required=True, metavar="D", help="Last day, included.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="csv (one row per ticket, history in one cell) or jsonl (one JSON object per ticket).")
@click.option("--include-pii", is_flag=True,
              help="Full e-mail addresses and mobile numbers. Supervisors only; recorded in the audit log.")
@click.option("--output", "-o", "output", metavar="PATH",
              help="File to write (default: helpdesk-export-FROM-TO.FORMAT here). Created owner-only.")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@click.pass_obj
def export(desk: DeskContext, first: str, last: str, fmt: str, include_pii: bool,
           output: str | None, force: bool) -> int:
    """Write the tickets logged from --from to --to, with their history and clocks, to a file
    only you can read. E-mail and mobile are masked (r*****@gov.in, 98******59) unless
    --include-pii is given by a supervisor."""
    period = Period(parse_day("--from", first), parse_day("--to", last))
    path = Path(output) if output else Path(f"helpdesk-export-{period.first}-{period.last}.{fmt}")
    summary = export_tickets(desk.store, desk.agent, period, fmt, path.expanduser(),
                             include_pii=include_pii, now=clock.now(), overwrite=force)
    privacy = ("FULL e-mail and mobile (recorded in the audit log)" if summary.include_pii
               else "e-mail and mobile masked")
    say(f"wrote {summary.tickets} ticket{'s' if summary.tickets != 1 else ''} "
        f"({summary.events} history entries) to {summary.path}; {privacy}; readable by you only")
    return 0
