"""A report as text for the terminal, Markdown for e-mail, CSV and JSON for scripts.

Pictures first, numbers beside them: every count comes with a bar, every clock with its
calendar time in brackets. Desk time is written in hours and minutes only ("16h 00m"),
because a desk day is 8 hours and "2d" would read as 48.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import timedelta

from helpdesk.reports import markdown
from helpdesk.hours.calendar_text import day_label
from helpdesk.clock import iso
from helpdesk.hours.wording import short_duration
from helpdesk.reports.privacy import spreadsheet_cell
from helpdesk.reports.figures import Breakdown, Distribution, Report
from helpdesk.taxonomy import STATUSES, label
from helpdesk.text import clean_line

BAR_WIDTH = 20
SPARK = "▁▂▃▄▅▆▇█"
_EIGHTHS = " ▏▎▍▌▋▊▉"
CLOCK_NAMES = (
    ("first_response", "first response"),
    ("handle", "handle"),
    ("resolution", "resolution"),
    ("waiting", "waiting on participant/MDO"),
)


def desk_time(minutes: float | None) -> str:
    if minutes is None:
        return "—"
    whole = round(minutes)
    if whole < 60:
        return f"{whole}m"
    return f"{whole // 60}h {whole % 60:02d}m"


def calendar_time(minutes: float | None) -> str:
    return "—" if minutes is None else short_duration(timedelta(minutes=round(minutes)))


def bar(value: int, largest: int, width: int = BAR_WIDTH) -> str:
    """A horizontal bar in eighths of a cell; any non-zero value shows at least a sliver."""
    if value <= 0 or largest <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def sparkline(values: list[int]) -> str:
    if not values:
        return ""
    top = max(values)
    if top == 0:
        return SPARK[0] * len(values)
    return "".join(SPARK[min(len(SPARK) - 1, round(value / top * (len(SPARK) - 1)))] for value in values)


def targets_line(report: Report) -> str:
    targets = report.targets
    return (f"Targets: first response {desk_time(targets.first_response_minutes)}, resolution "
            f"{desk_time(targets.resolution_minutes)} of desk time; near from "
            f"{targets.warn_at_percent}%.")


def as_of_text(report: Report) -> str:
    return f"{day_label(report.as_of.date())} {report.as_of:%H:%M} IST"


def _clock_cells(distribution: Distribution) -> tuple[str, str]:
    if not distribution.count:
        return "—", "—"
    return (f"{desk_time(distribution.desk_p50)} ({calendar_time(distribution.calendar_p50)})",
            f"{desk_time(distribution.desk_p90)} ({calendar_time(distribution.calendar_p90)})")


# -- text ----------------------------------------------------------------------------------

def to_text(report: Report) -> str:
    lines = [f"Desk report · {report.period.label()} · as of {as_of_text(report)}",
             targets_line(report), ""]
    lines.append(f"Tickets         opened {report.opened} · resolved {report.resolved} · "
                 f"still open {report.still_open} · awaiting first response "
                 f"{report.awaiting_first_response}")
    missed = report.missed
    lines.append(f"Targets missed  first response {missed.first_response} · resolution "
                 f"{missed.resolution} · open past target {missed.open_past_target}")
    lines += ["", f"{'Clocks: desk time (calendar)':<30} {'median':<18} {'90th percentile':<18} tickets"]
    for name, title in CLOCK_NAMES:
        distribution: Distribution = getattr(report, name)
        median, p90 = _clock_cells(distribution)
        lines.append(f"  {title:<28} {median:<18} {p90:<18} {distribution.count}")
    lines += ["", "Opened per hour (IST)", "  " + sparkline(report.opened_per_hour)]
    lines += _text_breakdown("By category", report.by_category)
    lines += _text_breakdown("By ministry (top 10)", report.by_ministry)
    if report.by_outcome:
        largest = max(row.resolved for row in report.by_outcome)
        lines += ["", f"{'By outcome':<42} {'':<{BAR_WIDTH}} resolved"]
        lines += [f"  {_fit(row.label, 40):<40} {bar(row.resolved, largest):<{BAR_WIDTH}} {row.resolved:>8}"
                  for row in report.by_outcome]
    if report.by_agent:
        largest = max(row.resolved for row in report.by_agent)
        lines += ["", f"{'By agent':<22} {'':<{BAR_WIDTH}} resolved  logged  median handle"]
        lines += [f"  {_fit(row.agent, 20):<20} {bar(row.resolved, largest):<{BAR_WIDTH}} "
                  f"{row.resolved:>8} {row.opened:>7}  {desk_time(row.handle_desk_p50)}"
                  for row in report.by_agent]
    lines += ["", *risk_text(report)]
    lines += [f"warning: {warning}" for warning in report.warnings]
    return "\n".join(lines)


def _fit(text: str, width: int) -> str:
    text = clean_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _text_breakdown(title: str, rows: list[Breakdown]) -> list[str]:
    if not rows:
        return []
    largest = max(max(row.opened, row.still_open) for row in rows)
    lines = ["", f"{title:<42} {'':<{BAR_WIDTH}} opened resolved  open"]
    for row in rows:
        lines.append(f"  {_fit(row.label, 40):<40} {bar(row.opened or row.still_open, largest):<{BAR_WIDTH}} "
                     f"{row.opened:>6} {row.resolved:>8} {row.still_open:>5}")
    return lines


def risk_text(report: Report) -> list[str]:
    if not report.training_risk:
        return ["Upcoming training at risk: none (every participant training within 7 days is resolved)."]
    count = sum(len(group.tickets) for group in report.training_risk)
    lines = [f"Upcoming training at risk: {count} participant{'s' if count != 1 else ''} "
             "training within 7 days, not resolved"]
    for group in report.training_risk:
        rep = group.representative
        alert = (f"alert {rep.name} · {rep.email} · {rep.mobile}" if rep else
                 "no KB representative: identify the ministry first" if group.ministry is None else
                 "representative not in the directory")
        lines.append(f"  {clean_line(group.ministry or 'Ministry not identified')} — {clean_line(alert)}")
        for ticket in group.tickets:
            lines.append(f"    #{ticket.id:<6} {_fit(ticket.participant_name, 28):<28} "
                         f"{training_when(ticket.days_left, ticket.training_date)}  "
                         f"{label(STATUSES, ticket.status)} · {ticket.assignee or 'unassigned'}")
    return lines


def training_when(days_left: int, training) -> str:
    when = {0: "today", 1: "tomorrow"}.get(days_left, f"in {days_left} days")
    return f"training {day_label(training, with_year=False)} ({when})"


# -- Markdown ------------------------------------------------------------------------------

def to_markdown(report: Report) -> str:
    lines = [f"# Desk report: {report.period.label()}", "",
             f"As of {as_of_text(report)}. {targets_line(report)}", ""]
    missed = report.missed
    lines += markdown.table(["Tickets", "Count"], [
        ["Opened", str(report.opened)], ["Resolved", str(report.resolved)],
        ["Still open", str(report.still_open)],
        ["Awaiting first response", str(report.awaiting_first_response)],
        ["Missed: first response", str(missed.first_response)],
        ["Missed: resolution", str(missed.resolution)],
        ["Open past target", str(missed.open_past_target)],
    ], right=[1])
    lines += ["", "## Clocks (desk time, calendar in brackets)", ""]
    lines += markdown.table(["Clock", "Median", "90th percentile", "Tickets"],
                            [[title, *_clock_cells(getattr(report, name)),
                              str(getattr(report, name).count)] for name, title in CLOCK_NAMES],
                            right=[3])
    lines += ["", "## Opened per hour (IST)", "", f"`{sparkline(report.opened_per_hour)}`"]
    for title, rows in (("By category", report.by_category), ("By ministry (top 10)", report.by_ministry)):
        lines += ["", f"## {title}", ""]
        lines += markdown.table([title.split(" (")[0].removeprefix("By ").capitalize(), "Opened",
                                 "Resolved", "Still open"],
                                [[markdown.escape(row.label), str(row.opened), str(row.resolved),
                                  str(row.still_open)] for row in rows], right=[1, 2, 3])
    lines += ["", "## By outcome", ""]
    lines += markdown.table(["Outcome", "Resolved"],
                            [[markdown.escape(row.label), str(row.resolved)] for row in report.by_outcome],
                            right=[1])
    lines += ["", "## By agent", ""]
    lines += markdown.table(["Agent", "Resolved", "Logged", "Median handle"],
                            [[markdown.escape(row.agent), str(row.resolved), str(row.opened),
                              desk_time(row.handle_desk_p50)] for row in report.by_agent],
                            right=[1, 2, 3])
    lines += ["", "## Upcoming training at risk", "", *risk_markdown(report)]
    if report.warnings:
        lines += ["", *[f"> Warning: {markdown.escape(warning)}" for warning in report.warnings]]
    return "\n".join(lines) + "\n"


def risk_markdown(report: Report) -> list[str]:
    if not report.training_risk:
        return ["None: every participant training within 7 days is resolved."]
    lines: list[str] = []
    for group in report.training_risk:
        rep = group.representative
        alert = (f"alert {markdown.escape(rep.name)}, {markdown.escape(rep.email)}, "
                 f"{markdown.escape(rep.mobile)}" if rep else "identify the ministry to find the KB representative")
        lines += [f"### {markdown.escape(group.ministry or 'Ministry not identified')}: {alert}", ""]
        lines += markdown.table(["#", "Participant", "Training", "Status", "Agent"], [
            [str(ticket.id), markdown.escape(ticket.participant_name),
             training_when(ticket.days_left, ticket.training_date), label(STATUSES, ticket.status),
             markdown.escape(ticket.assignee, "unassigned")] for ticket in group.tickets], right=[0])
        lines.append("")
    return lines


# -- CSV and JSON --------------------------------------------------------------------------

def csv_rows(report: Report) -> Iterator[list[str | int | float | None]]:
    """Long format (section, key, measure, value): one figure per row, easy to pivot."""
    yield ["section", "key", "measure", "value"]
    yield ["period", "", "from", report.period.first.isoformat()]
    yield ["period", "", "to", report.period.last.isoformat()]
    yield ["period", "", "as_of", iso(report.as_of)]
    for name in ("opened", "resolved", "still_open", "awaiting_first_response"):
        yield ["tickets", "", name, getattr(report, name)]
    for name in ("first_response", "resolution", "open_past_target"):
        yield ["targets_missed", "", name, getattr(report.missed, name)]
    for name, _ in CLOCK_NAMES:
        distribution = getattr(report, name)
        for measure in ("count", "desk_p50", "desk_p90", "calendar_p50", "calendar_p90"):
            yield ["clock", name, measure, getattr(distribution, measure)]
    for hour, count in enumerate(report.opened_per_hour):
        yield ["opened_per_hour", str(hour), "opened", count]
    for section, rows in (("category", report.by_category), ("ministry", report.by_ministry)):
        for row in rows:
            for measure in ("opened", "resolved", "still_open"):
                yield [section, row.label if section == "ministry" else row.key, measure,
                       getattr(row, measure)]
    for row in report.by_outcome:
        yield ["outcome", row.key, "resolved", row.resolved]
    for row in report.by_agent:
        yield ["agent", row.agent, "resolved", row.resolved]
        yield ["agent", row.agent, "logged", row.opened]
        yield ["agent", row.agent, "handle_desk_p50", row.handle_desk_p50]
    for group in report.training_risk:
        for ticket in group.tickets:
            yield ["training_risk", str(ticket.id), group.ministry or "", ticket.training_date.isoformat()]


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in csv_rows(report):
        writer.writerow(["" if cell is None else spreadsheet_cell(cell) if isinstance(cell, str) else cell
                         for cell in row])
    return buffer.getvalue()


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
