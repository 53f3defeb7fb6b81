"""Upcoming-training risk: who trains within the registration window and is still stuck.

The guidelines ask participants to be registered 7 days before their training; a
participant inside that window whose ticket is not resolved may miss the training (and
its certificate). The list is grouped by ministry, each with the KB representative to
alert, soonest training first: what a coordinator works through each morning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlite_utils

from helpdesk import desk
from helpdesk.directory.representative import Contact, current_directory, of_ticket


@dataclass(frozen=True)
class RiskTicket:
    id: int
    participant_name: str
    training_date: date
    days_left: int
    status: str
    assignee: str | None
    category: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "participant_name": self.participant_name,
                "training_date": self.training_date.isoformat(), "days_left": self.days_left,
                "status": self.status, "assignee": self.assignee, "category": self.category}


@dataclass(frozen=True)
class RiskGroup:
    ministry: str | None  # None: the ministry is not identified yet
    representative: Contact | None
    tickets: list[RiskTicket] = field(default_factory=list)

    @property
    def soonest(self) -> date:
        return min(ticket.training_date for ticket in self.tickets)

    def to_dict(self) -> dict[str, Any]:
        rep = self.representative
        return {"ministry": self.ministry,
                "representative": None if rep is None else
                {"name": rep.name, "email": rep.email, "mobile": rep.mobile},
                "tickets": [ticket.to_dict() for ticket in self.tickets]}


def training_risk(db: sqlite_utils.Database, today: date,
                  within_days: int | None = None) -> list[RiskGroup]:
    """Unresolved tickets whose training is today or within ``within_days`` (default: the
    guidelines' registration deadline, 7 days), grouped by ministry, soonest first."""
    window = desk.facts().register_days_before if within_days is None else within_days
    rows = db.execute(
        "SELECT id, participant_name, training_date, status, assignee, category, ministry, rep_email "
        "FROM tickets WHERE status NOT IN ('resolved', 'closed') "
        "AND training_date BETWEEN ? AND ? ORDER BY training_date, created_at, id",
        [today.isoformat(), (today + timedelta(days=window)).isoformat()],
    ).fetchall()
    directory = current_directory(db) if rows else None
    groups: dict[str | None, RiskGroup] = {}
    for ticket_id, name, training, status, assignee, category, ministry, rep_email in rows:
        training_day = date.fromisoformat(training)
        if ministry not in groups:
            groups[ministry] = RiskGroup(ministry, of_ticket(directory, ministry, rep_email))
        group = groups[ministry]
        group.tickets.append(RiskTicket(ticket_id, name, training_day, (training_day - today).days,
                                        status, assignee, category))
    # Soonest training first; tickets with no ministry yet form one group, after named
    # groups with the same soonest date.
    return sorted(groups.values(), key=lambda g: (g.soonest, g.ministry is None, g.ministry or ""))
