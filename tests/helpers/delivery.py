"""Escalation tests' common ground: a ticket with a ministry, fast delivery settings, and a
real webhook server on localhost (pytest-httpserver) standing in for Teams."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from helpdesk import config, tickets
from helpdesk.escalation import delivery_settings
from helpdesk.escalation.delivery_settings import WEBHOOK_ENV

MINISTRY = "D/o Posts"
REP_EMAIL = "priyamvadapallavi.kb@karmayogi.in"
# The path and query stand for the signed part of a real Workflows URL: never to be shown.
SECRET_PART = "sig=S3CR3T-signature-do-not-print"
WEBHOOK_PATH = "/workflows/9f8e7d/triggers/manual/paths/invoke"

# Short timeouts and backoff so retries take fractions of a second in tests; the lease
# stays longer than one request can take, as the settings require.
FAST_OUTBOX = {
    "connect_timeout_seconds": 0.5,
    "read_timeout_seconds": 0.4,
    "backoff_base_seconds": 0.05,
    "backoff_cap_seconds": 0.2,
    "lease_seconds": 1.5,
    "max_per_second": 50,
}


def outbox_toml(**overrides) -> str:
    values = {**FAST_OUTBOX, **overrides}
    return "[outbox]\n" + "".join(f"{name} = {value}\n" for name, value in values.items())


def add_directory_row(store, ministry: str = MINISTRY, name: str = "Priyamvada Pallavi",
                      email: str = REP_EMAIL, mobile: str = "9315718261") -> None:
    with store.transaction() as db:
        position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM directory").fetchone()[0]
        db.execute("INSERT INTO directory (position, ministry, rep_name, rep_email, rep_mobile)"
                   " VALUES (?, ?, ?, ?, ?)", [position, ministry, name, email, mobile])


def make_ticket(store, *, name: str = "Ravi Kumar", ministry: str | None = MINISTRY,
                category: str = "bulk-upload", notes: tuple[str, ...] = ()) -> tickets.Ticket:
    if ministry and not store.db.execute("SELECT 1 FROM directory WHERE ministry = ?",
                                         [ministry]).fetchone():
        add_directory_row(store, ministry)
    fields = {"participant_name": name, "email": "ravi.kumar@gmail.com", "mobile": "9810347159",
              "category": category, "channel": "teams", "question": "Need 40 IDs uploaded"}
    if ministry:
        fields["ministry"] = ministry
    ticket = tickets.create(store, fields, "asha", claim=True)
    for note in notes:
        ticket = tickets.add_note(store, ticket.id, note, "asha")
    return ticket


def webhook_url(server: HTTPServer) -> str:
    return server.url_for(WEBHOOK_PATH) + "?api-version=1&" + SECRET_PART


def configure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str | None,
              **overrides) -> delivery_settings.DeliverySettings:
    """Write the fast config file (``overrides`` change [outbox] values) and set (or clear)
    the webhook in the environment."""
    config.write_private(Path(tmp_path / "config.toml"), outbox_toml(**overrides))
    if url is None:
        monkeypatch.delenv(WEBHOOK_ENV, raising=False)
    else:
        monkeypatch.setenv(WEBHOOK_ENV, url)
    return delivery_settings.load()


def free_port() -> int:
    """A port with nothing listening on it (connections are refused until a server starts)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def posted_ids(server: HTTPServer) -> list[str]:
    """The notification ids of the cards the server received, in order."""
    found = []
    for request, _ in server.log:
        card = json.loads(request.get_data())["attachments"][0]["content"]
        first_line = card["body"][0]["text"]
        found.append(first_line.rsplit("· ", 1)[1])
    return found
