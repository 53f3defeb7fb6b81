"""Checking what an agent typed into a ticket: every field gets a clean value or a reason.

Errors block saving; warnings do not (they tell the agent what iGOT will make of it).
Nothing is truncated: an over-long value is an error that says the limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import emails, mobiles
from ..clock import DateParseError, parse_date
from ..taxonomy import CATEGORIES, CHANNELS, codes
from ..text import clean, clean_line

MAX_NAME = 120
MAX_MINISTRY = 200
# Long enough for any pasted chat or e-mail thread; a 1 MB paste is refused, not cut short.
MAX_TEXT = 100_000
LANGUAGES = ("en", "hi")

# iGOT's sign-up form: "Full name" must match [a-zA-Z\s']{1,32} (public-signup.component.ts).
_IGOT_NAME = re.compile(r"^[a-zA-Z\s']{1,32}$")


@dataclass
class FieldCheck:
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def first_error(self) -> str:
        name, message = next(iter(self.errors.items()))
        return f"{name.replace('_', ' ')}: {message}"


def _too_long(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"{len(value):,} characters; the limit is {limit:,} (nothing was cut)"
    return None


def check_fields(raw: Mapping[str, Any], *, today: date, creating: bool) -> FieldCheck:
    """Check the fields present in ``raw``; when ``creating``, required ones must be there."""
    check = FieldCheck()
    if creating:
        raw = {"category": "other", "channel": "teams", "language": "en", **raw}

    if "participant_name" in raw or creating:
        name = clean_line(raw.get("participant_name") or "")
        if not name:
            check.errors["participant_name"] = "the participant's name is required"
        elif problem := _too_long(name, MAX_NAME):
            check.errors["participant_name"] = problem
        else:
            check.values["participant_name"] = name
            if not _IGOT_NAME.match(name):
                check.warnings["participant_name"] = (
                    "iGOT's sign-up accepts only Latin letters, spaces and apostrophes, up to "
                    "32 characters: the participant must type the name that way"
                )

    if "email" in raw:
        text = clean_line(raw["email"] or "")
        if not text:
            check.values["email"] = ""
        else:
            verdict = emails.classify(text)
            if verdict.valid:
                check.values["email"] = verdict.email
                if verdict.warnings:
                    check.warnings["email"] = "; ".join(verdict.warnings)
            else:
                check.errors["email"] = verdict.error or "not a valid e-mail address"

    if "mobile" in raw:
        text = clean_line(raw["mobile"] or "")
        if not text:
            check.values["mobile"] = ""
        else:
            verdict = mobiles.classify(text)
            if verdict.valid:
                check.values["mobile"] = verdict.mobile
            else:
                check.errors["mobile"] = verdict.error or "not a valid mobile number"

    if "ministry_query" in raw:
        text = clean_line(raw["ministry_query"] or "")
        if problem := _too_long(text, MAX_MINISTRY):
            check.errors["ministry_query"] = problem
        else:
            check.values["ministry_query"] = text

    if "ministry" in raw:
        # Must be a directory row's exact name; the action checks it against the directory.
        check.values["ministry"] = clean_line(raw["ministry"] or "") or None

    for name, terms in (("category", CATEGORIES), ("channel", CHANNELS)):
        if name in raw:
            value = clean_line(raw[name] or "")
            if value in codes(terms):
                check.values[name] = value
            else:
                check.errors[name] = f"{value!r} is not one of: {', '.join(codes(terms))}"

    if "training_date" in raw:
        value = raw["training_date"]
        if isinstance(value, date):
            check.values["training_date"] = value.isoformat()
        elif not clean_line(value or ""):
            check.values["training_date"] = None
        else:
            try:
                training = parse_date(clean_line(value))
            except DateParseError as error:
                check.errors["training_date"] = str(error)
            else:
                check.values["training_date"] = training.isoformat()
                if training < today:
                    check.warnings["training_date"] = "this date is in the past"

    if "question" in raw:
        text = clean(raw["question"] or "").strip()
        if problem := _too_long(text, MAX_TEXT):
            check.errors["question"] = problem
        else:
            check.values["question"] = text

    if "language" in raw:
        value = clean_line(raw["language"] or "")
        if value in LANGUAGES:
            check.values["language"] = value
        else:
            check.errors["language"] = f"{value!r} is not one of: {', '.join(LANGUAGES)}"

    return check


def check_note(body: str) -> str:
    """A note's clean text, or a ValueError saying why it cannot be saved."""
    text = clean(body).strip()
    if not text:
        raise ValueError("the note is empty")
    if problem := _too_long(text, MAX_TEXT):
        raise ValueError(f"the note has {problem}")
    return text
