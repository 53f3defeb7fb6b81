"""``helpdesk export``: masked by default, full values for supervisors only and audited."""

import csv
import json
import sqlite3
import stat
from contextlib import contextmanager

import pytest

from helpdesk import tickets
from helpdesk.access import audit
from helpdesk.reports.exports import export_tickets
from helpdesk.reports.periods import Period
from helpers.reports import ist, log

EMAIL, MOBILE = "ravi.kumar@gov.in", "9876543259"


@pytest.fixture
def logged(store):
    """One ticket with personal data in every place it can hide, and one outside the range."""
    log(store, ist(2026, 11, 23, 10, 0), participant_name="=HYPERLINK(\"http://evil\")",
        email="ravi@gmail.com", mobile="9810347159", category="otp",
        question="my other number is 98100 12345, mail me at ravi.k@nic.in")
    tickets.update(store, 1, {"email": EMAIL, "mobile": MOBILE}, "asha", expected_version=None,
                   at=ist(2026, 11, 23, 10, 5))
    tickets.add_note(store, 1, "called 9810347159", "asha", at=ist(2026, 11, 23, 10, 6))
    tickets.resolve(store, 1, "self-registered", "mailed ravi.kumar@gov.in the steps", "asha",
                    at=ist(2026, 11, 23, 11, 0))
    log(store, ist(2026, 11, 30, 10, 0), participant_name="Later")
    return store


def make_supervisor(store, name="meera"):
    with store.transaction() as db:
        db.execute("INSERT INTO agents (name, role, added_at, added_by) VALUES (?, 'supervisor', ?, 'owner')",
                   [name, "2026-11-01T09:00:00+05:30"])


def test_masked_csv_has_no_full_contact_anywhere(run_cli, logged, tmp_path):
    path = tmp_path / "out.csv"
    result = run_cli("export", "--from", "23/11/2026", "--to", "2026-11-27", "--format", "csv", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    assert "wrote 1 ticket (" in result.stdout and "masked" in result.stdout
    text = path.read_text()
    for secret in (EMAIL, MOBILE, "ravi@gmail.com", "9810347159", "98100 12345", "ravi.k@nic.in"):
        assert secret not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (row,) = list(csv.DictReader(path.open(newline="")))
    assert (row["email"], row["mobile"]) == ("r*****@gov.in", "98******59")
    assert row["participant_name"] == "'=HYPERLINK(\"http://evil\")"
    assert "email: r*****@gmail.com -> r*****@gov.in" in row["history"]
    assert "mobile: 98******59 -> 98******59" in row["history"]
    assert "called 98******59" in row["history"]
    assert row["question"] == "my other number is 98******45, mail me at r*****@nic.in"
    # Clocks: logged Mon 10:00, resolved 11:00; first response at the 10:05 edit? No: edits
    # are not responses; the note at 10:06 is.
    assert (row["first_response_desk_minutes"], row["resolution_desk_minutes"]) == ("6", "60")
    assert row["clock_state"] == "stopped"


def test_jsonl_has_the_history_as_a_list(run_cli, logged, tmp_path):
    path = tmp_path / "out.jsonl"
    assert run_cli("export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "jsonl",
                   "-o", str(path)).exit_code == 0
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert [record["id"] for record in records] == [1, 2]
    assert [event["kind"] for event in records[0]["history"]] == ["created", "edited", "edited", "note", "resolved"]
    assert EMAIL not in path.read_text() and records[0]["email"] == "r*****@gov.in"
    assert records[1]["clock_state"] == "running"


def test_full_values_need_a_supervisor(run_cli, logged, tmp_path):
    path = tmp_path / "full.csv"
    result = run_cli("export", "--from", "2026-11-23", "--to", "2026-11-23", "--format", "csv",
                     "--include-pii", "-o", str(path))
    assert result.exit_code == 3
    assert "only supervisors may export full e-mail" in result.stderr
    assert not path.exists()
    assert audit.entries(logged.db) == []


def test_a_supervisors_full_export_is_audited(run_cli, logged, tmp_path):
    make_supervisor(logged)
    path = tmp_path / "full.csv"
    result = run_cli("--agent", "meera", "export", "--from", "2026-11-23", "--to", "2026-11-23",
                     "--format", "csv", "--include-pii", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    assert "FULL e-mail and mobile" in result.stdout
    row = next(csv.DictReader(path.open(newline="")))
    assert (row["email"], row["mobile"]) == (EMAIL, MOBILE)
    assert "called 9810347159" in row["history"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (entry,) = audit.entries(logged.db, action_prefix="export.")
    assert (entry.agent, entry.action, entry.target) == ("meera", "export.pii", str(path.resolve()))
    assert entry.after == {"from": "2026-11-23", "to": "2026-11-23", "format": "csv", "tickets": 1}


def test_no_file_without_its_audit_entry(logged, tmp_path, monkeypatch):
    make_supervisor(logged)
    out = tmp_path / "exports"
    out.mkdir()

    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("helpdesk.access.audit.record", broken)
    with pytest.raises(RuntimeError):
        export_tickets(logged, "meera", Period.day(ist(2026, 11, 23).date()), "jsonl", out / "full.jsonl",
                       include_pii=True, now=ist(2026, 11, 25, 12, 0))
    assert list(out.iterdir()) == []


def test_a_failed_commit_takes_the_file_back(logged, tmp_path, monkeypatch):
    make_supervisor(logged)
    out = tmp_path / "exports"
    out.mkdir()
    real_transaction = logged.transaction

    @contextmanager
    def commit_fails():
        with real_transaction() as db:
            yield db  # the audit entry is written and the file put in place here...
            raise sqlite3.OperationalError("disk I/O error")  # ...then the commit fails

    monkeypatch.setattr(logged, "transaction", commit_fails)
    with pytest.raises(sqlite3.OperationalError):
        export_tickets(logged, "meera", Period.day(ist(2026, 11, 23).date()), "csv", out / "full.csv",
                       include_pii=True, now=ist(2026, 11, 25, 12, 0))
    assert list(out.iterdir()) == []
    assert audit.entries(logged.db) == []


def test_an_existing_file_is_not_replaced_without_force(run_cli, logged, tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("keep me")
    args = ["export", "--from", "2026-11-23", "--to", "2026-11-23", "--format", "csv", "-o", str(path)]
    result = run_cli(*args)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert path.read_text() == "keep me"
    assert run_cli(*args, "--force").exit_code == 0
    assert path.read_text().startswith("id,created_at")


@pytest.mark.parametrize("args, message", [
    (["--from", "2026-11-31", "--to", "2026-12-01"], "--from: '2026-11-31' is not"),
    (["--from", "2026-12-01", "--to", "2026-11-01"], "ends (2026-11-01) before it starts"),
])
def test_bad_dates_exit_2_with_one_line(run_cli, store, tmp_path, args, message):
    result = run_cli("export", *args, "--format", "csv", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
