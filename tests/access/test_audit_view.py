"""`helpdesk audit`: one time-ordered trail of the audit log and the tickets' histories."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from helpdesk import tickets
from helpdesk.access import agents
from helpdesk.access import audit
from helpdesk.access.audit_view import trail
from helpdesk.clock import IST

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=IST)


def minutes(n: int) -> datetime:
    return T0 + timedelta(minutes=n)


def build(store):
    agents.add(store, "meera", role="supervisor", by="asha", at=minutes(0))
    ticket = tickets.create(store, {"participant_name": "Ravi", "channel": "phone"}, "asha", at=minutes(1))
    tickets.update(store, ticket.id, {"mobile": "9810347159"}, "bala", expected_version=1, at=minutes(3))
    agents.add(store, "bala", role="agent", by="meera", at=minutes(2))
    other = tickets.create(store, {"participant_name": "Sita", "channel": "phone"}, "bala", at=minutes(4))
    with store.transaction() as db:
        audit.record(db, "meera", "ticket.redact", target=f"ticket #{ticket.id}", note="asked", at=minutes(5))
    return ticket, other


def test_the_trail_merges_both_tables_in_time_order(store):
    build(store)
    entries, total = trail(store.db)
    assert total == 6
    assert [(e.at.minute, e.agent, e.action, e.target) for e in entries] == [
        (0, "asha", "agents.add", "meera"),
        (1, "asha", "ticket.created", "ticket #1"),
        (2, "meera", "agents.add", "bala"),
        (3, "bala", "ticket.edited", "ticket #1"),
        (4, "bala", "ticket.created", "ticket #2"),
        (5, "meera", "ticket.redact", "ticket #1"),
    ]
    edit = entries[3]
    assert (edit.before, edit.after, edit.summary) == ("", "9810347159", "mobile: — -> 9810347159")
    assert entries[0].summary == '— -> {"role": "supervisor"}'


def test_one_ticket_and_a_limit(store):
    build(store)
    entries, total = trail(store.db, ticket_id=1)
    assert total == 3 and [e.action for e in entries] == ["ticket.created", "ticket.edited", "ticket.redact"]
    newest, total = trail(store.db, limit=2)
    assert total == 6 and [e.at.minute for e in newest] == [4, 5]


def test_cli(run_cli, store):
    build(store)
    lines = run_cli("audit").stdout.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith("2026-11-23 10:00:00  asha         agents.add         meera")
    assert lines[3].endswith("ticket.edited      ticket #1    mobile: — -> 9810347159")
    limited = run_cli("audit", "--limit", "2").stdout.splitlines()
    assert limited[0] == "… 4 earlier entries (use --limit 6 to see them)" and len(limited) == 3
    as_json = json.loads(run_cli("audit", "--ticket", "2", "--json").stdout)
    assert as_json["total"] == 1 and as_json["entries"][0]["action"] == "ticket.created"
    assert run_cli("audit", "--ticket", "9").stdout.strip() == "Nothing recorded for ticket #9."
    assert run_cli("audit", "--ticket", "x").exit_code == 2


def test_hostile_values_are_shown_inert(run_cli, store):
    with store.transaction() as db:
        audit.record(db, "meera\x1b]0;pwned\x07", "directory.import", target="\x1b[2J",
                     before={"rep": "\x9b31m[b]x[/b]"}, after=None, note="\x1b]52;c;SGVsbG8=\x07")
    text = run_cli("audit").stdout
    assert not any(ch in text for ch in "\x1b\x9b\x07")
    assert "[b]x[/b]" in text
    as_json = run_cli("audit", "--json").stdout
    assert "\x1b" not in as_json and "\x9b" not in as_json
