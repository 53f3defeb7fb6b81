"""The per-status tally the queue counts from agrees with counting the tickets, whatever
happens to them, and is built right on a database that already holds tickets."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest

from helpdesk import tickets
from helpdesk.tickets import schema as ticket_schema
from helpdesk.tickets import ALL_STATUSES, QueueFilter


def counted(store, statuses) -> int:
    marks = ", ".join("?" for _ in statuses)
    return store.db.execute(f"SELECT count(*) FROM tickets WHERE status IN ({marks})", list(statuses)).fetchone()[0]


def every_status_set():
    for size in range(1, len(ALL_STATUSES) + 1):
        yield from combinations(ALL_STATUSES, size)


def assert_tally_agrees(store) -> None:
    for statuses in every_status_set():
        query = QueueFilter(agent="asha", statuses=statuses)
        assert tickets.count(store.db, query) == counted(store, statuses), statuses


@pytest.fixture
def busy_desk(store):
    """Tickets in many states, reached the way agents reach them."""
    for number in range(12):
        tickets.create(store, {"participant_name": f"Participant {number}", "channel": "phone"}, "asha")
    tickets.claim(store, 1, "asha")
    tickets.set_status(store, 2, "waiting-participant", "asha")
    tickets.set_status(store, 3, "waiting-mdo", "asha")
    tickets.set_status(store, 4, "escalated", "asha")
    for ticket_id in (5, 6, 7):
        tickets.resolve(store, ticket_id, "otp-resolved", "resent", "asha")
    tickets.set_status(store, 6, "open", "asha")  # reopened
    tickets.set_status(store, 7, "closed", "asha")
    return store


def test_the_tally_agrees_with_counting_after_every_kind_of_change(busy_desk):
    assert_tally_agrees(busy_desk)
    assert tickets.count(busy_desk.db, QueueFilter(statuses=ALL_STATUSES)) == 12


def test_a_change_rolled_back_leaves_the_tally_as_it_was(busy_desk):
    with pytest.raises(RuntimeError):
        with busy_desk.transaction() as db:
            db.execute("UPDATE tickets SET status = 'resolved' WHERE id = 8")
            raise RuntimeError("the save failed")
    assert_tally_agrees(busy_desk)


def test_filters_beyond_status_are_counted_from_the_tickets(busy_desk):
    query = QueueFilter(agent="asha", statuses=ALL_STATUSES)
    mine = busy_desk.db.execute("SELECT count(*) FROM tickets WHERE assignee = 'asha'").fetchone()[0]
    assert 0 < mine < 12
    assert tickets.count(busy_desk.db, replace(query, scope="mine")) == mine
    assert tickets.count(busy_desk.db, replace(query, search="Participant 1")) == \
        counted(busy_desk, ALL_STATUSES) - 9  # 1, 10, 11


def test_the_migration_counts_the_tickets_already_there(busy_desk):
    db = busy_desk.db
    db.executescript("""
        DROP TRIGGER ticket_counts_insert; DROP TRIGGER ticket_counts_status;
        DROP TRIGGER ticket_counts_delete; DROP TABLE ticket_counts;
    """)
    ticket_schema.m0041_ticket_counts(db)
    assert_tally_agrees(busy_desk)
