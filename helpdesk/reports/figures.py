"""The desk's figures for a day or a range: what came in, what was resolved, what is stuck.

One function, ``build_report``, used by the dashboard, ``helpdesk report`` and the bench.
Figures are "as of" the end of the period, or now if the period has not ended: a report
for last Tuesday says what was still open on Tuesday evening.

- *opened*: logged in the period; *resolved*: resolved in it (and not reopened by its end);
  *still open*: not resolved at its end, whenever logged.
- clock figures (desk minutes, calendar beside) are medians and 90th percentiles:
  first response over the tickets logged in the period that had one; handle, resolution
  and waiting over the tickets resolved in it.
- *targets missed*: tickets logged in the period whose first response was (or still is)
  later than its target; tickets resolved in it later than the resolution target; and
  tickets still open past a target.

Statuses, resolutions and outcomes are taken from the history as they stood; a ticket's
category, ministry and agent are as they are now.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from helpdesk.clock import iso
from helpdesk.reports.clocks import STOPPED, Measure, TicketClocks, measure_clocks
from helpdesk.hours.desk_minute_index import DeskMinuteIndex
from helpdesk.hours.status import DeskHours
from helpdesk.reports.periods import Period
from helpdesk.reports.data import ReportTicket, load_report_tickets
from helpdesk.reports.sla import SlaTargets
from helpdesk.taxonomy import CATEGORIES, OUTCOMES, label
from helpdesk.tickets.training_risk import RiskGroup, training_risk

TOP_MINISTRIES = 10
NO_MINISTRY = "(ministry not identified)"


def percentile(values: Sequence[float], share: float) -> float | None:
    """Linear interpolation between the closest ranks (as numpy and spreadsheets do):
    the median of 10 and 20 is 15; the 90th percentile of 1..10 is 9.1."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 1)


@dataclass(frozen=True)
class Distribution:
    count: int
    desk_p50: float | None
    desk_p90: float | None
    calendar_p50: float | None
    calendar_p90: float | None

    @classmethod
    def of(cls, measures: Sequence[Measure]) -> Distribution:
        desk = [m.desk_minutes for m in measures]
        calendar = [m.calendar_minutes for m in measures]
        return cls(len(measures), percentile(desk, 0.5), percentile(desk, 0.9),
                   percentile(calendar, 0.5), percentile(calendar, 0.9))


@dataclass(frozen=True)
class Breakdown:
    """Counts for one category or ministry."""

    key: str | None
    label: str
    opened: int
    resolved: int
    still_open: int


@dataclass(frozen=True)
class OutcomeCount:
    key: str
    label: str
    resolved: int


@dataclass(frozen=True)
class AgentFigures:
    agent: str
    opened: int  # tickets the agent logged
    resolved: int
    handle_desk_p50: float | None


@dataclass(frozen=True)
class TargetsMissed:
    first_response: int
    resolution: int
    open_past_target: int


@dataclass(frozen=True)
class Report:
    period: Period
    as_of: datetime
    targets: SlaTargets
    opened: int
    resolved: int
    still_open: int
    awaiting_first_response: int
    first_response: Distribution
    handle: Distribution
    resolution: Distribution
    waiting: Distribution
    missed: TargetsMissed
    opened_per_hour: list[int]
    by_category: list[Breakdown]
    by_ministry: list[Breakdown]
    by_outcome: list[OutcomeCount]
    by_agent: list[AgentFigures]
    training_risk: list[RiskGroup]
    warnings: list[str]

    def to_dict(self) -> dict[str, Any]:
        result = {
            "period": self.period.to_dict(),
            "as_of": iso(self.as_of),
            "targets": self.targets.to_dict(),
            "opened": self.opened,
            "resolved": self.resolved,
            "still_open": self.still_open,
            "awaiting_first_response": self.awaiting_first_response,
        }
        for name in ("first_response", "handle", "resolution", "waiting"):
            result[name] = asdict(getattr(self, name))
        result["targets_missed"] = asdict(self.missed)
        result["opened_per_hour"] = list(self.opened_per_hour)
        for name in ("by_category", "by_ministry", "by_outcome", "by_agent"):
            result[name] = [asdict(row) for row in getattr(self, name)]
        result["training_risk"] = [group.to_dict() for group in self.training_risk]
        result["warnings"] = list(self.warnings)
        return result


