"""The KB directory: which Karmayogi Bharat representative looks after which ministry.

The rows are the annexure of the Jan Seva guidelines, kept exactly as published (typos
included) in ``data/directory.tsv`` and seeded into the ``directory`` table. A
representative's identity is their e-mail: the annexure prints some names two ways
("Akshya"/"Akshay Sharma"), and one row pairs a name and mobile with somebody else's
e-mail. :class:`Representative` gathers every row under one e-mail and picks the spelling
and number most of those rows use; the printed rows themselves are never rewritten.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

    from helpdesk.store.connection import Store

PUBLISHED_FILE = "directory.tsv"
# The annexure's own header, in its own words; exports write it back the same way.
HEADER = ("Ministry/Department", "iGOT POC", "Email", "Mobile")
FIELDS = ("ministry", "rep_name", "rep_email", "rep_mobile")


@dataclass(frozen=True)
class DirectoryRow:
    """One annexure row as printed; ``position`` is its 1-based place in the annexure."""

    position: int
    ministry: str
    rep_name: str
    rep_email: str
    rep_mobile: str

    @property
    def identity(self) -> str:
        """The representative this row points to: its e-mail, compared without case."""
        return email_identity(self.rep_email)

    def fields(self) -> tuple[str, str, str, str]:
        return (self.ministry, self.rep_name, self.rep_email, self.rep_mobile)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Representative:
    """A KB representative: everything the directory says under one e-mail."""

    email: str
    name: str  # the spelling most rows use with this e-mail
    mobile: str  # the number most rows give with this e-mail
    names: tuple[str, ...]  # every printed spelling, most used first
    mobiles: tuple[str, ...]  # every printed number, most used first
    positions: tuple[int, ...]  # the rows that carry this e-mail

    def to_dict(self) -> dict:
        return asdict(self)


def email_identity(email: str) -> str:
    return email.strip().casefold()


def _most_used(values: Sequence[str]) -> tuple[str, ...]:
    """Distinct values, most frequent first; ties go to the one printed first."""
    counts = Counter(values)
    first_seen = {value: index for index, value in reversed(list(enumerate(values)))}
    return tuple(sorted(counts, key=lambda value: (-counts[value], first_seen[value])))


class Directory:
    """The rows in annexure order, and the representatives they name."""

    def __init__(self, rows: Iterable[DirectoryRow]) -> None:
        self.rows: tuple[DirectoryRow, ...] = tuple(sorted(rows, key=lambda row: row.position))
        self._by_ministry = {row.ministry: row for row in self.rows}
        self._by_position = {row.position: row for row in self.rows}
        grouped: dict[str, list[DirectoryRow]] = {}
        for row in self.rows:
            grouped.setdefault(row.identity, []).append(row)
        self.representatives: dict[str, Representative] = {}
        for identity, rep_rows in grouped.items():
            names = _most_used([row.rep_name for row in rep_rows])
            mobiles = _most_used([row.rep_mobile for row in rep_rows])
            self.representatives[identity] = Representative(
                email=rep_rows[0].rep_email.strip(),
                name=names[0],
                mobile=mobiles[0],
                names=names,
                mobiles=mobiles,
                positions=tuple(row.position for row in rep_rows),
            )
        self.content_key = hashlib.sha256(
            "\n".join("\t".join((str(row.position), *row.fields())) for row in self.rows)
            .encode("utf-8")
        ).hexdigest()

    @classmethod
    def published(cls) -> Directory:
        return cls(load_published())

    @classmethod
    def from_store(cls, store: Store) -> Directory:
        return cls(read_rows(store.db))

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[DirectoryRow]:
        return iter(self.rows)

    def row(self, ministry: str) -> DirectoryRow | None:
        """The row printed with exactly this ministry name, if any."""
        return self._by_ministry.get(ministry)

    def at(self, position: int) -> DirectoryRow:
        return self._by_position[position]

    def representative(self, row: DirectoryRow) -> Representative:
        return self.representatives[row.identity]

    def printed_differently(self, row: DirectoryRow) -> bool:
        """True when the row's name or mobile is not its e-mail's canonical one."""
        person = self.representative(row)
        return row.rep_name != person.name or row.rep_mobile != person.mobile


def parse_published(text: str) -> list[DirectoryRow]:
    """The shipped file: the annexure header, then one tab-separated row per line."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        raise ValueError(f"{PUBLISHED_FILE} must start with the annexure header {HEADER}")
    rows = []
    for position, line in enumerate(lines[1:], start=1):
        cells = line.split("\t")
        if len(cells) != len(HEADER):
            raise ValueError(f"{PUBLISHED_FILE} line {position + 1} has {len(cells)} fields")
        rows.append(DirectoryRow(position, *cells))
    return rows


def load_published() -> list[DirectoryRow]:
    """The annexure rows shipped with helpdesk (data/directory.tsv), in published order."""
    text = files("helpdesk.data").joinpath(PUBLISHED_FILE).read_text(encoding="utf-8")
    return parse_published(text)


def read_rows(db: sqlite_utils.Database) -> list[DirectoryRow]:
    cursor = db.execute(
        "SELECT position, ministry, rep_name, rep_email, rep_mobile FROM directory ORDER BY position"
    )
    return [DirectoryRow(*record) for record in cursor.fetchall()]


def version(db: sqlite_utils.Database) -> int:
    """A number that changes whenever any directory row is written (kept by triggers)."""
    return db.execute("SELECT version FROM directory_version").fetchone()[0]


def replace_rows(db: sqlite_utils.Database, rows: Iterable[DirectoryRow]) -> None:
    """Make the table hold exactly ``rows``; the caller owns the transaction."""
    db.execute("DELETE FROM directory")
    db.conn.executemany(
        "INSERT INTO directory (position, ministry, rep_name, rep_email, rep_mobile) "
        "VALUES (?, ?, ?, ?, ?)",
        [(row.position, *row.fields()) for row in rows],
    )
