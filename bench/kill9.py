"""Crash safety: a writer killed with SIGKILL at random moments, round after round.

    .venv/bin/python bench/kill9.py [--rounds 50] [--seed S] [--json]

The writer (tests/helpers/process_workers.py ``write``) logs tickets, edits them and adds notes
through the same core the console uses, printing each change only after its transaction
committed. Each round starts a writer on the same database, lets it work for a random
0.05-0.6 s, and kills it with SIGKILL, possibly mid-transaction. After every kill the
database is opened fresh (SQLite recovers the WAL) and checked, Jepsen "set" style:

* ``integrity_check`` is ok;
* every change the writer reported is there (acknowledged ⊆ stored: nothing lost);
* no change is half there: every ticket has exactly one "created" history entry and its
  version is its newest history entry's (a ticket and its history commit together).

A change committed but killed before it was reported may or may not be there; both are
correct. Prints the rounds, the changes acknowledged, and anything lost or torn.
Run with ``PRAGMA synchronous=FULL`` as the store sets it; a kill is not a power cut (that
needs a VM), but FULL is what makes the power-cut case hold too.

Import it to reuse the pieces: ``run``, ``check``.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpdesk.store.connection import Store

WORKERS = Path(__file__).resolve().parent.parent / "tests" / "helpers" / "process_workers.py"


def _one_round(database: Path, agent: str, rng: random.Random) -> list[str]:
    writer = subprocess.Popen([sys.executable, str(WORKERS), "write", str(database), agent],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready = writer.stdout.readline()
        if ready.strip() != "ready":
            raise RuntimeError(f"the writer did not start: {ready!r} {writer.stderr.read()}")
        time.sleep(rng.uniform(0.05, 0.6))
    finally:
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
    # Only whole lines are acknowledgements: a line cut by the kill was never fully said.
    return [line for line in out.split("\n")[:-1] if line]


def check(database: Path, acknowledged: list[str]) -> dict:
    """Compare what the writers reported with what the database holds."""
    store = Store.open(database)  # recovery happens here, as for the next console to start
    db = store.db
    try:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        tickets = {row[0]: row[1:] for row in db.execute("SELECT id, mobile, version FROM tickets")}
        notes = {(row[0], row[1]) for row in db.execute("SELECT ticket_id, body FROM ticket_events WHERE kind = 'note'")}
        lost = []
        for line in acknowledged:
            kind, ticket_id, *rest = line.split()
            ticket_id = int(ticket_id)
            if ticket_id not in tickets:
                lost.append(line)
            elif kind == "edited" and tickets[ticket_id][0] != rest[0]:
                lost.append(line)
            elif kind == "noted" and (ticket_id, rest[0].replace("_", " ")) not in notes:
                lost.append(line)
        torn = [row[0] for row in db.execute(
            "SELECT t.id FROM tickets t WHERE t.version != (SELECT max(version) FROM ticket_events e "
            "WHERE e.ticket_id = t.id) OR (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id "
            "AND e.kind = 'created') != 1")]
    finally:
        store.close()
    return {"integrity_check": integrity, "lost": lost, "torn": torn, "tickets": len(tickets)}


def run(rounds: int, seed: int | None = None, database: Path | None = None) -> dict:
    seed = seed if seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as scratch:
        database = database or Path(scratch) / "kill9.db"
        Store.open(database).close()
        acknowledged: list[str] = []
        failures = []
        started = time.perf_counter()
        for number in range(rounds):
            acknowledged += _one_round(database, f"writer{number}", rng)
            verdict = check(database, acknowledged)
            if verdict["integrity_check"] != "ok" or verdict["lost"] or verdict["torn"]:
                failures.append({"round": number, **verdict})
        seconds = time.perf_counter() - started
        final = check(database, acknowledged)
    counts = {kind: sum(1 for line in acknowledged if line.startswith(kind)) for kind in ("created", "edited", "noted")}
    return {"rounds": rounds, "seed": seed, "seconds": round(seconds, 1), "acknowledged": counts,
            "tickets_stored": final["tickets"], "failures": failures, "integrity_check": final["integrity_check"],
            "sqlite_version": sqlite3.sqlite_version}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    result = run(options.rounds, options.seed)
    if options.json:
        print(json.dumps(result, indent=2))
        return
    counts = result["acknowledged"]
    print(f"{result['rounds']} SIGKILLs in {result['seconds']} s (seed {result['seed']}, SQLite "
          f"{result['sqlite_version']})")
    print(f"  acknowledged: {counts['created']} tickets created, {counts['edited']} edits, {counts['noted']} notes; "
          f"{result['tickets_stored']} tickets stored")
    print(f"  rounds with a lost or torn change or a failed integrity_check: {len(result['failures'])}; "
          f"final integrity_check: {result['integrity_check']}")
    for failure in result["failures"][:5]:
        print(f"  round {failure['round']}: {failure}")


if __name__ == "__main__":
    main()