def build_report(db: sqlite_utils.Database, hours: DeskHours, targets: SlaTargets,
                 period: Period, now: datetime) -> Report:
    as_of = min(period.end, now)
    rows = [row for row in load_report_tickets(db, period, as_of) if row.clock.created_at <= as_of]
    first_day = min([row.clock.created_at.date() for row in rows] + [period.first])
    index = DeskMinuteIndex(hours, first_day, max(as_of.date(), period.first))
    clocks = {row.id: measure_clocks(row.clock, index, as_of) for row in rows}

    start, end = period.start, period.end  # properties: computed once, not per ticket
    opened = [row for row in rows if start <= row.clock.created_at < end]
    resolved = [row for row in rows if (moment := clocks[row.id].resolved_at) and start <= moment < end]
    still_open = [row for row in rows if clocks[row.id].state != STOPPED]

    responses = [clocks[row.id].first_response for row in opened if clocks[row.id].first_response.final]
    done = [clocks[row.id] for row in resolved]
    return Report(
        period=period,
        as_of=as_of,
        targets=targets,
        opened=len(opened),
        resolved=len(resolved),
        still_open=len(still_open),
        awaiting_first_response=len(opened) - len(responses),
        first_response=Distribution.of(responses),
        handle=Distribution.of([c.handle for c in done if c.handle is not None]),
        resolution=Distribution.of([c.resolution for c in done]),
        waiting=Distribution.of([c.waiting for c in done]),
        missed=_missed(opened, resolved, still_open, clocks, targets),
        opened_per_hour=_per_hour(opened, period),
        by_category=_breakdown(opened, resolved, still_open, lambda row: row.category,
                               lambda key: label(CATEGORIES, key)),
        by_ministry=_breakdown(opened, resolved, still_open, lambda row: row.ministry,
                               lambda key: key or NO_MINISTRY)[:TOP_MINISTRIES],
        by_outcome=_outcomes(resolved, clocks),
        by_agent=_agents(opened, resolved, clocks),
        training_risk=training_risk(db, now.date()),
        warnings=_warnings(hours, period, as_of),
    )


def _missed(opened, resolved, still_open, clocks: dict[int, TicketClocks],
            targets: SlaTargets) -> TargetsMissed:
    def late_response(row: ReportTicket) -> bool:
        return clocks[row.id].first_response.desk_minutes > targets.first_response_minutes

    def late_resolution(row: ReportTicket) -> bool:
        return clocks[row.id].resolution.desk_minutes > targets.resolution_minutes

    return TargetsMissed(
        first_response=sum(1 for row in opened if late_response(row)),
        resolution=sum(1 for row in resolved if late_resolution(row)),
        open_past_target=sum(1 for row in still_open if late_resolution(row) or (
            not clocks[row.id].first_response.final and late_response(row))),
    )


def _per_hour(opened: list[ReportTicket], period: Period) -> list[int]:
    counts = [0] * (period.days * 24)
    start = period.start
    for row in opened:
        counts[int((row.clock.created_at - start).total_seconds() // 3600)] += 1
    return counts


def _breakdown(opened, resolved, still_open, key_of, label_of) -> list[Breakdown]:
    counts = [Counter(key_of(row) for row in rows) for rows in (opened, resolved, still_open)]
    keys = set().union(*counts)
    rows = [Breakdown(key, label_of(key), counts[0][key], counts[1][key], counts[2][key])
            for key in keys]
    return sorted(rows, key=lambda row: (-row.opened, -row.still_open, -row.resolved, row.label))


def _outcomes(resolved: list[ReportTicket], clocks: dict[int, TicketClocks]) -> list[OutcomeCount]:
    counts = Counter(row.outcome_of(clocks[row.id].resolved_at) or "" for row in resolved)
    rows = [OutcomeCount(key, label(OUTCOMES, key) if key else "(no outcome)", count)
            for key, count in counts.items()]
    return sorted(rows, key=lambda row: (-row.resolved, row.label))


def _agents(opened, resolved, clocks: dict[int, TicketClocks]) -> list[AgentFigures]:
    logged = Counter(row.created_by for row in opened)
    handles: dict[str, list[int]] = {}
    for row in resolved:
        handle = clocks[row.id].handle
        handles.setdefault(row.assignee or "(nobody)", []).append(handle.desk_minutes if handle else 0)
    agents = set(logged) | set(handles)
    rows = [AgentFigures(agent, logged[agent], len(handles.get(agent, [])),
                         percentile(handles.get(agent, []), 0.5)) for agent in agents]
    return sorted(rows, key=lambda row: (-row.resolved, -row.opened, row.agent))


def _warnings(hours: DeskHours, period: Period, as_of: datetime) -> list[str]:
    return [f"No holiday list is loaded for {year}: desk minutes that year count every "
            "weekday as open (import one with `helpdesk holidays import FILE`)."
            for year in hours.unknown_years(period.start, max(as_of, period.start))]

