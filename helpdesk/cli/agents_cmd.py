"""``helpdesk agents add|list|remove``: the roster of agents and supervisors."""

from __future__ import annotations

import click

from helpdesk.access import agents
from helpdesk.access.roles import AGENT, SUPERVISOR
from .context import DeskContext
from .output import emit_json, say

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


@click.group()
def agents_group() -> None:
    """Agents and supervisors. Supervisors alone may import holidays and the directory,
    open the desk out of hours, redact tickets, restore backups and export personal data.

    The owner of the database file adds the first supervisor; after that, supervisors
    manage the roster. Every change is in `helpdesk audit`.
    """


@agents_group.command("list")
@json_option
@click.pass_obj
def list_agents(desk: DeskContext, as_json: bool) -> None:
    """Everyone on the roster (agents not listed work as agents)."""
    entries = agents.roster(desk.store.db)
    if as_json:
        emit_json([entry.to_dict() for entry in entries])
        return
    if not entries:
        say("Nobody is listed yet: everyone works as an agent. The owner of the database file "
            "adds the first supervisor with `helpdesk agents add NAME --supervisor`.")
        return
    for entry in entries:
        say(f"{entry.name:<20} {entry.role:<10} added {entry.added_at[:16].replace('T', ' ')} by {entry.added_by}")


@agents_group.command("add")
@click.argument("name")
@click.option("--supervisor", is_flag=True, help="As a supervisor (without it: as an agent).")
@json_option
@click.pass_obj
def add_agent(desk: DeskContext, name: str, supervisor: bool, as_json: bool) -> None:
    """List NAME as an agent, or with --supervisor as a supervisor (also promotes or demotes)."""
    change = agents.add(desk.store, name, role=SUPERVISOR if supervisor else AGENT, by=desk.agent)
    _report(change, as_json)


@agents_group.command("remove")
@click.argument("name")
@json_option
@click.pass_obj
def remove_agent(desk: DeskContext, name: str, as_json: bool) -> None:
    """Take NAME off the roster (the last supervisor cannot be removed)."""
    change = agents.remove(desk.store, name, by=desk.agent)
    if not as_json and change.before is None:
        say(f"{change.name} is not on the roster; nothing changed")
        return
    _report(change, as_json)


def _report(change: agents.RosterChange, as_json: bool) -> None:
    if as_json:
        emit_json(change.to_dict())
    else:
        say(change.describe())
