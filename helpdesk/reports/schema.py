"""The indexes the reports read by (m0010).

The list of every migration, in the order it applies, is helpdesk.store.migrations.ORDER;
never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

import sqlite_utils


def m0010_report_indexes(db: sqlite_utils.Database) -> None:
    # Reports find a period's resolutions from the history (a ticket resolved on Tuesday
    # and reopened on Wednesday was still resolved on Tuesday), and the tickets whose
    # current resolution came after a moment (they were open then). Without these, a
    # month's report at 100,000 tickets scans both tables.
    db.executescript(
        """
        CREATE INDEX ticket_events_resolutions ON ticket_events (at) WHERE kind = 'resolved';
        CREATE INDEX tickets_resolved ON tickets (resolved_at);
        """
    )
