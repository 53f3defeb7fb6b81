"""Indian mobile numbers, normalised to the bare 10 digits iGOT's sign-up expects.

Accepted: 10 digits starting 6, 7, 8 or 9, optionally after +91, 0091, 91 or 0, with
spaces, dashes, dots or brackets anywhere. iGOT's form takes exactly 10 digits, so the
participant must be told to type the number without +91 or a leading 0.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .text import clean_line

_SEPARATORS = re.compile(r"[\s\-.()]")
_PREFIXES = (("+91", 13), ("0091", 14), ("91", 12), ("0", 11))


@dataclass(frozen=True)
class MobileVerdict:
    input: str
    valid: bool
    mobile: str | None
    error: str | None
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def classify(raw: str) -> MobileVerdict:
    text = clean_line(raw)
    compact = _SEPARATORS.sub("", text)

    def refuse(reason: str) -> MobileVerdict:
        return MobileVerdict(input=text, valid=False, mobile=None, error=reason)

    if not compact:
        return refuse("no mobile number given")
    prefix_used = ""
    for prefix, full_length in _PREFIXES:
        # Strip a prefix only when the length says it is one: 9123456789 is a number, not
        # "91" followed by eight digits.
        if compact.startswith(prefix) and len(compact) == full_length:
            prefix_used, compact = prefix, compact[len(prefix):]
            break
    if compact.startswith("+"):
        return refuse(f"{text!r} has a country code other than +91; iGOT needs an Indian mobile number")
    if not compact.isdigit() or not compact.isascii():
        return refuse(f"{text!r} contains characters other than digits")
    if len(compact) != 10:
        return refuse(f"{text!r} has {len(compact)} digits; an Indian mobile number has 10")
    if compact[0] not in "6789":
        return refuse(f"{text!r} starts with {compact[0]}; Indian mobile numbers start with 6, 7, 8 or 9")
    note = ""
    if prefix_used:
        note = f"type it in iGOT's sign-up as {compact}, without {prefix_used}"
    return MobileVerdict(input=text, valid=True, mobile=compact, error=None, note=note)

