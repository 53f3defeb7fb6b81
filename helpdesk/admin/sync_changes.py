"""Directory and holiday sync: fetch from a URL, check everything, show it, apply on request.

Both follow the same steps as their file imports (the same parsers, validation and
"suspicious" checks), then apply in one transaction that also writes the audit entry and
the cache validators. Applying is for supervisors. Nothing is written unless every check
passes: the data the desk has stays until a better file replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from helpdesk import clock
from helpdesk.access import audit
from helpdesk.access import roles
from helpdesk.directory.rows import DirectoryRow, read_rows, replace_rows
from helpdesk.directory.import_rows import (
    DirectoryDiff,
    DirectoryFileError,
    decode,
    diff,
    parse_annexure,
    refuse_if_suspicious,
    validate,
)
from helpdesk.directory.import_rows import MAX_FILE_BYTES as DIRECTORY_MAX_BYTES
from helpdesk.hours.holiday_changes import ImportPlan, UNCHANGED, apply_in_transaction, plan_import
from helpdesk.hours.holiday_import import MAX_FILE_BYTES as HOLIDAYS_MAX_BYTES
from helpdesk.hours.holiday_import import HolidayFileError, parse_holidays
from helpdesk.hours.holidays import HolidayCalendar
from helpdesk.store.connection import Store
from helpdesk.admin.sync_fetch import Fetched, Validators, cached, fetch, remember

UNCHANGED_REMOTE = "unchanged"  # 304: the URL serves what was last applied
NO_DIFFERENCES = "no-differences"  # downloaded, and it matches the data
DIFFERENCES = "differences"  # shown, not applied
APPLIED = "applied"


@dataclass(frozen=True)
class SyncOutcome:
    kind: str
    url: str
    status: str
    previous: Validators | None
    directory_rows: list[DirectoryRow] | None = None
    directory_diff: DirectoryDiff | None = None
    holiday_plan: ImportPlan | None = None

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"kind": self.kind, "url": self.url, "status": self.status,
                                  "applied": self.status == APPLIED}
        if self.previous:
            result["last_synced_at"] = self.previous.synced_at.isoformat()
        if self.directory_diff is not None:
            result.update(rows=len(self.directory_rows or []), **self.directory_diff.to_dict())
        if self.holiday_plan is not None:
            result["years"] = [change.to_dict() for change in self.holiday_plan.years]
        return result


# Directory -------------------------------------------------------------------------------
DIRECTORY_DOING = "replace the KB directory from a URL"


def sync_directory(store: Store, url: str, *, agent: str, apply: bool,
                   client: httpx.Client | None = None, now: datetime | None = None) -> SyncOutcome:
    if apply:
        roles.require_supervisor(store.db, agent, DIRECTORY_DOING)  # before downloading anything
    previous = cached(store.db, "directory")
    fetched = fetch(url, max_bytes=DIRECTORY_MAX_BYTES, previous=previous, client=client)
    if fetched.unchanged:
        return SyncOutcome("directory", fetched.url, UNCHANGED_REMOTE, previous)
    current = read_rows(store.db)
    rows = parse_annexure(decode(fetched.content, fetched.url), fetched.url)
    validate(rows, fetched.url)
    refuse_if_suspicious(current, rows, fetched.url)
    changes = diff(current, rows)
    moment = now or clock.now()
    if changes.empty:
        with store.transaction() as db:
            remember(db, "directory", fetched, moment)
        return SyncOutcome("directory", fetched.url, NO_DIFFERENCES, previous, rows, changes)
    if not apply:
        return SyncOutcome("directory", fetched.url, DIFFERENCES, previous, rows, changes)
    with store.transaction() as db:
        roles.require_supervisor(db, agent, DIRECTORY_DOING)
        if read_rows(db) != current:
            raise DirectoryFileError("the directory changed while the download was being checked; "
                                     "run the sync again to see the new differences")
        replace_rows(db, rows)
        audit.record(db, agent, "directory.sync", target=fetched.url,
                     before={"rows": len(current)},
                     after={"rows": len(rows), "added": len(changes.added),
                            "removed": len(changes.removed), "changed": len(changes.changed)},
                     note=f"sha256 {fetched.sha256}", at=moment)
        remember(db, "directory", fetched, moment)
    return SyncOutcome("directory", fetched.url, APPLIED, previous, rows, changes)


# Holidays --------------------------------------------------------------------------------
HOLIDAYS_DOING = "replace holiday lists from a URL"


def refuse_shrinking_years(plan: ImportPlan, origin: str) -> None:
    """A year that would lose more than half its holidays is a partial file, not an update."""
    problems = []
    for change in plan.years:
        if change.action == UNCHANGED:
            continue
        loaded = change.kept + len(change.changed) + len(change.removed)
        if loaded and len(change.incoming) * 2 < loaded:
            problems.append(f"{change.year} would go from {loaded} holidays to "
                            f"{len(change.incoming)}; that looks like a partial list")
    if problems:
        raise HolidayFileError(origin, problems)


def sync_holidays(store: Store, url: str, *, agent: str, apply: bool,
                  client: httpx.Client | None = None, now: datetime | None = None) -> SyncOutcome:
    if apply:
        roles.require_supervisor(store.db, agent, HOLIDAYS_DOING)
    previous = cached(store.db, "holidays")
    fetched: Fetched = fetch(url, max_bytes=HOLIDAYS_MAX_BYTES, previous=previous, client=client)
    if fetched.unchanged:
        return SyncOutcome("holidays", fetched.url, UNCHANGED_REMOTE, previous)
    holiday_list = parse_holidays(fetched.content, fetched.url)
    plan = plan_import(HolidayCalendar.from_store(store), holiday_list)
    refuse_shrinking_years(plan, fetched.url)
    moment = now or clock.now()
    if not plan.has_changes:
        with store.transaction() as db:
            remember(db, "holidays", fetched, moment)
        return SyncOutcome("holidays", fetched.url, NO_DIFFERENCES, previous, holiday_plan=plan)
    if not apply:
        return SyncOutcome("holidays", fetched.url, DIFFERENCES, previous, holiday_plan=plan)
    with store.transaction() as db:
        roles.require_supervisor(db, agent, HOLIDAYS_DOING)
        applied = apply_in_transaction(db, store, holiday_list, imported_by=agent,
                                       imported_on=moment.date())
        refuse_shrinking_years(applied, fetched.url)  # re-planned under the lock: check again
        audit.record(db, agent, "holidays.sync", target=fetched.url,
                     after=[{"year": c.year, "action": c.action, "added": len(c.added),
                             "removed": len(c.removed), "changed": len(c.changed)}
                            for c in applied.years],
                     note=f"sha256 {fetched.sha256}", at=moment)
        remember(db, "holidays", fetched, moment)
    return SyncOutcome("holidays", fetched.url, APPLIED, previous, holiday_plan=applied)
