"""``helpdesk report``: the dashboard's figures for scripts and e-mail."""

from __future__ import annotations

import click

from .. import clock, config
from helpdesk.hours.status import DeskHours
from helpdesk.reports.figures import build_report
from helpdesk.reports.sla import load_targets
from .context import DeskContext
from .output import say
from .period_options import period_from

FORMATS = ("text", "json", "csv", "markdown")


@click.command()
@click.option("--date", "day", metavar="D", help="One day (default: today, IST). YYYY-MM-DD or DD/MM/YYYY.")
@click.option("--from", "first", metavar="D", help="First day of a range (with --to).")
@click.option("--to", "last", metavar="D", help="Last day of a range, included (with --from).")
@click.option("--json", "output", flag_value="json", help="One JSON object.")
@click.option("--csv", "output", flag_value="csv", help="CSV, one figure per row: section,key,measure,value.")
@click.option("--markdown", "output", flag_value="markdown", help="Markdown, to paste into e-mail.")
@click.pass_obj
def report(desk: DeskContext, day: str | None, first: str | None, last: str | None,
           output: str | None) -> int:
    """Tickets opened, resolved and still open; clocks in desk minutes; targets missed;
    by category, ministry, outcome and agent; and upcoming training at risk.

    Desk minutes count only Mon–Fri 09:00–17:00 IST outside gazetted holidays, and pause
    while a ticket waits on the participant or on MDO approval.
    """
    from helpdesk.reports import layout as report_format

    now = clock.now()
    period = period_from(day, first, last, now.date())
    targets = load_targets(config.load())
    built = build_report(desk.store.db, DeskHours.from_store(desk.store), targets, period, now)
    renderers = {"json": report_format.to_json, "csv": report_format.to_csv,
                 "markdown": report_format.to_markdown}
    if output in renderers:
        # JSON, CSV and Markdown are data: printed as built (user text already made safe).
        click.echo(renderers[output](built), nl=output == "json")
    else:
        say(report_format.to_text(built))
    return 0
