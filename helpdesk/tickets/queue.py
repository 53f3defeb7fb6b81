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
# Each order is a list of arms, read one after the other: (which rows, their order inside
# the arm, the index that finds them beyond the active queue; None: SQLite's choice).
# "urgency" is URGENCY_ORDER's three bands written out, so that no row's sort key depends
# on today's date: each arm can then walk an index instead of sorting a year of tickets.
ORDERS: dict[str, list[tuple[str, str, str | None]]] = {
    "urgency": [
        ("training_date BETWEEN :today AND :imminent_until", "created_at, id", "tickets_training"),
        ("training_date > :imminent_until AND training_date <= :deadline_until", "created_at, id",
         "tickets_training"),
        # coalesce() keeps SQLite from answering this arm from training_date ranges (and
        # then sorting them): walking created_at order is what stops early.
        ("coalesce(training_date, '') NOT BETWEEN :today AND :deadline_until", "created_at, id", None),
    ],
    "waiting": [("1", "created_at, id", None)],
    "newest": [("1", "created_at DESC, id DESC", None)],
    "training": [("training_date IS NOT NULL", "training_date, created_at, id", None),
                 ("training_date IS NULL", "created_at, id", "tickets_training")],
}
# Each order as one ORDER BY over every matching row (the arms above, read in turn, give
# the same sequence). The active queue is sorted this way whole: it is a few hundred rows.
WHOLE_ORDERS = {
    "urgency": f"{URGENCY_ORDER}, created_at, id",
    "waiting": "created_at, id",
    "newest": "created_at DESC, id DESC",
    "training": "training_date IS NULL, training_date, created_at, id",
}
SCOPES = ("all", "mine", "unassigned")
ALL_STATUSES = codes(STATUSES)
# The trigram index cannot match fragments shorter than three characters.
MIN_INDEXED_TERM = 3
SEARCHED_COLUMNS = ("participant_name", "email", "mobile", "ministry", "ministry_query", "question")
# Fragments shorter than a trigram are looked for in these only (a name, an e-mail, digits).
SHORT_TERM_COLUMNS = ("participant_name", "email", "mobile")
# A search over more than the active queue looks at the newest this-many tickets whose
# text matches (Zendesk's search stops at 1,000 results too): "sunita" over a million
# tickets matches fifty thousand, and no agent reads past the first screens of them.
SEARCH_CAP = 1000
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


@dataclass(frozen=True)
class QueuePage:
    """A filter's first window with what the queue screen says about it."""

    rows: list[Ticket]
    total: int
    capped: bool  # a whole-history search stopped at the newest SEARCH_CAP matches
    rep_names: dict[str, str]


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
        clauses.append(_search_clause(query.search, params, active_only=query.statuses is None))
    return (" AND ".join(clauses) or "1"), params


def _like_any(word: str, columns: tuple[str, ...], params: _Params) -> str:
    pattern = params.add(f"%{_escape_like(word)}%")
    return "(" + " OR ".join(f"{column} LIKE {pattern} ESCAPE '\\'" for column in columns) + ")"


def _fts_phrase(words: list[str]) -> str:
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _search_clause(text: str, params: _Params, *, active_only: bool) -> str:
    """Every word must appear somewhere in the ticket's name, contacts, ministry or text.

    The active queue is a few hundred rows (the partial index tickets_active finds them):
    reading each one's text is cheaper than asking the trigram index, which would first
    list every matching ticket of the whole history. Beyond the active queue the trigram
    index answers, for the newest SEARCH_CAP matches. Both read a word as a substring in
    any case (LIKE folds ASCII letters only; the trigram index folds other scripts' cases
    too, which Hindi, having none, does not notice).

    Words are quoted before they reach FTS5, so what an agent types is never read as
    query syntax (AND, NEAR, quotes, column filters).
    """
    # Controls out first: FTS5 reads a NUL inside a quoted phrase as the end of the query
    # ("unterminated string"), and nobody searches for an escape sequence.
    words = clean_line(text).split()
    clauses: list[str] = []
    indexed = [word for word in words if len(word) >= MIN_INDEXED_TERM]
    if indexed and not active_only:
        clauses.append(f"id IN (SELECT rowid FROM tickets_search WHERE tickets_search MATCH "
                       f"{params.add(_fts_phrase(indexed))} ORDER BY rowid DESC LIMIT {SEARCH_CAP})")
    for word in words:
        if len(word) < MIN_INDEXED_TERM:
            clauses.append(_like_any(word, SHORT_TERM_COLUMNS, params))
        elif active_only:
            clauses.append(_like_any(word, SEARCHED_COLUMNS, params))
    words_sql = " AND ".join(clauses)
    number = _TICKET_NUMBER.match(text.strip())
    if number:
        return f"(id = {params.add(int(number.group(1)))} OR ({words_sql}))"
    return f"({words_sql})"


