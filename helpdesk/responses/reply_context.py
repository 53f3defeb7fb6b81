"""What a reply needs to know about a ticket: its participant, representative and the desk's hours.

One builder for the console and ``helpdesk responses show --ticket N``, so a reply reads
the same wherever it is rendered.
"""

from __future__ import annotations

from datetime import datetime

from helpdesk.directory.representative import of_ticket
from helpdesk.directory.rows import Directory
from helpdesk.hours.status import DeskHours
from helpdesk.responses.render import ResponseContext
from helpdesk.responses.suggest import TicketFacts
from helpdesk.tickets import Ticket


def context_for_ticket(ticket: Ticket, directory: Directory, hours: DeskHours, now: datetime,
                       language: str | None = None) -> ResponseContext:
    representative = of_ticket(directory, ticket.ministry, ticket.rep_email)
    if representative is not None and not representative.in_directory:
        representative = None  # a reply never names someone the directory no longer lists
    next_open = hours.next_open(now)
    return ResponseContext(
        today=now.date(),
        participant_name=ticket.participant_name or None,
        email=ticket.email or None,
        registration_path=ticket.registration_path,
        ministry=ticket.ministry,
        rep_name=representative.name if representative else None,
        rep_email=representative.email if representative else None,
        rep_mobile=representative.mobile if representative else None,
        training_date=ticket.training_date,
        next_opening_text=f"{next_open:%A %d %B %Y, %H:%M} IST",
        language=language or ticket.language,
    )


def facts_for_ticket(ticket: Ticket, now: datetime) -> TicketFacts:
    """What the suggester ranks replies on."""
    return TicketFacts(category=ticket.category, registration_path=ticket.registration_path,
                       training_date=ticket.training_date, today=now.date(), question=ticket.question)
