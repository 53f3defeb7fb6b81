"""Business-hours clocks, checked against figures worked out by hand.

The desk is open Mon–Fri 09:00–17:00 IST (480 minutes a day); Tue 24 Nov 2026 is a
gazetted holiday. Each expected number is derived in the comment beside it.
"""

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk import tickets
from helpdesk.reports.clocks import (PAUSED, RUNNING, STOPPED, ClockInput, StatusChange, measure_clocks,
                             status_changes)
from helpdesk.hours.desk_minute_index import DeskMinuteIndex
from helpdesk.hours.status import DeskHours
from helpers.reports import clock_input, ist, log, shipped_hours


@pytest.fixture
def hours(store) -> DeskHours:
    return DeskHours.from_store(store)


def test_first_response_across_a_weekend(store, hours):
    ticket = log(store, ist(2026, 11, 27, 16, 0))  # Friday
    tickets.claim(store, ticket.id, "asha", at=ist(2026, 11, 30, 10, 0))  # Monday
    clocks = measure_clocks(clock_input(store, ticket.id), hours, ist(2026, 11, 30, 12, 0))
    # Fri 16:00-17:00 (60) + Mon 09:00-10:00 (60); calendar: 2 days 18 hours.
    assert clocks.first_response.desk_minutes == 120
    assert clocks.first_response.calendar_minutes == (2 * 24 + 18) * 60
    assert clocks.first_response.final
    # Still open at Mon 12:00: Fri 60 + Mon 09:00-12:00 (180).
    assert (clocks.resolution.desk_minutes, clocks.resolution.final) == (240, False)
    assert clocks.state == RUNNING and clocks.handle is None


def test_resolution_across_a_holiday(store, hours):
    ticket = log(store, ist(2026, 11, 23, 16, 0))  # Monday
    tickets.resolve(store, ticket.id, "otp-resolved", "sent again", "asha", at=ist(2026, 11, 25, 10, 0))
    clocks = measure_clocks(clock_input(store, ticket.id), hours, ist(2026, 11, 26, 9, 0))
    # Mon 16:00-17:00 (60), Tue 24 closed (Guru Nanak's Birthday), Wed 09:00-10:00 (60).
    assert clocks.resolution.desk_minutes == 120
    assert clocks.resolution.calendar_minutes == 42 * 60
    assert clocks.resolution.final and clocks.state == STOPPED
    assert clocks.resolved_at == ist(2026, 11, 25, 10, 0)
    # Resolving is the first response here; nobody claimed it, so handle runs from logging.
    assert clocks.first_response.desk_minutes == 120
    assert clocks.handle.desk_minutes == 120


def test_clock_pauses_while_waiting_on_the_participant(store, hours):
    ticket = log(store, ist(2026, 11, 23, 10, 0))
    tickets.claim(store, ticket.id, "asha", at=ist(2026, 11, 23, 10, 30))
    tickets.set_status(store, ticket.id, "waiting-participant", "asha", at=ist(2026, 11, 23, 11, 0))
    tickets.set_status(store, ticket.id, "open", "asha", at=ist(2026, 11, 25, 14, 0))
    tickets.resolve(store, ticket.id, "self-registered", "done", "asha", at=ist(2026, 11, 25, 15, 0))
    clocks = measure_clocks(clock_input(store, ticket.id), hours, ist(2026, 11, 26, 9, 0))
    # Running Mon 10:00-11:00 (60) and Wed 14:00-15:00 (60).
    assert clocks.resolution.desk_minutes == 120
    # Paused Mon 11:00-17:00 (360) + Tue holiday (0) + Wed 09:00-14:00 (300); calendar 51 h.
    assert clocks.waiting.desk_minutes == 660
    assert clocks.waiting.calendar_minutes == 51 * 60
    # Handle from the claim at 10:30: Mon 10:30-11:00 (30) + Wed (60).
    assert clocks.handle.desk_minutes == 90
    assert clocks.first_response.desk_minutes == 30


def test_weekend_holiday_and_pause_together(store, hours):
    ticket = log(store, ist(2026, 11, 20, 15, 0))  # Friday
    tickets.claim(store, ticket.id, "asha", at=ist(2026, 11, 20, 15, 20))
    tickets.set_status(store, ticket.id, "waiting-mdo", "asha", at=ist(2026, 11, 20, 16, 0))
    tickets.set_status(store, ticket.id, "open", "asha", at=ist(2026, 11, 23, 12, 0))  # Monday
    tickets.resolve(store, ticket.id, "referred-mdo", "approved", "asha", at=ist(2026, 11, 25, 11, 30))
    clocks = measure_clocks(clock_input(store, ticket.id), hours, ist(2026, 11, 27, 9, 0))
    # Running: Fri 15:00-16:00 (60) + Mon 12:00-17:00 (300) + Tue holiday + Wed 09:00-11:30 (150).
    assert clocks.resolution.desk_minutes == 510
    # Fri 15:00 -> Wed 11:30 is 4 days 20 h 30 m.
    assert clocks.resolution.calendar_minutes == (4 * 24 + 20) * 60 + 30
    # Paused: Fri 16:00-17:00 (60) + weekend + Mon 09:00-12:00 (180).
    assert clocks.waiting.desk_minutes == 240
    assert clocks.waiting.calendar_minutes == (2 * 24 + 20) * 60
    # Handle from Fri 15:20: 40 + 300 + 150.
    assert clocks.handle.desk_minutes == 490
    assert (clocks.first_response.desk_minutes, clocks.first_response.calendar_minutes) == (20, 20)


