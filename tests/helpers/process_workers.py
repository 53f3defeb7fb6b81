"""Worker processes for the concurrency and crash tests (and the bench/ scripts).

Each runs as its own process against one database file, as agents' consoles and scripts
do, and prints one line per acknowledged action, flushed at once: a line is printed only
after the action's transaction committed, so the parent knows exactly what was "saved".

    python tests/helpers/process_workers.py create DB AGENT COUNT   log COUNT tickets: "created ID"
    python tests/helpers/process_workers.py claim DB AGENT          `ticket claim-next` until empty: "claimed ID"
    python tests/helpers/process_workers.py append DB AGENT TICKET COUNT
        COUNT read-modify-write edits of TICKET's question through `ticket show` and
        `ticket edit --version`, retrying on conflicts: "appended TOKEN" / "conflict"
    python tests/helpers/process_workers.py write DB AGENT          create, edit and note forever:
                                                            "created ID", "edited ID VALUE", "noted ID TEXT"
    python tests/helpers/process_workers.py hold DB                 keep a connection open: "holding"
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import sys
import time


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run the real `helpdesk` entry point in this process, capturing its output."""
    from helpdesk.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def create(db: str, agent: str, count: str) -> None:
    from helpdesk import tickets
    from helpdesk.store.connection import Store

    store = Store.open(db)
    for number in range(int(count)):
        ticket = tickets.create(store, {"participant_name": f"{agent} participant {number}",
                                        "channel": "phone"}, agent)
        say(f"created {ticket.id}")


def claim(db: str, agent: str) -> None:
    while True:
        status, out, err = run_cli("--db", db, "--agent", agent, "ticket", "claim-next", "--json")
        if status == 1 and json.loads(out) is None:
            return
        if status != 0:
            say(f"error {status} {err.strip()}")
            return
        say(f"claimed {json.loads(out)['id']}")


def append(db: str, agent: str, ticket: str, count: str) -> None:
    for number in range(int(count)):
        token = f"{agent}-{number}"
        while True:
            status, out, err = run_cli("--db", db, "--agent", agent, "ticket", "show", ticket, "--json")
            current = json.loads(out)
            words = f"{current['question']} {token}".strip()
            status, out, err = run_cli("--db", db, "--agent", agent, "ticket", "edit", ticket,
                                       "--version", str(current["version"]), "--set", f"question={words}")
            if status == 0:
                say(f"appended {token}")
                break
            if "was changed by" not in err:
                say(f"error {status} {err.strip()}")
                return
            say("conflict")


def write(db: str, agent: str) -> None:
    """Keep working until killed: every printed line is a committed change."""
    from helpdesk import tickets
    from helpdesk.store.connection import Store

    store = Store.open(db)
    say("ready")
    for number in itertools.count():
        ticket = tickets.create(store, {"participant_name": f"Killed writer {number}", "channel": "phone",
                                        "question": f"question {number} " + "x" * (number % 500)}, agent)
        say(f"created {ticket.id}")
        mobile = f"9{number % 1_000_000_000:09d}"
        tickets.update(store, ticket.id, {"mobile": mobile}, agent, expected_version=ticket.version)
        say(f"edited {ticket.id} {mobile}")
        note = f"note {number}"
        tickets.add_note(store, ticket.id, note, agent)
        say(f"noted {ticket.id} {note.replace(' ', '_')}")


def hold(db: str) -> None:
    from helpdesk.store.connection import Store

    store = Store.open(db)
    store.db.execute("SELECT count(*) FROM tickets").fetchone()
    say("holding")
    time.sleep(600)


if __name__ == "__main__":
    # Run with the test interpreter (sys.executable): it imports helpdesk as installed,
    # exactly like the code under test.
    command, *arguments = sys.argv[1:]
    {"create": create, "claim": claim, "append": append, "write": write, "hold": hold}[command](*arguments)
