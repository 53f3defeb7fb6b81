"""``helpdesk handover``: the end-of-day handover as Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from .. import clock, config
from helpdesk.hours.status import DeskHours
from ..private_files import private_output
from helpdesk.reports.sla import load_targets
from .context import DeskContext
from .output import say


@click.command()
@click.option("--output", "-o", "output", metavar="PATH",
              help="Write it to this file (created readable by you only) instead of printing it.")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@click.pass_obj
def handover(desk: DeskContext, output: str | None, force: bool) -> int:
    """Open tickets, what each waits on (the desk, the participant, the MDO admin, the KB
    representative), and what the next agent should do first, as Markdown."""
    from helpdesk.reports.handover import build_handover
    from helpdesk.reports.handover_format import handover_markdown

    built = build_handover(desk.store.db, DeskHours.from_store(desk.store),
                           load_targets(config.load()), clock.now(), desk.agent)
    text = handover_markdown(built)
    if output is None:
        click.echo(text, nl=False)  # user text in it is already escaped and cleaned
        return 0
    with private_output(Path(output).expanduser(), overwrite=force) as file:
        file.write(text)
    say(f"wrote the handover ({len(built.items)} open tickets) to {file.path}; readable by you only")
    return 0
