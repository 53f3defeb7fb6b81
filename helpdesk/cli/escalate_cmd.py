"""``helpdesk ticket escalate N``: hand a case to its KB representative (or the nodal persons).

Attached to the ``ticket`` group; it lives here because it also writes the e-mail draft
and reads the delivery settings, which the other ticket commands need not load.
"""

from __future__ import annotations

import sys

import click

from helpdesk.escalation import delivery_settings
from helpdesk.escalation import escalations
from helpdesk.escalation.email_draft import drafts_dir
from helpdesk.escalation.message import REP, TARGETS
from .context import DeskContext
from .output import emit_json, say

@click.command("escalate")
@click.argument("ticket_id", type=int)
@click.option("--to", "target", type=click.Choice(TARGETS), default=REP, show_default=True,
              help="rep: the ministry's KB representative; nodal: point to the nodal persons list.")
@click.option("--note", "needed", help="What is needed from them ('-' reads stdin). "
                                        "Default: a sentence for the ticket's category.")
@click.option("--tried", "steps", multiple=True, metavar="STEP",
              help="Repeatable: a step the desk tried. Default: the ticket's notes.")
@click.option("--version", "expected_version", type=click.IntRange(min=1),
              help="Refuse if the ticket changed since this version.")
@click.option("--no-eml", is_flag=True, help="Do not write the .eml draft file.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def escalate(desk: DeskContext, ticket_id: int, target: str, needed: str | None,
             steps: tuple[str, ...], expected_version: int | None, no_eml: bool,
             as_json: bool) -> int:
    """Set ticket N to escalated and queue a Teams post for the representative.

    The post goes out through the outbox (the console sends it on its own; scripts run
    `helpdesk outbox send`). Also writes an e-mail draft (.eml, owner-only) and prints a
    mailto: link and the text to paste.
    """
    settings = delivery_settings.load()
    if needed == "-":
        needed = sys.stdin.read()
    done = escalations.escalate(
        desk.store, ticket_id, target=target, agent=desk.agent, needed=needed,
        steps_tried=list(steps) if steps else None, expected_version=expected_version,
        contact=settings.participant_contact)
    eml_path = None if no_eml else done.draft.write_eml(drafts_dir(desk.db_path), done.case.notification_id)
    mailto = done.draft.mailto(eml_path)
    webhook_note = ("" if settings.webhook else
                    " No Teams webhook is configured yet: it waits in the outbox until one is.")
    if as_json:
        emit_json({"ticket": done.ticket.to_dict(), "notification_id": done.case.notification_id,
                   "outbox_id": done.message.id, "state": done.message.state(
                       done.message.created_at, webhook_set=settings.webhook is not None),
                   "eml_path": str(eml_path) if eml_path else None, "mailto": mailto,
                   "text": done.draft.body})
        return 0
    say(f"Ticket #{ticket_id} escalated to {done.case.addressee}.")
    say(f"Teams message {done.case.notification_id} queued as outbox {done.message.id}: "
        f"`helpdesk outbox send` delivers it (the console does so by itself).{webhook_note}")
    if eml_path:
        say(f"E-mail draft: {eml_path}")
    say(f"mailto: link: {mailto}")
    say("")
    say(done.draft.body)
    return 0
