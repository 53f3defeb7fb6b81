"""``helpdesk doctor``: is the database healthy, safe to share, and set up as the desk needs?

Each check says ok, warning (works, but someone should know) or problem (unhealthy: the
command exits 1). Nothing here writes to the database or creates it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from helpdesk import clock
from helpdesk.admin.backup import counted
from helpdesk.tickets.presence import PresenceBoard, presence_path
from helpdesk.store.migrations import migration_names
from helpdesk.store.connection import Store, StoreError

OK, WARNING, PROBLEM = "ok", "warning", "problem"
# SQLite's WAL-reset bug: in 3.7.0 up to 3.51.2, two connections writing and checkpointing at
# the same moment could, rarely, corrupt the database. Fixed in 3.51.3.
WAL_RESET_BUG = ((3, 7, 0), (3, 51, 3))
LARGE_WAL_BYTES = 64 * 1024 * 1024
BACKUP_AGE_WARNING = timedelta(days=7)
MOUNTS = Path("/proc/mounts")  # Linux: which filesystem each path is on
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "glusterfs",
                       "ceph", "fuse.rclone", "davfs", "fuse.s3fs"}


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    detail: str


@dataclass
class Report:
    database: Path
    sqlite_version: str
    checks: list[Check] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return all(check.status != PROBLEM for check in self.checks)

    def add(self, name: str, status: str, detail: str) -> None:
        self.checks.append(Check(name, status, detail))

    def to_dict(self) -> dict:
        return {"database": str(self.database), "sqlite_version": self.sqlite_version,
                "healthy": self.healthy, "checks": [asdict(check) for check in self.checks]}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3])


def sqlite_check(version: str) -> Check:
    first_bad, fixed = WAL_RESET_BUG
    if first_bad <= _version(version) < fixed:
        return Check("sqlite", WARNING, (
            f"SQLite {version} has the WAL-reset bug (3.7.0 to 3.51.2, fixed in 3.51.3): rarely, two "
            "connections writing and checkpointing at the same moment corrupt the database, which is "
            "what several consoles on one file do. helpdesk keeps memory-mapped I/O off (it made the "
            "bug likelier elsewhere); run `helpdesk doctor` and `helpdesk backup` daily, and use a "
            "Python built with SQLite 3.51.3 or later when you can."))
    return Check("sqlite", OK, f"SQLite {version} (not affected by the WAL-reset bug)")


def examine(path: Path, *, at: datetime | None = None) -> Report:
    moment = at or clock.now()
    report = Report(Path(path), sqlite3.sqlite_version)
    report.checks.append(sqlite_check(sqlite3.sqlite_version))
    if not report.database.is_file():
        report.add("database", PROBLEM, f"there is no database at {report.database}; any helpdesk "
                                        "command creates it")
        return report
    store = Store(report.database)
    try:
        db = store.db
        _integrity(report, db.conn)
        if report.healthy:
            _settings(report, db.conn)
            _schema(report, db.conn)
            _contents(report, db.conn, moment)
    except (sqlite3.DatabaseError, StoreError) as error:
        report.add("integrity", PROBLEM, f"the file cannot be read as a database: {error}")
    finally:
        store.close()
    _files(report)
    _filesystem(report)
    _consoles(report, moment)
    return report


def _integrity(report: Report, connection: sqlite3.Connection) -> None:
    verdict = [row[0] for row in connection.execute("PRAGMA integrity_check(20)")]
    if verdict == ["ok"]:
        report.add("integrity", OK, "integrity_check: ok")
    else:
        report.add("integrity", PROBLEM, "integrity_check: " + "; ".join(verdict) +
                   ". Stop the consoles and restore the latest backup (`helpdesk restore`).")
    broken_links = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken_links:
        report.add("foreign keys", PROBLEM, f"{len(broken_links)} rows point at rows that do not exist "
                                            f"(first in table {broken_links[0][0]})")


def _settings(report: Report, connection: sqlite3.Connection) -> None:
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    if mode == "wal":
        report.add("journal mode", OK, "WAL: readers never wait for the writer")
    else:
        report.add("journal mode", WARNING, f"{mode}: switched to WAL when a console or command opens it")
    synchronous = connection.execute("PRAGMA synchronous").fetchone()[0]
    names = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
    if synchronous >= 2:
        report.add("durability", OK, f"synchronous={names[synchronous]}: a ticket is on disk when the "
                                     "console says saved, even across a power cut")
    else:
        report.add("durability", PROBLEM, f"synchronous={names[synchronous]}: saved tickets can be lost "
                                          "in a power cut")


def _schema(report: Report, connection: sqlite3.Connection) -> None:
    try:
        applied = [row[0] for row in connection.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'helpdesk' ORDER BY id")]
    except sqlite3.OperationalError:
        report.add("schema", PROBLEM, "not a helpdesk database (no migrations table)")
        return
    known = migration_names()
    unknown = [name for name in applied if name not in known]
    pending = [name for name in known if name not in applied]
    if unknown:
        report.add("schema", PROBLEM, f"made by a newer helpdesk ({', '.join(unknown)} unknown here): "
                                      "upgrade helpdesk on this machine")
    elif pending:
        report.add("schema", WARNING, f"{len(pending)} pending schema changes ({', '.join(pending)}), "
                                      "applied when a console or command next opens the database")
    else:
        report.add("schema", OK, f"up to date ({len(applied)} schema changes applied)")


def _contents(report: Report, connection: sqlite3.Connection, moment: datetime) -> None:
    def one(sql: str, *params):
        return connection.execute(sql, params).fetchone()[0]

    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "tickets" not in tables:
        return  # reported by the schema check
    total = one("SELECT count(*) FROM tickets")
    active = one("SELECT count(*) FROM tickets WHERE status NOT IN ('resolved', 'closed')")
    report.add("contents", OK, (
        f"{counted(total, 'ticket')} ({active} active), "
        f"{counted(one('SELECT count(*) FROM ticket_events'), 'history entry')}, "
        f"{counted(one('SELECT count(*) FROM audit_log'), 'audit entry')}, "
        f"{counted(one('SELECT count(*) FROM directory'), 'directory row')}, "
        f"{counted(one('SELECT count(*) FROM holiday_years'), 'holiday year')}"))
    supervisors = one("SELECT count(*) FROM agents WHERE role = 'supervisor'")
    if supervisors:
        report.add("roles", OK, f"{supervisors} supervisor{'s' if supervisors != 1 else ''}")
    else:
        report.add("roles", WARNING, "no supervisor yet: the owner of the database file adds one with "
                                     "`helpdesk agents add NAME --supervisor`")
    last_backup = one("SELECT max(at) FROM audit_log WHERE action = 'backup'")
    if last_backup is None:
        report.add("backups", WARNING, "no backup recorded; a supervisor makes one with `helpdesk backup PATH`")
    elif moment - datetime.fromisoformat(last_backup) > BACKUP_AGE_WARNING:
        report.add("backups", WARNING, f"the last backup was made {last_backup[:16].replace('T', ' ')}")
    else:
        report.add("backups", OK, f"last backup {last_backup[:16].replace('T', ' ')}")


def _files(report: Report) -> None:
    database = report.database
    wal = database.with_name(database.name + "-wal")
    if wal.exists() and wal.stat().st_size > LARGE_WAL_BYTES:
        report.add("wal size", WARNING, f"{wal.name} is {wal.stat().st_size // (1024 * 1024)} MB: a console "
                                        "or script keeping a read open stops checkpoints; restart idle ones")
    elif wal.exists():
        report.add("wal size", OK, f"{wal.name} is {wal.stat().st_size // 1024} KB")
    if os.name != "posix":
        return
    exposed = []
    for candidate in (database, wal, database.with_name(database.name + "-shm"), presence_path(database)):
        if candidate.exists() and stat.S_IMODE(candidate.stat().st_mode) & 0o077:
            exposed.append(f"chmod 600 {candidate}")
    if exposed:
        report.add("permissions", PROBLEM, "other users can read participants' personal data: run "
                   + "; ".join(exposed))
    else:
        report.add("permissions", OK, "owner-only files (0600)")
    folder = database.parent.stat().st_mode
    if folder & 0o022 and not folder & stat.S_ISVTX:
        report.add("folder", WARNING, f"other users may replace or delete the database in {database.parent}: "
                                      f"run chmod 700 {database.parent}")


def _filesystem(report: Report) -> None:
    mounts = MOUNTS
    if not mounts.exists():
        return
    target = str(report.database.resolve())
    best, kind = "", ""
    for line in mounts.read_text(errors="replace").splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].replace("\\040", " ")
            if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
                best, kind = point, parts[2]
    if kind in NETWORK_FILESYSTEMS:
        report.add("filesystem", PROBLEM, f"the database is on {kind} ({best}): SQLite's WAL does not work "
                                          "over a network filesystem; keep it on the host's local disk "
                                          "and let agents SSH in")
    elif kind:
        report.add("filesystem", OK, f"local filesystem ({kind})")


def _consoles(report: Report, moment: datetime) -> None:
    try:
        viewers = PresenceBoard(report.database).viewers(at=moment)
    except sqlite3.Error as error:
        report.add("consoles", WARNING, f"cannot read who has tickets open: {error}")
        return
    if viewers:
        report.add("consoles", OK, "tickets open now: " + ", ".join(
            f"{viewer.agent} on #{viewer.ticket_id}" for viewer in viewers))
    else:
        report.add("consoles", OK, "no console has a ticket open")
