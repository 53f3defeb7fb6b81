"""The desk's fixed facts: opening hours, deadlines, links and first contact (data/desk.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from . import config, locations

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Links:
    portal: str
    signup: str
    nodal_list: str
    video_guide: str
    teams: str
    play_store_search: str


@dataclass(frozen=True)
class DeskFacts:
    open_weekdays: frozenset[int]  # Monday is 0, as in date.weekday()
    opens: time
    closes: time
    register_days_before: int
    login_check_days_before: tuple[int, ...]
    links: Links
    igot_contact_name: str
    igot_contact_mobile: str

    def register_by(self, training: date) -> date:
        """The last day to complete registration for a training on ``training``."""
        return training - timedelta(days=self.register_days_before)

    def login_check_days(self, training: date) -> tuple[date, ...]:
        """The days to log in and verify credentials, earliest first."""
        return tuple(training - timedelta(days=n) for n in self.login_check_days_before)

    def hours_text(self) -> str:
        first, last = min(self.open_weekdays), max(self.open_weekdays)
        return (f"{WEEKDAYS[first]}–{WEEKDAYS[last]}, {self.opens:%H:%M}–{self.closes:%H:%M} IST, "
                "except government holidays")


def facts() -> DeskFacts:
    """The desk's facts, with what the user config adds (read once per config file)."""
    return _facts_with_config(locations.config_path())


@lru_cache(maxsize=8)
def _facts_with_config(config_path: Path) -> DeskFacts:
    shipped = _shipped_facts()
    teams_link = config.load(config_path).section("desk").get("teams_link")
    if teams_link is None:
        return shipped
    if not isinstance(teams_link, str) or not teams_link.startswith("https://"):
        raise config.ConfigError(f"{config_path}: [desk] teams_link must be an https:// address")
    return replace(shipped, links=replace(shipped.links, teams=teams_link))


@lru_cache(maxsize=1)
def _shipped_facts() -> DeskFacts:
    raw = tomllib.loads(files("helpdesk.data").joinpath("desk.toml").read_text(encoding="utf-8"))
    hours, deadlines = raw["hours"], raw["deadlines"]
    return DeskFacts(
        open_weekdays=frozenset(WEEKDAYS.index(day) for day in hours["days"]),
        opens=time.fromisoformat(hours["opens"]),
        closes=time.fromisoformat(hours["closes"]),
        register_days_before=int(deadlines["register_days_before"]),
        login_check_days_before=tuple(sorted(deadlines["login_check_days_before"], reverse=True)),
        links=Links(**raw["links"]),
        igot_contact_name=raw["igot_contact"]["name"],
        igot_contact_mobile=raw["igot_contact"]["mobile"],
    )
