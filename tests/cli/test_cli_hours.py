"""``helpdesk hours``: the JSON contract, readable output, bad --at, and the machine's zone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

import pytest

from helpdesk.clock import IST


def hours_json(run_cli, *args: str) -> dict:
    result = run_cli("hours", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_json_contract_for_a_holiday(run_cli):
    answer = hours_json(run_cli, "--at", "2026-11-24T10:30")
    assert {k: answer[k] for k in ("at", "open", "reason", "closes_at", "next_open")} == {
        "at": "2026-11-24T10:30:00+05:30",
        "open": False,
        "reason": "Guru Nanak's Birthday (gazetted holiday)",
        "closes_at": None,
        "next_open": "2026-11-25T09:00:00+05:30",
    }


def test_json_contract_when_open(run_cli):
    answer = hours_json(run_cli, "--at", "2026-11-23T16:59:59")
    assert (answer["open"], answer["reason"]) == (True, "open")
    assert answer["closes_at"] == "2026-11-23T17:00:00+05:30"
    assert answer["next_open"] is None


@pytest.mark.parametrize(
    "spelling",
    ["2026-11-23T09:00", "2026-11-23 09:00:00", "2026-11-23T03:30Z", "2026-11-23T03:30:00+00:00",
     "2026-11-22T22:30-05:00", "2026-11-23T09:00+05:30"],
)
def test_every_spelling_of_the_same_moment_gets_the_same_answer(run_cli, spelling):
    answer = hours_json(run_cli, "--at", spelling)
    assert answer["at"] == "2026-11-23T09:00:00+05:30"
    assert answer["open"] is True


def test_without_at_the_answer_is_for_now_in_ist(run_cli, monkeypatch):
    monkeypatch.setattr("helpdesk.clock.now", lambda: datetime(2026, 12, 25, 11, 0, tzinfo=IST))
    answer = hours_json(run_cli)
    assert answer["at"] == "2026-12-25T11:00:00+05:30"
    assert answer["reason"] == "Christmas Day (gazetted holiday)"
    assert answer["next_open"] == "2026-12-28T09:00:00+05:30"


def test_readable_output_leads_with_the_verdict(run_cli):
    result = run_cli("hours", "--at", "2027-12-31T17:00")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "CLOSED: after closing (closed at 17:00 IST)"
    assert lines[1] == "  at            Fri 31 Dec 2027, 17:00 IST"
    assert lines[2] == "  next opening  Mon 3 Jan 2028, 09:00 IST (in 2d 16h)"
    assert lines[3].startswith("  warning: No holiday list is loaded for 2028")
    assert all(line.startswith("  warning: ") for line in lines[3:])


def test_readable_output_when_open(run_cli):
    result = run_cli("hours", "--at", "2026-11-23T14:47")
    assert result.stdout.splitlines() == [
        "OPEN",
        "  at            Mon 23 Nov 2026, 14:47 IST",
        "  closes        Mon 23 Nov 2026, 17:00 IST (in 2h 13m)",
    ]


@pytest.mark.parametrize(
    "bad, expected",
    [
        ("tomorrow", "is not a date and time"),
        ("2026-11-24", "has no time of day"),
        ("2026-02-30T10:00", "is not a date and time"),
        ("", "no date and time given"),
        ("2026-11-24T25:00", "is not a date and time"),
        ("0001-01-01T00:00+14:00", "out of range"),
        ("9999-12-31T23:00", "outside the years"),
        ("\x1b]0;pwned\x07", "is not a date and time"),
    ],
)
def test_a_bad_at_is_one_line_and_exit_2(run_cli, bad, expected):
    result = run_cli("hours", "--at", bad)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("helpdesk: error: --at: ")
    assert result.stderr.count("\n") == 1
    assert expected in result.stderr
    assert "\x1b" not in result.stderr


def run_in_zone(zone: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, TZ=zone)
    return subprocess.run([sys.executable, "-m", "helpdesk", *args], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


ZONES = ["America/New_York", "Pacific/Kiritimati", "UTC", "Asia/Kolkata"]
MOMENTS = ["2026-11-23T08:59:59", "2026-11-23T09:00", "2026-11-27T17:00", "2026-11-24T12:00",
           "2026-11-23T03:30Z", "2027-12-31T23:30:00+05:30"]


def test_machines_in_other_time_zones_give_identical_ist_answers(db_path):
    # The zones really differ on this machine (a missing tz database would make them all UTC).
    probe = "import time; print(time.localtime(1795000000).tm_gmtoff)"
    seen = {zone: subprocess.run([sys.executable, "-c", probe], env=dict(os.environ, TZ=zone),
                                 capture_output=True, text=True, check=True).stdout.strip()
            for zone in ZONES}
    assert seen == {"America/New_York": "-18000", "Pacific/Kiritimati": "50400", "UTC": "0",
                    "Asia/Kolkata": "19800"}
    answers = {}
    for zone in ZONES:
        for moment in MOMENTS:
            result = run_in_zone(zone, "hours", "--at", moment, "--json")
            assert result.returncode == 0, result.stderr
            answers[zone, moment] = json.loads(result.stdout)
    for moment in MOMENTS:
        assert len({json.dumps(answers[zone, moment]) for zone in ZONES}) == 1, moment
    assert answers["Pacific/Kiritimati", "2026-11-23T08:59:59"]["open"] is False
    assert answers["America/New_York", "2026-11-23T09:00"]["open"] is True
    assert answers["UTC", "2026-11-23T03:30Z"]["at"] == "2026-11-23T09:00:00+05:30"
    assert answers["America/New_York", "2026-11-27T17:00"]["next_open"] == "2026-11-30T09:00:00+05:30"


def test_now_is_ist_in_any_zone(db_path):
    # The one place the wall clock is read: its offset must be IST whatever TZ says.
    probe = "from helpdesk.clock import now; print(now().utcoffset())"
    for zone in ("America/New_York", "Pacific/Kiritimati"):
        shown = subprocess.run([sys.executable, "-c", probe], env=dict(os.environ, TZ=zone),
                               capture_output=True, text=True, check=True).stdout.strip()
        assert shown == "5:30:00"
