"""Where the source documents live: ``../shared/seeds`` beside the repository.

A git worktree sits one level deeper than the main checkout, so the nearest ancestor
holding ``shared/seeds`` is used. A missing seed is a failure, never a skip: the tests
that read it prove the shipped data still matches what was published.
"""

from __future__ import annotations

from pathlib import Path

from helpers.paths import ROOT


def seed_file(pattern: str) -> Path:
    for folder in ROOT.parents:
        found = sorted((folder / "shared" / "seeds").glob(pattern))
        if found:
            return found[0]
    raise FileNotFoundError(f"no shared/seeds/{pattern} beside {ROOT} or above it")


def annexure_lines() -> list[str]:
    """The annexure table of the guidelines, header first, exactly as printed."""
    text = seed_file("000_*.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Ministry/Department\t"))
    return [line for line in lines[start:] if line.strip()]
