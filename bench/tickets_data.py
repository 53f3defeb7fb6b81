"""Generate a realistic ticket history fast, for the benchmarks (seeded: every run is the same).

Most of a year's tickets are resolved; a few hundred are still being worked, with
training dates spread around today. Rows are written with plain INSERTs in large
transactions (the FTS triggers index them as they go), with their 'created' history.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from helpdesk import clock
from helpdesk.directory import Directory
from helpdesk.store import Store
from helpdesk.taxonomy import CATEGORIES, OUTCOMES, codes

FIRST_NAMES = ("Ravi", "Sunita", "Abdul", "Meena", "Arjun", "Kavita", "Harpreet", "Lakshmi", "Farid",
               "Anjali", "Suresh", "Priya", "Imran", "Deepa", "Vikram", "Neha", "Joseph", "Gita")
LAST_NAMES = ("Kumar", "Sharma", "Rahman", "Iyer", "Singh", "Nair", "Das", "Reddy", "Khan",
              "Patel", "Mehta", "Verma", "Joshi", "Thomas", "Gupta", "Bose")
DOMAINS = ("gmail.com", "nic.in", "gov.in", "mha.gov.in", "yahoo.co.in", "railnet.gov.in")
QUESTIONS = (
    "OTP not received on my mobile", "registered last week but access still pending",
    "which course should I take for my training", "certificate not visible on dashboard",
    "selected the wrong department while registering", "mobile number not registered",
    "domain not approved at sign-up", "need bulk upload of IDs for our office",
    "app login fails after update", "is registration free",
)
ACTIVE_STATUSES = ("new", "open", "waiting-participant", "waiting-mdo", "escalated")

COLUMNS = ("created_at", "created_by", "updated_at", "participant_name", "email", "mobile",
           "ministry_query", "ministry", "rep_email", "category", "channel", "training_date",
           "question", "language", "status", "assignee", "claimed_at", "first_response_at",
           "resolved_at", "outcome", "resolution_note", "handle_seconds", "version")


def fill(store: Store, count: int, *, now: datetime, active: int = 500, seed: int = 7,
         batch: int = 20_000) -> None:
    """Insert ``count`` tickets created over the past year; ``active`` of them still open."""
    rng = random.Random(seed)
    rows = Directory.from_store(store).rows
    categories, outcomes = codes(CATEGORIES), codes(OUTCOMES)
    agents = [f"agent{n:02d}" for n in range(12)]
    insert = (f"INSERT INTO tickets ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})")
    done = 0
    while done < count:
        chunk = []
        for index in range(done, min(done + batch, count)):
            # The newest tickets are the active ones, as on a real desk.
            age = timedelta(minutes=(count - index) * 525_600 / count)
            created = now - age
            row = rng.choice(rows)
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            is_active = index >= count - active
            training = (created.date() + timedelta(days=rng.randint(-2, 20))).isoformat()
            claimed = clock.iso(created + timedelta(minutes=rng.randint(0, 30)))
            status = rng.choice(ACTIVE_STATUSES) if is_active else rng.choice(("resolved", "closed"))
            resolved = None if is_active else clock.iso(created + timedelta(minutes=rng.randint(5, 900)))
            chunk.append((
                clock.iso(created), rng.choice(agents), clock.iso(created), f"{first} {last}",
                f"{first.lower()}.{last.lower()}{index}@{rng.choice(DOMAINS)}",
                f"{rng.choice('6789')}{rng.randrange(10**9):09d}", row.ministry, row.ministry,
                row.rep_email, rng.choice(categories), "teams", training, rng.choice(QUESTIONS), "en",
                status, None if status == "new" else rng.choice(agents),
                None if status == "new" else claimed, None if status == "new" else claimed,
                resolved, None if is_active else rng.choice(outcomes),
                None if is_active else "explained the steps", None if is_active else rng.randint(120, 3600), 2,
            ))
        with store.transaction() as db:
            first_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM tickets").fetchone()[0]
            db.conn.executemany(insert, chunk)
            db.conn.executemany(
                "INSERT INTO ticket_events (ticket_id, version, at, agent, kind) VALUES (?, 1, ?, ?, 'created')",
                [(first_id + offset, values[0], values[1]) for offset, values in enumerate(chunk)])
        done += len(chunk)
