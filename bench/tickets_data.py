"""Generate a realistic ticket history fast, for the benchmarks (seeded: every run is the same).

Most of a year's tickets are resolved; a few hundred (a thousand at a million) are still
being worked, with training dates spread around today. Everything is written in ONE
transaction with ``executemany`` (journal off: a fixture, not desk data); the search index is built once at the end ('rebuild')
instead of row by row through its triggers, which are set aside for the load and put back
exactly as they were. No ANALYZE beyond what the schema's migrations run: the console's
queries must not depend on statistics a real desk's file may not have.

``cached_database`` keeps the result in bench/results/, named by size, seed and schema,
so a later run (or another benchmark) reuses it.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils

from helpdesk import clock
from helpdesk.directory.rows import Directory
from helpdesk.store.migrations import migration_names
from helpdesk.store.connection import Store
from helpdesk.taxonomy import CATEGORIES, OUTCOMES, codes

RESULTS = Path(__file__).resolve().parent / "results"
# Bump when the generated rows change shape, so cached files are not reused by mistake.
GENERATOR_VERSION = 2

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
AGENTS = tuple(f"agent{n:02d}" for n in range(12))

COLUMNS = ("created_at", "created_by", "updated_at", "participant_name", "email", "mobile",
           "ministry_query", "ministry", "rep_email", "category", "channel", "training_date",
           "question", "language", "status", "assignee", "claimed_at", "first_response_at",
           "resolved_at", "outcome", "resolution_note", "handle_seconds", "version")


def active_count(count: int) -> int:
    """Tickets still being worked: a few hundred on any desk, more on a very busy one."""
    return min(count, max(500, count // 1000))


def schema_tag() -> str:
    """Short fingerprint of the migrations this code applies: a new one means a new file."""
    return hashlib.sha1(",".join(migration_names()).encode()).hexdigest()[:8]


def cached_database(count: int, *, now: datetime, seed: int = 7) -> Path:
    """The path of a database with ``count`` generated tickets, generating it once."""
    path = RESULTS / f"queue-{count}-seed{seed}-g{GENERATOR_VERSION}-{schema_tag()}.db"
    if path.exists():
        return path
    RESULTS.mkdir(exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in RESULTS.glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    store = Store.open(partial)  # the schema and the seeded directory, as any console makes them
    directory = Directory.from_store(store).rows
    store.close()
    # Loading only: no rollback journal and no fsync (a crash here just means generating
    # again), and a page cache big enough for the indexes. The file goes back to WAL after.
    connection = sqlite3.connect(partial, isolation_level=None)
    for pragma in ("journal_mode=DELETE", "journal_mode=OFF", "synchronous=OFF", "cache_size=-1000000"):
        connection.execute(f"PRAGMA {pragma}")
    fill(sqlite_utils.Database(connection), directory, count, now=now, seed=seed)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    print(f"generated {count:,} tickets in {time.perf_counter() - started:.1f} s -> {path.name}",
          file=sys.stderr)
    partial.rename(path)
    return path


def rows(count: int, *, now: datetime, seed: int, directory: list) -> list[tuple]:
    """The tickets, oldest first; the newest ``active_count`` are still being worked."""
    rng = random.Random(seed)
    categories, outcomes = codes(CATEGORIES), codes(OUTCOMES)
    active_from = count - active_count(count)
    minutes_per_ticket = 525_600 / max(count, 1)
    start = clock.to_ist(now).replace(microsecond=0)
    iso = datetime.isoformat  # every moment is already IST, whole seconds: clock.iso's form
    made = []
    for index in range(count):
        created = start - timedelta(seconds=int((count - index) * minutes_per_ticket * 60))
        row = rng.choice(directory)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        is_active = index >= active_from
        training = (created.date() + timedelta(days=rng.randint(-2, 20))).isoformat()
        created_at = iso(created)
        claimed = iso(created + timedelta(minutes=rng.randint(0, 30)))
        status = rng.choice(ACTIVE_STATUSES) if is_active else rng.choice(("resolved", "closed"))
        taken = status != "new"
        made.append((
            created_at, rng.choice(AGENTS), created_at, f"{first} {last}",
            f"{first.lower()}.{last.lower()}{index}@{rng.choice(DOMAINS)}",
            f"{rng.choice('6789')}{rng.randrange(10**9):09d}", row.ministry, row.ministry,
            row.rep_email, rng.choice(categories), "teams", training, rng.choice(QUESTIONS), "en",
            status, rng.choice(AGENTS) if taken else None, claimed if taken else None,
            claimed if taken else None,
            None if is_active else iso(created + timedelta(minutes=rng.randint(5, 900))),
            None if is_active else rng.choice(outcomes),
            None if is_active else "explained the steps",
            None if is_active else rng.randint(120, 3600), 2,
        ))
    return made


def fill(db: sqlite_utils.Database, directory: list, count: int, *, now: datetime, seed: int = 7) -> None:
    """Insert ``count`` tickets created over the past year, with their 'created' history."""
    made = rows(count, now=now, seed=seed, directory=directory)
    insert = f"INSERT INTO tickets ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
    db.execute("BEGIN")
    triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                          "AND tbl_name = 'tickets' AND name LIKE 'tickets_search_%'").fetchall()
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER {name}")
    first_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM tickets").fetchone()[0]
    db.conn.executemany(insert, made)
    db.conn.executemany(
        "INSERT INTO ticket_events (ticket_id, version, at, agent, kind) VALUES (?, 1, ?, ?, 'created')",
        ((first_id + offset, values[0], values[1]) for offset, values in enumerate(made)))
    # The index as the triggers would have built it, in one pass.
    db.execute("INSERT INTO tickets_search (tickets_search) VALUES ('rebuild')")
    for _, sql in triggers:
        db.execute(sql)
    db.execute("COMMIT")
