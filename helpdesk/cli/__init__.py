"""The ``helpdesk`` command: the agent console by default, every desk answer for scripts.

Subcommands are imported only when used, so ``helpdesk`` (the console) does not pay for
parsers and libraries it does not need at start-up.
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
from collections.abc import Sequence

import click

from ..errors import HelpdeskError
from .context import DeskContext
from .output import error_line

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


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        module = importlib.import_module(module_name, __name__)
        return getattr(module, attribute)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    "db_path",
    metavar="PATH",
    help="Database file (default: $HELPDESK_DB, else the user data directory).",
)
@click.option(
    "--agent",
    metavar="NAME",
    help="Who is working (default: $HELPDESK_AGENT, else the OS user name).",
)
@click.version_option(package_name="helpdesk", prog_name="helpdesk")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, agent: str | None) -> int | None:
    """Console and command line for the iGOT Karmayogi query-assistance desk.

    Run without a command to open the agent console.
    """
    ctx.obj = DeskContext.from_options(db_path=db_path, agent=agent)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        from ..app import run_console

        return run_console(ctx.obj)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the command, turn every expected failure into one line and a status."""
    args = list(argv) if argv is not None else sys.argv[1:]
    if any("\x00" in arg for arg in args):
        # A shell cannot pass one, but a script calling main() can; as a file name it would
        # surface as "embedded null byte" from deep inside open().
        error_line("an argument contains a NUL character, which no command accepts")
        return 2
    try:
        result = cli.main(args=args, prog_name="helpdesk", standalone_mode=False)
    except click.UsageError as error:
        error_line(error.format_message())
        return 2
    except click.Abort:
        error_line("aborted")
        return 130
    except click.ClickException as error:
        error_line(error.format_message())
        return error.exit_code
    except HelpdeskError as error:
        error_line(str(error))
        for detail in error.details:
            click.echo(f"  {detail}", err=True)
        return error.exit_code
    except sqlite3.Error as error:
        # The file itself failed (disk full, locked past the busy timeout, damaged): say so
        # in one line; `helpdesk doctor` checks the database in depth.
        error_line(f"database problem: {error}; `helpdesk doctor` checks the database")
        return 1
    except BrokenPipeError:
        # `helpdesk ... | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        return 0
    return result if isinstance(result, int) else 0
