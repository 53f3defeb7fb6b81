"""Tickets: the model, the actions that change them, their history and the queue."""

from .actions import (
    add_note,
    assign,
    claim,
    claim_next,
    create,
    load,
    record_reply,
    resolve,
    set_status,
    update,
)
from .history import Event, events, events_since
from .model import EDITABLE_FIELDS, Ticket, Urgency, urgency_of
from .queue import ALL_STATUSES, ORDERS, SCOPES, QueueFilter, count, window
from .validate import FieldCheck, check_fields
from .writes import ConflictError

__all__ = [
    "ALL_STATUSES",
    "EDITABLE_FIELDS",
    "ORDERS",
    "SCOPES",
    "ConflictError",
    "Event",
    "FieldCheck",
    "QueueFilter",
    "Ticket",
    "Urgency",
    "add_note",
    "assign",
    "check_fields",
    "claim",
    "claim_next",
    "count",
    "create",
    "events",
    "events_since",
    "load",
    "record_reply",
    "resolve",
    "set_status",
    "update",
    "urgency_of",
    "window",
]
