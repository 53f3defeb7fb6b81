"""The whole benchmark suite in one run: a table of figures against the issue's targets.

    .venv/bin/python bench/run.py [--json] [--tickets N] [--quick]

Sections (each also runs alone as its own script):
1. lookup: p50/p99 per query on the annexure and on 20,000 generated organisations,
   against rapidfuzz.process.extract and difflib.get_close_matches (bench/lookup.py);
2. keystroke to screen in the lookup panel and the queue search (bench/keystroke.py);
3. the queue at N tickets (default 1,000,000): open, move a page, filter, sort, search,
   and the peak memory of the process doing it (bench/queue_speed.py);
4. start-up until the first screen is ready, against a bare Textual app (bench/startup.py);
5. writes with 1, 5 and 20 agent processes on one database (bench/writes.py).
All data comes from fixed seeds; the ticket database is generated once and cached in
bench/results/. ``--quick`` runs small sizes, to check that everything works.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import keystroke  # noqa: E402
import lookup  # noqa: E402
import queue_speed  # noqa: E402
import startup  # noqa: E402
import writes  # noqa: E402
from tickets_data import cached_database  # noqa: E402

TARGETS = {"lookup_p99_ms": 2.0, "keystroke_p99_ms": 16.0, "queue_op_ms": 50.0, "peak_memory_mb": 200.0,
           "startup_ratio": 1.5, "write_p99_ms": 10.0}


def collect(tickets: int, scale: int, quick: bool) -> dict:
    started = time.perf_counter()
    database = cached_database(tickets, now=queue_speed.NOW)
    generated_s = time.perf_counter() - started
    report: dict = {"tickets": tickets, "database_ready_s": round(generated_s, 1)}
    report["lookup"] = lookup.run(scale, rounds=1 if quick else 3)
    # The queue in its own process, so its peak memory is the queue's and the console's,
    # not the generator's or the 20,000-organisation lookup's.
    queue = json.loads(subprocess.run(
        [sys.executable, str(Path(__file__).with_name("queue_speed.py")), "--json", "--tickets", str(tickets),
         "--rounds", "2" if quick else "5"], capture_output=True, text=True, check=True).stdout)
    report["peak_rss_mb"] = queue.pop("peak_rss_mb")
    consoles = {name: queue.pop(name) for name in list(queue) if name.startswith("console:")}
    queue.pop("tickets")
    report["queue"], report["queue_console"] = queue, consoles
    report["keystroke"] = keystroke.run(tickets, rounds=1 if quick else 2)
    report["startup"] = startup.run(database, tickets, rounds=2 if quick else 5)
    report["writes"] = writes.run((1, 5, 20), cycles=10 if quick else 40)
    report["suite_s"] = round(time.perf_counter() - started, 1)
    return report


def rows(report: dict) -> list[tuple[str, str, str, str]]:
    """(what, figure, target, verdict) for the table."""
    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    table = []
    annexure, scaled = report["lookup"]["versus"], report["lookup"]["scaled"]
    for label, block in (("annexure", annexure), (f"{scaled['organisations']:,} orgs", scaled["versus"])):
        ours = block["lookup"]
        table.append((f"lookup p50/p99, {label}", f"{ours['p50_ms']} / {ours['p99_ms']} ms", "p99 ≤ 2 ms",
                      verdict(ours["p99_ms"] <= TARGETS["lookup_p99_ms"])))
        table.append((f"  rapidfuzz.extract, {label}",
                      f"{block['rapidfuzz_extract']['p50_ms']} / {block['rapidfuzz_extract']['p99_ms']} ms "
                      f"({block['ratio_p50']['rapidfuzz_extract']}x slower)", "", ""))
        table.append((f"  difflib.get_close_matches, {label}",
                      f"{block['difflib_get_close_matches']['p50_ms']} / "
                      f"{block['difflib_get_close_matches']['p99_ms']} ms "
                      f"({block['ratio_p50']['difflib_get_close_matches']}x slower)", "", ""))
    whole = scaled["latency"]
    table.append((f"lookup, all {whole['queries']} queries at scale", f"{whole['p50_ms']} / {whole['p99_ms']} ms",
                  "p99 ≤ 2 ms", verdict(whole["p99_ms"] <= TARGETS["lookup_p99_ms"])))
    for name, figures in report["keystroke"].items():
        table.append((f"keystroke→screen, {name.replace('_', ' ')}",
                      f"{figures['p50_ms']} / {figures['p99_ms']} ms ({figures['keystrokes']} keys)",
                      "p99 ≤ 16 ms", verdict(figures["p99_ms"] <= TARGETS["keystroke_p99_ms"])))
    for name, figures in {**report["queue"], **report["queue_console"]}.items():
        # Opening the console is start-up, judged below against the bare app, not a queue operation.
        judged = "start until" not in name
        table.append((f"queue {report['tickets']:,}: {name}", f"{figures['median_ms']} (max {figures['max_ms']}) ms",
                      "≤ 50 ms" if judged else "(start-up)",
                      verdict(figures["median_ms"] <= TARGETS["queue_op_ms"]) if judged else ""))
    table.append(("peak memory (VmHWM of the queue process)", f"{report['peak_rss_mb']} MB", "≤ 200 MB",
                  verdict(report["peak_rss_mb"] <= TARGETS["peak_memory_mb"])))
    start = report["startup"]
    table.append(("start-up, bare Textual app", f"{start['bare_textual_ms']} ms", "", ""))
    for label, key in (("empty database", "empty"), (f"{report['tickets']:,} tickets", "big")):
        table.append((f"start-up, console, {label}", f"{start[f'console_{key}_ms']} ms "
                      f"({start[f'ratio_{key}']}x bare)", "≤ 1.5x", verdict(start[f"ratio_{key}"] <= 1.5)))
    for scenario in report["writes"]:
        worst = max(scenario[action]["p99_ms"] for action in ("create", "claim", "resolve"))
        paced = bool(scenario["pause_ms"])
        judged = paced and scenario["processes"] == 20
        load = f"paced ~{scenario['pause_ms']:g} ms apart" if paced else "saturated, back to back"
        table.append((f"writes, {scenario['processes']} process(es), {load}: create/claim/resolve p50 | p99",
                      " / ".join(str(scenario[a]["p50_ms"]) for a in ("create", "claim", "resolve")) + " | "
                      + " / ".join(str(scenario[a]["p99_ms"]) for a in ("create", "claim", "resolve"))
                      + f" ms, {scenario['actions_per_second']}/s",
                      "p99 ≤ 10 ms" if judged else "",
                      verdict(worst <= TARGETS["write_p99_ms"]) if judged else ""))
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="small sizes: 10,000 tickets, 2,000 organisations")
    options = parser.parse_args()
    tickets, scale = (10_000, 2_000) if options.quick else (options.tickets, 20_000)
    report = collect(tickets, scale, options.quick)
    if options.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    table = rows(report)
    width = max(len(row[0]) for row in table)
    for what, figure, target, verdict in table:
        print(f"{what:<{width}}  {figure:<48} {target:<12} {verdict}")
    print(f"(suite {report['suite_s']} s; ticket database ready in {report['database_ready_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
