"""Start-up: from launching a process until its first screen is ready, console against a bare app.

    .venv/bin/python bench/startup.py [--tickets N] [--rounds R] [--json]

Both sides are measured the same way: a fresh Python process is launched (headless, so
no terminal is needed) and the clock runs until it prints READY on stdout. Each app polls
its own readiness every millisecond from the event loop and prints READY when:
- bare: a Textual app showing one Static line has laid the line out;
- console: the queue screen shows its first rows, or its empty-queue message, for an
  empty database and for one with N generated tickets.
Figures are medians of R launches, taken in turn so drift hits both sides alike. Both
sides run from bytecode: helpdesk's is written first, as installing it would (Textual's
was written when pip installed it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PROBE = r"""
import sys
mode = sys.argv[1]
if mode == "bare":
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("helpdesk")

        def on_mount(self):
            self.set_interval(0.001, self.check)

        def check(self):
            if self.query_one(Static).size.width:
                print("READY", flush=True)
                self.exit()

    Bare().run(headless=True)
else:
    from helpdesk import clock
    from helpdesk.cli.context import DeskContext

    from helpdesk.console.app import HelpdeskApp
    from helpdesk.console.session import AgentSession

    class Probe(HelpdeskApp):
        def on_ready(self):
            self.set_interval(0.001, self.check)

        def check(self):
            from helpdesk.screens.widgets.ticket_table import TicketTable

            tables = self.screen.query(TicketTable)
            if tables and tables.first().generation and (tables.first().total == 0 or tables.first().current):
                print("READY", flush=True)
                self.exit()

    desk = DeskContext.from_options(db_path=sys.argv[2], agent="bench")
    Probe(AgentSession(store=desk.store, agent=desk.agent, now=clock.now)).run(headless=True)
"""


def launch(*arguments: str) -> float:
    """Seconds from launching the probe until it says READY."""
    # No user config (and so no webhook): the console starts as on a fresh install.
    environment = {**os.environ, "HELPDESK_CONFIG": str(Path(tempfile.gettempdir()) / "helpdesk-bench-none.toml")}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", PROBE, *arguments], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=environment)
    for line in process.stdout:
        if line.strip() == "READY":
            ready = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"the probe {arguments} never became ready")
    process.wait(timeout=30)
    return ready


def compile_helpdesk() -> None:
    """Write helpdesk's bytecode, as installing a wheel does, before any launch is timed.

    Textual in site-packages was compiled when pip installed it; helpdesk is an editable
    install, and with PYTHONDONTWRITEBYTECODE set (as here) every launch would compile its
    sources afresh. Timing that against a precompiled Textual would not be the same work.
    """
    import compileall

    import helpdesk
    import helpdesk.screens

    for package in (helpdesk, helpdesk.screens):  # screens/ lives beside helpdesk/ in the repo
        for folder in package.__path__:
            compileall.compile_dir(folder, quiet=2)  # 2: stdout stays the JSON


def run(big_database: Path, tickets: int, rounds: int = 5) -> dict:
    compile_helpdesk()
    with tempfile.TemporaryDirectory() as scratch:
        empty = Path(scratch) / "empty.db"
        launch("console", str(empty))  # creates and migrates it: not part of any figure
        samples: dict[str, list[float]] = {"bare": [], "empty": [], "big": []}
        for _ in range(rounds):
            samples["bare"].append(launch("bare"))
            samples["empty"].append(launch("console", str(empty)))
            samples["big"].append(launch("console", str(big_database)))
    medians = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    return {
        "bare_textual_ms": round(medians["bare"], 1),
        "console_empty_ms": round(medians["empty"], 1),
        "console_big_ms": round(medians["big"], 1),
        "tickets": tickets,
        "ratio_empty": round(medians["empty"] / medians["bare"], 2),
        "ratio_big": round(medians["big"] / medians["bare"], 2),
        "rounds": rounds,
    }


def main() -> int:
    from queue_speed import NOW
    from tickets_data import cached_database

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    figures = run(cached_database(options.tickets, now=NOW), options.tickets, options.rounds)
    print(json.dumps(figures, indent=2) if options.json else figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
