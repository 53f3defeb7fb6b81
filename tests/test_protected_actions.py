"""Every protected action: an agent is refused with who may do it (exit 3), nothing is
written, and a supervisor's change is audited with who, when and before/after."""

from __future__ import annotations

from importlib.resources import files

import pytest

from helpdesk import audit

from holiday_files import csv_text, year_rows
from role_helpers import make_supervisor


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
