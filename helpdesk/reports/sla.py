"""Targets for the clocks, and whether a ticket is near or past them.

The defaults live here and nowhere else (the README quotes them); a desk changes them in
the ``[sla]`` section of the config file::

    [sla]
    first_response_minutes = 60    # desk minutes from logging to an agent's first action
    resolution_minutes = 960       # desk minutes to resolve: two full desk days
    warn_at_percent = 75           # "near" from this share of the target on

A target is met at exactly its number of minutes and missed from the minute after.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from helpdesk.hours.calendar_text import day_label
from helpdesk.reports.clocks import PAUSED, RUNNING, TicketClocks
from helpdesk.config import Config, ConfigError
from helpdesk.hours.status import DeskHours

OK, NEAR, PAST = "ok", "near", "past"
_SEVERITY = {OK: 0, NEAR: 1, PAST: 2}


@dataclass(frozen=True)
class SlaTargets:
    # The live desk answers participants on the Teams link at once; a ticket logged by
    # e-mail or phone should still hear from an agent within the desk hour.
    first_response_minutes: int = 60
    # The guidelines ask participants to register 7 days before training; resolving within
    # two desk days leaves time for an MDO approval round before that deadline.
    resolution_minutes: int = 960
    warn_at_percent: int = 75

    def state(self, minutes: float, target: int) -> str:
        if minutes > target:
            return PAST
        if minutes >= self.warn_threshold(target):
            return NEAR
        return OK

    def warn_threshold(self, target: int) -> int:
        return math.ceil(target * self.warn_at_percent / 100)

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


DEFAULT_TARGETS = SlaTargets()


def load_targets(config: Config) -> SlaTargets:
    """The ``[sla]`` section over the defaults; a wrong value names the file and the key."""
    section = config.section("sla")
    values: dict[str, int] = {}
    limits = {"first_response_minutes": (1, 100_000), "resolution_minutes": (1, 1_000_000),
              "warn_at_percent": (1, 100)}
    for key, value in section.items():
        if key not in limits:
            raise ConfigError(f"{config.path}: [sla] has no setting {key!r}; "
                              f"use {', '.join(limits)}")
        low, high = limits[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ConfigError(f"{config.path}: [sla] {key} must be a whole number from {low} to {high}")
        values[key] = value
    return SlaTargets(**values)


@dataclass(frozen=True)
class TargetMark:
    """How close an active ticket is to its targets, and when that changes.

    Computed once in a worker; ``state`` and ``label`` then follow the clock on the UI
    thread without another database read (a paused clock does not move).
    """

    clock: str  # "first response" or "resolution": the more pressing one
    state_then: str
    near_at: datetime | None  # when it turns near, if it is still running and not near yet
    due_at: datetime | None  # the last moment the target is met, if still running
    past_at: datetime | None  # when it turns past, if still running and not past yet
    paused: bool

    def state(self, now: datetime) -> str:
        if self.past_at and now >= self.past_at:
            return PAST
        if self.near_at and now >= self.near_at and self.state_then == OK:
            return NEAR
        return self.state_then

    def label(self, now: datetime) -> str:
        """``✗ over``, ``⚠ 15:40`` (due today at), ``⚠ Wed 25``, ``⚠ paused``, or ``""``."""
        state = self.state(now)
        if state == PAST:
            return "✗ over"
        if state == NEAR:
            if self.paused or self.due_at is None:
                return "⚠ paused"
            if self.due_at.date() == now.date():
                return f"⚠ {self.due_at:%H:%M}"
            return f"⚠ {day_label(self.due_at.date(), with_year=False).rsplit(' ', 1)[0]}"
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {"clock": self.clock, "state": self.state_then,
                "due_at": self.due_at.isoformat() if self.due_at else None, "paused": self.paused}


def target_mark(clocks: TicketClocks, targets: SlaTargets, hours: DeskHours) -> TargetMark | None:
    """The mark for an active ticket (None once resolved: its clocks no longer move)."""
    if clocks.resolution.final:
        return None
    candidates = [("resolution", clocks.resolution.desk_minutes, targets.resolution_minutes)]
    if not clocks.first_response.final:
        candidates.insert(0, ("first response", clocks.first_response.desk_minutes,
                              targets.first_response_minutes))
    marks = [_mark(name, minutes, target, clocks, targets, hours)
             for name, minutes, target in candidates]
    # The worse state now; between equals, the one due first.
    return max(marks, key=lambda mark: (_SEVERITY[mark.state_then],
                                        -(mark.due_at.timestamp() if mark.due_at else 0)))


def _mark(clock: str, minutes: int, target: int, clocks: TicketClocks, targets: SlaTargets,
          hours: DeskHours) -> TargetMark:
    state = targets.state(minutes, target)
    running = clocks.state == RUNNING
    at = clocks.at
    near_at = due_at = past_at = None
    if running:
        threshold = targets.warn_threshold(target)
        if minutes < threshold:
            near_at = hours.add_desk_minutes(at, threshold - minutes)
        if minutes <= target:
            due_at = hours.add_desk_minutes(at, target - minutes)
            past_at = hours.add_desk_minutes(at, target - minutes + 1)
    return TargetMark(clock, state, near_at, due_at, past_at, paused=clocks.state == PAUSED)
