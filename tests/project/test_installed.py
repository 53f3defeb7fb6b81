"""The installed command works from any directory: data files travel inside the package."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path


def run_installed(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    # The console script installed beside this interpreter; CI installs the wheel (not editable).
    command = shutil.which("helpdesk", path=str(Path(sys.executable).parent)) or "helpdesk"
    env = {**os.environ, "HELPDESK_DB": str(tmp_path / "fresh" / "desk.db"),
           "HELPDESK_CONFIG": str(tmp_path / "config.toml"), "HELPDESK_AGENT": "asha"}
    return subprocess.run([command, *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)


def test_a_fresh_database_is_seeded_from_the_shipped_data(tmp_path):
    lookup = run_installed(tmp_path, "lookup", "dak vibhag", "--json")
    assert lookup.returncode == 0, lookup.stderr
    assert json.loads(lookup.stdout)["matches"][0]["rep_email"] == "priyamvadapallavi.kb@karmayogi.in"
    hours = run_installed(tmp_path, "hours", "--at", "2026-11-24T10:00", "--json")
    assert json.loads(hours.stdout)["reason"].startswith("Guru Nanak's Birthday")
    responses = run_installed(tmp_path, "responses", "check")
    assert responses.returncode == 0, responses.stdout + responses.stderr
    assert (tmp_path / "fresh" / "desk.db").stat().st_mode & 0o777 == 0o600
