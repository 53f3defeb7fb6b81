from datetime import datetime, timedelta

import pytest

from helpdesk import tickets
from helpdesk.clock import IST
from helpdesk.tickets import QueueFilter, Urgency, urgency_of

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=IST)


@pytest.fixture
def queue(store):
    def add(name, minutes_ago, **fields):
        return tickets.create(store, {"participant_name": name, **fields}, "asha",
                              at=NOW - timedelta(minutes=minutes_ago))

    add("Anil Old", 90)
    add("Bina Urgent", 10, training_date="2026-11-25", email="bina@gmail.com")
    add("Chetan Week", 30, training_date="2026-11-29", mobile="9876543210")
    add("Deepa Week Older", 60, training_date="2026-11-30", category="otp")
    add("Esha Past", 120, training_date="2026-11-20", question="certificate not visible")
    add("Farid Done", 200)
    tickets.resolve(store, 6, "information-given", "explained", "asha", at=NOW)
    tickets.claim(store, 1, "bala", at=NOW)
    return store


def names(store, **query):
    return [t.participant_name for t in tickets.window(store.db, QueueFilter(agent="bala", **query),
                                                       NOW.date(), 0, 50)]


def test_urgency_bands():
    today = NOW.date()
    assert urgency_of(today, today) is Urgency.TRAINING_IMMINENT
    assert urgency_of(today + timedelta(days=2), today) is Urgency.TRAINING_IMMINENT
    assert urgency_of(today + timedelta(days=3), today) is Urgency.INSIDE_DEADLINE
    assert urgency_of(today + timedelta(days=7), today) is Urgency.INSIDE_DEADLINE
    assert urgency_of(today + timedelta(days=8), today) is Urgency.NORMAL
    assert urgency_of(today - timedelta(days=1), today) is Urgency.NORMAL
    assert urgency_of(None, today) is Urgency.NORMAL


def test_default_order_is_urgency_then_longest_waiting(queue):
    assert names(queue) == ["Bina Urgent", "Deepa Week Older", "Chetan Week", "Esha Past", "Anil Old"]


def test_other_orders(queue):
    assert names(queue, order="newest")[0] == "Bina Urgent"
    assert names(queue, order="waiting")[0] == "Esha Past"
    assert names(queue, order="training")[:2] == ["Esha Past", "Bina Urgent"]


def test_scopes_and_statuses(queue):
    assert names(queue, scope="mine") == ["Anil Old"]
    assert "Anil Old" not in names(queue, scope="unassigned")
    assert names(queue, statuses=("resolved",)) == ["Farid Done"]
    assert len(names(queue, statuses=tickets.ALL_STATUSES)) == 6
    assert names(queue, category="otp") == ["Deepa Week Older"]
    assert tickets.count(queue.db, QueueFilter()) == 5


@pytest.mark.parametrize(
    "search, expected",
    [
        ("bina", ["Bina Urgent"]),
        ("gmail", ["Bina Urgent"]),
        ("3210", ["Chetan Week"]),
        ("certificate visible", ["Esha Past"]),
        ("Week", ["Deepa Week Older", "Chetan Week"]),
        ("#3", ["Chetan Week"]),
        ("Es", ["Esha Past"]),
        ('" OR 1=1 --', []),
        ("NEAR(a b) AND *", []),
        ("participant_name:Bina", []),
    ],
)
def test_search(queue, search, expected):
    assert names(queue, search=search) == expected


def test_windows_page_through_the_queue(queue):
    first = tickets.window(queue.db, QueueFilter(), NOW.date(), 0, 2)
    second = tickets.window(queue.db, QueueFilter(), NOW.date(), 2, 2)
    third = tickets.window(queue.db, QueueFilter(), NOW.date(), 4, 2)
    assert [t.participant_name for t in first + second + third] == names(queue)
