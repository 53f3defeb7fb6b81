"""The ``helpdesk`` command: the agent console by default, every desk answer for scripts.

Subcommands are imported only when used, and click itself only when the command line
needs it: ``helpdesk`` (the console) does not pay at start-up for parsers and libraries
it does not use. The command group is in :mod:`helpdesk.cli.group`.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence

from ..errors import HelpdeskError

# name -> "module:attribute", relative to this package.
COMMANDS = {
    "config": ".config_cmd:config_group",
    "agents": ".agents_cmd:agents_group",
    "audit": ".audit_cmd:audit",
    "backup": ".backup_cmd:backup",
    "doctor": ".doctor_cmd:doctor",
    "email": ".email_cmd:email",
    "holidays": ".holidays_cmd:holidays",
    "hours": ".hours_cmd:hours",
    "mobile": ".email_cmd:mobile",
    "outbox": ".outbox_cmd:outbox_group",
    "redact": ".redact_cmd:redact",
    "restore": ".backup_cmd:restore",
    "ticket": ".ticket_cmd:ticket",
    "responses": ".responses_cmd:responses",
    "lookup": ".lookup_cmd:lookup",
    "directory": ".directory_cmd:directory",
    "report": ".report_cmd:report",
    "export": ".export_cmd:export",
    "handover": ".handover_cmd:handover",
}



# The group's own options, the only ones the console takes (each with a value).
CONSOLE_OPTIONS = {"--db": "db_path", "--agent": "agent"}


def console_options(args: Sequence[str]) -> dict[str, str] | None:
    """``--db``/``--agent`` values when ``args`` only open the console, else None (use click).

    Anything else — a command, --help, --version, an unknown or repeated option, a value
    that looks like an option — goes through click, so it behaves exactly as before.
    """
    options: dict[str, str] = {}
    position = 0
    while position < len(args):
        name, equals, value = args[position].partition("=")
        if name not in CONSOLE_OPTIONS or CONSOLE_OPTIONS[name] in options:
            return None
        if not equals:
            position += 1
            if position == len(args):
                return None  # click says the option needs a value
            value = args[position]
        if value.startswith("-"):
            return None
        options[CONSOLE_OPTIONS[name]] = value
        position += 1
    return options


def open_console(db_path: str | None = None, agent: str | None = None) -> int:
    """What the group does with no command: open the console on the chosen database."""
    from helpdesk.console.app import run_console
    from .context import DeskContext

    desk = DeskContext.from_options(db_path=db_path, agent=agent)
    try:
        return run_console(desk)
    finally:
        desk.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the command, turn every expected failure into one line and a status."""
    args = list(argv) if argv is not None else sys.argv[1:]
    if any("\x00" in arg for arg in args):
        from .output import error_line

        # A shell cannot pass one, but a script calling main() can; as a file name it would
        # surface as "embedded null byte" from deep inside open().
        error_line("an argument contains a NUL character, which no command accepts")
        return 2
    console = console_options(args)
    try:
        if console is not None:
            try:
                return open_console(**console)
            except (EOFError, KeyboardInterrupt):
                import click  # what click's own main makes of these, as before the fast path

                raise click.Abort() from None
        from .group import cli

        result = cli.main(args=args, prog_name="helpdesk", standalone_mode=False)
    except Exception as error:  # noqa: BLE001 - _report re-raises what it does not expect
        return _report(error)
    return result if isinstance(result, int) else 0


def _report(error: Exception) -> int:
    """One line (and a status) for every expected failure; anything else is re-raised."""
    import click

    from .output import error_line

    if isinstance(error, click.UsageError):
        error_line(error.format_message())
        return 2
    if isinstance(error, click.Abort):
        error_line("aborted")
        return 130
    if isinstance(error, click.ClickException):
        error_line(error.format_message())
        return error.exit_code
    if isinstance(error, HelpdeskError):
        error_line(str(error))
        for detail in error.details:
            click.echo(f"  {detail}", err=True)
        return error.exit_code
    if isinstance(error, sqlite3.Error):
        # The file itself failed (disk full, locked past the busy timeout, damaged): say so
        # in one line; `helpdesk doctor` checks the database in depth.
        error_line(f"database problem: {error}; `helpdesk doctor` checks the database")
        return 1
    if isinstance(error, BrokenPipeError):
        # `helpdesk ... | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        return 0
    if isinstance(error, OSError) and error.strerror:
        # A file the command was given or writes: permissions, a full disk, a name the file
        # system refuses. The name is cut short: it may be the very thing that is too long.
        name = f" ({str(error.filename)[:80]})" if error.filename else ""
        error_line(f"file problem: {error.strerror}{name}")
        return 1
    raise error
