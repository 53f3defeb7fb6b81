"""Writes: create, claim and resolve latency with 1, 5 and 20 agent processes on one database.

    .venv/bin/python bench/writes.py [--processes 1,5,20] [--cycles N] [--json]

Each agent is its own Python process with its own connection (the desk's real set-up:
one SQLite file, WAL, synchronous=FULL, BEGIN IMMEDIATE, busy timeout). After a common
start signal, every process runs N cycles of the core actions the console calls: log a
ticket, claim it, resolve it, timing each call from before it starts until it returns
(committed and fsynced). The parent reports p50/p99 per action over all processes and
the total actions per second from the first start to the last finish.

Two loads, because they answer different questions:
- paced (``--pause-ms``, default 250): each agent pauses a random time (exponential,
  seeded, that mean) before each action: 20 agents then save about 80 times a second,
  some hundred times what a real desk does (an agent saves a few times per participant,
  a participant every few minutes), and saves still collide now and then. This is the
  latency an agent feels.
- saturated (``--pause-ms 0``): no pause at all, every process saving back to back. The
  lock admits one writer at a time, so the mean wait is bound to be about
  processes / throughput (Little's law: 20 / ~1,000 per second = 20 ms) whatever the
  code does; what the code decides is how fairly the wait is shared (the p99).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_PAUSE_MS = 250

AGENT = r"""
import json, os, random, sys, time
from datetime import datetime
from helpdesk import tickets
from helpdesk.clock import IST
from helpdesk.store.connection import Store

path, agent, cycles, go, pause = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
pauses = random.Random(agent)  # the same pauses in every run
def think():
    if pause:
        time.sleep(pauses.expovariate(1 / pause))
at = datetime(2026, 11, 23, 11, 0, tzinfo=IST)  # desk open: live intake allowed
store = Store.open(path)
timings = {"create": [], "claim": [], "resolve": []}
# One untimed cycle first: a console has done its one-time loading (holidays, validators)
# long before the agent's first save.
warm = tickets.create(store, {"participant_name": f"{agent} warm-up", "channel": "teams"}, agent, at=at)
tickets.claim(store, warm.id, agent, at=at)
tickets.resolve(store, warm.id, "otp-resolved", "warm-up", agent, at=at)
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.0005)
def timed(action, call):
    think()
    begun = time.perf_counter()
    result = call()
    timings[action].append(time.perf_counter() - begun)
    return result

started = time.perf_counter()
for number in range(cycles):
    ticket = timed("create", lambda: tickets.create(
        store, {"participant_name": f"{agent} participant {number}", "channel": "teams",
                "question": "OTP not received"}, agent, at=at))
    timed("claim", lambda: tickets.claim(store, ticket.id, agent, at=at))
    timed("resolve", lambda: tickets.resolve(store, ticket.id, "otp-resolved", "resent the OTP", agent, at=at))
print(json.dumps({"timings": timings, "started": started, "finished": time.perf_counter()}), flush=True)
"""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def scenario(processes: int, cycles: int, pause_ms: float = 0) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        database, go = Path(scratch) / "desk.db", Path(scratch) / "go"
        from helpdesk.store.connection import Store

        Store.open(database).close()  # created and migrated before anyone starts
        agents = [subprocess.Popen([sys.executable, "-c", AGENT, str(database), f"agent{n:02d}", str(cycles),
                                    str(go), str(pause_ms / 1000)], stdout=subprocess.PIPE, text=True,
                                   env={**os.environ, "HELPDESK_CONFIG": str(Path(scratch) / "none.toml")})
                  for n in range(processes)]
        for agent in agents:
            assert agent.stdout.readline().strip() == "ready"
        go.touch()
        reports = [json.loads(agent.communicate()[0].splitlines()[-1]) for agent in agents]
    wall = max(r["finished"] for r in reports) - min(r["started"] for r in reports)
    figures: dict = {"processes": processes, "cycles_each": cycles, "pause_ms": pause_ms}
    for action in ("create", "claim", "resolve"):
        values = [t * 1000 for r in reports for t in r["timings"][action]]
        figures[action] = {"p50_ms": round(_percentile(values, 0.5), 2),
                           "p99_ms": round(_percentile(values, 0.99), 2)}
    figures["actions_per_second"] = round(3 * processes * cycles / wall, 1)
    return figures


def run(process_counts: tuple[int, ...] = (1, 5, 20), cycles: int = 40,
        pause_ms: float = DEFAULT_PAUSE_MS) -> list[dict]:
    """Each process count paced, then the largest saturated (see the module's docstring)."""
    paced = [scenario(count, cycles, pause_ms) for count in process_counts]
    return paced + [scenario(max(process_counts), cycles, 0)] if pause_ms else paced


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", default="1,5,20")
    parser.add_argument("--cycles", type=int, default=40)
    parser.add_argument("--pause-ms", type=float, default=DEFAULT_PAUSE_MS,
                        help="mean pause before each action (0: back to back only)")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    figures = run(tuple(int(n) for n in options.processes.split(",")), options.cycles, options.pause_ms)
    print(json.dumps(figures, indent=2) if options.json else "\n".join(map(str, figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
