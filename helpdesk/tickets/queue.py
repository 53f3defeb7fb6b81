"""The queue: which tickets an agent sees, in which order, a window at a time.

Nothing here loads the whole table: the console asks for the count and for the rows of
the window on screen, so a year of tickets costs the same as a day's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlite_utils

from .. import desk
from ..taxonomy import STATUSES, codes
from ..text import clean_line
from .model import Ticket

# Queue order: training within the login-check window first, then within the registration
# deadline, then everything else; inside each band, whoever has waited longest.
URGENCY_ORDER = (
    "CASE WHEN training_date BETWEEN :today AND :imminent_until THEN 0"
    " WHEN training_date BETWEEN :today AND :deadline_until THEN 1 ELSE 2 END"
)
ORDERS = {
    "urgency": f"{URGENCY_ORDER}, created_at, id",
    "waiting": "created_at, id",
    "newest": "created_at DESC, id DESC",
    "training": "training_date IS NULL, training_date, created_at, id",
}
SCOPES = ("all", "mine", "unassigned")
ALL_STATUSES = codes(STATUSES)
# The trigram index cannot match fragments shorter than three characters.
MIN_INDEXED_TERM = 3
_TICKET_NUMBER = re.compile(r"^#?(\d{1,9})$")


def urgency_parameters(today: date) -> dict[str, str]:
    facts = desk.facts()
    return {
        "today": today.isoformat(),
        "imminent_until": (today + timedelta(days=max(facts.login_check_days_before))).isoformat(),
        "deadline_until": (today + timedelta(days=facts.register_days_before)).isoformat(),
    }


@dataclass(frozen=True)
class QueueFilter:
    scope: str = "all"
    agent: str = ""
    # None means "still being worked" (everything but resolved and closed).
    statuses: tuple[str, ...] | None = None
    category: str | None = None
    ministry: str | None = None
    search: str = ""
    order: str = "urgency"

    def describe(self) -> str:
        parts = [{"all": "all agents", "mine": f"{self.agent}'s", "unassigned": "unassigned"}[self.scope]]
        parts.append("active" if self.statuses is None else "/".join(self.statuses))
        if self.category:
            parts.append(self.category)
        if self.ministry:
            parts.append(self.ministry)
        if self.search:
            parts.append(f'matching "{self.search}"')
        return " · ".join(parts)


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class _Params(dict):
    """Named SQL parameters; ``add`` returns the placeholder for a new value."""

    def add(self, value: Any) -> str:
        name = f"p{len(self)}"
        self[name] = value
        return f":{name}"


def _where(query: QueueFilter) -> tuple[str, _Params]:
    clauses: list[str] = []
    params = _Params()
    if query.scope not in SCOPES:
        raise ValueError(f"unknown scope {query.scope!r}")
    if query.scope == "mine":
        clauses.append(f"assignee = {params.add(query.agent)}")
    elif query.scope == "unassigned":
        clauses.append("assignee IS NULL")
    if query.statuses is None:
        clauses.append("status NOT IN ('resolved', 'closed')")
    elif set(query.statuses) != set(ALL_STATUSES):
        clauses.append(f"status IN ({', '.join(params.add(status) for status in query.statuses)})")
    if query.category:
        clauses.append(f"category = {params.add(query.category)}")
    if query.ministry:
        clauses.append(f"ministry = {params.add(query.ministry)}")
    if clean_line(query.search):
        clauses.append(_search_clause(query.search, params))
    return (" AND ".join(clauses) or "1"), params


def _search_clause(text: str, params: _Params) -> str:
    """Every word must appear somewhere in the ticket's name, contacts, ministry or text.

    Words are quoted before they reach FTS5, so what an agent types is never read as
    query syntax (AND, NEAR, quotes, column filters).
    """
    # Controls out first: FTS5 reads a NUL inside a quoted phrase as the end of the query
    # ("unterminated string"), and nobody searches for an escape sequence.
    words = clean_line(text).split()
    clauses: list[str] = []
    indexed = [word for word in words if len(word) >= MIN_INDEXED_TERM]
    if indexed:
        phrase = " ".join('"' + word.replace('"', '""') + '"' for word in indexed)
        clauses.append(f"id IN (SELECT rowid FROM tickets_search WHERE tickets_search MATCH {params.add(phrase)})")
    for word in words:
        if len(word) < MIN_INDEXED_TERM:
            pattern = params.add(f"%{_escape_like(word)}%")
            clauses.append(f"(participant_name LIKE {pattern} ESCAPE '\\' OR email LIKE {pattern} "
                           f"ESCAPE '\\' OR mobile LIKE {pattern} ESCAPE '\\')")
    words_sql = " AND ".join(clauses)
    number = _TICKET_NUMBER.match(text.strip())
    if number:
        return f"(id = {params.add(int(number.group(1)))} OR ({words_sql}))"
    return f"({words_sql})"


def count(db: sqlite_utils.Database, query: QueueFilter) -> int:
    where, params = _where(query)
    return db.execute(f"SELECT count(*) FROM tickets WHERE {where}", params).fetchone()[0]


def window(db: sqlite_utils.Database, query: QueueFilter, today: date, offset: int,
           limit: int) -> list[Ticket]:
    """The tickets at positions offset .. offset+limit-1 of the queue, in queue order."""
    if query.order not in ORDERS:
        raise ValueError(f"unknown order {query.order!r}")
    where, params = _where(query)
    cursor = db.execute(
        f"SELECT * FROM tickets WHERE {where} ORDER BY {ORDERS[query.order]} "
        "LIMIT :limit OFFSET :offset",
        {**params, **urgency_parameters(today), "limit": limit, "offset": offset},
    )
    columns = [column[0] for column in cursor.description]
    return [Ticket.from_row(dict(zip(columns, row))) for row in cursor.fetchall()]
