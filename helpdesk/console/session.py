"""One agent's working session: the store, who they are and what time it is, bound together.

The console's screens call this facade (from worker threads) and never write SQL
themselves; tests build one with a frozen clock.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from helpdesk import clock, tickets
from helpdesk.errors import NotFoundError
from helpdesk.console.escalation_calls import EscalationDesk
from helpdesk.hours.status import DeskHours, DeskStatus
from helpdesk.tickets.presence import PresenceBoard, Viewer
from helpdesk.store.connection import Store
from helpdesk.text import clean_line
from helpdesk.tickets.queue import QueuePage, first_page, search_capped


@dataclass
class AgentSession(EscalationDesk):  # escalation calls: helpdesk/console/escalation_calls.py
    store: Store
    agent: str
    now: clock.Clock = clock.now
    # Tells this console's presence heartbeats from the same agent's other consoles.
    console_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def __post_init__(self) -> None:
        self._hours: DeskHours | None = None
        self._library = None  # the reply library, read once from files
        # Representatives' names with the directory version they were read at: the queue
        # asks on every keystroke, and only a directory import or sync changes them.
        self._rep_names: tuple[int, dict[str, str]] | None = None

    # Reading -----------------------------------------------------------------------
    def queue_count(self, query: tickets.QueueFilter) -> int:
        return tickets.count(self.store.db, query)

    def queue_window(self, query: tickets.QueueFilter, offset: int, limit: int) -> list[tickets.Ticket]:
        return tickets.window(self.store.db, query, self.now().date(), offset, limit)

    def queue_page(self, query: tickets.QueueFilter, limit: int) -> QueuePage:
        """What the queue shows for a new filter, in one trip: its first ``limit`` rows,
        how many there are, whether a search was capped, and the representatives' names."""
        rows, total = first_page(self.store.db, query, self.now().date(), limit)
        return QueuePage(rows, total, search_capped(self.store.db, query), self.rep_names())

    def ticket(self, ticket_id: int) -> tickets.Ticket:
        return tickets.load(self.store.db, ticket_id)

    def history(self, ticket_id: int) -> list[tickets.Event]:
        return tickets.events(self.store.db, ticket_id)

    def rep_lines(self, ticket: tickets.Ticket) -> list[str]:
        """The ticket's KB representative as lines for a card: name, e-mail, mobile, the
        row's flaws (reads the directory: call it from a worker)."""
        from helpdesk.directory.lookup import Lookup

        contact = Lookup.from_store(self.store).contact_for_ticket(ticket.ministry, ticket.rep_email)
        if contact is None:
            return ["No ministry chosen yet: F2 finds the representative for any ministry."]
        return [clean_line(line) for line in contact.lines()]

    def rep_names(self) -> dict[str, str]:
        """Each KB representative's name by case-folded e-mail (their identity)."""
        from helpdesk.directory.rows import Directory, version

        current = version(self.store.db)
        if self._rep_names is None or self._rep_names[0] != current:
            names = {identity: rep.name for identity, rep in Directory.from_store(self.store).representatives.items()}
            self._rep_names = (current, names)
        return self._rep_names[1]

    def directory_names(self) -> list[str]:
        """Every ministry/department row of the directory, alphabetically."""
        rows = self.store.db.execute("SELECT ministry FROM directory ORDER BY ministry").fetchall()
        return [row[0] for row in rows]

    def hours(self, *, reload: bool = False) -> DeskHours:
        """The desk's hours with the holiday calendar as loaded (reload after an import)."""
        if self._hours is None or reload:
            self._hours = DeskHours.from_store(self.store)
        return self._hours

    def desk_status(self, *, reload: bool = False) -> DeskStatus:
        return self.hours(reload=reload).status(self.now())

    def reply_setup(self, ticket_id: int) -> tuple[Any, Any, list[Any]]:
        """What the reply picker needs for a ticket: the library, the filled-in context, the
        three suggestions (reads files and the database: call it from a worker)."""
        from helpdesk.directory.rows import Directory
        from helpdesk.responses.reply_context import context_for_ticket, facts_for_ticket
        from helpdesk.responses.suggest import suggest
        from helpdesk.responses.library import default_extra_dir, load_library

        if self._library is None:
            self._library = load_library(default_extra_dir())
        ticket = self.ticket(ticket_id)
        now = self.now()
        context = context_for_ticket(ticket, Directory.from_store(self.store), self.hours(), now)
        return self._library, context, suggest(self._library, facts_for_ticket(ticket, now))

    def record_reply(self, ticket_id: int, response_id: str, language: str) -> tickets.Ticket:
        return tickets.record_reply(self.store, ticket_id, response_id, language, self.agent, at=self.now())

    def data_version(self) -> int:
        """Changes whenever another connection commits: the cheap "has anything changed?"."""
        return self.store.db.execute("PRAGMA data_version").fetchone()[0]

    # Writing -----------------------------------------------------------------------
    def create_ticket(self, fields: Mapping[str, Any], *, claim: bool,
                      override_reason: str | None = None) -> tickets.Ticket:
        return tickets.create(self.store, fields, self.agent, at=self.now(), claim=claim,
                              hours=self.hours(), override_reason=override_reason)

    def update_ticket(self, ticket_id: int, changes: Mapping[str, Any], version: int) -> tickets.Ticket:
        return tickets.update(self.store, ticket_id, changes, self.agent,
                              expected_version=version, at=self.now())

    def claim(self, ticket_id: int) -> tickets.Ticket:
        return tickets.claim(self.store, ticket_id, self.agent, at=self.now())

    def claim_next(self) -> tickets.Ticket | None:
        return tickets.claim_next(self.store, self.agent, at=self.now())

    def assign(self, ticket_id: int, assignee: str | None, version: int) -> tickets.Ticket:
        return tickets.assign(self.store, ticket_id, assignee, self.agent,
                              expected_version=version, at=self.now())

    def set_status(self, ticket_id: int, status: str, version: int) -> tickets.Ticket:
        return tickets.set_status(self.store, ticket_id, status, self.agent,
                                  expected_version=version, at=self.now())

    def add_note(self, ticket_id: int, body: str) -> tickets.Ticket:
        return tickets.add_note(self.store, ticket_id, body, self.agent, at=self.now())

    def resolve(self, ticket_id: int, outcome: str, note: str, version: int) -> tickets.Ticket:
        return tickets.resolve(self.store, ticket_id, outcome, note, self.agent,
                               expected_version=version, at=self.now())

    # Intake drafts -------------------------------------------------------------------
    def save_draft(self, fields: Mapping[str, Any]) -> None:
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO drafts (agent, saved_at, fields) VALUES (?, ?, ?) "
                "ON CONFLICT (agent) DO UPDATE SET saved_at = excluded.saved_at, fields = excluded.fields",
                [self.agent, clock.iso(self.now()), json.dumps(dict(fields), ensure_ascii=False)],
            )

    def load_draft(self) -> tuple[str, dict[str, Any]] | None:
        """The agent's unsaved intake form and when it was saved, if there is one."""
        row = self.store.db.execute("SELECT saved_at, fields FROM drafts WHERE agent = ?",
                                    [self.agent]).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def clear_draft(self) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM drafts WHERE agent = ?", [self.agent])

    # Unsaved ticket edits -------------------------------------------------------------
    def save_ticket_draft(self, ticket_id: int, version: int, fields: Mapping[str, Any]) -> None:
        """Keep edits typed into ticket ``ticket_id`` (made on ``version``) until saved."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO ticket_drafts (agent, ticket_id, version, saved_at, fields) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (agent, ticket_id) DO UPDATE SET version = excluded.version, "
                "saved_at = excluded.saved_at, fields = excluded.fields",
                [self.agent, ticket_id, version, clock.iso(self.now()), json.dumps(dict(fields), ensure_ascii=False)],
            )

    def load_ticket_draft(self, ticket_id: int) -> tuple[int, dict[str, Any]] | None:
        """The agent's unsaved edits to a ticket and the version they were made on, if any."""
        row = self.store.db.execute("SELECT version, fields FROM ticket_drafts WHERE agent = ? AND ticket_id = ?",
                                    [self.agent, ticket_id]).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def clear_ticket_draft(self, ticket_id: int) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM ticket_drafts WHERE agent = ? AND ticket_id = ?", [self.agent, ticket_id])

    def recent_tickets(self, ticket_ids: list[int]) -> list[tickets.Ticket]:
        """Those tickets, in the order given (ones that no longer exist left out)."""
        found = []
        for ticket_id in ticket_ids:
            try:
                found.append(self.ticket(ticket_id))
            except NotFoundError:
                continue
        return found

    # Presence (who else has a ticket open) -------------------------------------------
    @cached_property
    def presence_board(self) -> PresenceBoard:
        return PresenceBoard(self.store.path)

    def ticket_presence(self, ticket_id: int, *, editing: bool) -> list[Viewer]:
        """Renew this console's heartbeat on the ticket; who else has it open right now."""
        moment = self.now()
        self.presence_board.beat(self.console_id, self.agent, ticket_id, editing=editing, at=moment)
        return self.presence_board.viewers(at=moment, ticket_id=ticket_id, except_console=self.console_id)

    def leave_ticket(self, ticket_id: int) -> None:
        self.presence_board.leave(self.console_id, ticket_id)

    # Reports, clocks and the handover (issue 5) -----------------------------------------
    def _report_basis(self):
        from helpdesk import config
        from helpdesk.hours.status import DeskHours
        from helpdesk.reports.sla import load_targets

        return DeskHours.from_store(self.store), load_targets(config.load())

    def target_marks(self, rows: list[tickets.Ticket]):
        """Near/past-target marks for queue rows, by ticket id (active tickets only)."""
        from helpdesk.reports.queue_marks import queue_marks

        hours, targets = self._report_basis()
        return queue_marks(self.store.db, rows, hours, targets, self.now())

    def report(self, period):
        """The dashboard's figures for a ``periods.Period``."""
        from helpdesk.reports.figures import build_report

        hours, targets = self._report_basis()
        return build_report(self.store.db, hours, targets, period, self.now())

    def handover(self):
        from helpdesk.reports.handover import build_handover

        hours, targets = self._report_basis()
        return build_handover(self.store.db, hours, targets, self.now(), self.agent)

    def closing_reminder(self) -> str | None:
        """The end-of-day nudge, when the desk closes within half an hour."""
        from helpdesk.reports.handover import closing_reminder
        from helpdesk.hours.status import DeskHours

        now = self.now()
        return closing_reminder(DeskHours.from_store(self.store).status(now), now)

    def write_handover(self, text: str):
        """Save the handover Markdown beside the database (owner-only); returns the path."""
        from pathlib import Path

        from helpdesk.locations import ensure_private_dir
        from helpdesk.private_files import private_output

        folder = Path(self.store.path).parent / "handovers"
        ensure_private_dir(folder)
        now = self.now()
        path = folder / f"handover-{now:%Y-%m-%d-%H%M}-{_file_safe(self.agent)}.md"
        with private_output(path, overwrite=True) as output:
            output.write(text)
        return path


def _file_safe(name: str) -> str:
    """An agent's name as part of a file name: letters, digits, dot, dash, underscore."""
    import re

    return re.sub(r"[^\w.-]+", "_", name, flags=re.ASCII).strip("._") or "agent"
