"""How escalations are delivered: the Teams webhook, what a card may show, and the sender's pace.

Read from the ``[teams]`` and ``[outbox]`` tables of the user config file; the webhook URL
can come from ``HELPDESK_TEAMS_WEBHOOK`` instead (the environment wins, so a cron job or a
shared machine need not keep the secret in a file). Every value has a default except the
webhook: without one, escalations are still recorded and queued, and go out once it is set.

Example (the file must be owner-only, ``chmod 600``)::

    [teams]
    webhook_url = "https://….logic.azure.com/workflows/…"   # secret
    participant_contact = "masked"   # masked | full | none

    [outbox]
    read_timeout_seconds = 15
    backoff_cap_seconds = 300
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from helpdesk import config as config_file
from helpdesk.config import ConfigError
from helpdesk.errors import InputError
from helpdesk.escalation.secret_url import SecretUrl, check_web_url

WEBHOOK_ENV = "HELPDESK_TEAMS_WEBHOOK"

# What a Teams card says about the participant's e-mail and mobile. The channel is one
# more copy of personal data, read by more people than the one representative who needs
# it, so by default the card masks both (enough to match a call or a mail) and the full
# contact travels only in the e-mail draft addressed to that representative.
CONTACT_MASKED, CONTACT_FULL, CONTACT_NONE = "masked", "full", "none"
CONTACT_CHOICES = (CONTACT_MASKED, CONTACT_FULL, CONTACT_NONE)

# Numeric settings of [outbox]: name -> (default, smallest allowed, largest allowed).
_OUTBOX_LIMITS: dict[str, tuple[float, float, float]] = {
    "connect_timeout_seconds": (5.0, 0.05, 60.0),
    "read_timeout_seconds": (15.0, 0.05, 120.0),
    "backoff_base_seconds": (2.0, 0.01, 600.0),
    "backoff_cap_seconds": (300.0, 0.05, 86_400.0),
    "lease_seconds": (90.0, 0.5, 3_600.0),
    "max_per_second": (4.0, 0.1, 50.0),
    "max_retry_after_seconds": (3_600.0, 1.0, 86_400.0),
    "max_attempts": (40, 1, 10_000),
}


@dataclass(frozen=True)
class DeliverySettings:
    webhook: SecretUrl | None
    webhook_source: str  # "environment", "config file" or "not set"
    participant_contact: str = CONTACT_MASKED
    connect_timeout_seconds: float = 5.0
    read_timeout_seconds: float = 15.0
    backoff_base_seconds: float = 2.0
    backoff_cap_seconds: float = 300.0
    lease_seconds: float = 90.0
    max_per_second: float = 4.0
    max_retry_after_seconds: float = 3_600.0
    max_attempts: int = 40

    @property
    def longest_request_seconds(self) -> float:
        """The most one POST can take: connecting, writing the card, waiting for the answer."""
        return self.connect_timeout_seconds + 2 * self.read_timeout_seconds

    def to_dict(self) -> dict[str, Any]:
        """For `helpdesk config show`: the webhook masked, never in full."""
        return {
            "webhook_url": self.webhook.masked if self.webhook else None,
            "webhook_source": self.webhook_source,
            "participant_contact": self.participant_contact,
            **{name: getattr(self, name) for name in _OUTBOX_LIMITS},
        }


def load(loaded: config_file.Config | None = None,
         environ: Mapping[str, str] | None = None) -> DeliverySettings:
    """The settings from the config file and the environment; ConfigError names a bad key."""
    loaded = loaded if loaded is not None else config_file.load()
    environ = os.environ if environ is None else environ
    teams = loaded.section("teams")
    outbox = loaded.section("outbox")
    webhook, source = _webhook(loaded, teams, environ)
    contact = teams.get("participant_contact", CONTACT_MASKED)
    if contact not in CONTACT_CHOICES:
        raise ConfigError(f"{loaded.path}: [teams] participant_contact must be one of "
                          f"{', '.join(CONTACT_CHOICES)}")
    numbers = {name: _number(loaded, outbox, name) for name in _OUTBOX_LIMITS}
    settings = DeliverySettings(webhook, source, contact, **numbers)
    if settings.lease_seconds <= settings.longest_request_seconds:
        # A sender holds a message for the lease; if a POST could outlast it, a second
        # sender would take the message while the first is still posting it.
        raise ConfigError(
            f"{loaded.path}: [outbox] lease_seconds ({settings.lease_seconds:g}) must be longer "
            f"than one request can take (connect + 2 x read timeout = "
            f"{settings.longest_request_seconds:g} s)")
    return settings


def _webhook(loaded: config_file.Config, teams: dict[str, Any],
             environ: Mapping[str, str]) -> tuple[SecretUrl | None, str]:
    from_env = environ.get(WEBHOOK_ENV, "").strip()
    if from_env:
        return _checked(from_env, f"${WEBHOOK_ENV}"), "environment"
    from_file = teams.get("webhook_url")
    if from_file is None or (isinstance(from_file, str) and not from_file.strip()):
        return None, "not set"
    if not isinstance(from_file, str):
        raise ConfigError(f"{loaded.path}: [teams] webhook_url must be a string")
    return _checked(from_file, f"{loaded.path}: [teams] webhook_url"), "config file"


def _checked(url: str, what: str) -> SecretUrl:
    try:
        return SecretUrl(check_web_url(url, what))
    except InputError as error:
        raise ConfigError(str(error)) from None


def _number(loaded: config_file.Config, table: dict[str, Any], name: str) -> float | int:
    default, smallest, largest = _OUTBOX_LIMITS[name]
    value = table.get(name, default)
    integral = isinstance(default, int)
    if isinstance(value, bool) or not isinstance(value, int if integral else (int, float)):
        kind = "a whole number" if integral else "a number"
        raise ConfigError(f"{loaded.path}: [outbox] {name} must be {kind}")
    if not smallest <= value <= largest:
        raise ConfigError(f"{loaded.path}: [outbox] {name} must be between {smallest:g} and {largest:g}")
    return int(value) if integral else float(value)
