"""Tickets as text for people: one line in a list, a block for one ticket."""

from __future__ import annotations

from datetime import datetime, timedelta

from helpdesk.hours.wording import deadline_lines, short_duration
from ..taxonomy import CATEGORIES, CHANNELS, OUTCOMES, STATUSES, label
from ..text import clean_line
from ..tickets import Event, Ticket


def _fit(text: str, width: int) -> str:
    text = clean_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def list_header() -> str:
    return f"{'#':>6}  {'wait':>7}  {'participant':<22} {'ministry':<26} {'status':<12} {'assignee':<10} training"


def list_line(ticket: Ticket, now: datetime) -> str:
    urgency = ticket.urgency(now.date()).label
    training = ticket.training_date.isoformat() if ticket.training_date else "—"
    if urgency:
        training += f" ({urgency})"
    return (
        f"{ticket.id:>6}  {short_duration(ticket.waiting(now)):>7}  "
        f"{_fit(ticket.participant_name, 22):<22} "
        f"{_fit(ticket.ministry or ticket.ministry_query or '—', 26):<26} "
        f"{_fit(ticket.status, 12):<12} {_fit(ticket.assignee or '—', 10):<10} {training}"
    )


def detail(ticket: Ticket, history: list[Event], now: datetime) -> str:
    path = ticket.registration_path
    rows = [
        f"Ticket #{ticket.id} · {label(STATUSES, ticket.status)} · {ticket.assignee or 'unassigned'}"
        f" · version {ticket.version}",
        f"  participant   {ticket.participant_name}",
        f"  e-mail        {ticket.email or '—'}"
        + (f"  ({path})" if path else ""),
        f"  mobile        {ticket.mobile or '—'}",
        f"  ministry      {ticket.ministry or '—'}"
        + (f"  (said: {ticket.ministry_query})" if ticket.ministry_query else ""),
        f"  KB rep        {ticket.rep_email or '—'}",
        f"  category      {label(CATEGORIES, ticket.category)}",
        f"  channel       {label(CHANNELS, ticket.channel)}",
        f"  training      {ticket.training_date.isoformat() if ticket.training_date else '—'}",
    ]
    rows += [f"                {line}" for line in deadline_lines(ticket.training_date, now.date())]
    rows.append(f"  created       {ticket.created_at:%Y-%m-%d %H:%M} by {ticket.created_by}"
                f" · waiting {short_duration(ticket.waiting(now))}")
    if ticket.outcome:
        rows.append(f"  outcome       {label(OUTCOMES, ticket.outcome)}"
                    f" · handled in {short_duration(timedelta(seconds=ticket.handle_seconds or 0))}")
        rows.append(f"  resolution    {ticket.resolution_note}")
    if ticket.question:
        rows += ["", "  Question:"] + [f"    {line}" for line in ticket.question.splitlines()]
    if history:
        rows += ["", "  History:"]
        for event in history:
            rows.append(f"    {event.at:%Y-%m-%d %H:%M}  {event.agent:<10} {event.describe()}")
            if event.body:
                rows += [f"        {line}" for line in event.body.splitlines()]
    return "\n".join(rows)
