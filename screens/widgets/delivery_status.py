"""Where the ticket's escalation messages are: queued, sent at …, failing (next try …), failed."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from helpdesk.console.escalation_calls import DeliveryLine


class DeliveryStatus(Static):
    DEFAULT_CSS = """
    DeliveryStatus { height: auto; padding: 0 1; color: $text-muted; display: none; }
    DeliveryStatus.-shown { display: block; }
    DeliveryStatus.-sent { color: $success; }
    DeliveryStatus.-failing { color: $warning; }
    DeliveryStatus.-failed { color: $error; text-style: bold; }
    """

    def show(self, lines: list[DeliveryLine]) -> None:
        """Show the lines; the colour follows the newest message, which matters most."""
        self.set_class(bool(lines), "-shown")
        newest = lines[0].status if lines else ""
        self.set_class(newest == "sent", "-sent")
        self.set_class(newest in ("retrying", "sending"), "-failing")
        self.set_class(newest == "failed", "-failed")
        # States can carry a server's words: Content() shows them literally, never as markup.
        self.update(Content("\n").join(Content(line.text) for line in lines))
