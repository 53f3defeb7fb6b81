"""``helpdesk audit [--ticket N]``: who changed what, when, with before and after."""

from __future__ import annotations

import click

from helpdesk.access.audit_view import trail
from .context import DeskContext
from .output import emit_json, say
from .params import TICKET_ID

# The text view is for reading; --json has every value in full.
SUMMARY_WIDTH = 160


def _fit(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SUMMARY_WIDTH else line[: SUMMARY_WIDTH - 1] + "…"


@click.command()
@click.option("--ticket", "ticket_id", type=TICKET_ID, metavar="N",
              help="Only ticket N: its history and the audit entries that name it.")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=100, show_default=True,
              help="Show the newest N entries.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (values in full).")
@click.pass_obj
def audit(desk: DeskContext, ticket_id: int | None, limit: int, as_json: bool) -> None:
    """Every change, oldest first: tickets, roster, holidays, directory, overrides,
    redactions, restores and exports, with who, when, and before -> after."""
    entries, total = trail(desk.store.db, ticket_id=ticket_id, limit=limit)
    if as_json:
        emit_json({"total": total, "entries": [entry.to_dict() for entry in entries]})
        return
    if total > len(entries):
        say(f"… {total - len(entries)} earlier entries (use --limit {total} to see them)")
    if not entries:
        say(f"Nothing recorded for ticket #{ticket_id}." if ticket_id else "Nothing recorded yet.")
    for entry in entries:
        say(f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.agent:<12} {entry.action:<18} "
            f"{(entry.target or ''):<12} {_fit(entry.summary)}")
