"""``helpdesk backup PATH`` and ``helpdesk restore PATH``: copies that are safe to take and to trust."""

from __future__ import annotations

from pathlib import Path

import click

from helpdesk.admin import backup as backups
from helpdesk.admin import restore as restores
from .context import DeskContext
from .output import emit_json, say


@click.command()
@click.argument("path", metavar="PATH")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def backup(desk: DeskContext, path: str, as_json: bool) -> None:
    """Copy the live database to PATH, a new file, while agents keep working.

    Made with SQLite's online backup API (a consistent copy at one moment), checked with
    integrity_check, owner-only (0600). Supervisors only: it holds personal data.
    """
    result = backups.backup(desk.store, path, desk.agent)
    if as_json:
        emit_json(result.to_dict())
        return
    say(f"Backed up to {result.path} ({result.size:,} bytes, owner-only): {result.summary.describe()}.")


@click.command()
@click.argument("path", metavar="PATH")
@click.option("--yes", is_flag=True, help="Replace the live database (without it, only check PATH).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def restore(desk: DeskContext, path: str, yes: bool, as_json: bool) -> None:
    """Check the backup PATH and, with --yes, make it the live database.

    PATH must be a helpdesk database that passes integrity_check and was not made by a
    newer helpdesk. The live database is kept aside first (DATABASE.before-restore-TIME).
    Refused while any console or command has the database open. Supervisors only.
    """
    source = Path(path).expanduser()
    if not yes:
        summary = restores.check_backup(source)
        if as_json:
            emit_json({"source": str(source), "ok": True, "backup": summary.to_dict(), "applied": False})
            return
        say(f"{source} is a helpdesk backup that can be restored: {summary.describe()}.")
        say(f"It would replace {desk.db_path}, which would be kept aside first.")
        say("Nothing changed: run again with --yes to restore it.")
        return
    result = restores.restore(desk.db_path, source, desk.agent)
    if as_json:
        emit_json(dict(result.to_dict(), applied=True))
        return
    say(f"Restored {result.source} into {result.database}: {result.restored.describe()}.")
    if result.kept_aside:
        say(f"The database it replaced ({result.replaced.describe()}) is kept at {result.kept_aside}.")
