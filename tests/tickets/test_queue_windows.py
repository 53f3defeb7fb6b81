"""The queue's fast paths give the same answers as the plain definitions they replace.

Windows are read arm by arm from indexes, the active queue is searched by reading its
rows, and a whole-history search stops at the newest SEARCH_CAP matches. Each is checked
here against the slow, obvious query on a seeded mix of tickets.
"""

import random
from datetime import date, timedelta

import pytest

from helpdesk.tickets import ALL_STATUSES, ORDERS, QueueFilter, count, queue, window

TODAY = date(2026, 11, 23)
NAMES = ("Sunita Rao", "Ravi Das", "Esha Nair", "Imran Khan", "Suresh Iyer", "Gita Bose")
STATUSES = ("new", "open", "waiting-mdo", "escalated", "resolved", "closed")


@pytest.fixture
def mixed(store):
    """120 tickets: training dates around today (or none), every status, a few agents."""
    rng = random.Random(8)
    rows = []
    for number in range(120):
        created = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 22):02d}T{rng.randint(9, 16):02d}:00:00+05:30"
        training = None if rng.random() < 0.2 else (TODAY + timedelta(days=rng.randint(-5, 12))).isoformat()
        status = rng.choice(STATUSES)
        rows.append((created, created, rng.choice(NAMES), f"p{number}@{rng.choice(('gmail.com', 'nic.in'))}",
                     f"98{rng.randrange(10**8):08d}", rng.choice(("otp", "profile")), training, status,
                     None if status == "new" else rng.choice(("asha", "bala")),
                     rng.choice(("OTP not received", "certificate missing"))))
    with store.transaction() as db:
        db.conn.executemany(
            "INSERT INTO tickets (created_at, updated_at, created_by, participant_name, email, mobile, "
            "category, channel, training_date, status, assignee, question) "
            "VALUES (?, ?, 'seed', ?, ?, ?, ?, 'teams', ?, ?, ?, ?)", rows)
    return store


def reference_ids(db, query: QueueFilter) -> list[int]:
    """The queue as first written: one ORDER BY over every matching row."""
    order = {
        "urgency": f"{queue.URGENCY_ORDER}, created_at, id",
        "waiting": "created_at, id",
        "newest": "created_at DESC, id DESC",
        "training": "training_date IS NULL, training_date, created_at, id",
    }[query.order]
    where, params = queue._where(query)
    return [row[0] for row in db.execute(f"SELECT id FROM tickets WHERE {where} ORDER BY {order}",
                                         {**params, **queue.urgency_parameters(TODAY)})]


@pytest.mark.parametrize("order", sorted(ORDERS))
@pytest.mark.parametrize("statuses", [None, ALL_STATUSES, ("resolved",), ("new", "closed")])
@pytest.mark.parametrize("scope", ["all", "mine"])
def test_every_window_matches_the_plain_order(mixed, order, statuses, scope):
    query = QueueFilter(scope=scope, agent="asha", statuses=statuses, order=order)
    expected = reference_ids(mixed.db, query)
    assert count(mixed.db, query) == len(expected)
    for size in (7, 40):
        pages = [window(mixed.db, query, TODAY, offset, size) for offset in range(0, len(expected) + size, size)]
        assert [ticket.id for page in pages for ticket in page] == expected
    # A jump straight to a deep offset (the End key, a scrollbar drag) lands on the same rows.
    deep = max(len(expected) - 5, 0)
    assert [t.id for t in window(mixed.db, query, TODAY, deep, 10)] == expected[deep:deep + 10]


@pytest.mark.parametrize("search", ["sunita", "SUN", "su", "gmail", "98", "otp rao", "cert", "#3", "zzz", "es na"])
def test_active_queue_search_reads_rows_and_finds_what_the_index_finds(mixed, search):
    active = tuple(status for status in ALL_STATUSES if status not in ("resolved", "closed"))
    by_rows = QueueFilter(search=search)  # statuses None: the active queue, searched row by row
    by_index = QueueFilter(search=search, statuses=active)  # the same tickets through FTS5
    assert reference_ids(mixed.db, by_rows) == reference_ids(mixed.db, by_index)
    assert count(mixed.db, by_rows) == count(mixed.db, by_index)


def test_whole_history_search_stops_at_the_newest_matches(mixed, monkeypatch):
    everything = QueueFilter(search="sunita", statuses=ALL_STATUSES, order="newest")
    all_matches = reference_ids(mixed.db, everything)
    assert len(all_matches) > 5 and not queue.search_capped(mixed.db, everything)
    monkeypatch.setattr(queue, "SEARCH_CAP", 5)
    shown = [ticket.id for ticket in window(mixed.db, everything, TODAY, 0, 50)]
    assert sorted(shown) == sorted(all_matches)[-5:]  # the five logged last
    assert count(mixed.db, everything) == 5
    assert queue.search_capped(mixed.db, everything)
    # The active queue is never capped: it is read whole.
    assert not queue.search_capped(mixed.db, QueueFilter(search="sunita"))


def test_the_active_queue_is_counted_from_its_partial_index(mixed):
    where, params = queue._where(QueueFilter(agent="asha", scope="mine"))
    plan = " ".join(row[3] for row in mixed.db.execute(
        f"EXPLAIN QUERY PLAN SELECT count(*) FROM {queue._source(QueueFilter())} WHERE {where}", params))
    assert "tickets_active" in plan


@pytest.mark.parametrize("order", sorted(ORDERS))
@pytest.mark.parametrize("statuses", [None, ALL_STATUSES, ("resolved",)])
@pytest.mark.parametrize("search", ["", "sunita", "su", "zzz"])
def test_the_first_page_is_the_first_window_and_the_count(mixed, order, statuses, search):
    query = QueueFilter(agent="asha", statuses=statuses, order=order, search=search)
    expected = reference_ids(mixed.db, query)
    for limit in (5, 200):
        rows, total = queue.first_page(mixed.db, query, TODAY, limit)
        assert [ticket.id for ticket in rows] == expected[:limit]
        assert total == len(expected)
