"""Many agents, one file: real processes racing for tickets and for the same ticket.

The claim race runs the bench script (bench/claim_race.py) at a reduced size; the full
size (20 processes, 2,000 tickets) is ``.venv/bin/python bench/claim_race.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpdesk import tickets
from helpdesk.store.connection import Store
from helpers.paths import PROCESS_WORKERS, ROOT

HELPDESK = Path(sys.executable).with_name("helpdesk")

pytestmark = pytest.mark.slow


def bench(*args: str) -> dict:
    done = subprocess.run([sys.executable, "bench/claim_race.py", "--json", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def assert_each_claimed_once(report: dict) -> None:
    assert report["claimed_once"] == report["tickets"]
    for problem in ("claimed_twice", "never_claimed", "wrong_assignee", "history_not_one_claim", "errors"):
        assert report[problem] == [], problem
    assert report["integrity_check"] == "ok"


def test_twenty_processes_claim_every_ticket_exactly_once():
    report = bench("--processes", "20", "--tickets", "1000")
    assert_each_claimed_once(report)
    assert report["processes_that_claimed"] >= 10  # they really raced


def test_claims_through_the_helpdesk_executable():
    report = bench("--processes", "4", "--tickets", "12", "--exec")
    assert_each_claimed_once(report)
    assert sum(report["claims_per_process"]) == 12


def _edit(db_path: Path, agent: str, value: str) -> subprocess.Popen:
    return subprocess.Popen([str(HELPDESK), "--db", str(db_path), "--agent", agent, "ticket", "edit", "1",
                             "--version", "1", "--set", f"question={value}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("round_number", range(3))
def test_two_agents_saving_the_same_version_one_wins_the_other_is_told(tmp_path, round_number):
    db_path = tmp_path / "desk.db"
    store = Store.open(db_path)
    tickets.create(store, {"participant_name": "Gita", "channel": "phone"}, "asha")
    store.close()
    racers = {"asha": _edit(db_path, "asha", "asha's answer"), "bala": _edit(db_path, "bala", "bala's answer")}
    results = {agent: (process.wait(timeout=60), *process.communicate()) for agent, process in racers.items()}
    winners = [agent for agent, (status, _, _) in results.items() if status == 0]
    assert len(winners) == 1, results
    winner = winners[0]
    loser = "bala" if winner == "asha" else "asha"
    status, _, stderr = results[loser]
    assert status == 1
    assert f"ticket #1 was changed by {winner} after you opened it (your version 1, now 2); " \
           "nothing of yours was saved" in stderr
    assert f"{winner}: question: — -> {winner}'s answer" in stderr  # the other agent's change, shown
    store = Store.open(db_path)
    assert tickets.load(store.db, 1).question == f"{winner}'s answer"
    edits = [event for event in tickets.events(store.db, 1) if event.kind == "edited"]
    assert [(event.agent, event.after) for event in edits] == [(winner, f"{winner}'s answer")]
    store.close()


def test_read_modify_write_under_contention_loses_nothing(tmp_path):
    """Jepsen's lost-update check: four agents each append 15 words to one ticket through
    `ticket show` then `ticket edit --version`, retrying when told someone saved first."""
    db_path = tmp_path / "desk.db"
    store = Store.open(db_path)
    tickets.create(store, {"participant_name": "Gita", "channel": "phone"}, "asha")
    store.close()
    agents = ["asha", "bala", "meera", "ravi"]
    workers = [subprocess.Popen([sys.executable, str(PROCESS_WORKERS), "append", str(db_path), agent, "1", "15"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for agent in agents]
    outputs = [worker.communicate(timeout=300) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), [err for _, err in outputs]
    lines = [line for out, _ in outputs for line in out.splitlines()]
    assert not [line for line in lines if line.startswith("error")]
    acknowledged = [line.split()[1] for line in lines if line.startswith("appended ")]
    assert len(acknowledged) == 60
    store = Store.open(db_path)
    ticket = tickets.load(store.db, 1)
    words = ticket.question.split()
    assert sorted(words) == sorted(acknowledged)  # every acknowledged append is there, once
    assert ticket.version == 1 + 60
    conflicts = sum(1 for line in lines if line == "conflict")
    store.close()
    assert conflicts > 0  # they really contended: the versions did the refusing
