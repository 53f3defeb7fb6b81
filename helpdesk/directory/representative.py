"""Who to contact: the KB representative for a directory row or for a ticket, worked out once.

Every place that names a representative (the intake's picker and the F2 lookup, the
ticket write, the ticket view, the CLI, escalation cards, the risk list and the handover)
asks here, so they all give the same person for the same row. The rule:

* a representative is the person behind an e-mail (compared without case), shown with the
  name and mobile most of that e-mail's rows print, ties going to the first printed
  (:class:`helpdesk.directory.rows.Directory` groups the rows);
* when the row itself prints another spelling or number, the row as printed comes along
  (``published``), so the agent sees what the annexure says as well as whom to call;
* the annexure's flaws for the row (typos, an e-mail under someone else's name) travel
  with it as ``warnings``, shown wherever the representative is;
* a ticket keeps the e-mail its row had when it was written; a later directory import may
  drop that person, and the ticket then says so instead of naming someone else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpdesk.directory.rows import Directory, DirectoryRow, email_identity, read_rows
from helpdesk.errors import InputError

if TYPE_CHECKING:
    import sqlite_utils

GONE = "(no longer in the directory)"


@dataclass(frozen=True)
class Contact:
    """A representative as one ministry's (or one ticket's) contact."""

    ministry: str | None
    name: str
    email: str
    mobile: str
    warnings: tuple[str, ...] = ()
    published: dict | None = None  # the row as printed, when it differs from the person

    @property
    def in_directory(self) -> bool:
        return self.name != GONE

    def lines(self) -> list[str]:
        """Name, e-mail, mobile and the ministry, then each warning (which also says what the row
        prints when that differs): a card's text."""
        lines = [self.name, self.email]
        if self.mobile:
            lines.append(self.mobile)
        if self.ministry:
            lines.append(f"for {self.ministry}")
        return lines + [f"⚠ {warning}" for warning in self.warnings]


def of_row(directory: Directory, row: DirectoryRow, warnings: Iterable[str] = ()) -> Contact:
    """The representative a directory row points to."""
    person = directory.representative(row)
    published = None
    if directory.printed_differently(row):
        published = {"ministry": row.ministry, "rep_name": row.rep_name,
                     "rep_email": row.rep_email, "rep_mobile": row.rep_mobile}
    return Contact(row.ministry, person.name, person.email, person.mobile, tuple(warnings), published)


def of_ticket(directory: Directory, ministry: str | None, rep_email: str | None,
              warnings_by_position: Mapping[int, Iterable[str]] | None = None) -> Contact | None:
    """The representative a ticket names (None while it has no ministry)."""
    if not rep_email:
        return None
    person = directory.representatives.get(email_identity(rep_email))
    if person is None:
        return Contact(ministry, GONE, rep_email.strip(), "")
    row = directory.row(ministry) if ministry else None
    if row is not None and row.identity == email_identity(person.email):
        warnings = (warnings_by_position or {}).get(row.position, ())
        return of_row(directory, row, warnings)
    return Contact(ministry, person.name, person.email, person.mobile)


def current_directory(db: sqlite_utils.Database) -> Directory:
    """The directory as the database holds it now (a hundred rows: cheap to read)."""
    return Directory(read_rows(db))


def for_ticket(db: sqlite_utils.Database, ministry: str | None, rep_email: str | None) -> Contact | None:
    """:func:`of_ticket` on the database's current directory rows."""
    return of_ticket(current_directory(db), ministry, rep_email)


def for_ministry(db: sqlite_utils.Database, ministry: str) -> Contact:
    """The representative for the directory row a ticket is being given; any other name is refused."""
    directory = current_directory(db)
    row = directory.row(ministry)
    if row is None:
        raise InputError(f"{ministry!r} is not a row of the directory; find it with `helpdesk lookup`")
    return of_row(directory, row)
