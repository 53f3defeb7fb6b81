"""Argument types shared by the commands: numbers SQLite can hold, refused clearly otherwise.

A bare ``type=int`` accepts 10**30, which SQLite cannot bind ("Python int too large to
convert to SQLite INTEGER") and which would surface as a traceback instead of a usage error.
"""

from __future__ import annotations

import click

SQLITE_MAX_INTEGER = 2**63 - 1

TICKET_ID = click.IntRange(1, SQLITE_MAX_INTEGER)
VERSION = click.IntRange(1, SQLITE_MAX_INTEGER)
# Rows to show or skip: far beyond any desk's tickets, well inside SQLite's range.
ROW_COUNT = click.IntRange(1, 10_000_000)
ROW_OFFSET = click.IntRange(0, SQLITE_MAX_INTEGER)
