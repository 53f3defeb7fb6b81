"""Every protected action: an agent is refused with who may do it (exit 3), nothing is
written, and a supervisor's change is audited with who, when and before/after."""

from __future__ import annotations

from datetime import timedelta
from importlib.resources import files

import pytest

from helpdesk import tickets
from helpdesk.access import audit

from helpers.frozen import FROZEN_NOW
from helpers.holiday_files import csv_text, year_rows
from helpers.roles import make_supervisor


def snapshot(store) -> tuple:
    db = store.db
    return tuple(db.execute(f"SELECT * FROM {table}").fetchall()
                 for table in ("holidays", "holiday_years", "agents", "audit_log", "tickets"))


@pytest.fixture
def holiday_file(tmp_path):
    path = tmp_path / "holidays-2028.csv"
    path.write_text(csv_text(year_rows(2028), comments="# source: DoPT OM 2028"), encoding="utf-8")
    return path


def test_holiday_import_is_refused_to_agents(run_cli, store, holiday_file):
    make_supervisor(store, "meera")
    before = snapshot(store)
    dry_run = run_cli("holidays", "import", str(holiday_file))
    assert dry_run.exit_code == 0  # looking at the plan is for everyone
    refused = run_cli("holidays", "import", str(holiday_file), "--yes")
    assert refused.exit_code == 3
    assert refused.stderr.strip() == ("helpdesk: error: only supervisors may import holidays; "
                                      "asha is an agent (ask meera)")
    assert snapshot(store) == before


def test_holiday_import_is_audited_year_by_year(run_cli, store, holiday_file):
    make_supervisor(store, "asha")
    assert run_cli("holidays", "import", str(holiday_file), "--yes").exit_code == 0
    (added,) = audit.entries(store.db, action_prefix="holidays.")
    assert (added.agent, added.action, added.target, added.before) == ("asha", "holidays.import", "2028", None)
    assert added.after["year"] == 2028 and len(added.after["holidays"]) == 19
    assert added.note == f"from {holiday_file}"

    fewer = [row for row in year_rows(2028) if row[1] != "Holi"]
    holiday_file.write_text(csv_text(fewer), encoding="utf-8")
    assert run_cli("holidays", "import", str(holiday_file), "--yes").exit_code == 0
    replaced = audit.entries(store.db, action_prefix="holidays.")[0]
    assert len(replaced.before["holidays"]) == 19 and len(replaced.after["holidays"]) == 18
    assert ["2028-03-23", "Holi", "gazetted"] in replaced.before["holidays"]


PUBLISHED_TSV = files("helpdesk.data").joinpath("directory.tsv").read_text(encoding="utf-8")


@pytest.fixture
def annexure(tmp_path):
    path = tmp_path / "annexure.tsv"
    text = PUBLISHED_TSV.replace("NSG\tPrimvada Pallavi", "NSG\tPriyamvada Pallavi")
    path.write_text(text + "D/o Space\tAsha Rao\tasha.kb@karmayogi.in\t9000000001\n", encoding="utf-8")
    return path


def test_directory_import_is_refused_to_agents(run_cli, store, annexure):
    make_supervisor(store, "meera")
    before = store.db.execute("SELECT * FROM directory ORDER BY position").fetchall()
    assert run_cli("directory", "import", str(annexure)).exit_code == 0  # the differences: for everyone
    refused = run_cli("directory", "import", str(annexure), "--yes")
    assert refused.exit_code == 3
    assert refused.stderr.strip() == ("helpdesk: error: only supervisors may import the directory; "
                                      "asha is an agent (ask meera)")
    assert store.db.execute("SELECT * FROM directory ORDER BY position").fetchall() == before
    assert audit.entries(store.db, action_prefix="directory.") == []


