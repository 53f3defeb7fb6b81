"""Keystroke to screen: how long after a key the console's results show the new answer.

    .venv/bin/python bench/keystroke.py [--tickets N] [--json]

Inside ``App.run_test()`` (headless, 120x40), each character of a set of queries is sent
as a Key event straight to the app's driver, as a terminal would deliver it, and the
clock runs until the results widget holds the answer for the text typed so far:
- lookup panel (F2): the option list and verdict were rebuilt for the new text;
- queue search (on N generated tickets): the table was reset for the new filter and
  holds its first rows (or is known to be empty). That takes one worker thread reading
  a screenful of rows and the count, and its hand-back to the UI (target marks follow
  in a second pass once typing pauses, and are not timed).
Polling yields to the event loop with ``asyncio.sleep(0)``; ``pilot.press`` is not used,
because it waits for idle in 20 ms steps and would time the pilot, not the app. What is
timed ends when the widgets hold the answer: the paint follows on the next refresh.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from textual import events  # noqa: E402
from textual.keys import _character_to_key  # noqa: E402

from helpdesk.console.session import AgentSession  # noqa: E402
from helpdesk.store.connection import Store  # noqa: E402
from tickets_data import cached_database  # noqa: E402

from queue_speed import NOW  # noqa: E402

LOOKUP_QUERIES = ("ministry of railways", "meity", "dak vibhag", "icar", "rly board", "home affairs",
                  "dept of posts", "income tax", "aiims delhi", "agricultural research")
QUEUE_QUERIES = ("sunita", "kumar", "4715", "gmail", "posts", "otp")
# An agent starts a new word after reading what the last one showed: the first key of a
# query follows the screen's repaint of the previous answer (or of the box just cleared),
# not the moment its rows were handed to the table. Keys within a word follow at once.
PAUSE_BEFORE_WORD = 0.1


def _send(app, character: str) -> None:
    key = character if character.isalnum() else _character_to_key(character)
    event = events.Key(key, character)
    event.set_sender(app)
    app._driver.send_message(event)


async def _until(condition, timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the console did not show the answer in time")
        await asyncio.sleep(0)


def _summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"keystrokes": len(ordered), "p50_ms": round(ordered[len(ordered) // 2], 2),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
            "max_ms": round(ordered[-1], 2)}


async def lookup_samples(app, panel, rounds: int) -> list[float]:
    """Type LOOKUP_QUERIES into the open lookup panel; ms from each key to its answer."""
    from textual.widgets import Input

    samples = []
    box = panel.query_one("#lookup-query", Input)
    for _ in range(rounds):
        for query in LOOKUP_QUERIES:
            box.value = ""
            await _until(lambda: panel._result is None)  # (set at once when empty)
            for length in range(1, len(query) + 1):
                typed, before = query[:length], panel._result
                started = time.perf_counter()
                _send(app, query[length - 1])
                await _until(lambda: box.value == typed and (panel._result is not before
                                                              or not typed.strip()))
                samples.append((time.perf_counter() - started) * 1000)
    return samples


async def queue_search_samples(app, screen, rounds: int) -> list[float]:
    """Type QUEUE_QUERIES into the queue's search; ms from each key to the rows for it."""
    from helpdesk.screens.widgets.ticket_table import TicketTable

    table = screen.query_one(TicketTable)
    samples = []

    def shows(typed: str, generation: int) -> bool:
        return (screen.queue_filter.search == typed and table.generation > generation
                and (table.total == 0 or 0 in table._rows))

    screen.action_focus_search()
    box = screen.query_one("#queue-search")
    for _ in range(rounds):
        for query in QUEUE_QUERIES:
            if box.value:  # clearing an empty box changes nothing, and reloads nothing
                generation = table.generation
                box.value = ""
                await _until(lambda: shows("", generation))
            await asyncio.sleep(PAUSE_BEFORE_WORD)
            for length in range(1, len(query) + 1):
                typed, generation = query[:length], table.generation
                started = time.perf_counter()
                _send(app, query[length - 1])
                await _until(lambda: shows(typed, generation))
                samples.append((time.perf_counter() - started) * 1000)
    return samples


async def lookup_panel(store: Store, rounds: int) -> dict:
    from helpdesk.console.app import HelpdeskApp
    from helpdesk.screens.lookup_panel import LookupPanel

    app = HelpdeskApp(AgentSession(store=store, agent="bench", now=lambda: NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(lambda: app.lookup is not None)
        app.action_lookup()
        await _until(lambda: isinstance(app.screen, LookupPanel) and app.screen.is_mounted)
        # The agent types after the panel is on screen: its opening (first paint, the footer
        # recomposed for the panel's keys) is not part of any keystroke.
        await pilot.pause(0.2)
        samples = await lookup_samples(app, app.screen, rounds)
    return _summary(samples)


async def queue_search(store: Store, rounds: int) -> dict:
    from helpdesk.console.app import HelpdeskApp
    from helpdesk.screens.queue import QueueScreen
    from helpdesk.screens.widgets.ticket_table import TicketTable

    app = HelpdeskApp(AgentSession(store=store, agent="agent03", now=lambda: NOW))
    async with app.run_test(size=(120, 40)):
        await _until(lambda: isinstance(app.screen, QueueScreen) and app.screen.query(TicketTable)
                     and app.screen.query_one(TicketTable).current is not None, timeout=60)
        screen = app.screen
        # Start-up work (the lookup index, the desk state) is done before an agent types.
        await app.workers.wait_for_complete([w for w in app.workers if w.group not in ("db-watch", "outbox")])
        samples = await queue_search_samples(app, screen, rounds)
    return _summary(samples)


def run(tickets: int, rounds: int = 2) -> dict:
    small = Store.open(cached_database(0, now=NOW))
    big = Store.open(cached_database(tickets, now=NOW))
    return {"lookup_panel": asyncio.run(lookup_panel(small, rounds)),
            "queue_search": {"tickets": tickets, **asyncio.run(queue_search(big, rounds))}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    figures = run(options.tickets, options.rounds)
    print(json.dumps(figures, indent=2) if options.json else "\n".join(
        f"{name:<14} {f['keystrokes']:>4} keys  p50 {f['p50_ms']:6.2f} ms  p99 {f['p99_ms']:6.2f} ms  "
        f"max {f['max_ms']:6.2f} ms" for name, f in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
