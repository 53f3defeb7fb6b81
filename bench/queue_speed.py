"""How the queue feels with a big database: open it, filter it, search it, page through it.

    .venv/bin/python bench/queue_speed.py [--tickets N] [--rounds R] [--json]

Builds (once, cached in bench/results/) a database of N generated tickets (default 100,000;
a year of desk work, a few hundred still active), then times, with the real query code:
- core queries (what the console's workers run): count + first window for the default
  queue, each filter, a search, a deep page, each sort order;
- the console itself (App.run_test, headless): from start until the queue shows its first
  rows, and from a filter change until the table holds the new rows.
Figures are medians and maxima over the rounds, in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tickets_data import cached_database  # noqa: E402

from helpdesk.clock import IST  # noqa: E402
from helpdesk.console.session import AgentSession  # noqa: E402
from helpdesk.store.connection import Store  # noqa: E402
from helpdesk.tickets import ALL_STATUSES, QueueFilter, count, window  # noqa: E402
from helpdesk.tickets.queue import first_page  # noqa: E402

NOW = __import__("datetime").datetime(2026, 11, 23, 11, 0, tzinfo=IST)


def database(tickets: int) -> Store:
    return Store.open(cached_database(tickets, now=NOW))


def timed(action, rounds: int) -> dict[str, float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(samples), 2), "max_ms": round(max(samples), 2)}


def core_figures(store: Store, rounds: int) -> dict[str, dict[str, float]]:
    db, today = store.db, NOW.date()
    base = QueueFilter(agent="agent03")

    def open_view(query: QueueFilter, offset: int = 0):
        return lambda: (count(db, query), window(db, query, today, offset, 100))

    total_all = count(db, replace(base, statuses=ALL_STATUSES))
    cases = {
        "open queue (active, urgency order)": open_view(base),
        "move a page (active, rows 100-199)": open_view(base, 100),
        "all statuses, move a page (rows 100-199)": open_view(replace(base, statuses=ALL_STATUSES), 100),
        "filter: mine": open_view(replace(base, scope="mine")),
        "filter: category otp": open_view(replace(base, category="otp")),
        "filter: ministry D/o Posts": open_view(replace(base, ministry="D/o Posts")),
        "filter: status resolved (whole history)": open_view(replace(base, statuses=("resolved",))),
        "all statuses, urgency order": open_view(replace(base, statuses=ALL_STATUSES)),
        "all statuses, newest first": open_view(replace(base, statuses=ALL_STATUSES, order="newest")),
        "all statuses, by training date": open_view(replace(base, statuses=ALL_STATUSES, order="training")),
        "all statuses, page in the middle": open_view(replace(base, statuses=ALL_STATUSES), total_all // 2),
        "search 'sunita' (all statuses)": open_view(replace(base, statuses=ALL_STATUSES, search="sunita")),
        "search mobile digits '4715'": open_view(replace(base, statuses=ALL_STATUSES, search="4715")),
        "search 'sunita' (active queue)": open_view(replace(base, search="sunita")),
        # What a console keystroke reads: a screenful and the count, in one worker.
        "console read: search 'su', a screenful (active)": lambda: first_page(
            db, replace(base, search="su"), today, 40),
    }
    return {name: timed(action, rounds) for name, action in cases.items()}


async def console_figures(store: Store, rounds: int) -> dict[str, dict[str, float]]:
    from helpdesk.console.app import HelpdeskApp
    from helpdesk.screens.queue import QueueScreen
    from helpdesk.screens.widgets.ticket_table import TicketTable

    open_samples, filter_samples = [], []
    for _ in range(rounds):
        app = HelpdeskApp(AgentSession(store=store, agent="agent03", now=lambda: NOW))
        started = time.perf_counter()
        async with app.run_test(size=(120, 40)):
            table = await _wait(lambda: _shown(app, QueueScreen, TicketTable))
            open_samples.append((time.perf_counter() - started) * 1000)
            # Let start-up work (the lookup index, the desk state) finish: an agent's first
            # filter comes seconds after the queue appears, not within the same frame.
            await app.workers.wait_for_complete([w for w in app.workers if w.group not in ("db-watch", "outbox")])
            screen = app.screen
            for category in ("otp", "certificate", "profile"):
                started = time.perf_counter()
                screen.queue_filter = replace(screen.queue_filter, category=category)
                await _wait(lambda: table.current is not None and table.current.category == category)
                filter_samples.append((time.perf_counter() - started) * 1000)
    summary = lambda samples: {"median_ms": round(statistics.median(samples), 1),  # noqa: E731
                               "max_ms": round(max(samples), 1)}
    return {"console: start until the first rows show": summary(open_samples),
            "console: filter change until the new rows show": summary(filter_samples)}


def _shown(app, screen_type, table_type):
    if not isinstance(app.screen, screen_type):
        return None
    table = app.screen.query_one(table_type)
    return table if table.current is not None else None


async def _wait(condition, timeout: float = 30.0):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        value = condition()
        if value:
            return value
        await asyncio.sleep(0.001)
    raise TimeoutError("the console did not show the rows in time")


def peak_rss_mb() -> float:
    """Peak resident set of this process: the queries and a headless console on the big
    database, SQLite's page cache included.

    Linux's VmHWM, not getrusage's ru_maxrss: ru_maxrss survives fork and exec, so a
    process started by one that had generated the database (bench/run.py, ~1.9 GB)
    reported the generator's peak as its own. VmHWM belongs to this program's memory only.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass  # not Linux: ru_maxrss (KiB on Linux, bytes on macOS)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    store = database(options.tickets)
    figures = {"tickets": options.tickets, **core_figures(store, options.rounds),
               **asyncio.run(console_figures(store, options.rounds))}
    figures["peak_rss_mb"] = peak_rss_mb()
    if options.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"queue with {options.tickets:,} tickets (median / max of {options.rounds} rounds)")
        for name, values in figures.items():
            if isinstance(values, dict):
                print(f"  {name:<50} {values['median_ms']:>9.1f} ms  {values['max_ms']:>9.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
