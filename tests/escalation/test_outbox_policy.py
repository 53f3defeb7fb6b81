"""What a webhook's answer means and how long to wait: the rules on their own."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from helpdesk.escalation.outbox_policy import (
    backoff_seconds, describe_status, outcome_for, parse_retry_after, retry_delay,
)

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("status, outcome", [
    (200, "sent"), (202, "sent"), (204, "sent"),
    (400, "failed"), (401, "failed"), (404, "failed"), (413, "failed"), (301, "failed"),
    (408, "retry"), (429, "retry"), (500, "retry"), (502, "retry"), (503, "retry"),
])
def test_outcome_for_each_answer(status, outcome):
    assert outcome_for(status) == outcome


def test_retry_after_in_seconds_and_as_a_date():
    assert parse_retry_after("30", NOW) == 30
    assert parse_retry_after(format_datetime(NOW + timedelta(seconds=90), usegmt=True), NOW) == 90
    assert parse_retry_after(format_datetime(NOW - timedelta(seconds=5), usegmt=True), NOW) == 0
    for unreadable in (None, "", "soon", "-3", "1.5"):
        assert parse_retry_after(unreadable, NOW) is None


def test_full_jitter_stays_within_the_capped_exponential():
    rng = random.Random(7)
    for attempt in range(1, 30):
        ceiling = min(60.0, 2.0 * 2 ** (attempt - 1))
        waits = [backoff_seconds(attempt, 2.0, 60.0, rng) for _ in range(200)]
        assert all(0 <= wait <= ceiling for wait in waits)
        assert max(waits) > ceiling * 0.8  # spread over the whole range, not a fixed delay
    assert backoff_seconds(10_000, 2.0, 60.0, rng) <= 60.0  # no overflow on huge attempt counts


def test_retry_after_wins_over_backoff_within_the_limit():
    assert retry_delay(1, 12.0, base=2, cap=60, max_retry_after=3600) == 12.0
    assert retry_delay(1, 10 ** 6, base=2, cap=60, max_retry_after=3600) == 3600
    assert 0 <= retry_delay(3, None, base=2, cap=60, max_retry_after=3600) <= 8


def test_status_descriptions_say_what_to_do_and_strip_controls():
    assert describe_status(404) == "HTTP 404 Not Found: no webhook at this URL (deleted or mistyped)"
    assert "redirects" in describe_status(302)
    said = describe_status(500, "bad\x1b[2J thing\n" + "x" * 500)
    assert "\x1b" not in said and len(said) < 220


def test_escalation_core_does_not_import_textual():
    code = ("import sys, helpdesk.escalation.escalations, helpdesk.escalation.outbox_sender, helpdesk.admin.sync_changes, "
            "helpdesk.console.escalation_calls, helpdesk.cli.outbox_cmd, helpdesk.cli.escalate_cmd, "
            "helpdesk.cli.sync_cmd; print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
