"""Plain ``helpdesk`` opens the console without building the click group; the rest goes
through click exactly as before."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpdesk.console import app as console_app
from helpdesk.cli import console_options, main


@pytest.mark.parametrize(("args", "expected"), [
    ([], {}),
    (["--db", "desk.db"], {"db_path": "desk.db"}),
    (["--db=desk.db", "--agent", "ravi"], {"db_path": "desk.db", "agent": "ravi"}),
    (["--agent=ravi"], {"agent": "ravi"}),
])
def test_console_only_command_lines_take_the_fast_path(args, expected):
    assert console_options(args) == expected


@pytest.mark.parametrize("args", [
    ["--help"], ["-h"], ["--version"], ["ticket", "list"], ["--db", "desk.db", "doctor"],
    ["--db"], ["--db", "a.db", "--db", "b.db"], ["--db", "--agent"], ["--verbose"], ["--"],
])
def test_everything_else_goes_through_click(args):
    assert console_options(args) is None


def test_the_fast_path_opens_the_chosen_database_without_the_click_group(tmp_path):
    code = (
        "import sys, helpdesk.console.app\n"
        "helpdesk.console.app.run_console = lambda desk: print(desk.db_path.name, desk.agent) or 3\n"
        "from helpdesk.cli import main\n"
        f"status = main(['--db', {str(tmp_path / 'desk.db')!r}, '--agent', 'ravi'])\n"
        "print(status, 'helpdesk.cli.group' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:2] == ["desk.db ravi", "3 False"]


def test_an_interrupted_console_says_aborted_as_through_click(db_path, monkeypatch, capsys):
    def interrupted(desk):
        raise KeyboardInterrupt

    monkeypatch.setattr(console_app, "run_console", interrupted)
    assert main([]) == 130
    assert "aborted" in capsys.readouterr().err


def test_the_console_database_is_closed_when_the_console_ends(db_path, monkeypatch):
    opened = []

    def run(desk):
        opened.append(desk)
        desk.store  # opens it
        return 0

    monkeypatch.setattr(console_app, "run_console", run)
    assert main(["--db", str(db_path)]) == 0
    assert opened[0]._store is None
