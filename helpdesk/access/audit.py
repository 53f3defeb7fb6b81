"""The audit log: every change outside a ticket's own history, with who, when and what.

``record`` writes inside the caller's transaction, so a change and its audit entry are
committed together or not at all.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from helpdesk import clock


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    agent: str
    action: str
    target: str | None
    before: Any
    after: Any
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        result = asdict(self)
        result["at"] = self.at.isoformat()
        return result


def _encode(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(db: sqlite_utils.Database, agent: str, action: str, *, target: str | None = None,
           before: Any = None, after: Any = None, note: str | None = None,
           at: datetime | None = None) -> None:
    """Append one entry; call it inside the transaction that makes the change."""
    db.execute(
        "INSERT INTO audit_log (at, agent, action, target, before, after, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [clock.iso(at or clock.now()), agent, action, target, _encode(before), _encode(after), note],
    )


def entries(db: sqlite_utils.Database, *, action_prefix: str | None = None,
            limit: int | None = None) -> list[AuditEntry]:
    """Newest first; ``action_prefix`` such as "directory." narrows it down."""
    sql = "SELECT id, at, agent, action, target, before, after, note FROM audit_log"
    params: list[Any] = []
    if action_prefix:
        sql += " WHERE action LIKE ? ESCAPE '\\'"
        params.append(action_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    sql += " ORDER BY id DESC"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [
        AuditEntry(id, datetime.fromisoformat(at), agent, action, target,
                   json.loads(before) if before else None, json.loads(after) if after else None, note)
        for id, at, agent, action, target, before, after, note in db.execute(sql, params).fetchall()
    ]
