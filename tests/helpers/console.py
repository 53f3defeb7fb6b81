"""Reading what the console shows, for Pilot tests."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static


# Workers that run for the app's whole life: the database watcher and the outbox sender.
LIFELONG_GROUPS = frozenset({"db-watch", "outbox"})


async def settle(app: App, pilot) -> None:
    """Let workers finish and their results reach the screen.

    Workers that run for the app's whole life are not waited for.
    """
    for _ in range(3):
        # A cancelled worker (an exclusive one replaced by a newer load) will not complete.
        finite = [worker for worker in app.workers
                  if worker.group not in LIFELONG_GROUPS and not worker.is_cancelled]
        if finite:  # an empty list would mean "all workers" to wait_for_complete
            await app.workers.wait_for_complete(finite)
        await pilot.pause()


def text_of(app: App, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return widget.render().plain


def table_lines(app: App) -> list[str]:
    from helpdesk.screens.widgets.ticket_table import TicketTable

    table = app.screen.query_one(TicketTable)
    return [table.render_line(y).text for y in range(table.size.height)]
