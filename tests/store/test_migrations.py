"""Migrations apply in their numbered order, from one list, whatever was imported first."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from helpdesk.store import migrations

NUMBERED = re.compile(r"m\d{4}_\w+")
# The modules the listed migrations come from.
LISTED_MODULES = {sys.modules[migration.__module__] for migration in migrations.ORDER}


def test_the_applied_order_is_the_numbered_order() -> None:
    names = migrations.migration_names()
    assert names == sorted(names)
    assert len(names) == len(set(names)) == len(migrations.ORDER)


def test_every_migration_written_is_listed() -> None:
    written = {name for module in LISTED_MODULES for name in vars(module) if NUMBERED.fullmatch(name)}
    assert written == {migration.__name__ for migration in migrations.ORDER}


def test_every_module_with_a_migration_is_among_the_listed_modules() -> None:
    """A migration written anywhere in helpdesk (a room's schema module or elsewhere) is listed."""
    import importlib
    import pkgutil

    import helpdesk.store

    root = Path(helpdesk.store.__file__).resolve().parent.parent
    holding = set()
    for info in pkgutil.walk_packages([str(root)], prefix="helpdesk."):
        if info.name in ("helpdesk.__main__",) or ".console" in info.name or info.name.startswith("helpdesk.screens"):
            continue  # __main__ starts the console; the console and screens hold no migrations
        module = importlib.import_module(info.name)
        if any(NUMBERED.fullmatch(name) and callable(value) and getattr(value, "__module__", "") == module.__name__
               for name, value in vars(module).items()):
            holding.add(module.__name__)
    assert holding == {module.__name__ for module in LISTED_MODULES}
    assert all(name.endswith(".schema") for name in holding)  # each in its room's schema module


def test_importing_a_later_migration_module_first_changes_nothing() -> None:
    code = ("import helpdesk.tickets.schema, helpdesk.admin.schema\n"
            "from helpdesk.store.migrations import migration_names\nprint(' '.join(migration_names()))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert shown == migrations.migration_names()
