"""The layers, checked by import-linter (contracts in pyproject.toml), not by hand-kept lists."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from helpers.paths import ROOT


# lint-imports run without site's .pth files (python -S, site-packages added by hand): the
# editable install's finder would otherwise offer the checkout's helpdesk as well, and
# which copy the analysis read would depend on the order the finders answer in.
RUN_LINT_IMPORTS = ("import sys; sys.path.append({site!r}); from importlinter.cli import lint_imports_command; "
                    "sys.argv[0] = 'lint-imports'; sys.exit(lint_imports_command())")


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports over ``project``'s own copy of the helpdesk package, not the installed one."""
    code = RUN_LINT_IMPORTS.format(site=sysconfig.get_paths()["purelib"])
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([sys.executable, "-S", "-c", code, "--config", str(project / "pyproject.toml"), "--no-cache"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


def test_the_checkout_keeps_every_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "helpdesk", tmp_path / "helpdesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _add_lazy_import(module: Path, statement: str) -> None:
    module.write_text(module.read_text() + f"\n\ndef _reach():\n    {statement}\n")


def test_a_core_module_that_imports_textual_breaks_the_contract(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    _add_lazy_import(project / "helpdesk" / "hours" / "status.py", "from textual.widgets import Static")
    result = lint_imports(project)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "helpdesk.hours.status -> textual" in result.stdout


@pytest.mark.parametrize("module, statement, shown", [
    # a building block reaching up to a domain
    ("text.py", "from helpdesk.tickets import model", "helpdesk.text -> helpdesk.tickets.model"),
    # the store reaching up to a domain (only the migration list may name the rooms' schemas)
    ("store/connection.py", "from helpdesk.directory import rows", "helpdesk.store.connection -> helpdesk.directory.rows"),
    # a domain reaching up to the reports
    ("tickets/queue.py", "from helpdesk.reports import figures", "helpdesk.tickets.queue -> helpdesk.reports.figures"),
])
def test_an_import_against_the_layers_breaks_the_layers_contract(tmp_path: Path, module, statement, shown) -> None:
    project = _copy(tmp_path)
    _add_lazy_import(project / "helpdesk" / module, statement)
    result = lint_imports(project)
    assert result.returncode != 0
    assert "Layers:" in result.stdout and "BROKEN" in result.stdout and shown in result.stdout
