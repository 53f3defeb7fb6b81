"""Targets from the config file, and when a ticket is near or past them."""

from pathlib import Path

import pytest

from helpdesk import config, tickets
from helpdesk.reports.clocks import measure_clocks
from helpdesk.config import ConfigError
from helpdesk.hours.status import DeskHours
from helpdesk.reports.sla import DEFAULT_TARGETS, NEAR, OK, PAST, SlaTargets, load_targets, target_mark
from helpers.reports import clock_input, ist, log


def write_config(tmp_path: Path, text: str) -> config.Config:
    path = tmp_path / "config.toml"
    config.write_private(path, text)
    return config.load(path)


def test_defaults_without_a_config_file(tmp_path):
    assert load_targets(config.load(tmp_path / "none.toml")) == SlaTargets(60, 960, 75) == DEFAULT_TARGETS


def test_the_sla_section_overrides_the_defaults(tmp_path):
    loaded = load_targets(write_config(tmp_path, "[sla]\nfirst_response_minutes = 30\nwarn_at_percent = 80\n"))
    assert loaded == SlaTargets(first_response_minutes=30, resolution_minutes=960, warn_at_percent=80)


@pytest.mark.parametrize("line, fragment", [
    ("first_response_minutes = 0", "from 1 to"),
    ("resolution_minutes = -5", "from 1 to"),
    ("warn_at_percent = 101", "from 1 to 100"),
    ("first_response_minutes = '60'", "whole number"),
    ("first_response_minutes = true", "whole number"),
    ("first_response_minutes = 1.5", "whole number"),
    ("resolution_hours = 16", "no setting 'resolution_hours'"),
])
def test_a_wrong_setting_names_the_key(tmp_path, line, fragment):
    with pytest.raises(ConfigError, match=fragment):
        load_targets(write_config(tmp_path, f"[sla]\n{line}\n"))


@pytest.mark.parametrize("minutes, state", [(0, OK), (44, OK), (45, NEAR), (60, NEAR), (61, PAST)])
def test_met_at_the_target_missed_after_it(minutes, state):
    # 75% of 60 is 45: near from 45, still met at 60, missed from 61.
    assert DEFAULT_TARGETS.state(minutes, 60) == state


def test_warn_threshold_rounds_up():
    assert SlaTargets(warn_at_percent=75).warn_threshold(10) == 8  # 7.5 -> 8


def test_a_mark_follows_the_clock_over_a_holiday(store):
    hours = DeskHours.from_store(store)
    ticket = log(store, ist(2026, 11, 23, 16, 30))  # Monday; Tuesday is Guru Nanak's Birthday
    clocks = measure_clocks(clock_input(store, ticket.id), hours, ist(2026, 11, 23, 16, 40))
    mark = target_mark(clocks, DEFAULT_TARGETS, hours)
    assert (mark.clock, mark.state_then) == ("first response", OK)
    # 10 desk minutes so far: near at 45 (35 more: 20 on Monday, 15 on Wednesday),
    # due at 60 (Wed 09:30), missed from the minute after.
    assert mark.near_at == ist(2026, 11, 25, 9, 15)
    assert mark.due_at == ist(2026, 11, 25, 9, 30)
    assert mark.past_at == ist(2026, 11, 25, 9, 31)
    assert mark.label(ist(2026, 11, 24, 12, 0)) == ""  # the holiday moves no clock
    assert mark.label(ist(2026, 11, 25, 9, 20)) == "⚠ 09:30"
    assert mark.label(ist(2026, 11, 25, 9, 31)) == "✗ over"
    assert mark.label(ist(2026, 11, 23, 16, 55)) == ""


def test_a_mark_due_another_day_names_the_day(store):
    hours = DeskHours.from_store(store)
    targets = SlaTargets(first_response_minutes=60, resolution_minutes=600, warn_at_percent=50)
    ticket = log(store, ist(2026, 11, 23, 9, 0))
    tickets.claim(store, ticket.id, "asha", at=ist(2026, 11, 23, 9, 5))
    clocks = measure_clocks(clock_input(store, ticket.id), hours, ist(2026, 11, 23, 14, 0))
    mark = target_mark(clocks, targets, hours)
    # Responded, so the resolution clock: 300 of 600, near at once; due after 300 more:
    # Mon 14:00-17:00 (180), then Wed 09:00-11:00 (120).
    assert (mark.clock, mark.state_then, mark.due_at) == ("resolution", NEAR, ist(2026, 11, 25, 11, 0))
    assert mark.label(ist(2026, 11, 23, 14, 0)) == "⚠ Wed 25"


def test_a_paused_ticket_keeps_its_mark(store):
    hours = DeskHours.from_store(store)
    targets = SlaTargets(first_response_minutes=60, resolution_minutes=120, warn_at_percent=75)
    ticket = log(store, ist(2026, 11, 23, 9, 0))
    tickets.set_status(store, ticket.id, "waiting-participant", "asha", at=ist(2026, 11, 23, 10, 40))
    clocks = measure_clocks(clock_input(store, ticket.id), hours, ist(2026, 11, 27, 16, 0))
    mark = target_mark(clocks, targets, hours)
    assert mark.paused and mark.state_then == NEAR  # 100 of 120 minutes, then paused
    assert mark.due_at is None and mark.past_at is None
    assert mark.label(ist(2026, 12, 31, 12, 0)) == "⚠ paused"


def test_resolved_tickets_have_no_mark(store):
    hours = DeskHours.from_store(store)
    ticket = log(store, ist(2026, 11, 23, 9, 0))
    tickets.resolve(store, ticket.id, "otp-resolved", "ok", "asha", at=ist(2026, 11, 23, 9, 30))
    clocks = measure_clocks(clock_input(store, ticket.id), hours, ist(2026, 11, 23, 12, 0))
    assert target_mark(clocks, DEFAULT_TARGETS, hours) is None
