"""The click command group behind ``helpdesk``: options, help, version and subcommands.

Imported by :func:`helpdesk.cli.main` only when the command line needs click; plain
``helpdesk`` (with at most ``--db`` and ``--agent``) opens the console without it.
"""

from __future__ import annotations

import importlib

import click

from . import COMMANDS
from .context import DeskContext


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        module = importlib.import_module(module_name, __package__)
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
        from helpdesk.console.app import run_console

        return run_console(ctx.obj)
    return None
