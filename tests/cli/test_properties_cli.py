"""Property test: any arguments to any command end in a status (0 fine, 1 no/refused,
2 bad input, 3 not allowed) and readable output, never a traceback or a control sequence.

Runs in a temporary working directory: a command that writes a file (backup) can only
write there, and no argument can name another directory (no "/" in what is generated).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.hostile_text import PIECES, forbidden_in
from helpers.roles import make_supervisor

COMMANDS = [
    ["ticket", "new"], ["ticket", "list"], ["ticket", "show"], ["ticket", "claim"], ["ticket", "claim-next"],
    ["ticket", "assign"], ["ticket", "note"], ["ticket", "status"], ["ticket", "resolve"], ["ticket", "edit"],
    ["email"], ["mobile"], ["hours"], ["holidays", "list"], ["holidays", "import"], ["audit"], ["doctor"],
    ["redact"], ["agents", "list"], ["agents", "add"], ["agents", "remove"], ["backup"], ["restore"],
    ["responses", "list"], ["responses", "search"], ["responses", "show"], ["responses", "check"],
    ["lookup"], ["directory", "check"], ["directory", "export"], ["directory", "import"],
]
OPTIONS = ["--json", "--yes", "--limit", "--offset", "--version", "--set", "--status", "--mine", "--unassigned",
           "--search", "--order", "--name", "--email", "--mobile", "--question", "--training-date", "--category",
           "--channel", "--claim", "--outcome", "--note", "--nobody", "--at", "--year", "--all", "--ticket",
           "--older-than", "--reason", "--supervisor", "--lang", "--format", "--override-closed", "-h", "--", "-"]
VALUES = ["1", "0", "-1", "2", "99999999999999999999999", "1e3", "180d", "0d", "all", "open", "resolved",
          "question=x", "email=a@b.c", "nope=1", "=", "otp", "information-given", "2026-11-24T10:30",
          "31/02/2026", "asha", "x" * 300, "ravi@nic.in", "+91 98103 47159", "backup.db", "hi", "tsv", "json"]
# Free text without "/" or "~": no path outside the working directory can be formed.
free_text = st.text(st.characters(blacklist_characters="/~\\", blacklist_categories=("Cs",)), max_size=12)
argument = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(VALUES),
                     st.sampled_from([piece for piece in PIECES if "/" not in piece]), free_text)


@pytest.fixture
def cli_sandbox(run_cli, store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_supervisor(store, "meera")
    assert run_cli("ticket", "new", "--name", "Ravi Kumar", "--channel", "phone").exit_code == 0
    return run_cli


@settings(max_examples=600, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(COMMANDS), st.lists(argument, max_size=6), st.booleans())
def test_any_arguments(cli_sandbox, command, arguments, supervisor):
    run_cli = cli_sandbox
    prefix = ["--agent", "meera"] if supervisor else []
    result = run_cli(*prefix, *command, *arguments, input="")
    assert result.exit_code in (0, 1, 2, 3), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert not forbidden_in(stream.replace("\n", "").replace("\t", "")), stream
    if result.exit_code in (2, 3) and result.stderr:
        assert result.stderr.startswith("helpdesk: error: ") or result.stderr.startswith("Usage")


def test_the_sandbox_has_a_ticket_and_a_supervisor(cli_sandbox):
    result = cli_sandbox("ticket", "show", "1", "--json")
    assert result.exit_code == 0 and '"participant_name": "Ravi Kumar"' in result.stdout
    assert "meera" in cli_sandbox("agents", "list").stdout
