"""``helpdesk directory sync URL`` and ``helpdesk holidays sync URL``: refresh from a published file.

Attached to the ``directory`` and ``holidays`` groups. They show the same differences as
the file imports; applying (``--yes``) is for supervisors and is audit-logged.
"""

from __future__ import annotations

import click

from helpdesk.admin.sync_changes import (
    APPLIED,
    DIFFERENCES,
    NO_DIFFERENCES,
    UNCHANGED_REMOTE,
    SyncOutcome,
    sync_directory,
    sync_holidays,
)
from .context import DeskContext
from .output import emit_json, say

_HELP_TAIL = """

    Sends the ETag / Last-Modified of the last applied download, so an unchanged file
    is not downloaded again. Plain http is allowed only to this machine; TLS is always
    verified. A malformed, truncated, oversized or suspicious file (an HTML page, most
    rows gone) is refused with the reason and nothing changes (exit 2); a network or
    server failure is exit 1. Applying needs a supervisor and is audit-logged.
"""


def _headline(outcome: SyncOutcome, command: str) -> str | None:
    if outcome.status == UNCHANGED_REMOTE:
        when = f" at {outcome.previous.synced_at:%d %b %Y %H:%M}" if outcome.previous else ""
        return f"{outcome.url}: unchanged since the last sync{when} (HTTP 304); nothing to do."
    if outcome.status == NO_DIFFERENCES:
        return "No differences: the desk already has this data."
    if outcome.status == APPLIED:
        return "Applied, and recorded in the audit log."
    if outcome.status == DIFFERENCES:
        return f"Not applied. To apply: helpdesk {command} {outcome.url} --yes"
    return None


@click.command("sync")
@click.argument("url")
@click.option("--yes", is_flag=True, help="Apply the differences (supervisors only).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def directory_sync(desk: DeskContext, url: str, yes: bool, as_json: bool) -> int:
    """Fetch the annexure (TSV or CSV) from URL and compare it with the directory."""
    from .directory_cmd import _show_changes

    outcome = sync_directory(desk.store, url, agent=desk.agent, apply=yes)
    if as_json:
        emit_json(outcome.to_dict())
        return 0
    if outcome.directory_diff is not None and outcome.status != NO_DIFFERENCES:
        _show_changes(outcome.directory_diff, outcome.url)
    say(_headline(outcome, "directory sync"))
    return 0


@click.command("sync")
@click.argument("url")
@click.option("--yes", is_flag=True, help="Apply the changes (supervisors only).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def holidays_sync(desk: DeskContext, url: str, yes: bool, as_json: bool) -> int:
    """Fetch a holiday list (CSV or iCalendar) from URL and compare it with the calendar."""
    from .holidays_cmd import _change_lines

    outcome = sync_holidays(desk.store, url, agent=desk.agent, apply=yes)
    if as_json:
        emit_json(outcome.to_dict())
        return 0
    if outcome.holiday_plan is not None and outcome.status != NO_DIFFERENCES:
        for change in outcome.holiday_plan.years:
            for line in _change_lines(change):
                say(line)
    say(_headline(outcome, "holidays sync"))
    return 0


directory_sync.help = (directory_sync.help or "") + _HELP_TAIL
holidays_sync.help = (holidays_sync.help or "") + _HELP_TAIL
