"""The dashboard's headline figures: one bordered tile per figure, big number first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid
from textual.content import Content
from textual.widgets import Static


class FigureTile(Static):
    DEFAULT_CSS = """
    FigureTile {
        height: 5;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    FigureTile.-alert { border: round $error; border-title-color: $error; }
    """

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(id=id)
        self.border_title = title

    def show(self, value: str, *details: str, alert: bool = False) -> None:
        """The figure in bold, then up to two short lines under it."""
        self.set_class(alert, "-alert")
        parts: list = [(value, "bold")]
        for detail in details:
            parts += ["\n", (detail, "$text-muted")]
        self.update(Content.assemble(*parts))


class FigureTiles(Grid):
    """Six tiles in a row on a wide terminal, three on an 80-column one."""

    DEFAULT_CSS = """
    FigureTiles { grid-size: 6; grid-gutter: 0 1; height: auto; }
    FigureTiles.-narrow { grid-size: 3; }
    """
    TILES = (("opened", "Opened"), ("resolved", "Resolved"), ("open", "Still open"),
             ("first-response", "First reply"), ("handle", "Handle time"),
             ("missed", "Missed target"))

    def compose(self) -> ComposeResult:
        for key, title in self.TILES:
            yield FigureTile(title, id=f"tile-{key}")

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")
