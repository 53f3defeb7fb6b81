"""Reading what the console shows, for Pilot tests."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static


async def settle(app: App, pilot) -> None:
    """Let workers finish and their results reach the screen.

    The database watcher runs for the app's whole life, so it is not waited for.
    """
    for _ in range(3):
        finite = [worker for worker in app.workers if worker.group != "db-watch"]
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
