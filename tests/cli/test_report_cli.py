"""``helpdesk report``: the same figures as the dashboard, as text, JSON, CSV and Markdown."""

import csv
import io
import json

import pytest

from helpers.reports import add_directory, ist, log
from helpdesk import tickets


@pytest.fixture
def day(store, monkeypatch):
    """Wed 25 Nov 2026: three tickets, one resolved; now is 18:00 that day."""
    monkeypatch.setattr("helpdesk.clock.now", lambda: ist(2026, 11, 25, 18, 0))
    add_directory(store)
    log(store, ist(2026, 11, 25, 9, 30), ministry="D/o Posts", category="otp",
        training_date="2026-11-26", participant_name="Sita *Devi*")
    log(store, ist(2026, 11, 25, 10, 0), "ben", ministry="M/o Railways", category="otp")
    tickets.claim(store, 2, "ben", at=ist(2026, 11, 25, 10, 30))
    tickets.resolve(store, 2, "otp-resolved", "resent", "ben", at=ist(2026, 11, 25, 11, 0))
    log(store, ist(2026, 11, 25, 15, 0), participant_name="=cmd|' /C calc'!A0", category="certificate")
    return store


def test_text_report_for_today(run_cli, day):
    result = run_cli("report")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Desk report · Wed 25 Nov 2026 · as of Wed 25 Nov 2026 18:00 IST")
    assert "opened 3 · resolved 1 · still open 2 · awaiting first response 2" in out
    # 1 waits 09:30-17:00 (450) and 3 15:00-17:00 (120) for a first response: both past 60.
    assert "first response 2 · resolution 0 · open past target 2" in out
    assert "OTP not received" in out and "█" in out
    assert "D/o Posts — alert Priyamvada Pallavi · priyamvadapallavi.kb@karmayogi.in · 9315718261" in out


def test_json_report(run_cli, day):
    result = run_cli("report", "--date", "25/11/2026", "--json")
    data = json.loads(result.stdout)
    assert (data["opened"], data["resolved"], data["still_open"]) == (3, 1, 2)
    assert data["period"] == {"from": "2026-11-25", "to": "2026-11-25"}
    assert data["as_of"] == "2026-11-25T18:00:00+05:30"
    assert data["handle"]["desk_p50"] == 30
    assert data["first_response"] == {"count": 1, "desk_p50": 30, "desk_p90": 30,
                                      "calendar_p50": 30, "calendar_p90": 30}
    assert data["targets"] == {"first_response_minutes": 60, "resolution_minutes": 960, "warn_at_percent": 75}
    assert [group["ministry"] for group in data["training_risk"]] == ["D/o Posts"]


def test_csv_report_is_one_figure_per_row_and_spreadsheet_safe(run_cli, day):
    result = run_cli("report", "--from", "2026-11-23", "--to", "2026-11-27", "--csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["section", "key", "measure", "value"]
    figures = {(section, key, measure): value for section, key, measure, value in rows[1:]}
    assert figures[("tickets", "", "opened")] == "3"
    assert figures[("category", "otp", "opened")] == "2"
    assert figures[("ministry", "M/o Railways", "resolved")] == "1"
    assert figures[("clock", "resolution", "desk_p50")] == "60.0"
    assert len([row for row in rows if row[0] == "opened_per_hour"]) == 5 * 24


def test_markdown_report_escapes_names(run_cli, day):
    result = run_cli("report", "--markdown")
    assert result.stdout.startswith("# Desk report: Wed 25 Nov 2026\n")
    assert "| Opened | 3 |" in result.stdout
    assert r"Sita \*Devi\*" in result.stdout and "Sita *Devi*" not in result.stdout


def test_the_config_sets_the_targets(run_cli, day, db_path, tmp_path):
    from helpdesk.config import write_private

    write_private(tmp_path / "config.toml", "[sla]\nfirst_response_minutes = 500\n")
    data = json.loads(run_cli("report", "--json").stdout)
    assert data["targets"]["first_response_minutes"] == 500
    assert data["targets_missed"]["first_response"] == 0


@pytest.mark.parametrize("args, message", [
    (["--date", "2026-02-30"], "--date: '2026-02-30' is not a date"),
    (["--date", "30/02/2026"], "--date: '30/02/2026' is not a real date"),
    (["--date", "yesterday"], "--date: 'yesterday' is not a date"),
    (["--from", "2026-11-01"], "--from and --to go together"),
    (["--date", "2026-11-01", "--from", "2026-11-01", "--to", "2026-11-02"], "not both"),
    (["--from", "2026-11-02", "--to", "2026-11-01"], "before it starts"),
    (["--from", "2024-01-01", "--to", "2026-01-01"], "the longest is 400"),
])
def test_bad_dates_exit_2_with_one_line(run_cli, store, args, message):
    result = run_cli("report", *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_bad_config_is_one_line(run_cli, store, tmp_path):
    from helpdesk.config import write_private

    write_private(tmp_path / "config.toml", "[sla]\nwarn_at_percent = 0\n")
    result = run_cli("report")
    assert result.exit_code == 1
    assert "[sla] warn_at_percent must be a whole number from 1 to 100" in result.stderr
