"""Upcoming training at risk, by ministry, each with the KB representative to alert."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from helpdesk.hours.calendar_text import day_label
from helpdesk.taxonomy import STATUSES, label
from helpdesk.tickets.training_risk import RiskGroup

from .ticket_columns import fit


def risk_lines(groups: list[RiskGroup], width: int) -> list[Content]:
    if not groups:
        return [Content("No participant training in the next 7 days is waiting on the desk.")]
    count = sum(len(group.tickets) for group in groups)
    lines = [Content.styled(f"{count} participant{'s' if count != 1 else ''} training within 7 days "
                            "and not resolved. Alert each ministry's KB representative:", "bold")]
    name_width = max(min(28, width - 50), 12)
    for group in groups:
        rep = group.representative
        who = (f"{rep.name} · {rep.email} · {rep.mobile}" if rep else
               "find the ministry first (F2), then its KB representative")
        lines.append(Content(""))
        # Ministry and representative come from the directory; names from participants:
        # all of it is text, never markup.
        lines.append(Content.assemble((group.ministry or "Ministry not identified", "bold $accent"),
                                      "  →  ", (who, "bold")))
        for ticket in group.tickets:
            when = {0: "TODAY", 1: "tomorrow"}.get(ticket.days_left, f"in {ticket.days_left} days")
            urgent = ticket.days_left <= 2
            lines.append(Content.assemble(
                f"  #{ticket.id:<6} ", fit(ticket.participant_name, name_width), "  ",
                (f"{day_label(ticket.training_date, with_year=False)} ({when})".ljust(24),
                 "bold $error" if urgent else ""),
                f"{label(STATUSES, ticket.status)} · {ticket.assignee or 'unassigned'}",
            ))
    return lines


class RiskList(Static):
    DEFAULT_CSS = "RiskList { height: auto; padding: 0 1; }"

    def show(self, groups: list[RiskGroup]) -> None:
        self.groups = groups
        self.update(Content("\n").join(risk_lines(groups, self.size.width or 80)))
