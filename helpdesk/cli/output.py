"""Printing for people and for scripts.

JSON goes to stdout as one document (or one per line for batch modes), UTF-8 with
Devanagari kept readable. Text for people is cleaned of control sequences first, because
it can hold what participants typed.
"""

from __future__ import annotations

import json
from typing import Any

import click

from ..text import clean


def emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def emit_json_line(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=str))


def say(text: str = "") -> None:
    click.echo(clean(text))


def error_line(message: str) -> None:
    """One line on stderr, prefixed like other Unix tools; multi-line messages are folded."""
    folded = " ".join(clean(message).split())
    click.echo(f"helpdesk: error: {folded}", err=True)
