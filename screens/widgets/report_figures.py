"""The dashboard's figures pane: headline tiles, tickets per hour, and four bar charts.

It only draws a ``reports.Report`` it is given; the screen loads the report in a worker.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Sparkline, Static

from helpdesk.hours.calendar_text import MONTH_ABBREVIATIONS, day_label
from helpdesk.reports.layout import calendar_time, desk_time
from helpdesk.reports.figures import Distribution, Report

from .bar_chart import Bar, BarChart
from .figure_tiles import FigureTile, FigureTiles


def clock_lines(distribution: Distribution) -> tuple[str, ...]:
    """Median and 90th percentile in desk time, then the calendar median, for a tile."""
    if not distribution.count:
        return "—", "none yet"
    return (f"median {desk_time(distribution.desk_p50)}", f"90th {desk_time(distribution.desk_p90)}",
            f"calendar {calendar_time(distribution.calendar_p50)}")


def busiest_text(per_hour: list[int], first_day: date) -> str:
    peak = max(per_hour, default=0)
    if not peak:
        return "no tickets"
    hour = per_hour.index(peak)
    day = f"{day_label(first_day + timedelta(days=hour // 24), with_year=False)}, " if len(per_hour) > 24 else ""
    return f"busiest {day}{hour % 24:02d}:00–{(hour + 1) % 24:02d}:00 ({peak})"


def hour_axis(width: int, hours: int, first_day: date) -> str:
    """Labels under the per-hour sparkline: every sixth hour for a day; for a range, the
    date at the start of a day, as often as they fit."""
    if width < 8 or hours <= 0:
        return ""
    line = [" "] * width
    if hours <= 24:
        marks = [(hour, f"{hour:02d}") for hour in range(0, hours, 6)]
    else:
        days = hours // 24
        step = max(1, math.ceil(8 * days / width))  # a label is up to 6 cells, plus a gap
        marks = []
        for offset in range(0, days, step):
            day = first_day + timedelta(days=offset)
            marks.append((offset * 24, f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]}"))
    for hour, label in marks:
        position = width * hour // hours
        if position + len(label) <= width:
            line[position:position + len(label)] = label
    return "".join(line)


class ReportFigures(VerticalScroll):
    DEFAULT_CSS = """
    ReportFigures { height: 1fr; padding: 0 1; }
    ReportFigures #figures-note { height: auto; color: $warning; }
    ReportFigures #per-hour-box { height: auto; border: round $panel-lighten-2; padding: 0 1;
                                  border-title-style: bold; }
    ReportFigures #per-hour { height: 2; }
    ReportFigures #per-hour-axis { height: 1; color: $text-muted; }
    ReportFigures #charts { grid-size: 2; grid-gutter: 0 1; height: auto; }
    ReportFigures #charts.-narrow { grid-size: 1; }
    """

    def compose(self) -> ComposeResult:
        yield FigureTiles()
        with Vertical(id="per-hour-box"):
            yield Sparkline([], id="per-hour")
            yield Static(id="per-hour-axis")
        with Grid(id="charts"):
            yield BarChart("By category: opened", id="chart-category")
            yield BarChart("By ministry: opened (top 10)", id="chart-ministry")
            yield BarChart("By outcome: resolved", max_rows=8, id="chart-outcome")
            yield BarChart("By agent: resolved", max_rows=8, id="chart-agent")
        yield Static(id="figures-note")

    def on_mount(self) -> None:
        self.query_one("#per-hour-box").border_title = "Opened per hour"

    def on_resize(self) -> None:
        self.query_one("#charts").set_class(self.size.width < 100, "-narrow")
        self._axis()

    def show(self, report: Report) -> None:
        tile = lambda key: self.query_one(f"#tile-{key}", FigureTile)  # noqa: E731
        missed = report.missed
        tile("opened").show(f"{report.opened:,}", f"{report.awaiting_first_response:,} no reply yet")
        tile("resolved").show(f"{report.resolved:,}", f"{missed.resolution:,} late")
        tile("open").show(f"{report.still_open:,}", f"{missed.open_past_target:,} past target",
                          alert=missed.open_past_target > 0)
        tile("first-response").show(*clock_lines(report.first_response))
        tile("handle").show(*clock_lines(report.handle))
        late = missed.first_response + missed.resolution
        tile("missed").show(f"{late:,}", f"{missed.first_response:,} first reply",
                            f"{missed.resolution:,} resolution", alert=late > 0)
        self.query_one("#per-hour", Sparkline).data = report.opened_per_hour
        self._hours, self._first_day = len(report.opened_per_hour), report.period.first
        self._axis()
        self.query_one("#per-hour-box").border_title = (
            f"Opened per hour (IST) · {busiest_text(report.opened_per_hour, report.period.first)}")
        self.query_one("#chart-category", BarChart).show([
            Bar(row.label, row.opened, f"· {row.still_open} open") for row in report.by_category if row.opened])
        self.query_one("#chart-ministry", BarChart).show([
            Bar(row.label, row.opened, f"· {row.still_open} open") for row in report.by_ministry if row.opened])
        self.query_one("#chart-outcome", BarChart).show([
            Bar(row.label, row.resolved) for row in report.by_outcome])
        self.query_one("#chart-agent", BarChart).show([
            Bar(row.agent, row.resolved, f"· handle {desk_time(row.handle_desk_p50)}")
            for row in report.by_agent if row.resolved])
        self.query_one("#figures-note", Static).update(Content("\n".join(report.warnings)))

    _hours, _first_day = 24, date(2026, 1, 1)  # until the first report arrives

    def _axis(self) -> None:
        sparkline = self.query_one("#per-hour", Sparkline)
        self.query_one("#per-hour-axis", Static).update(
            Content(hour_axis(sparkline.size.width, self._hours, self._first_day)))
