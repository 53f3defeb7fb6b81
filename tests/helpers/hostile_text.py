"""Text an attacker, a careless paste or a broken file could put in front of the desk, and
the check that what reaches the terminal stays inert."""

from __future__ import annotations

import re

from hypothesis import strategies as st

# Terminal controls (C0 but tab/newline, DEL, C1), escape sequences that retitle the window,
# write the clipboard or clear the screen, bidi overrides, and Textual/Rich markup that would
# style, link or run an action if it were parsed.
PIECES = [
    "\x1b[2J", "\x1b]0;pwned\x07", "\x1b]52;c;SGVsbG8=\x07", "\x1b[31m", "\x1bP+q\x1b\\", "\x9b31m",
    "\x9d0;t\x9c", "\x07", "\x00", "\x08", "\r", "\x7f", "\u202e", "\u2066", "\u2028",
    "[b]", "[/]", "[/b]", "[@click=app.quit]", "[link=https://evil.example]", "[red on blue]", "$name",
    "\\[", "]", "[", "\n", "\t", "आ", "क्ष", "\u200d", "😀", "ﷺ", "{0}", "%s",
]
hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=1, max_size=10).map("".join)

# What must never reach the terminal inside text: every control character (the only line
# breaks are the ones the widgets draw) and bidi overrides.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def forbidden_in(text: str) -> list[str]:
    return _FORBIDDEN.findall(text)


def assert_inert(strips) -> str:
    """No control character in any segment, no link, no click action; returns the plain text."""
    lines = []
    for strip in strips:
        text = []
        for segment in strip:
            assert segment.control is None
            assert not forbidden_in(segment.text), repr(segment.text)
            style = segment.style
            if style is not None:
                assert not style.link, style.link
                assert "@click" not in (style.meta or {}), style.meta
            text.append(segment.text)
        lines.append("".join(text))
    return "\n".join(lines)
