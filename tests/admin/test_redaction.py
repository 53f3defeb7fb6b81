"""Redaction: personal data goes, statistics and the shape of the history stay."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from helpdesk import tickets
from helpdesk.access import audit
from helpdesk.admin import redaction
from helpdesk.clock import IST
from helpdesk.errors import InputError
from helpdesk.access.roles import NotAllowedError
from helpdesk.tickets import ConflictError

from helpers.roles import make_supervisor

NOW = datetime(2026, 11, 23, 11, 0, tzinfo=IST)
LONG_AGO = NOW - timedelta(days=200)
LATELY = NOW - timedelta(days=10)


def logged(store, name, *, at, resolved_at=None, email="ravi.kumar@gmail.com", mobile="9810347159"):
    ticket = tickets.create(store, {"participant_name": name, "email": email, "mobile": mobile,
                                    "channel": "phone", "category": "otp",
                                    "question": f"OTP not coming to {mobile}, write to {email}"},
                            "asha", at=at, claim=True)
    tickets.update(store, ticket.id, {"email": "r.kumar@nic.in"}, "asha", expected_version=ticket.version, at=at)
    tickets.add_note(store, ticket.id, f"called +91 {mobile[:5]} {mobile[5:]}, asked for r.kumar@nic.in",
                     "asha", at=at)
    if resolved_at:
        tickets.resolve(store, ticket.id, "otp-resolved", "sent OTP to 9810347159", "asha", at=resolved_at)
    return tickets.load(store.db, ticket.id)


def everything(store) -> tuple:
    db = store.db
    return (db.execute("SELECT * FROM tickets ORDER BY id").fetchall(),
            db.execute("SELECT * FROM ticket_events ORDER BY id").fetchall(),
            db.execute("SELECT * FROM audit_log ORDER BY id").fetchall())


@pytest.fixture
def desk(store):
    make_supervisor(store, "meera")
    old = logged(store, "Ravi Kumar", at=LONG_AGO, resolved_at=LONG_AGO + timedelta(hours=1))
    recent = logged(store, "Sita Devi", at=LATELY, resolved_at=LATELY + timedelta(hours=1))
    open_one = logged(store, "Gopal Rao", at=LONG_AGO)
    return old, recent, open_one


@pytest.mark.parametrize("text, expected", [
    ("call 9810347159 now", "call [redacted] now"),
    ("+91 98103 47159", "[redacted]"),
    ("091-9810347159?", "[redacted]?"),
    ("ticket 12345, year 2026, 1234567890", "ticket 12345, year 2026, 1234567890"),
    ("mail Ravi.K@dopt.gov.in.", "mail [redacted]."),
    ("a@b is not an address", "a@b is not an address"),
])
def test_scrub_contacts(text, expected):
    assert redaction.scrub_contacts(text) == expected


@pytest.mark.parametrize("text, days", [("180d", 180), ("26w", 182), (" 30D ", 30), ("१८०d", 180)])
def test_periods(text, days):
    assert redaction.parse_period(text) == timedelta(days=days)


@pytest.mark.parametrize("text", ["180", "0d", "-5d", "6m", "", "1e3d", "9999999d"])
def test_bad_periods_are_refused(text):
    with pytest.raises(InputError):
        redaction.parse_period(text)


def test_retention_removes_contacts_and_keeps_statistics(store, desk):
    old, recent, open_one = desk
    shape = [(e.kind, e.agent, e.at, e.version) for e in tickets.events(store.db, old.id)]
    result = redaction.redact_older_than(store, timedelta(days=180), "meera", at=NOW)
    assert result.ticket_ids == (old.id,)
    after = tickets.load(store.db, old.id)
    assert (after.email, after.mobile) == ("", "")
    assert after.question == "OTP not coming to [redacted], write to [redacted]"
    assert after.resolution_note == "sent OTP to [redacted]"
    kept = ("participant_name", "category", "channel", "created_at", "resolved_at", "outcome",
            "handle_seconds", "status", "assignee")
    assert {k: getattr(after, k) for k in kept} == {k: getattr(old, k) for k in kept}
    assert after.version == old.version + 1

    history = tickets.events(store.db, old.id)
    edit = next(e for e in history if e.field == "email")
    assert (edit.before, edit.after) == ("[redacted]", "[redacted]")
    note = next(e for e in history if e.kind == "note")
    assert note.body == "called [redacted], asked for [redacted]"
    assert (history[-1].kind, history[-1].agent, history[-1].after) == (
        "redacted", "meera", "e-mail and mobile (retention)")
    assert [(e.kind, e.agent, e.at, e.version) for e in history[:-1]] == shape  # who, what, when kept

    for untouched in (recent, open_one):
        assert tickets.load(store.db, untouched.id) == untouched
    (entry,) = audit.entries(store.db, action_prefix="tickets.redact")
    assert entry.agent == "meera" and entry.after["tickets"] == [old.id]
    assert "gmail" not in json.dumps(entry.after)


def test_redacted_contacts_cannot_be_found_any_more(store, desk):
    old, recent, _ = desk
    query = tickets.QueueFilter(statuses=tickets.ALL_STATUSES, search="9810347159")
    assert {t.id for t in tickets.window(store.db, query, NOW.date(), 0, 10)} == {1, 2, 3}
    redaction.redact_older_than(store, timedelta(days=180), "meera", at=NOW)
    assert {t.id for t in tickets.window(store.db, query, NOW.date(), 0, 10)} == {2, 3}


def test_redacted_data_is_gone_from_the_file(store, db_path):
    make_supervisor(store, "meera")
    logged(store, "Ravi Kumar", at=LONG_AGO, resolved_at=LONG_AGO + timedelta(hours=1))
    logged(store, "Sita Devi", at=LATELY, email="sita.devi@yahoo.com", mobile="9123456780")
    redaction.redact_ticket(store, 1, "meera", "participant asked", at=NOW)
    store.close()  # the last connection checkpoints the WAL into the file
    raw = b"".join(path.read_bytes() for path in db_path.parent.iterdir() if path.is_file())
    for secret in (b"9810347159", b"ravi.kumar@gmail", b"Ravi Kumar", b"47159"):
        assert secret not in raw
    assert b"sita.devi@yahoo.com" in raw and b"9123456780" in raw  # the check can see data


def test_running_retention_twice_changes_nothing_the_second_time(store, desk):
    redaction.redact_older_than(store, timedelta(days=180), "meera", at=NOW)
    before = everything(store)
    assert redaction.redact_older_than(store, timedelta(days=180), "meera", at=NOW).ticket_ids == ()
    assert everything(store) == before


def test_dry_run_is_exact_and_writes_nothing(store, desk):
    before = everything(store)
    preview = redaction.redact_older_than(store, timedelta(days=5), "meera", at=NOW, dry_run=True)
    assert preview.ticket_ids == (1, 2)
    assert everything(store) == before
    assert redaction.redact_older_than(store, timedelta(days=5), "meera", at=NOW).ticket_ids == (1, 2)


def test_agents_may_not_redact(store, desk):
    before = everything(store)
    with pytest.raises(NotAllowedError, match=r"only supervisors may redact personal data; asha is an agent"):
        redaction.redact_older_than(store, timedelta(days=180), "asha", at=NOW)
    with pytest.raises(NotAllowedError, match=r"only supervisors may redact tickets; asha is an agent"):
        redaction.redact_ticket(store, 1, "asha", "asked", at=NOW)
    assert everything(store) == before


def test_erasure_of_one_ticket(store, desk):
    _, recent, _ = desk
    result = redaction.redact_ticket(store, recent.id, "meera", "participant asked (DPDP s.12)", at=NOW)
    assert result.fields == ("participant_name", "email", "mobile", "question", "resolution_note")
    after = tickets.load(store.db, recent.id)
    assert (after.participant_name, after.email, after.mobile, after.question, after.resolution_note) == (
        "[redacted]", "", "", "[redacted]", "[redacted]")
    assert (after.outcome, after.category, after.handle_seconds) == (recent.outcome, recent.category,
                                                                     recent.handle_seconds)
    for event in tickets.events(store.db, recent.id):
        for value in (event.before, event.after, event.body):
            assert value is None or "Sita" not in value and "9810" not in value and "@" not in value
    resolved = next(e for e in tickets.events(store.db, recent.id) if e.kind == "resolved")
    assert (resolved.after, resolved.body) == ("otp-resolved", "[redacted]")
    (entry,) = audit.entries(store.db, action_prefix="ticket.redact")
    assert (entry.target, entry.note) == (f"ticket #{recent.id}", "participant asked (DPDP s.12)")
    assert redaction.redact_ticket(store, recent.id, "meera", "again", at=NOW).ticket_ids == ()


def test_a_form_opened_before_the_redaction_cannot_save_the_data_back(store, desk):
    _, _, open_one = desk
    redaction.redact_ticket(store, open_one.id, "meera", "wrong person logged", at=NOW)
    with pytest.raises(ConflictError, match="changed by meera"):
        tickets.update(store, open_one.id, {"email": "ravi.kumar@gmail.com"}, "asha",
                       expected_version=open_one.version, at=NOW)


def test_history_may_be_redacted_but_not_rewritten(store, desk):
    db = store.db
    db.execute("UPDATE ticket_events SET body = 'called [redacted]' WHERE kind = 'note' AND ticket_id = 1")
    for statement in ("UPDATE ticket_events SET agent = 'mallory' WHERE id = 1",
                      "UPDATE ticket_events SET body = 'never called' WHERE kind = 'note'",
                      "UPDATE ticket_events SET at = '2020-01-01' WHERE id = 1",
                      "DELETE FROM ticket_events WHERE id = 1"):
        with pytest.raises(Exception, match="ticket history cannot be"):
            db.execute(statement)


def test_cli(run_cli, store, desk):
    refused = run_cli("redact", "--older-than", "180d", "--yes")
    assert refused.exit_code == 3 and "only supervisors may redact personal data" in refused.stderr
    make_supervisor(store, "asha")
    preview = run_cli("redact", "--older-than", "180d")
    assert preview.stdout.splitlines() == [
        "Would redact the e-mail and mobile of 1 ticket resolved before 2026-05-27 11:00.",
        "Nothing written: run again with --yes to redact."]
    done = run_cli("redact", "--older-than", "180d", "--yes", "--json")
    assert json.loads(done.stdout) == {"tickets": [1], "count": 1, "cutoff": "2026-05-27T11:00:00+05:30",
                                       "fields": ["email", "mobile"], "applied": True}
    again = run_cli("redact", "--older-than", "180d", "--yes")
    assert again.stdout.startswith("No ticket resolved before 2026-05-27 11:00 still holds")
    erased = run_cli("redact", "--ticket", "2", "--reason", "asked", "--yes")
    assert erased.stdout.strip() == ("Redacted ticket #2: participant name, email, mobile, question, "
                                     "resolution note and its history.")


@pytest.mark.parametrize("args, message", [
    ([], "give --older-than PERIOD or --ticket N"),
    (["--older-than", "180d", "--ticket", "1"], "give --older-than PERIOD or --ticket N"),
    (["--older-than", "six months"], "is not a period"),
    (["--ticket", "1"], "say why the ticket is being redacted"),
    (["--ticket", "0", "--reason", "x"], "--ticket"),
    (["--ticket", "99999999999999999999999", "--reason", "x"], "--ticket"),
])
def test_cli_bad_arguments(run_cli, store, args, message):
    make_supervisor(store, "asha")
    result = run_cli("redact", *args, "--yes")
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_cli_unknown_ticket(run_cli, store):
    make_supervisor(store, "asha")
    result = run_cli("redact", "--ticket", "42", "--reason", "x", "--yes")
    assert result.exit_code == 1 and "there is no ticket #42" in result.stderr
