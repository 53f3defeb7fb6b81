"""``helpdesk ticket ...``: the queue for scripts. Same store, same rules as the console."""

from __future__ import annotations

import sys

import click

from .. import clock, tickets
from ..errors import InputError
from ..taxonomy import CATEGORIES, CHANNELS, OUTCOMES, STATUSES, codes
from ..text import clean
from . import ticket_format
from .context import DeskContext
from .output import emit_json, say
from .params import ROW_COUNT, ROW_OFFSET, TICKET_ID, VERSION

pass_desk = click.make_pass_decorator(DeskContext)


def _show(ticket: tickets.Ticket, as_json: bool, desk: DeskContext, with_history: bool = False) -> None:
    history = tickets.events(desk.store.db, ticket.id) if with_history else []
    if as_json:
        payload = ticket.to_dict()
        if with_history:
            payload["history"] = [event.to_dict() for event in history]
        emit_json(payload)
    else:
        say(ticket_format.detail(ticket, history, clock.now()))


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
version_option = click.option(
    "--version", "expected_version", type=VERSION,
    help="Refuse if the ticket changed since this version (no lost updates).",
)


@click.group()
def ticket() -> None:
    """Create, find and work tickets (the same queue as the console)."""


@ticket.command("new")
@click.option("--name", "participant_name", required=True, help="Participant's full name.")
@click.option("--email", default="", help="Participant's e-mail address.")
@click.option("--mobile", default="", help="Participant's mobile number.")
@click.option("--ministry", "ministry_query", default="", help="Ministry or department, as said.")
@click.option("--category", type=click.Choice(codes(CATEGORIES)), default="other", show_default=True)
@click.option("--channel", type=click.Choice(codes(CHANNELS)), default="teams", show_default=True)
@click.option("--training-date", default="", help="YYYY-MM-DD or DD/MM/YYYY.")
@click.option("--question", default="", help="The question in the participant's words ('-' reads stdin).")
@click.option("--language", type=click.Choice(["en", "hi"]), default="en", show_default=True)
@click.option("--claim", is_flag=True, help="Take the ticket yourself at once.")
@click.option("--override-closed", "override_reason", metavar="REASON",
              help="Supervisors: start a Teams session while the desk is closed (recorded).")
@json_option
@pass_desk
def new(desk: DeskContext, as_json: bool, claim: bool, override_reason: str | None,
        **fields: str) -> None:
    """Log a new ticket. Invalid fields: one error line, exit 2, nothing written.

    Teams tickets start live sessions, which only happen while the desk is open
    (Mon-Fri 09:00-17:00 IST, not on gazetted holidays); outside those hours they are
    refused with the next opening (exit 1). Other channels are accepted at any time.

    --ministry is matched against the KB directory as the console does: a confident
    answer sets the ticket's directory row (and so its KB representative); otherwise the
    words are kept as said and a note on stderr lists the candidates.
    """
    if fields["question"] == "-":
        fields["question"] = sys.stdin.read()
    if fields["ministry_query"].strip():
        fields["ministry"] = _route_ministry(desk, fields["ministry_query"])
    created = tickets.create(desk.store, fields, desk.agent, claim=claim,
                             override_reason=override_reason)
    _show(created, as_json, desk)


def _route_ministry(desk: DeskContext, query: str) -> str | None:
    """The directory row for what the participant said, when the lookup is sure of it."""
    from helpdesk.directory.lookup import Lookup

    result = Lookup.from_store(desk.store).search(query, limit=3)
    if result.routed_row is not None:
        return result.routed_row
    candidates = "; ".join(f"{m.ministry} ({m.rep_name})" for m in result.matches)
    click.echo(clean(f"helpdesk: ministry not set: {result.reason}"
                     + (f" Candidates: {candidates}." if candidates else "")
                     + " Set it with `helpdesk ticket edit N --set ministry=ROW`."), err=True)
    return None


@ticket.command("list")
@click.option("--status", "statuses", multiple=True,
              type=click.Choice([*codes(STATUSES), "active", "all"]),
              help="Repeatable. Default: active (everything not resolved or closed).")
@click.option("--mine", "scope", flag_value="mine", help="Only tickets assigned to you.")
@click.option("--unassigned", "scope", flag_value="unassigned", help="Only unclaimed tickets.")
@click.option("--category", type=click.Choice(codes(CATEGORIES)))
@click.option("--ministry", help="Exact directory row, e.g. 'D/o Posts'.")
@click.option("--search", default="", help="Words to find in names, contacts, ministry and text.")
@click.option("--order", type=click.Choice(sorted(tickets.ORDERS)), default="urgency", show_default=True)
@click.option("--limit", type=ROW_COUNT, default=50, show_default=True)
@click.option("--offset", type=ROW_OFFSET, default=0)
@json_option
@pass_desk
def list_(desk: DeskContext, statuses: tuple[str, ...], scope: str | None, category: str | None,
          ministry: str | None, search: str, order: str, limit: int, offset: int,
          as_json: bool) -> None:
    """The queue, most urgent first."""
    if "all" in statuses:
        wanted: tuple[str, ...] | None = tickets.ALL_STATUSES
    elif not statuses or statuses == ("active",):
        wanted = None
    else:
        wanted = tuple(status for status in statuses if status != "active")
    query = tickets.QueueFilter(scope=scope or "all", agent=desk.agent, statuses=wanted,
                                category=category, ministry=ministry, search=search, order=order)
    now = clock.now()
    rows = tickets.window(desk.store.db, query, now.date(), offset, limit)
    if as_json:
        emit_json([row.to_dict() for row in rows])
        return
    total = tickets.count(desk.store.db, query)
    say(f"{total} ticket{'s' if total != 1 else ''} · {query.describe()}")
    if rows:
        say(ticket_format.list_header())
        for row in rows:
            say(ticket_format.list_line(row, now))
    if total > offset + len(rows):
        say(f"… {total - offset - len(rows)} more (use --offset {offset + len(rows)})")



