"""The line at the top of every screen: who is working, and whether the desk is open."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class DeskBar(Horizontal):
    DEFAULT_CSS = """
    DeskBar { height: 1; background: $panel; }
    DeskBar > #desk-title { width: auto; padding: 0 1; text-style: bold; }
    DeskBar > #desk-agent { width: auto; padding: 0 1; color: $text-muted; }
    DeskBar > #desk-state { width: 1fr; content-align: right middle; padding: 0 1; }
    DeskBar.-open > #desk-state { color: $success; }
    DeskBar.-closed > #desk-state { color: $error; text-style: bold; }
    """

    def __init__(self, screen_title: str) -> None:
        super().__init__()
        self.screen_title = screen_title

    def compose(self) -> ComposeResult:
        yield Static(Content(f"helpdesk · {self.screen_title}"), id="desk-title")
        # The agent's name came from a flag or the environment: shown literally.
        yield Static(Content(f"agent {self.app.session.agent}"), id="desk-agent")
        yield Static(id="desk-state")

    def on_mount(self) -> None:
        self.watch(self.app, "desk_status", self._show_status)

    def _show_status(self, status) -> None:
        state = self.query_one("#desk-state", Static)
        if status is None:
            state.update(Content("checking desk hours…"))
            return
        self.set_class(status.open, "-open")
        self.set_class(not status.open, "-closed")
        state.update(Content(status.summary(self.app.session.now())))
