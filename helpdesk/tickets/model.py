"""A ticket as the desk sees it: one participant, one question, and how it is going."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from enum import IntEnum
from typing import Any

from .. import desk, emails
from ..taxonomy import DONE_STATUSES
from ..text import clean, clean_line

# Fields an agent may edit after intake (the rest are set by actions: claim, resolve, ...).
EDITABLE_FIELDS = (
    "participant_name",
    "email",
    "mobile",
    "ministry_query",
    "ministry",
    "rep_email",
    "category",
    "channel",
    "training_date",
    "question",
    "language",
)


class Urgency(IntEnum):
    """Queue order. Lower sorts first."""

    # Training within the login-check window (1-2 days): the guidelines warn that
    # registration problems may not be fixable on the day itself.
    TRAINING_IMMINENT = 0
    # Training within the 7-day registration deadline.
    INSIDE_DEADLINE = 1
    NORMAL = 2

    @property
    def label(self) -> str:
        return {0: "imminent", 1: "this week", 2: ""}[self.value]


def urgency_of(training_date: date | None, today: date) -> Urgency:
    if training_date is None:
        return Urgency.NORMAL
    days_left = (training_date - today).days
    facts = desk.facts()
    if 0 <= days_left <= max(facts.login_check_days_before):
        return Urgency.TRAINING_IMMINENT
    if 0 <= days_left <= facts.register_days_before:
        return Urgency.INSIDE_DEADLINE
    return Urgency.NORMAL


# Fields that may hold several lines; every other text field is one line.
MULTILINE_FIELDS = ("question", "resolution_note")


def _clean_value(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return clean(value) if name in MULTILINE_FIELDS else clean_line(value)


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Ticket:
    id: int
    created_at: datetime
    created_by: str
    updated_at: datetime
    participant_name: str
    email: str
    mobile: str
    ministry_query: str
    ministry: str | None
    rep_email: str | None
    category: str
    channel: str
    training_date: date | None
    question: str
    language: str
    status: str
    assignee: str | None
    claimed_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    outcome: str | None
    resolution_note: str | None
    handle_seconds: int | None
    version: int

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Ticket:
        # Text is cleaned again on the way out of the database: whatever wrote the row (an
        # older version, a restored file, a hand edit), no escape sequence reaches a screen,
        # the CLI or an export.
        values = {field.name: _clean_value(field.name, row[field.name]) for field in fields(cls)}
        for name in ("created_at", "updated_at", "claimed_at", "first_response_at", "resolved_at"):
            values[name] = _moment(values[name])
        training = values["training_date"]
        values["training_date"] = date.fromisoformat(training) if training else None
        return cls(**values)

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def registration_path(self) -> str | None:
        """Self-registration or MDO approval, from the e-mail; None without a valid e-mail."""
        if not self.email:
            return None
        return emails.classify(self.email).path

    def urgency(self, today: date) -> Urgency:
        if self.is_done:
            return Urgency.NORMAL
        return urgency_of(self.training_date, today)

    def waiting(self, now: datetime) -> timedelta:
        """How long the participant has waited: until resolution, or until now."""
        end = self.resolved_at if self.is_done and self.resolved_at else now
        return max(end - self.created_at, timedelta(0))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates and times as ISO 8601 strings."""
        result = asdict(self)
        for key, value in result.items():
            if isinstance(value, (date, datetime)):
                result[key] = value.isoformat()
        result["registration_path"] = self.registration_path
        return result
