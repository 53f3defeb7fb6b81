"""Where things are in the checkout, computed once from this file's place (tests/helpers/)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository: the folder holding pyproject.toml, README.md, bench/ and tests/."""

PROCESS_WORKERS = Path(__file__).resolve().with_name("process_workers.py")
"""The worker script the concurrency, crash and backup tests (and bench/) run as processes."""
