"""Checks for one holiday's fields, shared by every file format (and later by ``sync``).

Each check returns the cleaned value and ``None``, or a placeholder and the problem in
words, so a parser can collect every problem of a file before refusing it.
"""

from __future__ import annotations

from datetime import date

from helpdesk.text import clean, clean_line

MAX_NAME_LENGTH = 300  # the longest real name, Bakrid 2026 with its caveat, is about 170
FIRST_YEAR, LAST_YEAR = 2000, 2099


def has_controls(raw: str) -> bool:
    """True when ``raw`` holds anything helpdesk.text.clean would strip (escapes, controls)."""
    normalised = raw.replace("\r\n", "\n").replace("\r", "\n")
    return clean(normalised) != normalised


def holiday_name(raw: str) -> tuple[str, str | None]:
    """The cleaned name. Escape sequences are refused, not stripped: a list holding them
    was tampered with or mangled, and the rest of it cannot be trusted either."""
    if has_controls(raw):
        return "", "the name holds control characters or terminal escape sequences"
    name = clean_line(raw)
    if not name:
        return "", "the name is empty"
    if len(name) > MAX_NAME_LENGTH:
        return "", f"the name is {len(name)} characters long (at most {MAX_NAME_LENGTH})"
    if not any(character.isalpha() for character in name):
        return "", f"the name {name!r} has no letters"
    return name, None


def holiday_day(year: int, month: int, day: int, shown: str) -> tuple[date | None, str | None]:
    """A real calendar date in the years a holiday list can cover."""
    try:
        parsed = date(year, month, day)
    except ValueError as error:
        return None, f"{shown!r} is not a real date ({error})"
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        return None, f"{shown}: the year is outside {FIRST_YEAR}-{LAST_YEAR}"
    return parsed, None


def comment_text(raw: str) -> tuple[str, str | None]:
    """A list's source or caveat line, cleaned and bounded."""
    if has_controls(raw):
        return "", "control characters or terminal escape sequences in a comment"
    return clean_line(raw)[:MAX_NAME_LENGTH], None


def shown(raw: str, limit: int = 40) -> str:
    """A piece of a bad file, safe to quote in an error message."""
    return repr(clean_line(raw)[:limit])
