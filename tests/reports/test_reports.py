"""Report figures for a fixed week of tickets, every expected number worked out by hand.

The week (IST, 2026): Fri 20 Nov open; Sat-Sun weekend; Mon 23 open; Tue 24 Guru Nanak's
Birthday (closed); Wed 25 open. "Now" is Wed 25 Nov 18:00, after closing.
"""

import pytest

from helpdesk import tickets
from helpdesk.hours.status import DeskHours
from helpdesk.reports.periods import Period
from helpdesk.reports.figures import build_report, percentile
from helpdesk.reports.sla import DEFAULT_TARGETS
from helpers.reports import add_directory, ist, log

NOW = ist(2026, 11, 25, 18, 0)
WEDNESDAY = Period.day(NOW.date())
MONDAY = Period.day(ist(2026, 11, 23).date())


@pytest.fixture
def week(store):
    """Seven tickets; the comments give each one's clocks in desk minutes."""
    add_directory(store)
    at = ist
    # 1: Mon 16:00, claimed 16:10, resolved Wed 10:00. Resolution 60 + 60 = 120 (42 h
    #    calendar); handle 50 + 60 = 110 (41 h 50 m).
    log(store, at(2026, 11, 23, 16, 0), ministry="D/o Posts", category="otp")
    tickets.claim(store, 1, "asha", at=at(2026, 11, 23, 16, 10))
    tickets.resolve(store, 1, "otp-resolved", "resent", "asha", at=at(2026, 11, 25, 10, 0))
    # 2: Wed 09:30, ben claims 09:40 (first response 10), waits on MDO from 10:00: 30.
    #    Training Fri 27 Nov.
    log(store, at(2026, 11, 25, 9, 30), ministry="M/o Railways", category="mdo-approval",
        training_date="2026-11-27", participant_name="Sita Devi")
    tickets.claim(store, 2, "ben", at=at(2026, 11, 25, 9, 40))
    tickets.set_status(store, 2, "waiting-mdo", "ben", at=at(2026, 11, 25, 10, 0))
    # 3: Wed 10:15 by ben, nobody has answered: first response running, 10:15-17:00 = 405.
    log(store, at(2026, 11, 25, 10, 15), "ben", category="otp")
    # 4: Wed 11:00 by ben, claimed 11:20 (20), resolved 12:00: resolution 60, handle 40.
    log(store, at(2026, 11, 25, 11, 0), "ben", ministry="D/o Posts", category="otp")
    tickets.claim(store, 4, "ben", at=at(2026, 11, 25, 11, 20))
    tickets.resolve(store, 4, "otp-resolved", "ok", "ben", at=at(2026, 11, 25, 12, 0))
    # 5: Wed 14:00, resolved 16:30 without a claim: first response, resolution, handle 150.
    log(store, at(2026, 11, 25, 14, 0), ministry="M/o Railways", category="certificate")
    tickets.resolve(store, 5, "certificate-guided", "found it", "asha", at=at(2026, 11, 25, 16, 30))
    # 6: Fri 20 Nov 10:00, claimed 10:05, still open: Fri 420 + Mon 480 + Wed 480 = 1380.
    #    Training today (Wed 25).
    log(store, at(2026, 11, 20, 10, 0), ministry="D/o Posts", category="profile",
        training_date="2026-11-25", participant_name="Mohan Lal")
    tickets.claim(store, 6, "asha", at=at(2026, 11, 20, 10, 5))
    # 7: Mon 10:00, resolved Mon 11:00, reopened Wed 09:00: open again, 60 + 480 = 540.
    log(store, at(2026, 11, 23, 10, 0), ministry="D/o Health & Family Welfare")
    tickets.resolve(store, 7, "information-given", "told", "asha", at=at(2026, 11, 23, 11, 0))
    tickets.set_status(store, 7, "open", "asha", at=at(2026, 11, 25, 9, 0))
    return store


def report_for(store, period, now=NOW, targets=DEFAULT_TARGETS):
    return build_report(store.db, DeskHours.from_store(store), targets, period, now)


def test_counts_for_a_day(week):
    report = report_for(week, WEDNESDAY)
    assert report.as_of == NOW
    assert (report.opened, report.resolved, report.still_open) == (4, 3, 4)  # 2-5; 1,4,5; 2,3,6,7
    assert report.awaiting_first_response == 1  # 3


def test_clock_percentiles_for_a_day(week):
    report = report_for(week, WEDNESDAY)
    # First response over 2, 4, 5: 10, 20, 150. p90 at rank 1.8: 20 + 0.8 * 130.
    assert (report.first_response.count, report.first_response.desk_p50,
            report.first_response.desk_p90) == (3, 20, 124.0)
    # Handle over 1, 4, 5: 110, 40, 150 -> 40, 110, 150; calendar 2510, 40, 150.
    assert (report.handle.desk_p50, report.handle.desk_p90) == (110, 142.0)
    assert (report.handle.calendar_p50, report.handle.calendar_p90) == (150, 150 + 0.8 * 2360)
    # Resolution 120, 60, 150.
    assert (report.resolution.desk_p50, report.resolution.desk_p90) == (120, 144.0)
    assert report.waiting.desk_p90 == 0