def test_a_reopened_ticket_does_not_count_the_time_it_was_resolved(store, hours):
    ticket = log(store, ist(2026, 11, 23, 9, 0))
    tickets.resolve(store, ticket.id, "otp-resolved", "ok", "asha", at=ist(2026, 11, 23, 10, 0))
    tickets.set_status(store, ticket.id, "open", "asha", at=ist(2026, 11, 25, 9, 0))
    tickets.resolve(store, ticket.id, "otp-resolved", "ok now", "asha", at=ist(2026, 11, 25, 9, 45))
    clocks = measure_clocks(clock_input(store, ticket.id), hours, ist(2026, 11, 26, 9, 0))
    # Mon 09:00-10:00 (60) + Wed 09:00-09:45 (45); Mon 10:00 -> Wed 09:00 was resolved.
    assert clocks.resolution.desk_minutes == 105
    assert clocks.resolved_at == ist(2026, 11, 25, 9, 45)


def test_clocks_as_they_stood_at_an_earlier_moment(store, hours):
    ticket = log(store, ist(2026, 11, 23, 9, 0))
    tickets.resolve(store, ticket.id, "otp-resolved", "ok", "asha", at=ist(2026, 11, 23, 10, 0))
    tickets.set_status(store, ticket.id, "open", "asha", at=ist(2026, 11, 25, 9, 0))
    item = clock_input(store, ticket.id)
    # Tuesday evening the ticket was resolved (reopening came on Wednesday), even though the
    # ticket itself no longer has a resolved_at.
    tuesday = measure_clocks(item, hours, ist(2026, 11, 24, 20, 0))
    assert tuesday.state == STOPPED and tuesday.resolution.final
    assert tuesday.resolved_at == ist(2026, 11, 23, 10, 0)
    # Before it was resolved: running, 30 minutes in, not yet responded to.
    early = measure_clocks(item, hours, ist(2026, 11, 23, 9, 30))
    assert (early.state, early.resolution.desk_minutes, early.first_response.final) == (RUNNING, 30, False)
    # Now (Wednesday 11:00), reopened: 60 + 120.
    now = measure_clocks(item, hours, ist(2026, 11, 25, 11, 0))
    assert (now.state, now.resolution.desk_minutes, now.resolved_at) == (RUNNING, 180, None)


def test_paused_clock_stays_still(store, hours):
    item = ClockInput(7, ist(2026, 11, 23, 9, 0), None, ist(2026, 11, 23, 9, 10), None,
                      (StatusChange(ist(2026, 11, 23, 9, 10), "waiting-mdo"),))
    monday = measure_clocks(item, hours, ist(2026, 11, 23, 16, 0))
    friday = measure_clocks(item, hours, ist(2026, 11, 27, 16, 0))
    assert monday.state == friday.state == PAUSED
    assert monday.resolution.desk_minutes == friday.resolution.desk_minutes == 10
    # Waiting: Mon 09:10-16:00 (410); by Friday also Wed and Thu (960) and Fri to 16:00 (420).
    assert monday.waiting.desk_minutes == 410
    assert friday.waiting.desk_minutes == 470 + 960 + 420


def test_status_changes_come_from_status_and_resolution_events(store):
    ticket = log(store, ist(2026, 11, 23, 9, 0))
    tickets.claim(store, ticket.id, "asha", at=ist(2026, 11, 23, 9, 5))
    tickets.add_note(store, ticket.id, "called", "asha", at=ist(2026, 11, 23, 9, 6))
    tickets.set_status(store, ticket.id, "escalated", "asha", at=ist(2026, 11, 23, 9, 7))
    tickets.resolve(store, ticket.id, "escalated-kb", "handed over", "asha", at=ist(2026, 11, 23, 9, 8))
    changes = status_changes(tickets.events(store.db, ticket.id))
    assert [(change.at.minute, change.status) for change in changes] == [(7, "escalated"), (8, "resolved")]


@settings(max_examples=300, deadline=None)
@given(first=st.integers(0, 700 * 1440), length=st.integers(-3000, 60 * 1440),
       microseconds=st.integers(0, 59_999_999))
def test_the_index_agrees_with_desk_hours(first, length, microseconds):
    hours = shipped_hours()
    begin = ist(2026, 1, 1, 0, 0) + timedelta(minutes=first)
    # Seconds and microseconds too: both must round the same way.
    end = begin + timedelta(minutes=length, microseconds=microseconds)
    index = DeskMinuteIndex(hours, begin.date(), begin.date() + timedelta(days=70))
    assert index.desk_minutes(begin, end) == hours.desk_minutes(begin, end)


def test_the_index_falls_back_outside_its_span(store):
    hours = DeskHours.from_store(store)
    index = DeskMinuteIndex(hours, ist(2026, 11, 23).date(), ist(2026, 11, 27).date())
    start, end = ist(2026, 11, 20, 16, 0), ist(2026, 12, 1, 10, 0)
    assert index.desk_minutes(start, end) == hours.desk_minutes(start, end) == 60 + 5 * 480 + 60


def test_a_change_at_the_very_moment_measured_counts(store, hours):
    ticket = log(store, ist(2026, 11, 23, 10, 0))
    tickets.resolve(store, ticket.id, "otp-resolved", "ok", "asha", at=ist(2026, 11, 23, 11, 0))
    clocks = measure_clocks(clock_input(store, ticket.id), hours, ist(2026, 11, 23, 11, 0))
    assert (clocks.state, clocks.resolution.final, clocks.resolved_at) == (STOPPED, True, ist(2026, 11, 23, 11, 0))
    assert clocks.resolution.desk_minutes == 60
