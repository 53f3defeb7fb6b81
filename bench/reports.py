"""How long reports take on a big desk: 100,000 tickets with their histories.

    .venv/bin/python bench/reports.py            # figures for people
    .venv/bin/python bench/reports.py --json     # the same as one JSON object

Builds a fresh database (seeded, so every run has the same tickets; ``--db PATH`` keeps
it for another run with ``--reuse``), then times the day's report for "now" (Monday
23 Nov 2026, 17:30 IST), the month's (November 2026), the handover and the queue's
target marks for one window of 100 rows. Each timing is the best of ``--repeat`` runs on
a warm connection. Target: a day's and a month's report under one second each.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ticket_generator import DeskHistory  # noqa: E402
from helpdesk.clock import IST  # noqa: E402
from helpdesk.reports.handover import build_handover  # noqa: E402
from helpdesk.hours.status import DeskHours  # noqa: E402
from helpdesk.reports.periods import Period  # noqa: E402
from helpdesk.reports.figures import build_report  # noqa: E402
from helpdesk.reports.sla import DEFAULT_TARGETS  # noqa: E402
from helpdesk.store.connection import Store  # noqa: E402
from helpdesk.tickets import QueueFilter, window  # noqa: E402

NOW = datetime(2026, 11, 23, 17, 30, tzinfo=IST)
FIRST_DAY = date(2026, 1, 1)
TARGET_SECONDS = 1.0
TICKET_COLUMNS = ("id", "created_at", "created_by", "updated_at", "participant_name", "email",
                  "mobile", "ministry_query", "ministry", "rep_email", "category", "channel",
                  "training_date", "question", "language", "status", "assignee", "claimed_at",
                  "first_response_at", "resolved_at", "outcome", "resolution_note",
                  "handle_seconds", "version")


def ministries(store: Store) -> list[tuple[str, str]]:
    """The directory's rows; a made-up one of the annexure's size if none is loaded yet."""
    rows = store.db.execute("SELECT ministry, rep_email FROM directory ORDER BY position").fetchall()
    if rows:
        return [tuple(row) for row in rows]
    made = [(f"Ministry {number:02d}", f"rep{number % 9}.kb@karmayogi.in") for number in range(1, 92)]
    with store.transaction() as db:
        db.conn.executemany("INSERT INTO directory (ministry, rep_name, rep_email, rep_mobile) VALUES (?, ?, ?, ?)",
                       [(name, f"Rep {email[3]}", email, "9000000000") for name, email in made])
    return made


def generate(store: Store, count: int, seed: int) -> dict:
    started = time.perf_counter()
    history = DeskHistory(DeskHours.from_store(store), ministries(store), seed, FIRST_DAY, NOW)
    placeholders = ", ".join("?" for _ in TICKET_COLUMNS)
    events = 0
    with store.transaction() as db:
        batch_tickets, batch_events = [], []
        for made in history.tickets(count):
            batch_tickets.append([made.ticket[name] for name in TICKET_COLUMNS])
            batch_events += made.events
            if len(batch_tickets) >= 5000:
                events += _flush(db, placeholders, batch_tickets, batch_events)
                batch_tickets, batch_events = [], []
        events += _flush(db, placeholders, batch_tickets, batch_events)
    store.db.execute("ANALYZE")
    return {"tickets": count, "events": events, "seconds": round(time.perf_counter() - started, 1)}


def _flush(db, placeholders: str, tickets: list, events: list) -> int:
    db.conn.executemany(f"INSERT INTO tickets ({', '.join(TICKET_COLUMNS)}) VALUES ({placeholders})", tickets)
    db.conn.executemany("INSERT INTO ticket_events (ticket_id, version, at, agent, kind, field, before, after, body) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
    return len(events)


def best_of(repeat: int, job) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - started)
    return min(times), result


def measure(store: Store, repeat: int) -> dict:
    db = store.db

    def report(period: Period):
        # Holidays are read each time, as the console and the CLI do.
        return build_report(db, DeskHours.from_store(store), DEFAULT_TARGETS, period, NOW)

    figures = {}
    for name, period in (("day", Period.day(NOW.date())), ("month", Period.month_of(NOW.date()))):
        seconds, built = best_of(repeat, lambda period=period: report(period))
        figures[f"{name}_report"] = {
            "seconds": round(seconds, 3), "period": period.to_dict(), "opened": built.opened,
            "resolved": built.resolved, "still_open": built.still_open,
            "first_response_p50": built.first_response.desk_p50, "handle_p50": built.handle.desk_p50,
        }
    seconds, handover = best_of(repeat, lambda: build_handover(db, DeskHours.from_store(store),
                                                               DEFAULT_TARGETS, NOW, "bench"))
    figures["handover"] = {"seconds": round(seconds, 3), "open_tickets": len(handover.items)}
    from helpdesk.console.session import AgentSession

    session = AgentSession(store, "bench", lambda: NOW)
    rows = window(db, QueueFilter(), NOW.date(), 0, 100)
    seconds, marks = best_of(repeat, lambda: session.target_marks(rows))
    figures["queue_marks_100_rows"] = {"seconds": round(seconds, 3), "marked": len(marks)}
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", type=Path, help="database file (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="use --db as it is, without generating")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = options.db or Path(folder) / "bench.db"
        if path.exists() and not options.reuse:
            parser.error(f"{path} exists: pass --reuse to use it, or another --db")
        store = Store.open(path)
        generated = None if options.reuse else generate(store, options.tickets, options.seed)
        figures = {"generated": generated, **measure(store, options.repeat)}
        store.close()
    figures["target_seconds"] = TARGET_SECONDS
    figures["met"] = all(figures[name]["seconds"] < TARGET_SECONDS for name in ("day_report", "month_report"))
    if options.json:
        print(json.dumps(figures, indent=2))
    else:
        print(describe(figures))
    return 0 if figures["met"] else 1


def describe(figures: dict) -> str:
    lines = []
    if figures["generated"]:
        made = figures["generated"]
        lines.append(f"generated {made['tickets']:,} tickets, {made['events']:,} history entries "
                     f"in {made['seconds']} s")
    for name in ("day_report", "month_report"):
        figure = figures[name]
        lines.append(f"{name.replace('_', ' '):<14} {figure['seconds'] * 1000:7.0f} ms   "
                     f"{figure['period']['from']}..{figure['period']['to']}: opened {figure['opened']:,}, "
                     f"resolved {figure['resolved']:,}, still open {figure['still_open']:,}")
    lines.append(f"{'handover':<14} {figures['handover']['seconds'] * 1000:7.0f} ms   "
                 f"{figures['handover']['open_tickets']:,} open tickets")
    lines.append(f"{'queue marks':<14} {figures['queue_marks_100_rows']['seconds'] * 1000:7.0f} ms   "
                 "one window of 100 rows")
    lines.append(f"target: each report under {figures['target_seconds']:.0f} s: "
                 + ("met" if figures["met"] else "NOT MET"))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
