"""``helpdesk directory check|import|export``: the KB directory itself."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from helpdesk.directory.aliases import load_aliases
from helpdesk.directory.rows import Directory, read_rows
from helpdesk.directory.check import SEVERITIES, check
from helpdesk.directory.import_rows import (
    DirectoryDiff,
    DirectoryFileError,
    apply,
    decode,
    load,
    write_annexure,
)
from .context import DeskContext
from .output import emit_json, say


@click.group()
def directory() -> None:
    """The KB directory: its flaws, an updated annexure, a copy of it."""


@directory.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def check_command(desk: DeskContext, as_json: bool) -> int:
    """Report the annexure's flaws: what is wrong, which rows, what the lookup does about it.

    Nothing is changed: the directory keeps what was published. Exit status 0.
    """
    current = Directory.from_store(desk.store)
    findings = check(current, load_aliases())
    counts = Counter(finding.severity for finding in findings)
    if as_json:
        emit_json({"rows": len(current), "counts": {severity: counts[severity] for severity in SEVERITIES},
                   "findings": [finding.to_dict() for finding in findings]})
        return 0
    summary = ", ".join(f"{counts[severity]} {severity}" + ("s" if counts[severity] != 1 and severity != "info" else "")
                        for severity in SEVERITIES)
    say(f"{len(current)} rows, {len(findings)} findings ({summary}).")
    for finding in findings:
        rows = ", ".join(map(str, finding.positions)) or "-"
        say(f"{finding.severity:<7} {finding.code}  rows {rows}")
        say(f"        {finding.message}")
        say(f"        lookup: {finding.lookup_action}")
    return 0


@directory.command("export")
@click.option("--format", "file_format", type=click.Choice(["tsv", "csv", "json"]), default="tsv",
              show_default=True, help="TSV is the annexure's own layout.")
@click.pass_obj
def export_command(desk: DeskContext, file_format: str) -> int:
    """Print the directory as it is now, in annexure order, to standard output."""
    click.echo(write_annexure(read_rows(desk.store.db), file_format), nl=False)
    return 0


@directory.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Apply the differences (without it, only show them).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def import_command(desk: DeskContext, file: Path, yes: bool, as_json: bool) -> int:
    """Compare an updated annexure FILE (TSV or CSV, with a header) with the directory.

    Shows the rows added, removed and changed; applies them, in one transaction, only
    with --yes. A file with a bad row, an invalid e-mail or mobile, a repeated ministry,
    or one that would remove more than half the directory is refused with the reason,
    and nothing is changed (exit 2).
    """
    source = str(file)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise DirectoryFileError(f"cannot read {source}: {error.strerror}") from None
    current = read_rows(desk.store.db)
    rows, changes = load(decode(data, source), current, source)
    applied = False
    if yes and not changes.empty:
        apply(desk.store, rows, expected_current=current, agent=desk.agent, source=source)
        applied = True
    if as_json:
        emit_json({"file": source, "rows": len(rows), "applied": applied, **changes.to_dict()})
        return 0
    _show_changes(changes, source)
    if changes.empty:
        say("No differences: nothing to apply.")
    elif applied:
        findings = check(Directory(rows), load_aliases())
        say(f"Applied: the directory now has {len(rows)} rows. "
            f"`helpdesk directory check` reports {len(findings)} findings.")
    else:
        say(f"Not applied. To apply: helpdesk directory import {click.format_filename(file)} --yes")
    return 0


def _show_changes(changes: DirectoryDiff, source: str) -> None:
    order = " (and the order of rows changes)" if changes.reordered else ""
    say(f"{source}: {len(changes.added)} added, {len(changes.removed)} removed, "
        f"{len(changes.changed)} changed, {changes.unchanged} unchanged{order}.")
    for row in changes.added:
        say(f"+ {row.ministry}: {row.rep_name}, {row.rep_email}, {row.rep_mobile}")
    for row in changes.removed:
        say(f"- {row.ministry}: {row.rep_name}, {row.rep_email}, {row.rep_mobile}")
    for change in changes.changed:
        details = "; ".join(f"{column} {getattr(change.before, column)!r} -> {getattr(change.after, column)!r}"
                            for column in change.fields)
        say(f"~ {change.ministry}: {details}")


# Sync from a URL lives in its own module (HTTP, caching, supervisor check, audit).
from .sync_cmd import directory_sync  # noqa: E402
directory.add_command(directory_sync)
