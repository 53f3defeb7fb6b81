"""User text is data: strip what a terminal would act on, keep every readable character.

Participants' names, notes and pasted text reach screens, CLI output and exports. Escape
sequences in them could retitle the window, write the clipboard (OSC 52) or clear the
screen, and bidirectional overrides can make text read differently from what it is. They
are removed on the way in and again on the way out; everything printable stays, including
the zero-width joiners that Devanagari spelling needs.
"""

from __future__ import annotations

import re

# Whole escape sequences first, so no "[31m" debris is left behind:
# CSI (ESC [ ... final), OSC/DCS/PM/APC/SOS strings (up to BEL or ESC \), and two-byte ESC x.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                 # CSI
    | [\x1b][\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC, DCS, SOS, PM, APC
    | \x9b[0-?]*[ -/]*[@-~]                 # 8-bit CSI
    | [\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?  # 8-bit string commands
    | \x1b[@-Z\\-_]?                        # any other ESC (and its one-byte partner)
    """,
    re.VERBOSE,
)
# C0 controls except tab and newline, DEL, C1 controls, and bidi embedding/override/isolate marks.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Remove terminal control sequences and control characters; keep tabs and newlines."""
    if not text:
        return ""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", normalised))


def clean_line(text: str) -> str:
    """Like clean(), for one-line fields: whitespace runs (newlines included) become one space."""
    return " ".join(clean(text).split())
