"""Hostile and broken input: refused with one clear line, or stored intact; never a crash,
never half-written, never truncated silently."""

from __future__ import annotations

import json

import pytest

from helpdesk import clock, tickets
from helpdesk.clock import DateParseError
from helpdesk.errors import InputError
from helpdesk.responses.library import load_library
from helpdesk.tickets.validate import MAX_TEXT

ONE_MB = "प्रश्न " * 150_000  # about a megabyte of Hindi


def counts(store) -> tuple[int, int]:
    db = store.db
    return (db.execute("SELECT count(*) FROM tickets").fetchone()[0],
            db.execute("SELECT count(*) FROM ticket_events").fetchone()[0])


@pytest.fixture
def one_ticket(run_cli, store):
    assert run_cli("ticket", "new", "--name", "Ravi", "--channel", "phone").exit_code == 0
    return store


def test_a_one_megabyte_note_is_refused_whole(run_cli, one_ticket):
    before = counts(one_ticket)
    result = run_cli("ticket", "note", "1", "-", input=ONE_MB)
    assert result.exit_code == 2
    assert result.stderr == (f"helpdesk: error: the note has {len(ONE_MB.strip()):,} characters; the limit is "
                             f"{MAX_TEXT:,} (nothing was cut)\n")
    assert counts(one_ticket) == before


def test_a_one_megabyte_question_and_resolution_are_refused(run_cli, one_ticket):
    before = counts(one_ticket)
    assert run_cli("ticket", "new", "--name", "Sita", "--channel", "phone", "--question", "-",
                   input=ONE_MB).exit_code == 2
    assert run_cli("ticket", "edit", "1", "--set", f"question={ONE_MB}").exit_code == 2
    assert run_cli("ticket", "resolve", "1", "--outcome", "information-given", "--note", "-",
                   input=ONE_MB).exit_code == 2
    assert counts(one_ticket) == before


def test_text_at_the_limit_is_stored_intact(run_cli, one_ticket):
    note = ("ओटीपी नहीं आया\tline\n" * 10_000)[:MAX_TEXT - 1] + "!"
    assert run_cli("ticket", "note", "1", "-", input=note).exit_code == 0
    stored = json.loads(run_cli("ticket", "show", "1", "--json").stdout)["history"][-1]["body"]
    assert stored == note.strip() and len(stored) == MAX_TEXT


@pytest.mark.parametrize("args", [
    ["ticket", "show", "99999999999999999999999"],
    ["ticket", "claim", "-5"],
    ["ticket", "list", "--limit", "99999999999999999999999"],
    ["ticket", "list", "--offset", "99999999999999999999999"],
    ["ticket", "edit", "1", "--set", "question=x", "--version", "99999999999999999999999"],
    ["ticket", "note", "1e3", "x"],
    ["audit", "--ticket", "99999999999999999999999"],
    ["responses", "show", "otp-not-received", "--ticket", "99999999999999999999999"],
])
def test_numbers_sqlite_cannot_hold_are_usage_errors(run_cli, one_ticket, args):
    result = run_cli(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("helpdesk: error:") and result.stderr.count("\n") == 1


def test_an_assignee_is_an_agent_name_not_a_novel(run_cli, one_ticket):
    result = run_cli("ticket", "assign", "1", "x" * 100_000)
    assert result.exit_code == 2 and "longer than 64 characters" in result.stderr
    assert json.loads(run_cli("ticket", "show", "1", "--json").stdout)["assignee"] is None
    assert run_cli("ticket", "assign", "1", "\x1b[2J").exit_code == 0  # nothing but controls: nobody
    assert json.loads(run_cli("ticket", "show", "1", "--json").stdout)["assignee"] is None


@pytest.mark.parametrize("text", ["0001-01-01T00:00+14:00", "9999-12-31T23:59-12:00"])
def test_datetimes_beyond_the_calendar_are_parse_errors(text):
    with pytest.raises(DateParseError, match="out of range"):
        clock.parse_datetime(text)


@pytest.mark.parametrize("agent", ["\x1b]0;x\x07", "\x00\x01", "a" * 65])
def test_bad_agent_names_are_refused_before_anything_runs(run_cli, agent):
    result = run_cli("--agent", agent, "ticket", "list")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_rows_written_behind_the_apps_back_are_shown_inert(run_cli, store):
    """A restored file or a hand edit can hold anything: it is cleaned on the way out."""
    store.db.execute(
        "INSERT INTO tickets (created_at, created_by, updated_at, participant_name, category, channel, "
        "question, email) VALUES ('2026-11-23T10:00:00+05:30', 'x\x1b[2J', '2026-11-23T10:00:00+05:30', "
        "?, 'other', 'phone', ?, ?)",
        ["Ravi\x1b]52;c;SGVsbG8=\x07 [b]K[/b]\x9b31m", "line\x1b[1A\u202eevil", "ravi@nic.in\x07"])
    store.db.execute("INSERT INTO ticket_events (ticket_id, version, at, agent, kind, body) "
                     "VALUES (1, 1, '2026-11-23T10:00:00+05:30', 'bala\x1b[5m', 'note', 'hi\x1b]0;t\x07')")
    for args in (["ticket", "show", "1"], ["ticket", "list"], ["ticket", "show", "1", "--json"],
                 ["audit", "--ticket", "1"], ["audit", "--json"]):
        output = run_cli(*args).stdout
        assert not any(ch in output for ch in "\x1b\x07\x9b\u202e"), args
    assert "Ravi [b]K[/b]" in run_cli("ticket", "show", "1").stdout
    ticket = tickets.load(store.db, 1)
    assert (ticket.participant_name, ticket.email, ticket.created_by) == ("Ravi [b]K[/b]", "ravi@nic.in", "x")


def test_an_oversized_local_response_file_is_reported_not_read(tmp_path):
    (tmp_path / "huge.toml").write_text('id = "huge"\n' + "# padding\n" * 40_000, encoding="utf-8")
    library = load_library(tmp_path)
    assert "huge" not in library
    assert any("larger than 256 KB" in problem.message for problem in library.problems())


def test_search_text_is_never_query_syntax(store):
    tickets.create(store, {"participant_name": "Ravi Kumar", "channel": "phone"}, "asha")
    for text in ['"', 'a" OR "b', "NEAR(a b)", "participant_name:ravi", "*", "ravi*", "^ravi", "(", "AND",
                 "-ravi", "'; DROP TABLE tickets; --", "%", "_", "\\", "\x00", "ravi\x00kumar"]:
        query = tickets.QueueFilter(search=text)
        tickets.count(store.db, query)
        tickets.window(store.db, query, clock.now().date(), 0, 10)
    assert tickets.count(store.db, tickets.QueueFilter(search="kumar ravi")) == 1


def test_malformed_values_in_fields_are_errors_not_crashes(store):
    for fields in ({"participant_name": None}, {"participant_name": "R", "training_date": "२०२६-१३-४०"},
                   {"participant_name": "R", "email": "@" * 300}, {"participant_name": "R", "mobile": "٩٨١٠٣٤٧١٥٩"}):
        try:
            tickets.create(store, {"channel": "phone", **fields}, "asha")
        except InputError:
            pass
