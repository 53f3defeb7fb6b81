"""What a webhook's answer means, and how long to wait before trying again.

Teams Workflows answer 202 Accepted (older connectors 200): both mean the post was
taken. 400 (bad card), 404 (no such webhook), 413 (too large) and the like will fail the
same way every time, so the message is failed at once and shown to the agent. 408, 425,
429 and 5xx, timeouts and refused connections are passing trouble: retried with
exponential backoff and full jitter (a random wait between 0 and min(cap, base·2^n), so
senders that failed together do not retry together), or after exactly the wait a 429's
``Retry-After`` asks for, in seconds or as an HTTP date.
"""

from __future__ import annotations

import random
from datetime import datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus

from helpdesk.text import clean_line

SENT, RETRY, FAILED = "sent", "retry", "failed"
# Answers worth retrying: the server or a proxy may answer differently next time.
_TRANSIENT_4XX = frozenset({408, 425, 429})
_PERMANENT_HINTS = {
    400: "Teams refused the card as malformed",
    401: "the webhook refused the request (not authorised)",
    403: "the webhook refused the request (forbidden; was the flow turned off?)",
    404: "no webhook at this URL (deleted or mistyped)",
    410: "the webhook is gone",
    413: "the card is larger than Teams accepts",
}


def outcome_for(status_code: int) -> str:
    if 200 <= status_code < 300:
        return SENT
    if status_code >= 500 or status_code in _TRANSIENT_4XX:
        return RETRY
    return FAILED


def describe_status(status_code: int, body: str = "") -> str:
    """``HTTP 404 Not Found: no webhook at this URL`` plus the start of what the server said."""
    try:
        phrase = HTTPStatus(status_code).phrase
    except ValueError:
        phrase = ""
    text = f"HTTP {status_code} {phrase}".rstrip()
    if 300 <= status_code < 400:
        text += ": the webhook URL redirects; put the new URL in the config"
    elif status_code in _PERMANENT_HINTS:
        text += f": {_PERMANENT_HINTS[status_code]}"
    said = clean_line(body)[:160]  # the server's words reach a terminal: no escapes
    return f"{text} ({said})" if said else text


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date); None if absent
    or unreadable (the caller then falls back to its own backoff)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(int(text))
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return max((moment - now).total_seconds(), 0.0)


def backoff_seconds(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Full jitter: uniformly between 0 and min(cap, base·2^(attempt-1))."""
    ceiling = min(cap, base * 2 ** min(max(attempt - 1, 0), 60))
    return (rng or random).uniform(0, ceiling)


def retry_delay(attempt: int, retry_after: float | None, *, base: float, cap: float,
                max_retry_after: float, rng: random.Random | None = None) -> float:
    """The wait before the next try: what Retry-After asks (within reason), else backoff."""
    if retry_after is not None:
        # Honoured as asked, but a server asking for days is more likely broken than
        # right; past the limit the agent sees "failing" and can retry by hand.
        return min(retry_after, max_retry_after)
    return backoff_seconds(attempt, base, cap, rng)
