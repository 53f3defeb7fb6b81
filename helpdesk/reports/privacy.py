"""Personal data leaving the desk: masked e-mail and mobile, and cells safe for spreadsheets.

Exports, reports and handovers show ``r*****@gov.in`` and ``98******59`` unless a
supervisor asks for the full values. The mask keeps what a coordinator needs (the e-mail
domain says government or not; the first and last digits help match a caller) and hides
the rest, with a fixed number of stars so the length of a name is not given away either.
"""

from __future__ import annotations

import re

from helpdesk.text import clean

EMAIL_STARS = "*****"
# Free text (questions, notes) may hold addresses and numbers typed by agents.
_EMAIL_IN_TEXT = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+")
# An Indian mobile number as people write it: +91 / 91 / 0 prefix, spaces or dashes inside.
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)(?:\+?91[\s-]?|0)?[6-9]\d{4}[\s-]?\d{5}(?!\d)")
# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV
# injection"); the full-width forms are read the same way by some of them.
_FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")


def mask_email(address: str) -> str:
    """``ravi.kumar@gov.in`` -> ``r*****@gov.in``; empty stays empty."""
    if not address:
        return ""
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return address[:1] + EMAIL_STARS
    return f"{local[0]}{EMAIL_STARS}@{domain}"


def mask_mobile(number: str) -> str:
    """``9876543259`` -> ``98******59``: first two and last two digits, one star per digit hidden."""
    digits = re.sub(r"\D", "", number or "")
    if not digits:
        return ""
    if len(digits) < 6:
        return "*" * len(digits)
    return digits[:2] + "*" * (len(digits) - 4) + digits[-2:]


def mask_text(text: str) -> str:
    """Free text with every e-mail address and mobile number in it masked."""
    if not text:
        return text or ""
    masked = _EMAIL_IN_TEXT.sub(lambda match: mask_email(match.group(0)), text)
    return _MOBILE_IN_TEXT.sub(lambda match: mask_mobile(re.sub(r"\D", "", match.group(0))[-10:]),
                               masked)


def spreadsheet_cell(value: str) -> str:
    """User text for a CSV cell: no terminal escapes, and never read as a formula.

    A leading apostrophe is the spreadsheet convention for "this is text"; it is added
    only when the cell would otherwise start (after any spaces) with a formula character.
    """
    text = clean(value)
    if text.lstrip(" ")[:1] in _FORMULA_STARTS:
        return "'" + text
    return text
