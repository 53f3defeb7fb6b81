"""Every migration, in the order it applies: one list, in one place.

Each runs once per database, in one transaction. They are applied under the write lock,
so consoles that start at the same moment on a fresh file do not race each other. To add
one, write it in its module (a new module for a new area) with the next number in its
name, and append it to ORDER. tests/store/test_migrations.py checks that the applied order
is the numbered order and that no migration is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlite_utils
from sqlite_utils import Migrations

from helpdesk.store import schema, schema_console, schema_history, schema_queue

if TYPE_CHECKING:
    from helpdesk.store.connection import Store

ORDER = (
    schema.m0001_directory,
    schema.m0002_holidays,
    schema.m0003_seed_directory,
    schema.m0004_seed_holidays,
    schema.m0005_holiday_year_caveats,
    schema.m0006_tickets,
    schema.m0007_drafts,
    schema.m0008_audit,
    schema.m0010_report_indexes,
    schema.m0020_outbox,
    schema.m0021_sync_sources,
    schema_history.m0030_history_redaction_only,
    schema_queue.m0040_queue_indexes,
    schema_queue.m0041_ticket_counts,
    schema_console.m0042_ticket_drafts,
)
MIGRATIONS = Migrations("helpdesk")
for _migration in ORDER:
    MIGRATIONS()(_migration)


def migrate(store: Store) -> None:
    db = store.db
    if not MIGRATIONS.pending(db):
        return
    with store.transaction() as db:
        # Re-read under the lock: another console may have migrated while we waited.
        MIGRATIONS.apply(db)


def migration_names() -> list[str]:
    """Every migration this version of helpdesk knows, in the order they apply."""
    return [migration.name for migration in MIGRATIONS.pending(sqlite_utils.Database(memory=True))]