def test_targets_missed(week):
    missed = report_for(week, WEDNESDAY).missed
    # First response over 60: 3 (405, still waiting) and 5 (150). No resolution over 960.
    # Open past a target: 3 (first response) and 6 (1380 > 960); 7 is at 540, 2 at 30.
    assert (missed.first_response, missed.resolution, missed.open_past_target) == (2, 0, 2)


def test_tickets_per_hour(week):
    per_hour = report_for(week, WEDNESDAY).opened_per_hour
    assert len(per_hour) == 24
    assert {hour: count for hour, count in enumerate(per_hour) if count} == {9: 1, 10: 1, 11: 1, 14: 1}


def test_breakdowns(week):
    report = report_for(week, WEDNESDAY)
    assert [(row.key, row.opened, row.resolved, row.still_open) for row in report.by_category] == [
        ("otp", 2, 2, 1),             # opened 3, 4; resolved 1, 4; open 3
        ("mdo-approval", 1, 0, 1),    # ties with certificate on opened; more still open
        ("certificate", 1, 1, 0),
        ("other", 0, 0, 1),           # 7, reopened
        ("profile", 0, 0, 1),         # 6, from last week
    ]
    assert [(row.label, row.opened, row.resolved, row.still_open) for row in report.by_ministry] == [
        ("M/o Railways", 2, 1, 1),
        ("D/o Posts", 1, 2, 1),
        ("(ministry not identified)", 1, 0, 1),
        ("D/o Health & Family Welfare", 0, 0, 1),
    ]
    assert [(row.key, row.resolved) for row in report.by_outcome] == [
        ("otp-resolved", 2), ("certificate-guided", 1)]
    # Logged: asha 2 and 5, ben 3 and 4. Resolved: asha 1 (110) and 5 (150), ben 4 (40).
    assert [(row.agent, row.opened, row.resolved, row.handle_desk_p50) for row in report.by_agent] == [
        ("asha", 2, 2, 130.0), ("ben", 2, 1, 40)]


def test_top_ten_ministries_only(store):
    rows = [(f"Ministry {number:02d}", number) for number in range(1, 13)]
    with store.transaction() as db:
        for name, _ in rows:
            db.execute("INSERT INTO directory (ministry, rep_name, rep_email, rep_mobile) "
                       "VALUES (?, 'Rep', 'rep@karmayogi.in', '9000000000')", [name])
    for name, count in rows:
        for _ in range(count):
            log(store, ist(2026, 11, 25, 10, 0), ministry=name)
    shown = report_for(store, WEDNESDAY).by_ministry
    assert [row.label for row in shown] == [f"Ministry {n:02d}" for n in range(12, 2, -1)]


def test_upcoming_training_risk(week):
    groups = report_for(week, WEDNESDAY).training_risk
    # 6 trains today (D/o Posts), 2 on Friday (M/o Railways); resolved tickets never appear.
    assert [(g.ministry, g.representative.name, [(t.id, t.days_left) for t in g.tickets])
            for g in groups] == [("D/o Posts", "Priyamvada Pallavi", [(6, 0)]),
                                 ("M/o Railways", "Pawan Pathak", [(2, 2)])]
    assert groups[1].representative.mobile == "8595675447"


def test_a_past_day_is_reported_as_it_stood_that_evening(week):
    report = report_for(week, MONDAY)
    assert report.as_of == ist(2026, 11, 24, 0, 0)
    # Logged Monday: 1 and 7. Resolved Monday: 7 (reopened on Wednesday, resolved then).
    # Open at Monday midnight: 1 (resolved Wednesday) and 6.
    assert (report.opened, report.resolved, report.still_open) == (2, 1, 2)
    # 6 stood at Fri 420 + Mon 480 = 900 of 960: not yet past.
    assert report.missed.open_past_target == 0
    assert [(row.key, row.resolved) for row in report.by_outcome] == [("information-given", 1)]


def test_a_range_of_days(week):
    report = report_for(week, Period(ist(2026, 11, 20).date(), ist(2026, 11, 26).date()))
    assert report.opened == 7 and report.resolved == 3  # 7's resolution was undone
    assert len(report.opened_per_hour) == 7 * 24
    assert report.opened_per_hour[10] == 1  # 6, Friday 10:00


def test_a_year_without_holidays_is_warned_about(store):
    report = report_for(store, Period.day(ist(2028, 3, 1).date()), now=ist(2028, 3, 1, 12, 0))
    assert report.opened == 0
    assert any("2028" in warning for warning in report.warnings)


@pytest.mark.parametrize("values, share, expected", [
    ([], 0.5, None), ([7], 0.9, 7), ([10, 20], 0.5, 15), (list(range(1, 11)), 0.9, 9.1),
    ([5, 1, 3], 0.5, 3),
])
def test_percentile(values, share, expected):
    assert percentile(values, share) == expected
