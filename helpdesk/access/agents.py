"""Who is on the desk's roster, and as what: adding, promoting and removing agents.

The rules (checks live in :mod:`helpdesk.access.roles`):

* Until a supervisor exists, only the owner of the database file may change the roster:
  that is the account that set the desk up, so nobody promotes themselves from a
  colleague's login. The owner adds the first supervisor.
* From then on only supervisors change the roster.
* The last supervisor cannot be removed or demoted, or nobody could manage roles again.

Every change is audited in the same transaction, with the role before and after.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from helpdesk import clock
from helpdesk.access import audit
from helpdesk.access.identity import validate_agent_name
from helpdesk.access.roles import (
    AGENT,
    SUPERVISOR,
    NotAllowedError,
    is_database_owner,
    require_supervisor,
    supervisors,
)
from helpdesk.store.connection import Store

ROLES = (AGENT, SUPERVISOR)


@dataclass(frozen=True)
class RosterEntry:
    name: str
    role: str
    added_at: str
    added_by: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class RosterChange:
    """What one add/remove did: ``before``/``after`` are roles, None when not listed."""

    name: str
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def describe(self) -> str:
        if not self.changed:
            return f"{self.name} is already listed as {self.after or 'not listed'}; nothing changed"
        if self.before is None:
            return f"added {self.name} as {self.after}"
        if self.after is None:
            return f"removed {self.name} (was {self.before})"
        return f"{self.name} is now {self.after} (was {self.before})"

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "before": self.before, "after": self.after, "changed": self.changed}


def roster(db: sqlite_utils.Database) -> list[RosterEntry]:
    rows = db.execute("SELECT name, role, added_at, added_by FROM agents ORDER BY role DESC, name").fetchall()
    return [RosterEntry(*row) for row in rows]


def _file_owner(path: Path) -> str:
    try:
        import pwd

        return pwd.getpwuid(path.stat().st_uid).pw_name
    except (ImportError, KeyError, OSError):
        return "the account that created it"


def _require_roster_manager(db: sqlite_utils.Database, path: Path, by: str) -> None:
    if supervisors(db):
        require_supervisor(db, by, "add, promote or remove agents")
        return
    if not is_database_owner(path):
        raise NotAllowedError(
            f"no supervisor is set up yet: only the owner of {path} ({_file_owner(path)}) may add "
            f"the first one with `helpdesk agents add NAME --supervisor`; {by} runs as OS user "
            f"{_current_user()}"
        )


def _current_user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {getattr(os, 'getuid', lambda: '?')()}"


def _current_role(db: sqlite_utils.Database, name: str) -> str | None:
    row = db.execute("SELECT role FROM agents WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def _refuse_losing_last_supervisor(db: sqlite_utils.Database, name: str, before: str | None,
                                   after: str | None) -> None:
    if before == SUPERVISOR and after != SUPERVISOR and supervisors(db) == [name]:
        raise NotAllowedError(
            f"{name} is the only supervisor; add another with `helpdesk agents add NAME --supervisor` "
            "first, or nobody could manage roles"
        )


def add(store: Store, name: str, *, role: str, by: str, at: datetime | None = None) -> RosterChange:
    """List ``name`` with ``role`` (adding, promoting or demoting); audited."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    name = validate_agent_name(name)
    stamp = clock.iso(at or clock.now())
    with store.transaction() as db:
        _require_roster_manager(db, store.path, by)
        before = _current_role(db, name)
        change = RosterChange(name, before, role)
        if not change.changed:
            return change
        _refuse_losing_last_supervisor(db, name, before, role)
        if before is None:
            db.execute("INSERT INTO agents (name, role, added_at, added_by) VALUES (?, ?, ?, ?)",
                       [name, role, stamp, by])
        else:
            db.execute("UPDATE agents SET role = ? WHERE name = ?", [role, name])
        audit.record(db, by, "agents.add" if before is None else "agents.role", target=name,
                     before=None if before is None else {"role": before}, after={"role": role},
                     at=at)
        return change


def remove(store: Store, name: str, *, by: str, at: datetime | None = None) -> RosterChange:
    """Take ``name`` off the roster (they keep working, as an agent); audited."""
    name = validate_agent_name(name)
    with store.transaction() as db:
        _require_roster_manager(db, store.path, by)
        before = _current_role(db, name)
        if before is None:
            return RosterChange(name, None, None)
        _refuse_losing_last_supervisor(db, name, before, None)
        db.execute("DELETE FROM agents WHERE name = ?", [name])
        audit.record(db, by, "agents.remove", target=name, before={"role": before}, after=None, at=at)
        return RosterChange(name, before, None)
