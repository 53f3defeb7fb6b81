"""Shared fixtures: a private database per test, a fixed agent, and an in-process CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpdesk.console.app import HelpdeskApp
from helpdesk.cli import main
from helpdesk.console.session import AgentSession
from helpdesk.store.connection import Store

from helpers.frozen import FROZEN_NOW


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Every in-process test sees the same Monday morning, whatever the wall clock says."""
    monkeypatch.setattr("helpdesk.clock.now", lambda: FROZEN_NOW)
    return FROZEN_NOW


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh database file for this test, also what the CLI sees through HELPDESK_DB."""
    path = tmp_path / "desk" / "helpdesk.db"
    monkeypatch.setenv("HELPDESK_DB", str(path))
    monkeypatch.setenv("HELPDESK_AGENT", "asha")
    monkeypatch.setenv("HELPDESK_CONFIG", str(tmp_path / "config.toml"))
    # A webhook in the developer's environment must never receive test posts.
    monkeypatch.delenv("HELPDESK_TEAMS_WEBHOOK", raising=False)
    return path


@pytest.fixture
def store(db_path: Path):
    opened = Store.open(db_path)
    yield opened
    opened.close()


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(db_path: Path) -> Callable[..., CliResult]:
    """Run ``helpdesk ARGS`` in this process, as main() does, capturing both streams."""

    def run(*args: str, input: str | None = None) -> CliResult:
        runner = CliRunner()
        with runner.isolation(input=input) as (stdout, stderr, _):
            exit_code = main(list(args))
        return CliResult(exit_code, stdout.getvalue().decode(), stderr.getvalue().decode())

    return run


@pytest.fixture
def session(store):
    """An agent session on the test database with the clock frozen at FROZEN_NOW."""
    return AgentSession(store=store, agent="asha", now=lambda: FROZEN_NOW)


@pytest.fixture
def console(session):
    """A factory for the console app on the test session (run it with app.run_test())."""

    def make() -> HelpdeskApp:
        return HelpdeskApp(session)

    return make
