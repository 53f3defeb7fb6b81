"""Every key of the console, generated from the bindings themselves so it cannot go stale."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

GUIDE = (
    "A participant joins the Teams link: press F4 (or n in the queue) and type while you talk. "
    "The e-mail decides the path: a government address means self-registration; any other "
    "means the MDO admin must register and approve.",
    "F2 finds the KB representative for any ministry, whatever the participant calls it. "
    "F9 on a ticket suggests the step-by-step reply and copies it for the Teams chat.",
    "Ctrl+S saves. Nothing you type is lost when you switch screens. Ctrl+P lists every command.",
)


def _sections() -> list[tuple[str, list[Binding]]]:
    from helpdesk.console.app import HelpdeskApp

    from .dashboard import DashboardScreen
    from .intake import IntakeScreen
    from .queue import QueueScreen
    from .ticket import TicketScreen
    from .widgets.ticket_table import TicketTable

    return [
        ("Everywhere", HelpdeskApp.BINDINGS),
        ("Queue", QueueScreen.BINDINGS + TicketTable.BINDINGS),
        ("New ticket", IntakeScreen.BINDINGS),
        ("Ticket", TicketScreen.BINDINGS),
        ("Dashboard (F5)", DashboardScreen.BINDINGS),
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close help", id="help.close")]

    def compose(self) -> ComposeResult:
        lines = [Content.from_markup("[b]How the desk works[/b]")]
        for paragraph in GUIDE:
            lines += [Content(paragraph), Content("")]
        for title, bindings in _sections():
            lines.append(Content.from_markup(f"[b]{title}[/b]"))
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description:
                    keys = ", ".join(self.app.get_key_display(Binding(key, "")) for key in binding.key.split(","))
                    lines.append(Content(f"  {keys:<16} {binding.description}"))
            lines.append(Content(""))
        lines.append(Content("Esc closes this help."))
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Static(Content("\n").join(lines))