@ticket.command("show")
@click.argument("ticket_id", type=TICKET_ID)
@json_option
@pass_desk
def show(desk: DeskContext, ticket_id: int, as_json: bool) -> None:
    """One ticket with its full history."""
    _show(tickets.load(desk.store.db, ticket_id), as_json, desk, with_history=True)


@ticket.command("claim")
@click.argument("ticket_id", type=TICKET_ID)
@json_option
@pass_desk
def claim(desk: DeskContext, ticket_id: int, as_json: bool) -> None:
    """Take a ticket (refused if a colleague already has it)."""
    _show(tickets.claim(desk.store, ticket_id, desk.agent), as_json, desk)


@ticket.command("claim-next")
@json_option
@pass_desk
def claim_next(desk: DeskContext, as_json: bool) -> int:
    """Atomically take the most urgent unclaimed ticket. Exit 1 when the queue is empty."""
    taken = tickets.claim_next(desk.store, desk.agent)
    if taken is None:
        if as_json:
            emit_json(None)
        else:
            say("no unclaimed tickets")
        return 1
    _show(taken, as_json, desk)
    return 0


@ticket.command("assign")
@click.argument("ticket_id", type=TICKET_ID)
@click.argument("assignee", required=False)
@click.option("--nobody", is_flag=True, help="Put the ticket back in the unassigned queue.")
@version_option
@json_option
@pass_desk
def assign(desk: DeskContext, ticket_id: int, assignee: str | None, nobody: bool,
           expected_version: int | None, as_json: bool) -> None:
    """Give a ticket to ASSIGNEE (or to nobody with --nobody)."""
    if bool(assignee) == nobody:
        raise InputError("name an ASSIGNEE or pass --nobody (one of the two)")
    updated = tickets.assign(desk.store, ticket_id, None if nobody else assignee, desk.agent,
                             expected_version=expected_version)
    _show(updated, as_json, desk)


@ticket.command("note")
@click.argument("ticket_id", type=TICKET_ID)
@click.argument("text")
@json_option
@pass_desk
def note(desk: DeskContext, ticket_id: int, text: str, as_json: bool) -> None:
    """Add an internal note; TEXT '-' reads it from stdin."""
    body = sys.stdin.read() if text == "-" else text
    _show(tickets.add_note(desk.store, ticket_id, body, desk.agent), as_json, desk)


@ticket.command("status")
@click.argument("ticket_id", type=TICKET_ID)
@click.argument("status", type=click.Choice([s for s in codes(STATUSES) if s != "resolved"]))
@version_option
@json_option
@pass_desk
def status(desk: DeskContext, ticket_id: int, status: str, expected_version: int | None,
           as_json: bool) -> None:
    """Set STATUS (to resolve, use `ticket resolve`)."""
    updated = tickets.set_status(desk.store, ticket_id, status, desk.agent,
                                 expected_version=expected_version)
    _show(updated, as_json, desk)


@ticket.command("resolve")
@click.argument("ticket_id", type=TICKET_ID)
@click.option("--outcome", required=True, type=click.Choice(codes(OUTCOMES)))
@click.option("--note", "resolution_note", required=True, help="What was done ('-' reads stdin).")
@version_option
@json_option
@pass_desk
def resolve(desk: DeskContext, ticket_id: int, outcome: str, resolution_note: str,
            expected_version: int | None, as_json: bool) -> None:
    """Resolve with an outcome code and a note; the handle time is recorded."""
    body = sys.stdin.read() if resolution_note == "-" else resolution_note
    updated = tickets.resolve(desk.store, ticket_id, outcome, body, desk.agent,
                              expected_version=expected_version)
    _show(updated, as_json, desk)


@ticket.command("edit")
@click.argument("ticket_id", type=TICKET_ID)
@click.option("--set", "assignments", multiple=True, metavar="FIELD=VALUE", required=True,
              help=f"Repeatable. Fields: {', '.join(tickets.EDITABLE_FIELDS)}.")
@version_option
@json_option
@pass_desk
def edit(desk: DeskContext, ticket_id: int, assignments: tuple[str, ...],
         expected_version: int | None, as_json: bool) -> None:
    """Change fields; each change is recorded in the history."""
    changes: dict[str, str] = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals:
            raise InputError(f"{assignment!r} is not FIELD=VALUE")
        changes[name.strip().replace("-", "_")] = value
    updated = tickets.update(desk.store, ticket_id, changes, desk.agent,
                             expected_version=expected_version)
    _show(updated, as_json, desk)


# Escalation has its own module (it also loads delivery settings and writes e-mail drafts).
from .escalate_cmd import escalate as _escalate  # noqa: E402
ticket.add_command(_escalate)
