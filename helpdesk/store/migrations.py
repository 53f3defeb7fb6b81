"""Every migration, in the order it applies: one list, in one place.

Each runs once per database, in one transaction. They are applied under the write lock,
so consoles that start at the same moment on a fresh file do not race each other. To add
one, write it in its room's schema module (helpdesk/<room>/schema.py) with the next
number in its name, and append it to ORDER. tests/store/test_migrations.py checks that
the applied order is the numbered order and that no migration is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlite_utils
from sqlite_utils import Migrations

# Each room keeps its own tables' migrations in its schema module; only the order is kept here.
from helpdesk.access import schema as access
from helpdesk.admin import schema as admin
from helpdesk.directory import schema as directory
from helpdesk.escalation import schema as escalation
from helpdesk.hours import schema as hours
from helpdesk.reports import schema as reports
from helpdesk.tickets import schema as tickets

if TYPE_CHECKING:
    from helpdesk.store.connection import Store

ORDER = (
    directory.m0001_directory,
    hours.m0002_holidays,
    directory.m0003_seed_directory,
    hours.m0004_seed_holidays,
    hours.m0005_holiday_year_caveats,
    tickets.m0006_tickets,
    tickets.m0007_drafts,
    access.m0008_audit,
    reports.m0010_report_indexes,
    escalation.m0020_outbox,
    admin.m0021_sync_sources,
    tickets.m0030_history_redaction_only,
    tickets.m0040_queue_indexes,
    tickets.m0041_ticket_counts,
    tickets.m0042_ticket_drafts,
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
