"""The background sender: takes due outbox messages and posts them to the Teams webhook.

It runs in the console as an app worker and as ``helpdesk outbox send`` for scripts and
cron; both run this same code, so they behave alike. HTTP is asynchronous (one
``httpx.AsyncClient`` for the sender's life) and every database step runs in a thread,
so a console using it never waits. A cancelled or killed sender leaves its message
leased; the lease runs out and the next sender takes it again.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from secrets import token_hex

import httpx

from helpdesk import clock
from helpdesk.escalation import http_client
from helpdesk.escalation import outbox
from helpdesk.escalation.delivery_settings import DeliverySettings
from helpdesk.errors import InputError
from helpdesk.escalation.outbox import Claim, Wait
from helpdesk.escalation.outbox_policy import (
    FAILED,
    RETRY,
    SENT,
    describe_status,
    outcome_for,
    parse_retry_after,
    retry_delay,
)
from helpdesk.escalation.secret_url import redact
from helpdesk.store.connection import Store
from helpdesk.escalation.teams_card import MAX_PAYLOAD_BYTES

# With nothing pending, look for messages queued by other consoles or scripts this often.
IDLE_POLL_SECONDS = 2.0
# A database too busy to answer (another agent's long transaction) is waited out, then retried.
DATABASE_RETRY_SECONDS = 1.0
# The start of an error answer is kept for the agent; the rest is not needed.
MAX_ERROR_BODY_BYTES = 2048


@dataclass(frozen=True)
class AttemptResult:
    notification_id: str
    message_id: int
    attempt: int
    outcome: str  # sent | retry | failed
    status: str  # the message's status afterwards
    http_status: int | None
    error: str | None
    retry_in: float | None  # seconds, for a retry

    def describe(self) -> str:
        if self.outcome == SENT:
            return f"{self.notification_id}: sent (HTTP {self.http_status})"
        if self.outcome == RETRY:
            return (f"{self.notification_id}: attempt {self.attempt} failed: {self.error}; "
                    f"next try in {self.retry_in:.1f} s")
        return f"{self.notification_id}: failed for good: {self.error}"


@dataclass
class SendReport:
    results: list[AttemptResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for result in self.results if result.outcome == outcome)


def sender_name(kind: str) -> str:
    """Unique per running sender: the host and process say where, the token which run."""
    return f"{kind}@{socket.gethostname()}:{os.getpid()}:{token_hex(3)}"


class OutboxSender:
    def __init__(self, store: Store, settings: DeliverySettings, *, owner: str,
                 now: clock.Clock = clock.now, rng: random.Random | None = None,
                 on_result: Callable[[AttemptResult], None] | None = None) -> None:
        if settings.webhook is None:
            raise InputError("no Teams webhook is configured: set HELPDESK_TEAMS_WEBHOOK or "
                             "webhook_url in the [teams] table of the config file "
                             "(`helpdesk config show` says where it is)")
        self.store = store
        self.settings = settings
        self.owner = owner
        self.now = now
        self.rng = rng or random.Random()
        self.on_result = on_result
        self.report = SendReport()
        self.wake = asyncio.Event()

    async def run(self, *, until_idle: bool, max_seconds: float | None = None) -> SendReport:
        """Deliver due messages. ``until_idle``: return once nothing is pending (or
        ``max_seconds`` have passed); otherwise run until cancelled, waking on :attr:`wake`."""
        deadline = None if max_seconds is None else time.monotonic() + max_seconds
        timeout = http_client.timeouts(self.settings.connect_timeout_seconds,
                                       self.settings.read_timeout_seconds)
        async with http_client.async_client(timeout) as client:
            while True:
                try:
                    wait = await self._step(client)
                except (sqlite3.OperationalError, OSError):
                    wait = DATABASE_RETRY_SECONDS
                if wait is None:
                    if until_idle:
                        return self.report
                    wait = IDLE_POLL_SECONDS
                if wait <= 0:
                    continue  # another message is due now
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return self.report
                    wait = min(wait, left)
                await self._sleep(wait)

    async def _step(self, client: httpx.AsyncClient) -> float | None:
        """Send one message if one is due; seconds to wait before the next step, or None
        when nothing is pending at all."""
        settings = self.settings
        taken = await asyncio.to_thread(
            outbox.claim, self.store, self.owner, self.now(), lease_seconds=settings.lease_seconds,
            min_interval_seconds=1.0 / settings.max_per_second)
        if isinstance(taken, Claim):
            await self._deliver(client, taken)
            return 0.0
        if isinstance(taken, Wait):
            return max((taken.until - self.now()).total_seconds(), 0.0)
        due = await asyncio.to_thread(lambda: outbox.next_due(self.store.db))  # that thread's connection
        if due is None:
            return None
        return max((due - self.now()).total_seconds(), 0.0)

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.wake.wait(), timeout=seconds)
        except TimeoutError:
            pass
        self.wake.clear()

    async def _deliver(self, client: httpx.AsyncClient, claimed: Claim) -> None:
        settings = self.settings
        webhook = settings.webhook
        assert webhook is not None
        body = claimed.payload.encode("utf-8")
        retry_after: float | None = None
        http_status: int | None = None
        if len(body) > MAX_PAYLOAD_BYTES:
            outcome, error = FAILED, f"the card is {len(body) // 1024} KB; Teams accepts at most 28 KB"
        else:
            try:
                async with client.stream("POST", webhook.reveal(), content=body,
                                         headers={"Content-Type": "application/json"}) as response:
                    http_status = response.status_code
                    said = await _read_some(response, MAX_ERROR_BODY_BYTES)
                outcome = outcome_for(http_status)
                error = None if outcome == SENT else describe_status(http_status, said)
                retry_after = parse_retry_after(response.headers.get("Retry-After"), self.now())
            except httpx.TransportError as problem:  # timeouts, refused, reset, protocol
                outcome, error = RETRY, http_client.describe_error(problem)
            except httpx.HTTPError as problem:  # e.g. an unusable URL: no retry will help
                outcome, error = FAILED, http_client.describe_error(problem)
        if error:
            error = redact(error, webhook)
        retry_in = None
        if outcome == RETRY and claimed.attempt >= settings.max_attempts:
            outcome, error = FAILED, f"gave up after {claimed.attempt} attempts; last: {error}"
        now = self.now()
        retry_at = pace_until = None
        if outcome == RETRY:
            retry_in = retry_delay(claimed.attempt, retry_after, base=settings.backoff_base_seconds,
                                   cap=settings.backoff_cap_seconds,
                                   max_retry_after=settings.max_retry_after_seconds, rng=self.rng)
            retry_at = clock.to_ist(now) + timedelta(seconds=retry_in)
            if http_status == 429:
                pace_until = retry_at  # the throttle is on the webhook: every message waits
        status = await asyncio.to_thread(
            outbox.record, self.store, claimed, outcome=outcome, now=now, http_status=http_status,
            error=error, retry_at=retry_at, pace_until=pace_until)
        result = AttemptResult(claimed.notification_id, claimed.message_id, claimed.attempt,
                               outcome, status, http_status, error, retry_in)
        self.report.results.append(result)
        if self.on_result is not None:
            self.on_result(result)


async def _read_some(response: httpx.Response, limit: int) -> str:
    collected = b""
    async for chunk in response.aiter_bytes():
        collected += chunk
        if len(collected) >= limit:
            break
    return collected[:limit].decode("utf-8", errors="replace")

