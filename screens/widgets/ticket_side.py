"""The ticket view's side panel: who to contact, what the participant must do by when, history."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from helpdesk import desk
from helpdesk.hours.wording import deadline_lines, short_duration
from helpdesk.taxonomy import OUTCOMES, label
from helpdesk.tickets import Event, Ticket


def _heading(text: str) -> Content:
    return Content.from_markup("[b]$text[/b]", text=text)


class TicketSide(VerticalScroll):
    DEFAULT_CSS = """
    TicketSide { height: 1fr; }
    TicketSide > Static { height: auto; margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="side-rep")
        yield Static(id="side-path")
        yield Static(id="side-outcome")
        yield Static(id="side-history")

    def clear(self) -> None:
        """Nothing shown until the next ticket's history has been read."""
        for static in self.query(Static):
            static.update(Content(""))

    def show(self, ticket: Ticket, history: list[Event], rep_lines: list[str], now: datetime) -> None:
        self.query_one("#side-rep", Static).update(Content("\n").join(
            [_heading("KB representative"), *(Content(line) for line in rep_lines)]))
        self.query_one("#side-path", Static).update(Content("\n").join(
            [_heading("Path and deadlines"), *(Content(line) for line in self._path_lines(ticket, now))]))
        outcome = self.query_one("#side-outcome", Static)
        outcome.display = bool(ticket.outcome)
        if ticket.outcome:
            outcome.update(Content("\n").join([
                _heading("Resolution"),
                Content(f"{label(OUTCOMES, ticket.outcome)} · handled in "
                        f"{short_duration(timedelta(seconds=ticket.handle_seconds or 0))}"),
                Content(ticket.resolution_note or ""),
            ]))
        lines = [_heading(f"History ({len(history)})")]
        for event in reversed(history):
            lines.append(Content(f"{event.at:%d %b %H:%M} {event.agent}: {event.describe()}"))
            if event.body:
                lines.extend(Content(f"   {line}") for line in event.body.splitlines())
        self.query_one("#side-history", Static).update(Content("\n").join(lines))

    @staticmethod
    def _path_lines(ticket: Ticket, now: datetime) -> list[str]:
        links = desk.facts().links
        path = ticket.registration_path
        if path == "self-registration":
            lines = ["Government e-mail → self-registration: sign up selecting the organisation;",
                     f"access is immediate. {links.signup}"]
        elif path == "mdo-approval":
            lines = ["Non-government e-mail → the MDO admin registers and approves;",
                     f"access stays pending until then. Nodal persons: {links.nodal_list}"]
        else:
            lines = ["No e-mail yet: the path depends on it (government → self-registration,",
                     "other → MDO admin approval)."]
        deadlines = deadline_lines(ticket.training_date, now.date())
        return lines + (deadlines or ["No training date: ask for it, it decides the urgency."])

