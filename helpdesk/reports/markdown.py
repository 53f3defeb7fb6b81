"""Markdown for reports and handovers that people paste into e-mail and Teams.

Participants' names and agents' notes are text, never Markdown: a name such as
``[click](http://x)`` or ``*urgent*`` must arrive as typed, and a ``|`` must not break a
table. Everything from a person goes through ``escape``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from helpdesk.text import clean_line

# What changes meaning mid-line: emphasis, code, links and autolinks, HTML, table cells,
# strikethrough. (Heading and list marks only act at the start of a line, where user
# text never goes.)
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str | None, empty: str = "—") -> str:
    """One line of user text, inert in Markdown (and free of terminal control codes)."""
    line = clean_line(text or "")
    return _SPECIAL.sub(r"\\\1", line) if line else empty


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """A GitHub-style table; ``right`` lists the columns to align right (numbers).

    Cells must already be escaped (or be our own text).
    """
    rule = ["---:" if index in right else "---" for index in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
