"""Delivering escalations to a real webhook server on localhost, through every kind of trouble."""

from __future__ import annotations

import asyncio
import json
import time
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from helpdesk.escalation import escalations
from helpdesk.escalation import outbox
from helpdesk.escalation.outbox_sender import OutboxSender, sender_name

from helpers.delivery import (
    SECRET_PART, WEBHOOK_PATH, configure, free_port, make_ticket, posted_ids, webhook_url,
)


def escalate(store, **options):
    ticket = make_ticket(store, **options)
    return escalations.escalate(store, ticket.id, target="rep", agent="asha",
                               needed="please arrange the bulk upload")


async def deliver(store, settings, seconds: float = 5.0, owner: str = "test") -> list:
    sender = OutboxSender(store, settings, owner=sender_name(owner))
    report = await sender.run(until_idle=True, max_seconds=seconds)
    return report.results


def history(store, message_id: int) -> list[tuple]:
    return [(a.outcome, a.http_status) for a in outbox.attempts(store.db, message_id)]


@pytest.fixture
def settings(tmp_path, monkeypatch, httpserver):
    return configure(tmp_path, monkeypatch, webhook_url(httpserver))


async def test_accepted_with_200_is_sent_once(store, settings, httpserver):
    httpserver.expect_request(WEBHOOK_PATH, method="POST").respond_with_data("1", status=200)
    done = escalate(store)
    results = await deliver(store, settings)
    assert [r.outcome for r in results] == ["sent"]
    message = outbox.get(store.db, done.message.id)
    assert message.status == "sent" and message.sent_at is not None
    request, _ = httpserver.log[0]
    assert request.headers["Content-Type"] == "application/json"
    card = json.loads(request.get_data())
    assert card["type"] == "message"
    assert card["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert posted_ids(httpserver) == [done.case.notification_id]
    # Run the sender again: a message recorded as sent never goes out twice.
    assert await deliver(store, settings) == []
    assert len(httpserver.log) == 1


async def test_workflows_202_accepted_counts_as_sent(store, settings, httpserver):
    httpserver.expect_request(WEBHOOK_PATH, method="POST").respond_with_data("", status=202)
    done = escalate(store)
    await deliver(store, settings)
    assert outbox.get(store.db, done.message.id).status == "sent"
    assert history(store, done.message.id) == [("sent", 202)]


async def test_server_error_then_success(store, settings, httpserver):
    httpserver.expect_ordered_request(WEBHOOK_PATH).respond_with_data("oops", status=500)
    httpserver.expect_ordered_request(WEBHOOK_PATH).respond_with_data("", status=503)
    httpserver.expect_ordered_request(WEBHOOK_PATH).respond_with_data("", status=202)
    done = escalate(store)
    results = await deliver(store, settings)
    assert [r.outcome for r in results] == ["retry", "retry", "sent"]
    assert history(store, done.message.id) == [("retry", 500), ("retry", 503), ("sent", 202)]
    assert "HTTP 500 Internal Server Error (oops)" in outbox.attempts(store.db, done.message.id)[0].error
    assert posted_ids(httpserver) == [done.case.notification_id] * 3
    httpserver.check_assertions()


async def test_429_retry_after_is_honoured_for_every_message(store, settings, httpserver):
    posts: list[float] = []

    def answer(request):
        posts.append(time.monotonic())
        if len(posts) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response("", status=202)

    httpserver.expect_request(WEBHOOK_PATH).respond_with_handler(answer)
    first, second = escalate(store), escalate(store, name="Sita Devi")
    results = await deliver(store, settings)
    assert sorted(r.outcome for r in results) == ["retry", "sent", "sent"]
    # The throttle is on the webhook: nothing at all was posted until Retry-After passed.
    assert len(posts) == 3 and posts[1] - posts[0] >= 0.95
    assert {outbox.get(store.db, m.message.id).status for m in (first, second)} == {"sent"}
    assert results[0].retry_in == pytest.approx(1.0)


async def test_retry_after_as_an_http_date(store, settings, httpserver):
    later = datetime.now(timezone.utc) + timedelta(seconds=2)
    httpserver.expect_ordered_request(WEBHOOK_PATH).respond_with_data(
        "", status=429, headers={"Retry-After": format_datetime(later, usegmt=True)})
    httpserver.expect_ordered_request(WEBHOOK_PATH).respond_with_data("", status=202)
    done = escalate(store)
    results = await deliver(store, settings, seconds=6)
    assert 0.5 < results[0].retry_in <= 2.0
    assert outbox.get(store.db, done.message.id).status == "sent"


async def test_timeout_is_retried_and_then_delivered(store, tmp_path, monkeypatch):
    # A threaded server, so the hung first request does not hold up the retry.
    arrived = []

    def answer(request):
        arrived.append(time.monotonic())
        if len(arrived) == 1:
            time.sleep(1.0)  # longer than the 0.4 s read timeout
        return Response("", status=202)

    with HTTPServer(threaded=True) as server:
        server.expect_request(WEBHOOK_PATH).respond_with_handler(answer)
        settings = configure(tmp_path, monkeypatch, webhook_url(server))
        done = escalate(store)
        results = await deliver(store, settings)
    assert [r.outcome for r in results] == ["retry", "sent"]
    assert results[0].error == "timed out waiting for the answer"
    assert outbox.get(store.db, done.message.id).status == "sent"


async def test_connection_refused_then_the_server_comes_back(store, tmp_path, monkeypatch):
    port = free_port()
    server = HTTPServer(port=port)
    settings = configure(tmp_path, monkeypatch, webhook_url(server))
    done = escalate(store)
    results = await deliver(store, settings, seconds=0.5)  # the server is down
    assert results and {r.outcome for r in results} == {"retry"}
    assert "connection refused" in results[0].error
    message = outbox.get(store.db, done.message.id)
    assert message.status == "retrying" and "connection refused" in message.state(datetime.now(timezone.utc))
    server.expect_request(WEBHOOK_PATH).respond_with_data("", status=202)
    server.start()
    try:
        results = await deliver(store, settings)
    finally:
        server.stop()
    assert results[-1].outcome == "sent"
    assert outbox.get(store.db, done.message.id).status == "sent"
    assert posted_ids(server) == [done.case.notification_id]


@pytest.mark.parametrize("status", [400, 404, 413])
async def test_permanent_refusals_fail_at_once_and_can_be_retried(store, settings, httpserver, status):
    httpserver.expect_ordered_request(WEBHOOK_PATH).respond_with_data("no", status=status)
    done = escalate(store)
    results = await deliver(store, settings)
    assert [r.outcome for r in results] == ["failed"]
    message = outbox.get(store.db, done.message.id)
    assert message.status == "failed" and f"HTTP {status}" in message.last_error
    assert f"helpdesk outbox retry {message.id}" in message.state(datetime.now(timezone.utc))
    assert await deliver(store, settings) == []  # failed stays failed: no more posts
    httpserver.expect_ordered_request(WEBHOOK_PATH).respond_with_data("", status=202)
    outbox.retry(store, message.id, "asha", datetime.now(timezone.utc))
    await deliver(store, settings)
    assert outbox.get(store.db, message.id).status == "sent"
    assert len(httpserver.log) == 2


async def test_gives_up_after_max_attempts(store, tmp_path, monkeypatch, httpserver):
    settings = configure(tmp_path, monkeypatch, webhook_url(httpserver), max_attempts=3)
    httpserver.expect_request(WEBHOOK_PATH).respond_with_data("", status=502)
    done = escalate(store)
    results = await deliver(store, settings)
    assert [r.outcome for r in results] == ["retry", "retry", "failed"]
    assert outbox.get(store.db, done.message.id).last_error.startswith("gave up after 3 attempts")


async def test_pace_keeps_to_four_posts_a_second(store, tmp_path, monkeypatch, httpserver):
    settings = configure(tmp_path, monkeypatch, webhook_url(httpserver), max_per_second=4)
    times: list[float] = []
    httpserver.expect_request(WEBHOOK_PATH).respond_with_handler(
        lambda request: times.append(time.monotonic()) or Response("", status=202))
    for name in ("A One", "B Two", "C Three"):
        escalate(store, name=name)
    await deliver(store, settings)
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    assert len(times) == 3 and min(gaps) >= 0.22


async def test_two_senders_never_post_the_same_message(store, tmp_path, monkeypatch):
    # Each sender has its own database connection, as the console and a cron job would.
    from helpdesk.store.connection import Store

    server = HTTPServer(threaded=True)
    server.expect_request(WEBHOOK_PATH).respond_with_handler(
        lambda request: (time.sleep(0.05), Response("", status=202))[1])
    server.start()
    try:
        settings = configure(tmp_path, monkeypatch, webhook_url(server))
        made = [escalate(store, name=f"Person {n}") for n in range(8)]
        other = Store.open(store.path)
        await asyncio.gather(deliver(store, settings, owner="console"),
                             deliver(other, settings, owner="cron"))
    finally:
        server.stop()
    posted = posted_ids(server)
    assert sorted(posted) == sorted(m.case.notification_id for m in made)  # each exactly once
    senders = {a.sender.split("@")[0] for m in made for a in outbox.attempts(store.db, m.message.id)}
    assert senders == {"console", "cron"}


async def test_sender_is_refused_without_a_webhook(store, tmp_path, monkeypatch):
    from helpdesk.errors import InputError

    settings = configure(tmp_path, monkeypatch, None)
    with pytest.raises(InputError, match="no Teams webhook is configured"):
        OutboxSender(store, settings, owner="x")


async def test_cancelled_message_is_not_sent(store, settings, httpserver):
    httpserver.expect_request(WEBHOOK_PATH).respond_with_data("", status=202)
    done = escalate(store)
    outbox.cancel(store, done.message.id, "asha", datetime.now(timezone.utc))
    assert await deliver(store, settings) == []
    assert httpserver.log == []


def test_webhook_secret_never_reaches_the_database_or_errors(store, settings, httpserver, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    httpserver.expect_ordered_request(WEBHOOK_PATH).respond_with_data(
        f"bad request for {WEBHOOK_PATH}?{SECRET_PART}", status=400)
    done = escalate(store)
    asyncio.run(deliver(store, settings))
    dump = "\n".join(store.db.iterdump())
    assert SECRET_PART not in dump and "S3CR3T" not in dump
    # Everything our code and httpx logged (the test server's own access log aside).
    ours = [r.getMessage() for r in caplog.records if not r.name.startswith("werkzeug")]
    assert ours is not None and not any("S3CR3T" in line for line in ours)
    assert "S3CR3T" not in repr(settings) and "S3CR3T" not in str(settings.to_dict())
    assert outbox.get(store.db, done.message.id).status == "failed"


async def test_killed_lease_is_taken_again_after_it_runs_out(store, settings, httpserver):
    # A sender that claimed and then vanished (no result) leaves the message leased.
    httpserver.expect_request(WEBHOOK_PATH).respond_with_data("", status=202)
    done = escalate(store)
    now = datetime.now(timezone.utc)
    claimed = outbox.claim(store, "vanished", now, lease_seconds=1.5, min_interval_seconds=0)
    assert claimed.message_id == done.message.id
    assert outbox.claim(store, "other", now, lease_seconds=1.5, min_interval_seconds=0) is None
    started = time.monotonic()
    results = await deliver(store, settings)
    assert [r.outcome for r in results] == ["sent"] and time.monotonic() - started >= 1.0
    assert [a.outcome for a in outbox.attempts(store.db, done.message.id)] == [None, "sent"]
    assert "sender stopped" in outbox.attempts(store.db, done.message.id)[0].describe()

