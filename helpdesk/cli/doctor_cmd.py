"""``helpdesk doctor``: the database's health, durability settings and safety, in one look."""

from __future__ import annotations

import click

from helpdesk.admin import doctor as checks
from .context import DeskContext
from .output import emit_json, say

MARKS = {checks.OK: "ok  ", checks.WARNING: "WARN", checks.PROBLEM: "FAIL"}


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def doctor(desk: DeskContext, as_json: bool) -> int:
    """Check the database: SQLite version, journal mode, durability, integrity_check, schema,
    contents, roles, backups, file permissions, WAL size, filesystem and open consoles.

    Writes nothing. Exit status 1 when anything is a problem (FAIL), 0 otherwise.
    """
    report = checks.examine(desk.db_path)
    if as_json:
        emit_json(report.to_dict())
    else:
        say(f"{report.database} — {'healthy' if report.healthy else 'NOT HEALTHY'}")
        for check in report.checks:
            say(f"  {MARKS[check.status]}  {check.name:<13} {check.detail}")
    return 0 if report.healthy else 1