def search_capped(db: sqlite_utils.Database, query: QueueFilter) -> bool:
    """Whether the search words match more tickets than a search beyond the active queue
    looks at (SEARCH_CAP): the agent should add a word."""
    if query.statuses is None:
        return False
    indexed = [word for word in clean_line(query.search).split() if len(word) >= MIN_INDEXED_TERM]
    if not indexed:
        return False
    matched = db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM tickets_search WHERE tickets_search MATCH ? LIMIT ?)",
        [_fts_phrase(indexed), SEARCH_CAP + 1]).fetchone()[0]
    return matched > SEARCH_CAP


def _source(query: QueueFilter, index: str | None = None) -> str:
    """The table, with the index that must answer: SQLite's planner cannot tell how few
    rows the partial index tickets_active holds next to, say, an agent's whole history
    in tickets_assignee, and guessed wrong by two orders of magnitude at a million tickets."""
    if query.statuses is None:
        return "tickets INDEXED BY tickets_active"
    return f"tickets INDEXED BY {index}" if index else "tickets"


def count(db: sqlite_utils.Database, query: QueueFilter) -> int:
    if _tallied(query):
        # Whole statuses, nothing else filtered: the running tally (m0041 in helpdesk.tickets.schema).
        statuses = sorted(set(query.statuses))
        return db.execute(f"SELECT coalesce(sum(tickets), 0) FROM ticket_counts WHERE status IN "
                          f"({', '.join('?' for _ in statuses)})", statuses).fetchone()[0]
    where, params = _where(query)
    return db.execute(f"SELECT count(*) FROM {_source(query)} WHERE {where}", params).fetchone()[0]


def _tallied(query: QueueFilter) -> bool:
    return (query.scope == "all" and query.statuses is not None and not query.category
            and not query.ministry and not clean_line(query.search))


def _window_ids(db: sqlite_utils.Database, query: QueueFilter, params: dict[str, Any], where: str,
                offset: int, limit: int) -> list[int]:
    """The ids at ``offset`` of the filtered queue in ``order``, reading its arms in turn.

    Each arm is a plain ordered query that walks an index and stops after its LIMIT. An
    arm is counted only when the window starts past its end (a jump down the list).
    """
    ids: list[int] = []
    for condition, arm_order, index in ORDERS[query.order]:
        source, arm_where = _source(query, index), f"({where}) AND {condition}"
        found = [row[0] for row in db.execute(
            f"SELECT id FROM {source} WHERE {arm_where} ORDER BY {arm_order} LIMIT :limit OFFSET :offset",
            {**params, "limit": limit - len(ids), "offset": offset}).fetchall()]
        ids += found
        if len(ids) >= limit:
            break
        if found:
            offset = 0
        else:
            offset -= db.execute(f"SELECT count(*) FROM {source} WHERE {arm_where}", params).fetchone()[0]
            offset = max(offset, 0)
    return ids


def window(db: sqlite_utils.Database, query: QueueFilter, today: date, offset: int,
           limit: int) -> list[Ticket]:
    """The tickets at positions offset .. offset+limit-1 of the queue, in queue order.

    Two steps: the window's ids (index walks that skip ``offset`` entries without reading
    their rows), then those rows.
    """
    if query.order not in ORDERS:
        raise ValueError(f"unknown order {query.order!r}")
    where, params = _where(query)
    return _tickets(db, _window_ids(db, query, {**params, **urgency_parameters(today)}, where, offset, limit))


def first_page(db: sqlite_utils.Database, query: QueueFilter, today: date, limit: int) -> tuple[list[Ticket], int]:
    """``window(..., 0, limit)`` and ``count`` together, in as few reads as the query allows.

    The active queue is read once, its ids sorted whole: one pass over its few hundred
    rows, where the window's arms and the count would take four. Beyond it, a first
    window that is not full is the whole answer, and the count is skipped.
    """
    if query.order not in ORDERS:
        raise ValueError(f"unknown order {query.order!r}")
    if query.statuses is None:
        where, params = _where(query)
        ids = [row[0] for row in db.execute(
            f"SELECT id FROM {_source(query)} WHERE {where} ORDER BY {WHOLE_ORDERS[query.order]}",
            {**params, **urgency_parameters(today)})]
        return _tickets(db, ids[:limit]), len(ids)
    rows = window(db, query, today, 0, limit)
    return rows, (len(rows) if len(rows) < limit else count(db, query))


def _tickets(db: sqlite_utils.Database, ids: list[int]) -> list[Ticket]:
    """The tickets with these ids, in this order."""
    if not ids:
        return []
    cursor = db.execute(f"SELECT * FROM tickets WHERE id IN ({', '.join('?' for _ in ids)})", ids)
    columns = [column[0] for column in cursor.description]
    by_id = {row[0]: Ticket.from_row(dict(zip(columns, row))) for row in cursor.fetchall()}
    return [by_id[ticket_id] for ticket_id in ids if ticket_id in by_id]
