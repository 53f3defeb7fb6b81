"""Printing for people and for scripts.

JSON goes to stdout as one document (or one per line for batch modes), UTF-8 with
Devanagari kept readable. Text for people is cleaned of control sequences first, because
it can hold what participants typed.
"""

from __future__ import annotations

import json
import re
from typing import Any

import click

from ..text import clean


# json.dumps escapes C0 controls (ESC included) but, with ensure_ascii=False, passes DEL,
# C1 controls (0x9b is a one-byte CSI to some terminals) and bidi overrides through as is.
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _inert(json_text: str) -> str:
    """The same JSON with every character a terminal could act on written as \\uXXXX."""
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)


def emit_json(value: Any) -> None:
    click.echo(_inert(json.dumps(value, ensure_ascii=False, indent=2, default=str)))


def emit_json_line(value: Any) -> None:
    click.echo(_inert(json.dumps(value, ensure_ascii=False, default=str)))


def say(text: str = "") -> None:
    click.echo(clean(text))


def error_line(message: str) -> None:
    """One line on stderr, prefixed like other Unix tools; multi-line messages are folded."""
    folded = " ".join(clean(message).split())
    click.echo(f"helpdesk: error: {folded}", err=True)
