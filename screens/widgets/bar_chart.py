"""A titled horizontal bar chart: label, bar, then the numbers beside it.

Labels are user-facing names (categories, ministries, agents' names) and are drawn as
plain text; the bar length is the value against the largest in the chart, in eighths of
a cell so small differences still show.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from .ticket_columns import fit

_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""  # more numbers, after the value: "2 resolved · 1 open"


def bar_text(value: int, largest: int, width: int) -> str:
    if value <= 0 or largest <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


class BarChart(Widget):
    DEFAULT_CSS = """
    BarChart {
        height: auto;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        padding: 0 1;
    }
    """
    BAR_STYLE, MUTED_STYLE = "$primary", "$text-muted"

    def __init__(self, title: str, *, max_rows: int = 10, empty: str = "Nothing in this period.",
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self.max_rows = max_rows
        self.empty = empty
        self.bars: list[Bar] = []

    def show(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.refresh(layout=True)

    def render(self) -> Content:
        width = max(self.content_region.width or self.size.width, 20)
        shown = self.bars[: self.max_rows]
        if not shown:
            return Content.styled(self.empty, self.MUTED_STYLE)
        largest = max(bar.value for bar in self.bars)
        value_width = max(len(str(bar.value)) for bar in shown)
        note_width = max((cell_len(bar.note) for bar in shown), default=0)
        label_width = min(max(cell_len(bar.label) for bar in shown), max(10, width // 2))
        bar_width = max(width - label_width - value_width - (note_width + 1 if note_width else 0) - 2, 4)
        bar_style, muted = self.BAR_STYLE, self.MUTED_STYLE
        lines = []
        for bar in shown:
            drawn = bar_text(bar.value, largest, bar_width)
            lines.append(Content.assemble(
                fit(bar.label, label_width), " ",
                (drawn, bar_style), " " * (bar_width - cell_len(drawn)), " ",
                str(bar.value).rjust(value_width),
                (f" {bar.note.ljust(note_width)}" if note_width else "", muted),
            ))
        hidden = len(self.bars) - len(shown)
        if hidden > 0:
            lines.append(Content.styled(f"… {hidden} more", muted))
        return Content("\n").join(lines)
