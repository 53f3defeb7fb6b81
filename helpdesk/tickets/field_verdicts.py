"""What the form says under a field while the agent types: the save's own check, worded for a person.

The verdict is :func:`helpdesk.tickets.validate.check_fields` run on that one field, so a
value the form marks ✗ is exactly a value the save refuses, and a warning is the save's
warning. On top of the check it says what the value means for the participant: which
registration path an e-mail leads to, the mobile as iGOT will store it, the deadlines a
training date sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from helpdesk import emails, mobiles
from helpdesk.clock import parse_date
from helpdesk.hours.wording import deadline_lines
from helpdesk.text import clean_line
from helpdesk.tickets.validate import check_fields

GOOD, WARN, BAD = "good", "warn", "bad"
LIVE_FIELDS = ("participant_name", "email", "mobile", "training_date")


@dataclass(frozen=True)
class Verdict:
    text: str  # empty: nothing to say (the field is empty or unremarkable)
    tone: str = ""  # "good" | "warn" | "bad" | ""


def field_verdict(name: str, value: str, today: date) -> Verdict:
    """The live verdict for one of :data:`LIVE_FIELDS` holding ``value``."""
    if name not in LIVE_FIELDS:
        raise ValueError(f"no live verdict for {name!r}")
    if not clean_line(value):
        return Verdict("")  # an empty required field is reported when saving, not while typing
    check = check_fields({name: value}, today=today, creating=False)
    if name in check.errors:
        return Verdict(f"✗ {check.errors[name]}", BAD)
    warning = check.warnings.get(name)
    clean = check.values[name]
    if name == "participant_name":
        return Verdict(warning, WARN) if warning else Verdict("")
    if name == "email":
        address = emails.classify(clean)  # valid: the check above said so
        warnings = "".join(f"\n⚠ {line}" for line in address.warnings)
        if address.government:
            return Verdict("✓ government address → self-registration (select the organisation; "
                           "immediate access)" + warnings, GOOD)
        return Verdict("→ not government: the MDO admin must register and approve; access "
                       "pending until then" + warnings, WARN)
    if name == "mobile":
        note = mobiles.classify(clean_line(value)).note  # about what was typed, e.g. a +91 to drop
        return Verdict(f"✓ {clean}" + (f" — {note}" if note else ""), GOOD)
    training = parse_date(clean)
    days_left = (training - today).days
    tone = BAD if days_left < 0 else WARN if days_left <= 7 else GOOD
    return Verdict("\n".join([f"{training:%A %d %B %Y}", *deadline_lines(training, today)]), tone)
