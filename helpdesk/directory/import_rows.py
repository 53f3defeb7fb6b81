"""An updated annexure, as a file: parse it, check it, compare it, and replace the directory.

The steps are separate functions because a file from disk (``directory import FILE``)
and one fetched over HTTP (a later ``directory sync URL``) go through the same ones:

    rows = parse_annexure(text)          # TSV or CSV, the annexure's header or a variant
    validate(rows)                       # every field, e-mail and mobile; no repeats
    changes = diff(current, rows)        # added, removed, changed
    refuse_if_suspicious(current, rows)  # empty, or most of the directory gone
    apply(store, rows)                   # one transaction: all rows or none

and ``write_annexure`` turns rows back into the annexure's TSV (or CSV, or JSON).

Cells are kept as written (control characters aside): the directory is evidence of what
was published, so a typo in an update is shown by ``directory check``, not corrected here.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from helpdesk import emails, mobiles
from helpdesk.access import audit
from helpdesk.directory.rows import FIELDS, HEADER, DirectoryRow, read_rows, replace_rows
from helpdesk.errors import InputError
from helpdesk.access.roles import require_supervisor
from helpdesk.text import clean

if TYPE_CHECKING:
    from helpdesk.store.connection import Store

MAX_FILE_BYTES = 2_000_000  # the annexure is a few kilobytes; this is not one
MAX_PROBLEMS_SHOWN = 5

# Header cells people use for each column, after lower-casing and dropping punctuation.
HEADER_NAMES = {
    "ministry": {"ministry department", "ministry", "department", "ministry or department",
                 "ministries departments", "organisation", "organization", "mdo", "body"},
    "rep_name": {"igot poc", "poc", "kb poc", "kb representative", "representative", "name",
                 "kb representative name", "igot kb poc", "contact person"},
    "rep_email": {"email", "e mail", "email id", "e mail id", "mail", "email address"},
    "rep_mobile": {"mobile", "mobile no", "mobile number", "phone", "phone number", "contact number",
                   "mob no"},
}


class DirectoryFileError(InputError):
    """The file cannot become the directory; the message says why and nothing was changed."""


@dataclass(frozen=True)
class Change:
    ministry: str
    before: DirectoryRow
    after: DirectoryRow
    fields: tuple[str, ...]  # which of FIELDS differ


@dataclass(frozen=True)
class DirectoryDiff:
    added: list[DirectoryRow] = field(default_factory=list)
    removed: list[DirectoryRow] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    reordered: bool = False  # same rows, another order

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.reordered)

    def to_dict(self) -> dict:
        return {
            "added": [row.to_dict() for row in self.added],
            "removed": [row.to_dict() for row in self.removed],
            "changed": [{"ministry": change.ministry, "fields": list(change.fields),
                         "before": change.before.to_dict(), "after": change.after.to_dict()}
                        for change in self.changed],
            "unchanged": self.unchanged,
            "reordered": self.reordered,
        }


def decode(data: bytes, source: str = "the file") -> str:
    """UTF-8 text (a byte-order mark is dropped); anything else is refused, not guessed."""
    if len(data) > MAX_FILE_BYTES:
        raise DirectoryFileError(f"{source} is {len(data):,} bytes; an annexure is far smaller")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DirectoryFileError(
            f"{source} is not UTF-8 text (byte {error.start}); save it as UTF-8 and try again"
        ) from None


def _header_key(cell: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", cell.casefold()).split())


def _columns(header: list[str], source: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for position, cell in enumerate(header):
        key = _header_key(cell)
        for column, names in HEADER_NAMES.items():
            if key in names and column not in found:
                found[column] = position
    missing = [column for column in FIELDS if column not in found]
    if missing:
        shown = ", ".join(repr(cell) for cell in header) or "nothing"
        raise DirectoryFileError(
            f"{source} has no {' / '.join(missing)} column; its first line must be a header like "
            f"'Ministry/Department, iGOT POC, Email, Mobile' (found {shown})"
        )
    return found


def parse_annexure(text: str, source: str = "the file") -> list[DirectoryRow]:
    """Rows from TSV or CSV text with a header line; blank lines are skipped.

    Tabs in the header mean TSV (the annexure as published); otherwise CSV with commas or
    semicolons, quoted as spreadsheets write it.
    """
    lines = text.splitlines()
    content = [line for line in lines if line.strip()]
    if not content:
        raise DirectoryFileError(f"{source} is empty")
    header_line = content[0]
    if "\t" in header_line:
        delimiter, file_format = "\t", "TSV"
    else:
        delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
        file_format = "CSV"
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter, quoting=quoting, strict=True))
    except csv.Error as error:
        raise DirectoryFileError(f"{source} is not readable {file_format}: {error}") from None
    numbered = [(number, record) for number, record in enumerate(records, start=1)
                if any(cell.strip() for cell in record)]
    (_, header), *body = numbered
    columns = _columns(header, source)
    if not body:
        raise DirectoryFileError(f"{source} has a header but no rows")
    rows = []
    for position, (number, record) in enumerate(body, start=1):
        # Spreadsheets pad rows with empty cells; only cells with text must fit the header.
        while len(record) > len(header) and not record[-1].strip():
            record = record[:-1]
        if len(record) != len(header):
            raise DirectoryFileError(
                f"{source} line {number} has {len(record)} fields where the header has "
                f"{len(header)}; nothing was imported"
            )
        values = [clean(record[columns[column]]) for column in FIELDS]
        rows.append(DirectoryRow(position, *values))
    return rows


def problems(rows: list[DirectoryRow]) -> list[str]:
    """Everything that makes these rows unusable as the directory, row by row."""
    found = []
    seen: dict[str, int] = {}
    labels = dict(zip(FIELDS, ("ministry", "representative", "e-mail", "mobile")))
    for row in rows:
        where = f"row {row.position} ({row.ministry.strip() or 'no ministry'})"
        for column in FIELDS:
            if not getattr(row, column).strip():
                found.append(f"{where}: the {labels[column]} is empty")
        if row.rep_email.strip():
            verdict = emails.classify(row.rep_email)
            if not verdict.valid:
                found.append(f"{where}: e-mail {row.rep_email!r} is not valid ({verdict.error})")
        if row.rep_mobile.strip():
            verdict = mobiles.classify(row.rep_mobile)
            if not verdict.valid:
                found.append(f"{where}: mobile {row.rep_mobile!r} is not valid ({verdict.error})")
        key = row.ministry.strip().casefold()
        if key and key in seen:
            found.append(f"{where}: the same ministry as row {seen[key]}")
        seen.setdefault(key, row.position)
    return found


def validate(rows: list[DirectoryRow], source: str = "the file") -> None:
    found = problems(rows)
    if found:
        shown = "; ".join(found[:MAX_PROBLEMS_SHOWN])
        more = f" (and {len(found) - MAX_PROBLEMS_SHOWN} more)" if len(found) > MAX_PROBLEMS_SHOWN else ""
        raise DirectoryFileError(f"{source} has {len(found)} problem(s), nothing was imported: {shown}{more}")


def diff(current: list[DirectoryRow], new: list[DirectoryRow]) -> DirectoryDiff:
    """What would change, matching rows by their ministry as printed."""
    before = {row.ministry: row for row in current}
    after = {row.ministry: row for row in new}
    added = [row for row in new if row.ministry not in before]
    removed = [row for row in current if row.ministry not in after]
    changed, unchanged = [], 0
    for row in new:
        old = before.get(row.ministry)
        if old is None:
            continue
        differing = tuple(column for column in FIELDS if getattr(old, column) != getattr(row, column))
        if differing:
            changed.append(Change(row.ministry, old, row, differing))
        else:
            unchanged += 1
    kept_order_before = [row.ministry for row in current if row.ministry in after]
    kept_order_after = [row.ministry for row in new if row.ministry in before]
    return DirectoryDiff(added, removed, changed, unchanged, kept_order_before != kept_order_after)


def refuse_if_suspicious(current: list[DirectoryRow], new: list[DirectoryRow],
                         source: str = "the file") -> None:
    """A file that would gut the directory is more likely a wrong file than an update."""
    changes = diff(current, new)
    if current and len(changes.removed) * 2 > len(current):
        raise DirectoryFileError(
            f"{source} would remove {len(changes.removed)} of the {len(current)} rows; that looks "
            "like the wrong file, not an update, and nothing was imported"
        )


def load(text: str, current: list[DirectoryRow], source: str = "the file") -> tuple[list[DirectoryRow], DirectoryDiff]:
    """Parse, validate and compare in one go; raises DirectoryFileError when unusable."""
    rows = parse_annexure(text, source)
    validate(rows, source)
    refuse_if_suspicious(current, rows, source)
    return rows, diff(current, rows)


def apply(store: Store, rows: list[DirectoryRow], expected_current: list[DirectoryRow] | None = None, *,
          agent: str, source: str = "the file") -> None:
    """Replace the directory with ``rows`` in one transaction (supervisors only).

    With ``expected_current``, refuse if another agent changed the directory since the
    differences were shown, rather than overwrite what nobody has reviewed. The rows
    removed, added and changed are audited with their values before and after.
    """
    with store.transaction() as db:
        require_supervisor(db, agent, "import the directory")
        current = read_rows(db)
        if expected_current is not None and current != expected_current:
            raise DirectoryFileError("the directory changed while the file was being checked; "
                                     "run the import again to see the new differences")
        changes = diff(current, rows)
        audit.record(db, agent, "directory.import", target=clean(source),
                     before={"rows": len(current),
                             "removed": [row.to_dict() for row in changes.removed],
                             "changed": [change.before.to_dict() for change in changes.changed]},
                     after={"rows": len(rows),
                            "added": [row.to_dict() for row in changes.added],
                            "changed": [change.after.to_dict() for change in changes.changed],
                            "reordered": changes.reordered})
        replace_rows(db, rows)


def write_annexure(rows: list[DirectoryRow], file_format: str) -> str:
    """The rows as the annexure's TSV (what data/directory.tsv holds), CSV, or JSON."""
    if file_format == "json":
        return json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=2) + "\n"
    if file_format == "tsv":
        return "".join("\t".join(cells) + "\n" for cells in [HEADER, *(row.fields() for row in rows)])
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(row.fields() for row in rows)
        return buffer.getvalue()
    raise ValueError(f"unknown format {file_format!r}")
