"""Escalations to the ministry's KB representative: the message, Teams card and e-mail draft, the outbox and its sender, delivery settings."""

__all__ = [
    "delivery_settings",
    "email_draft",
    "escalations",
    "http_client",
    "message",
    "outbox",
    "outbox_model",
    "outbox_policy",
    "outbox_sender",
    "schema",
    "secret_url",
    "teams_card",
]