def test_directory_import_is_audited_with_before_and_after(run_cli, store, annexure):
    make_supervisor(store, "asha")
    assert run_cli("directory", "import", str(annexure), "--yes").exit_code == 0
    (entry,) = audit.entries(store.db, action_prefix="directory.")
    assert (entry.agent, entry.action, entry.target) == ("asha", "directory.import", str(annexure))
    assert (entry.before["rows"], entry.after["rows"]) == (91, 92)
    assert [row["ministry"] for row in entry.after["added"]] == ["D/o Space"]
    assert [row["rep_name"] for row in entry.before["changed"]] == ["Primvada Pallavi"]
    assert [row["rep_name"] for row in entry.after["changed"]] == ["Priyamvada Pallavi"]
    assert entry.before["removed"] == []


# -- every protected action, side by side ---------------------------------------------------

SATURDAY = "2026-11-28T11:00:00+05:30"


@pytest.fixture
def desk(run_cli, store, holiday_file, annexure, tmp_path, monkeypatch):
    """meera supervises; asha (HELPDESK_AGENT) is an agent; one resolved ticket and a backup."""
    make_supervisor(store, "meera")
    ten_days_ago = FROZEN_NOW - timedelta(days=10)
    tickets.create(store, {"participant_name": "Ravi", "channel": "phone", "mobile": "9810347159"}, "asha",
                   at=ten_days_ago)
    tickets.resolve(store, 1, "information-given", "done", "asha", at=ten_days_ago)
    assert run_cli("--agent", "meera", "backup", str(tmp_path / "monday.db")).exit_code == 0
    return {"holidays": str(holiday_file), "annexure": str(annexure), "backup": str(tmp_path / "monday.db"),
            "new_backup": str(tmp_path / "tuesday.db")}


PROTECTED = {
    # action: (arguments, what the refusal says only supervisors may do, audit action written)
    "holidays import": (["holidays", "import", "{holidays}", "--yes"], "import holidays", "holidays.import"),
    "directory import": (["directory", "import", "{annexure}", "--yes"], "import the directory", "directory.import"),
    "retention": (["redact", "--older-than", "1d", "--yes"], "redact personal data", "tickets.redact"),
    "erasure": (["redact", "--ticket", "1", "--reason", "asked", "--yes"], "redact tickets", "ticket.redact"),
    "backup": (["backup", "{new_backup}"], "make backups", "backup"),
    "roster": (["agents", "add", "bala", "--supervisor"], "add, promote or remove agents", "agents.add"),
    "remove": (["agents", "remove", "meera"], "add, promote or remove agents", None),
}


@pytest.mark.parametrize("name", PROTECTED)
def test_agents_are_refused_with_who_may_and_nothing_changes(run_cli, store, desk, name):
    arguments, doing, _ = PROTECTED[name]
    before = snapshot(store)
    result = run_cli(*[argument.format(**desk) for argument in arguments])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"helpdesk: error: only supervisors may {doing}")
    assert "asha is an agent (ask meera)" in result.stderr
    assert snapshot(store) == before


@pytest.mark.parametrize("name", [name for name, (_, _, action) in PROTECTED.items() if action])
def test_supervisors_do_it_and_it_is_audited(run_cli, store, desk, name):
    arguments, _, action = PROTECTED[name]
    result = run_cli("--agent", "meera", *[argument.format(**desk) for argument in arguments])
    assert result.exit_code == 0, result.stderr
    entry = audit.entries(store.db, action_prefix=action)[0]
    assert (entry.agent, entry.action) == ("meera", action)
    assert entry.at.isoformat() == "2026-11-23T11:00:00+05:30"
    assert entry.after is not None


def test_restore_and_the_out_of_hours_override_are_refused_too(run_cli, store, desk, monkeypatch):
    store.close()
    refused = run_cli("restore", desk["backup"], "--yes")
    assert refused.exit_code == 3 and "only supervisors may restore backups; asha is an agent (ask meera)" \
        in refused.stderr
    from datetime import datetime

    monkeypatch.setattr("helpdesk.clock.now", lambda: datetime.fromisoformat(SATURDAY))
    override = run_cli("ticket", "new", "--name", "Sita", "--override-closed", "exam on Monday")
    assert override.exit_code == 3
    assert "only supervisors may start a live session while the desk is closed" in override.stderr
