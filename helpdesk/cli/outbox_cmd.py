"""``helpdesk outbox list|show|send|retry|cancel``: the messages waiting to leave the desk."""

from __future__ import annotations

import asyncio

import click

from helpdesk import clock
from helpdesk.escalation import delivery_settings
from helpdesk.escalation import outbox
from helpdesk.escalation.outbox_model import PENDING_STATUSES
from helpdesk.escalation.outbox_sender import AttemptResult, OutboxSender, sender_name
from .context import DeskContext
from .output import emit_json, emit_json_line, say

STATUS_CHOICES = ("pending", "sent", "failed", "cancelled", "all")


@click.group(invoke_without_command=True)
@click.pass_context
def outbox_group(ctx: click.Context) -> int | None:
    """Escalation messages to Teams: queued, sent, failing; deliver, retry or cancel them."""
    if ctx.invoked_subcommand is None:
        say(ctx.get_help())
        return 0
    return None


def _webhook_set() -> bool:
    return delivery_settings.load().webhook is not None


@outbox_group.command("list")
@click.option("--status", type=click.Choice(STATUS_CHOICES), default="all", show_default=True)
@click.option("--ticket", "ticket_id", type=int, help="Only this ticket's messages.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def list_messages(desk: DeskContext, status: str, ticket_id: int | None, limit: int,
                  as_json: bool) -> int:
    """Messages, newest first, with their state (queued / sent at … / failing: … )."""
    statuses = {"pending": PENDING_STATUSES, "all": None}.get(status, (status,))
    rows = outbox.messages(desk.store.db, statuses=statuses, ticket_id=ticket_id, limit=limit)
    now, webhook_set = clock.now(), _webhook_set()
    if as_json:
        emit_json([row.to_dict(now, webhook_set=webhook_set) for row in rows])
        return 0
    if not rows:
        say("The outbox is empty." if status == "all" else f"No {status} messages.")
    for row in rows:
        say(f"{row.id:>4}  {row.notification_id:<16} {row.summary}")
        say(f"      {row.state(now, webhook_set=webhook_set)}")
    return 0


@outbox_group.command("show")
@click.argument("message_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def show(desk: DeskContext, message_id: int, as_json: bool) -> int:
    """One message with every attempt (who tried, when, what came back)."""
    db = desk.store.db
    message = outbox.get(db, message_id)
    tries = outbox.attempts(db, message_id)
    now, webhook_set = clock.now(), _webhook_set()
    if as_json:
        emit_json(dict(message.to_dict(now, webhook_set=webhook_set),
                       attempt_history=[attempt.to_dict() for attempt in tries]))
        return 0
    say(f"{message.notification_id} (outbox {message.id}, ticket #{message.ticket_id}): {message.summary}")
    say(f"  {message.state(now, webhook_set=webhook_set)}")
    say(f"  queued {message.created_at:%d %b %Y %H:%M:%S} by {message.created_by}")
    for attempt in tries:
        started = attempt.started_at.strftime("%d %b %H:%M:%S.%f")[:-3]  # to the millisecond
        say(f"  {attempt.number:>2}. {started}  {attempt.describe()}  [{attempt.sender}]")
    return 0


@outbox_group.command("send")
@click.option("--wait", "wait_seconds", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Keep retrying failing messages for up to this many seconds.")
@click.option("--forever", is_flag=True, help="Keep running, sending new messages as they come.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON line per attempt.")
@click.pass_obj
def send(desk: DeskContext, wait_seconds: float, forever: bool, as_json: bool) -> int:
    """Deliver the messages that are due (for cron: run it every minute).

    Exit 0 when nothing is left failing, 1 otherwise. Safe beside a running console:
    each message is leased to one sender at a time.
    """
    settings = delivery_settings.load()

    def show_result(result: AttemptResult) -> None:
        if as_json:
            emit_json_line({"notification_id": result.notification_id, "outbox_id": result.message_id,
                            "attempt": result.attempt, "outcome": result.outcome,
                            "status": result.status, "http_status": result.http_status,
                            "error": result.error, "retry_in": result.retry_in})
        else:
            say(result.describe())

    sender = OutboxSender(desk.store, settings, owner=sender_name("cli"), on_result=show_result)
    try:
        report = asyncio.run(sender.run(until_idle=not forever,
                                        max_seconds=None if forever else wait_seconds))
    except KeyboardInterrupt:
        say("stopped; a message being sent is taken up again by the next sender")
        return 130
    left = outbox.messages(desk.store.db, statuses=(*PENDING_STATUSES, outbox.FAILED), limit=1000)
    failing = [message for message in left if message.status != outbox.QUEUED]
    if not as_json:
        say(f"sent {report.count('sent')}, retried {report.count('retry')}, "
            f"failed {report.count('failed')}; {len(left)} not delivered")
    return 1 if failing or report.count("failed") else 0


@outbox_group.command("retry")
@click.argument("message_id", type=int)
@click.pass_obj
def retry(desk: DeskContext, message_id: int) -> int:
    """Queue a failed or cancelled message again (a sent one is never sent twice)."""
    message = outbox.retry(desk.store, message_id, desk.agent, clock.now())
    say(f"{message.notification_id} queued again.")
    return 0


@outbox_group.command("cancel")
@click.argument("message_id", type=int)
@click.pass_obj
def cancel(desk: DeskContext, message_id: int) -> int:
    """Do not send a message after all (recorded in the audit log)."""
    message = outbox.cancel(desk.store, message_id, desk.agent, clock.now())
    say(f"{message.notification_id} cancelled; it will not be sent.")
    return 0
