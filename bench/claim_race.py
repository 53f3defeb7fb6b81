"""Claim race: many processes take tickets with ``helpdesk ticket claim-next`` until none is left.

    .venv/bin/python bench/claim_race.py [--processes 20] [--tickets 2000] [--exec] [--json]

Every worker is its own process running the real CLI entry point in a loop, as agents'
scripts and consoles do (with ``--exec``, a fresh ``helpdesk`` process for every claim,
as a shell loop would: about 0.3 s of start-up each). Afterwards the database and the
workers' reports are compared: each ticket must have been claimed exactly once, by the
agent who was told they got it, with one "claimed" history entry. Prints the time taken,
claims per second, and any ticket claimed twice, never claimed, or claimed in silence.

Import it to reuse the pieces: ``seed``, ``run``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from helpdesk import clock
from helpdesk.store.connection import Store

WORKERS = Path(__file__).resolve().parent.parent / "tests" / "helpers" / "process_workers.py"


def seed(database: Path, count: int) -> None:
    """``count`` unclaimed tickets, spread over the urgency bands, in one transaction."""
    store = Store.open(database)
    now = clock.now()
    stamp = clock.iso(now)
    with store.transaction() as db:
        for number in range(count):
            # Every third without a training date, the others 0-11 days away: all three bands.
            training = (now.date() + timedelta(days=number % 12)).isoformat() if number % 3 else None
            ticket_id = db.execute(
                "INSERT INTO tickets (created_at, created_by, updated_at, participant_name, category, channel, "
                "training_date) VALUES (?, 'seed', ?, ?, 'other', 'phone', ?)",
                [stamp, stamp, f"Participant {number}", training],
            ).lastrowid
            db.execute("INSERT INTO ticket_events (ticket_id, version, at, agent, kind) "
                       "VALUES (?, 1, ?, 'seed', 'created')", [ticket_id, stamp])
    store.close()


def _loop_worker(database: Path, agent: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKERS), "claim", str(database), agent],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _exec_worker(database: Path, agent: str, lines: list[str]) -> None:
    """Claim with a fresh `helpdesk` process each time, until the queue is empty."""
    executable = Path(sys.executable).with_name("helpdesk")
    while True:
        done = subprocess.run([str(executable), "--db", str(database), "--agent", agent, "ticket", "claim-next",
                               "--json"], capture_output=True, text=True)
        if done.returncode == 1 and done.stdout.strip() == "null":
            return
        if done.returncode != 0:
            lines.append(f"error {done.returncode} {done.stderr.strip()}")
            return
        lines.append(f"claimed {json.loads(done.stdout)['id']}")


def run(processes: int, tickets: int, *, exec_each: bool = False, database: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        database = database or Path(scratch) / "race.db"
        seed(database, tickets)
        reports: dict[str, list[str]] = {}
        started = time.perf_counter()
        if exec_each:
            threads = []
            for number in range(processes):
                agent = f"agent{number:02d}"
                reports[agent] = []
                threads.append(threading.Thread(target=_exec_worker, args=(database, agent, reports[agent])))
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        else:
            workers = {f"agent{number:02d}": _loop_worker(database, f"agent{number:02d}")
                       for number in range(processes)}
            for agent, worker in workers.items():
                out, err = worker.communicate()
                reports[agent] = out.splitlines()
                if worker.returncode:
                    reports[agent].append(f"error {worker.returncode} {err.strip()}")
        seconds = time.perf_counter() - started
        return _verdict(database, reports, processes, tickets, seconds)


def _verdict(database: Path, reports: dict[str, list[str]], processes: int, tickets: int, seconds: float) -> dict:
    told = [(agent, int(line.split()[1])) for agent, lines in reports.items() for line in lines
            if line.startswith("claimed ")]
    errors = [line for lines in reports.values() for line in lines if line.startswith("error")]
    times_told = Counter(ticket_id for _, ticket_id in told)
    store = Store.open(database)
    rows = store.db.execute(
        "SELECT t.id, t.assignee, (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id "
        "AND e.kind = 'claimed') FROM tickets t").fetchall()
    integrity = store.db.execute("PRAGMA integrity_check").fetchone()[0]
    store.close()
    owner_told = {ticket_id: agent for agent, ticket_id in told}
    return {
        "processes": processes,
        "tickets": tickets,
        "seconds": round(seconds, 2),
        "claims_per_second": round(len(told) / seconds, 1) if seconds else None,
        "claimed_once": sum(1 for count in times_told.values() if count == 1),
        "claimed_twice": sorted(ticket_id for ticket_id, count in times_told.items() if count > 1),
        "never_claimed": sorted(ticket_id for ticket_id, assignee, _ in rows if ticket_id not in times_told),
        "wrong_assignee": sorted(ticket_id for ticket_id, assignee, _ in rows
                                 if ticket_id in owner_told and assignee != owner_told[ticket_id]),
        "history_not_one_claim": sorted(ticket_id for ticket_id, _, claims in rows if claims != 1),
        "errors": errors,
        "claims_per_process": sorted(Counter(agent for agent, _ in told).values(), reverse=True),
        "processes_that_claimed": len({agent for agent, _ in told}),
        "integrity_check": integrity,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=20)
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--exec", dest="exec_each", action="store_true",
                        help="a fresh `helpdesk` process per claim (slow: ~0.3 s start-up each)")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    result = run(options.processes, options.tickets, exec_each=options.exec_each)
    if options.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['processes']} processes, {result['tickets']} tickets: {result['seconds']} s, "
          f"{result['claims_per_second']} claims/s")
    print(f"  claimed exactly once: {result['claimed_once']}; twice: {len(result['claimed_twice'])}; "
          f"never: {len(result['never_claimed'])}; wrong assignee: {len(result['wrong_assignee'])}; "
          f"history not one claim: {len(result['history_not_one_claim'])}; errors: {len(result['errors'])}")
    print(f"  claims per process: {result['claims_per_process']}; integrity_check: {result['integrity_check']}")


if __name__ == "__main__":
    main()
