"""The shared reference lists (shared/reference/holidays-*.csv), an oracle independent of
the shipped data and of the database."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from helpers.paths import ROOT


def reference_dir() -> Path:
    """``shared/reference`` beside the repository (its parent for /work/main, further up for
    a worktree under /work/wt/); CI has it too. Missing is a failure, never a skip."""
    for folder in ROOT.parents:
        candidate = folder / "shared" / "reference"
        if (candidate / "holidays-2026.csv").is_file():
            return candidate
    raise AssertionError(f"no shared/reference/holidays-*.csv above {ROOT}")


def csv_rows(text: str) -> list[tuple[str, str, str]]:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return [(r["date"], r["name"], r["kind"]) for r in csv.DictReader(lines)]


def reference_rows(year: int) -> list[tuple[str, str, str]]:
    return csv_rows((reference_dir() / f"holidays-{year}.csv").read_text(encoding="utf-8"))


def reference_holidays(kind: str, years=(2026, 2027)) -> list[tuple[date, str]]:
    return [(date.fromisoformat(day), name) for year in years
            for day, name, row_kind in reference_rows(year) if row_kind == kind]
