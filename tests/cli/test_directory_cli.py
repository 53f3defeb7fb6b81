"""`helpdesk directory check|import|export`."""

import json
from importlib.resources import files

from helpdesk.directory.rows import load_published, read_rows
from helpers.roles import make_supervisor

PUBLISHED_TEXT = files("helpdesk.data").joinpath("directory.tsv").read_text(encoding="utf-8")


def test_check_shows_every_finding_with_what_the_lookup_does(run_cli):
    result = run_cli("directory", "check")
    assert result.exit_code == 0
    assert result.stdout.startswith("91 rows, ")
    assert "contact-of-another" in result.stdout and "BPR&D" in result.stdout
    assert result.stdout.count("lookup: ") == result.stdout.count("\n        lookup")


def test_check_json(run_cli):
    payload = json.loads(run_cli("directory", "check", "--json").stdout)
    assert payload["rows"] == 91
    assert payload["counts"]["error"] == 1
    assert sum(payload["counts"].values()) == len(payload["findings"])
    codes = {finding["code"] for finding in payload["findings"]}
    assert {"contact-of-another", "name-variant", "unusual-prefix", "doubled-of", "ministry-and-department"} <= codes


def test_export_tsv_is_the_annexure_byte_for_byte(run_cli):
    assert run_cli("directory", "export").stdout == PUBLISHED_TEXT


def test_export_json_and_csv(run_cli):
    rows = json.loads(run_cli("directory", "export", "--format", "json").stdout)
    assert len(rows) == 91 and rows[66]["ministry"] == "BPR&D" and rows[66]["position"] == 67
    csv_text = run_cli("directory", "export", "--format", "csv").stdout
    assert csv_text.splitlines()[0] == "Ministry/Department,iGOT POC,Email,Mobile"
    assert run_cli("directory", "export", "--format", "xml").exit_code == 2


def _updated(tmp_path, text):
    path = tmp_path / "annexure.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_shows_the_differences_and_applies_nothing_without_yes(run_cli, store, tmp_path):
    text = PUBLISHED_TEXT.replace("NSG\tPrimvada Pallavi", "NSG\tPriyamvada Pallavi")
    text += "D/o Space\tAsha Rao\tasha.kb@karmayogi.in\t9000000001\n"
    path = _updated(tmp_path, text)
    result = run_cli("directory", "import", str(path))
    assert result.exit_code == 0
    assert "1 added, 0 removed, 1 changed, 90 unchanged" in result.stdout
    assert "+ D/o Space: Asha Rao" in result.stdout
    assert "~ NSG: rep_name 'Primvada Pallavi' -> 'Priyamvada Pallavi'" in result.stdout
    assert f"helpdesk directory import {path} --yes" in result.stdout
    assert read_rows(store.db) == load_published()


def test_import_with_yes_applies_and_the_lookup_follows(run_cli, store, tmp_path):
    make_supervisor(store, "asha")  # importing the directory is for supervisors
    path = _updated(tmp_path, PUBLISHED_TEXT + "D/o Space\tAsha Rao\tasha.kb@karmayogi.in\t9000000001\n")
    before = json.loads(run_cli("lookup", "Department of Space", "--json").stdout)
    assert before["verdict"] == "not-in-directory"
    result = run_cli("directory", "import", str(path), "--yes", "--json")
    payload = json.loads(result.stdout)
    assert payload["applied"] is True and payload["rows"] == 92
    assert [row["ministry"] for row in payload["added"]] == ["D/o Space"]
    assert len(read_rows(store.db)) == 92
    after = json.loads(run_cli("lookup", "Department of Space", "--json").stdout)
    assert after["confident"] and after["matches"][0]["rep_name"] == "Asha Rao"


def test_importing_the_same_annexure_changes_nothing(run_cli, tmp_path):
    result = run_cli("directory", "import", str(_updated(tmp_path, PUBLISHED_TEXT)), "--yes")
    assert "No differences: nothing to apply." in result.stdout


def test_bad_and_suspicious_files_are_refused_and_nothing_changes(run_cli, store, tmp_path):
    cases = {
        "missing.tsv": None,
        "empty.tsv": "",
        "short.tsv": "\n".join(PUBLISHED_TEXT.splitlines()[:4]) + "\n",
        "bad-mobile.tsv": PUBLISHED_TEXT.replace("9910210521", "12345", 1),
        "ragged.tsv": PUBLISHED_TEXT + "D/o Space\tAsha Rao\n",
    }
    for name, text in cases.items():
        path = tmp_path / name
        if text is not None:
            path.write_text(text, encoding="utf-8")
        result = run_cli("directory", "import", str(path), "--yes")
        assert result.exit_code == 2, name
        assert result.stderr.startswith("helpdesk: error:") and result.stderr.count("\n") == 1, name
        assert read_rows(store.db) == load_published(), name
