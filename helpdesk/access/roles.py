"""Agents and supervisors. Some changes are for supervisors only, and say so when refused.

Supervisors are listed in the database. The very first one can only be added by the
owner of the database file (the account that set the desk up), so nobody grants
themselves the role from a shared login.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils

from helpdesk.errors import HelpdeskError

AGENT, SUPERVISOR = "agent", "supervisor"


class NotAllowedError(HelpdeskError):
    """The agent's role does not allow this; the message says who may do it."""

    exit_code = 3


def role_of(db: sqlite_utils.Database, agent: str) -> str:
    row = db.execute("SELECT role FROM agents WHERE name = ?", [agent]).fetchone()
    return row[0] if row else AGENT


def supervisors(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT name FROM agents WHERE role = 'supervisor' ORDER BY name").fetchall()]


def is_database_owner(path: Path) -> bool:
    """True when this process runs as the account that owns the database file."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: file ownership is not a usable signal
        return True
    return path.stat().st_uid == getuid()


def require_supervisor(db: sqlite_utils.Database, agent: str, doing: str) -> None:
    """Refuse unless ``agent`` is a supervisor; ``doing`` completes "only supervisors may …"."""
    if role_of(db, agent) == SUPERVISOR:
        return
    names = supervisors(db)
    who = (f"ask {', '.join(names)}" if names else
           "no supervisor is set up yet: the database owner adds one with "
           "`helpdesk agents add NAME --supervisor`")
    raise NotAllowedError(f"only supervisors may {doing}; {agent} is an agent ({who})")
