"""The layers, checked by import-linter (contracts in pyproject.toml), not by hand-kept lists."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    # The project's own copy of the helpdesk package is the one analysed, not the installed one.
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


def test_the_checkout_keeps_every_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_core_module_that_imports_textual_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "helpdesk", tmp_path / "helpdesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    status = tmp_path / "helpdesk" / "hours" / "status.py"
    status.write_text(status.read_text() + "\n\ndef _badge():\n    from textual.widgets import Static\n    return Static\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "helpdesk.hours.status -> textual" in result.stdout
