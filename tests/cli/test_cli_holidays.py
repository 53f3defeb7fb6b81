"""``helpdesk holidays list|import``: listing, diffs, refusals, and nothing written without --yes."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from helpdesk.clock import IST
from helpdesk.store.connection import Store
from helpers.holiday_files import csv_text, ical_text, year_rows
from helpers.roles import make_supervisor


@pytest.fixture(autouse=True)
def asha_supervises(db_path):
    """Importing holidays is for supervisors; these tests run as asha (HELPDESK_AGENT)."""
    store = Store.open(db_path)
    make_supervisor(store, "asha")
    store.close()


def snapshot(db_path) -> tuple:
    store = Store.open(db_path)
    try:
        db = store.db
        return (db.execute("SELECT * FROM holidays ORDER BY day, name").fetchall(),
                db.execute("SELECT * FROM holiday_years ORDER BY year").fetchall())
    finally:
        store.close()


@pytest.fixture
def file_2028(tmp_path):
    path = tmp_path / "holidays-2028.csv"
    path.write_text(csv_text(year_rows(2028), comments="# source: DoPT OM 2028"), encoding="utf-8")
    return path


# -- list -------------------------------------------------------------------------------


def test_list_defaults_to_this_year_in_ist(run_cli, monkeypatch):
    monkeypatch.setattr("helpdesk.clock.now", lambda: datetime(2027, 1, 1, 0, 30, tzinfo=IST))
    result = run_cli("holidays", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "2027: 17 gazetted holidays (desk closed), 0 restricted (desk open)"
    assert lines[1].startswith("  source: DoPT OM F.No.12/2/2023-JCA dated 16.07.2026")
    assert lines[2].startswith("  CAVEAT: ") and "unverified" in lines[2]
    assert lines[3] == "   Tue 26 Jan 2027  closed  Republic Day"
    assert "   Wed 10 Mar 2027  closed  Id-ul-Fitr  [moon-dependent]" in lines


def test_list_shows_restricted_holidays_as_open(run_cli):
    result = run_cli("holidays", "list", "--year", "2026")
    assert "   Mon 9 Nov 2026   open    Govardhan Puja" in result.stdout.splitlines()
    assert "17 gazetted holidays (desk closed), 34 restricted (desk open)" in result.stdout


def test_an_unloaded_year_is_said_out_loud(run_cli):
    result = run_cli("holidays", "list", "--year", "2028")
    assert result.exit_code == 0
    assert result.stdout.startswith("2028: NO HOLIDAY LIST LOADED. Desk hours for 2028 assume no")
    assert "Loaded years: 2026, 2027" in result.stdout


def test_list_all_and_json(run_cli):
    answer = json.loads(run_cli("holidays", "list", "--all", "--json").stdout)
    assert answer["loaded_years"] == [2026, 2027]
    assert [y["year"] for y in answer["years"]] == [2026, 2027]
    bakrid = next(h for h in answer["years"][0]["holidays"] if h["day"] == "2026-05-27")
    assert bakrid["title"] == "Id-ul-Zuha (Bakrid)" and bakrid["closes_desk"] is True
    assert "unverified" in bakrid["note"]
    missing = json.loads(run_cli("holidays", "list", "--year", "2030", "--json").stdout)
    assert missing["years"] == [{"year": 2030, "loaded": False, "source": None, "caveat": None,
                                 "holidays": []}]


@pytest.mark.parametrize("args", [["--year", "1999"], ["--year", "twenty"], ["--year", "2026", "--all"]])
def test_bad_list_arguments_are_one_line_exit_2(run_cli, args):
    result = run_cli("holidays", "list", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("helpdesk: error:") and result.stderr.count("\n") == 1


# -- import -----------------------------------------------------------------------------


def test_import_without_yes_shows_the_diff_and_writes_nothing(run_cli, db_path, file_2028):
    before = snapshot(db_path)
    result = run_cli("holidays", "import", str(file_2028))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{file_2028} (CSV, source: DoPT OM 2028)"
    assert lines[1] == "2028: NEW YEAR (17 gazetted, 2 restricted)"
    assert " + Wed 26 Jan 2028  closed  Republic Day" in lines
    assert " + Sat 1 Jan 2028   open    Restricted day 1" in lines
    assert lines[-1] == "Nothing written: run again with --yes to apply these changes."
    assert snapshot(db_path) == before


def test_import_with_yes_applies_and_the_desk_hours_follow(run_cli, file_2028):
    before = json.loads(run_cli("hours", "--at", "2028-01-26T10:00", "--json").stdout)
    assert before["open"] is True and "No holiday list is loaded for 2028" in before["warnings"][0]
    result = run_cli("holidays", "import", str(file_2028), "--yes")
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == "Applied: 2028."
    after = json.loads(run_cli("hours", "--at", "2028-01-26T10:00", "--json").stdout)
    assert after["open"] is False and after["reason"] == "Republic Day (gazetted holiday)"
    assert after["warnings"] == []
    listed = run_cli("holidays", "list", "--year", "2028").stdout
    assert f"(imported from {file_2028} by asha on " in listed
    again = run_cli("holidays", "import", str(file_2028), "--yes")
    assert again.stdout.splitlines()[-2:] == ["2028: unchanged (17 gazetted, 2 restricted)",
                                              "Already loaded: nothing to change."]


def test_replacing_a_loaded_year_shows_additions_removals_and_kind_changes(run_cli, tmp_path):
    reference = json.loads(run_cli("holidays", "list", "--year", "2026", "--json").stdout)
    rows = []
    for h in reference["years"][0]["holidays"]:
        day, name, kind = h["day"], h["name"], h["kind"]
        if day == "2026-05-27":
            day, name = "2026-05-28", "Id-ul-Zuha (Bakrid) [moon-dependent; moved by DoPT]"
        if name == "Govardhan Puja":
            kind = "gazetted"
        rows.append((day, name, kind))
    path = tmp_path / "2026-revised.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    lines = run_cli("holidays", "import", str(path)).stdout.splitlines()
    assert lines[1] == ("2026: REPLACES the loaded list (18 gazetted, 33 restricted): 1 added, "
                        "1 removed, 1 changed kind, 49 kept")
    assert " + Thu 28 May 2026  closed  Id-ul-Zuha (Bakrid)  [moon-dependent; moved by DoPT]" in lines
    assert any(line.startswith(" - Wed 27 May 2026  closed  Id-ul-Zuha (Bakrid)") for line in lines)
    assert " ~ Mon 9 Nov 2026   closed  Govardhan Puja  (was restricted)" in lines


def test_import_json_reports_the_plan_and_whether_it_was_applied(run_cli, file_2028):
    dry = json.loads(run_cli("holidays", "import", str(file_2028), "--json").stdout)
    assert dry["applied"] is False and dry["format"] == "csv"
    assert [(y["year"], y["action"], y["gazetted"], len(y["added"])) for y in dry["years"]] == [
        (2028, "add", 17, 19)]
    applied = json.loads(run_cli("holidays", "import", str(file_2028), "--yes", "--json").stdout)
    assert applied["applied"] is True


def test_icalendar_import(run_cli, tmp_path):
    path = tmp_path / "2028.ics"
    path.write_text(ical_text(year_rows(2028), calendar_name="DoPT 2028"), encoding="utf-8")
    result = run_cli("holidays", "import", str(path), "--yes")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"{path} (iCalendar, source: DoPT 2028)"
    assert json.loads(run_cli("hours", "--at", "2028-12-25T12:00", "--json").stdout)["open"] is False


def test_import_from_stdin(run_cli):
    result = run_cli("holidays", "import", "-", "--yes", input=csv_text(year_rows(2029)))
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == "Applied: 2029."


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"\x7fELF\x02\x01\x01\x00" + bytes(200), "a binary file"),
        (b"\xff\xfe" + "date,name,kind".encode("utf-16-le"), "a binary file"),
        (b"<html><body>Not found</body></html>", "neither an iCalendar file"),
        (csv_text(year_rows(2028)[:4]).encode(), "2028 has 4 gazetted holidays"),
        (csv_text(year_rows(2028) + [("2028-02-30", "Bad", "gazetted")]).encode(),
         "line 21: '2028-02-30' is not a real date"),
        (csv_text(year_rows(2028) + [("2028-06-01", "Holi\x1b[2J\x1b]0;x\x07", "gazetted")]).encode(),
         "terminal escape sequences"),
    ],
)
def test_refusals_are_one_line_exit_2_and_write_nothing(run_cli, db_path, tmp_path, content, expected):
    before = snapshot(db_path)
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = run_cli("holidays", "import", str(path), "--yes")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"helpdesk: error: {path}: ")
    assert result.stderr.count("\n") == 1
    assert result.stderr.rstrip().endswith("nothing was imported")
    assert expected in result.stderr
    assert "\x1b" not in result.stderr + result.stdout
    assert snapshot(db_path) == before


def test_several_problems_are_all_listed_on_stdout(run_cli, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(csv_text(year_rows(2028)) + "2028-02-30,A,gazetted\nnot-a-date,B,restricted\n")
    result = run_cli("holidays", "import", str(path))
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{path} cannot be imported:",
        "  line 21: '2028-02-30' is not a real date (day is out of range for month)",
        "  line 22: 'not-a-date' is not a date in the form YYYY-MM-DD",
    ]
    assert "(and 1 more problems)" in result.stderr
    as_json = json.loads(run_cli("holidays", "import", str(path), "--json").stdout)
    assert as_json["applied"] is False and len(as_json["problems"]) == 2


def test_unreadable_files_are_one_line_exit_2(run_cli, tmp_path):
    missing = run_cli("holidays", "import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2 and "No such file" in missing.stderr
    directory = run_cli("holidays", "import", str(tmp_path))
    assert directory.exit_code == 2 and "is a directory" in directory.stderr
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"date,name,kind\n" + b"2028-01-26,Republic Day,gazetted\n" * 20000)
    too_big = run_cli("holidays", "import", str(huge))
    assert too_big.exit_code == 2 and "larger than 512 KB" in too_big.stderr
    no_file = run_cli("holidays", "import")
    assert no_file.exit_code == 2 and "FILE" in no_file.stderr


def test_holidays_alone_prints_its_help(run_cli):
    result = run_cli("holidays")
    assert result.exit_code == 0
    assert "import" in result.stdout and "list" in result.stdout and result.stderr == ""
