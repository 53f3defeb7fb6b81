"""`helpdesk ticket escalate` and `helpdesk outbox …` as a script or an agent uses them."""

from __future__ import annotations

import json
import os
import stat

from helpdesk.access import audit
from helpdesk.escalation import outbox

from helpers.delivery import (
    REP_EMAIL, SECRET_PART, WEBHOOK_PATH, configure, make_ticket, webhook_url,
)


def test_escalate_prints_draft_mailto_and_text(run_cli, store, db_path, tmp_path, monkeypatch):
    configure(tmp_path, monkeypatch, None)
    ticket = make_ticket(store, notes=("asked the MDO",))
    result = run_cli("ticket", "escalate", str(ticket.id), "--note", "please upload 40 IDs")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert f"Ticket #{ticket.id} escalated to Priyamvada Pallavi" in out
    assert "No Teams webhook is configured yet" in out
    assert f"mailto:{REP_EMAIL}?subject=" in out
    assert "please upload 40 IDs" in out and "- asked the MDO" in out
    drafts = list((db_path.parent / "escalations").glob("ESC-*.eml"))
    assert len(drafts) == 1 and stat.S_IMODE(os.stat(drafts[0]).st_mode) == 0o600
    assert store.db.execute("SELECT status FROM tickets WHERE id = ?", [ticket.id]).fetchone()[0] == "escalated"


def test_escalate_json_and_no_eml(run_cli, store, db_path, tmp_path, monkeypatch):
    configure(tmp_path, monkeypatch, "https://teams.example/hook/123456?sig=zzzzsecret")
    ticket = make_ticket(store)
    result = run_cli("ticket", "escalate", str(ticket.id), "--to", "nodal", "--no-eml", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ticket"]["status"] == "escalated" and data["eml_path"] is None
    assert data["state"] == "queued" and data["notification_id"].startswith(f"ESC-{ticket.id}-")
    assert "zzzzsecret" not in result.stdout
    assert not (db_path.parent / "escalations").exists()


def test_escalate_without_ministry_is_exit_2_and_writes_nothing(run_cli, store, tmp_path, monkeypatch):
    configure(tmp_path, monkeypatch, None)
    ticket = make_ticket(store, ministry=None)
    result = run_cli("ticket", "escalate", str(ticket.id))
    assert result.exit_code == 2 and "no ministry" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert outbox.messages(store.db) == []


def test_send_list_show_and_nothing_twice(run_cli, store, tmp_path, monkeypatch, httpserver):
    configure(tmp_path, monkeypatch, webhook_url(httpserver))
    httpserver.expect_ordered_request(WEBHOOK_PATH).respond_with_data("", status=500)
    httpserver.expect_ordered_request(WEBHOOK_PATH).respond_with_data("", status=202)
    ticket = make_ticket(store)
    run_cli("ticket", "escalate", str(ticket.id), "--no-eml")
    sent = run_cli("outbox", "send", "--wait", "5")
    assert sent.exit_code == 0, sent.stderr
    assert "attempt 1 failed: HTTP 500" in sent.stdout and "sent (HTTP 202)" in sent.stdout
    listed = run_cli("outbox", "list")
    assert "sent at" in listed.stdout
    shown = run_cli("outbox", "show", "1", "--json")
    history = json.loads(shown.stdout)["attempt_history"]
    assert [(a["outcome"], a["http_status"]) for a in history] == [("retry", 500), ("sent", 202)]
    again = run_cli("outbox", "send")
    assert again.exit_code == 0 and "sent 0" in again.stdout
    assert len(httpserver.log) == 2
    everything = "".join(r.stdout + r.stderr for r in (sent, listed, shown, again))
    assert SECRET_PART not in everything and "S3CR3T" not in everything


def test_send_reports_failure_with_exit_1(run_cli, store, tmp_path, monkeypatch, httpserver):
    configure(tmp_path, monkeypatch, webhook_url(httpserver))
    httpserver.expect_request(WEBHOOK_PATH).respond_with_data("", status=404)
    run_cli("ticket", "escalate", str(make_ticket(store).id), "--no-eml")
    result = run_cli("outbox", "send", "--json")
    assert result.exit_code == 1
    line = json.loads(result.stdout.splitlines()[0])
    assert line["outcome"] == "failed" and "no webhook at this URL" in line["error"]
    listed = run_cli("outbox", "list", "--status", "failed")
    assert "failed: HTTP 404" in listed.stdout and "helpdesk outbox retry 1" in listed.stdout


def test_send_without_webhook_is_exit_2(run_cli, store, tmp_path, monkeypatch):
    configure(tmp_path, monkeypatch, None)
    result = run_cli("outbox", "send")
    assert result.exit_code == 2 and "no Teams webhook" in result.stderr


def test_retry_and_cancel_are_audited(run_cli, store, tmp_path, monkeypatch):
    configure(tmp_path, monkeypatch, None)
    run_cli("ticket", "escalate", str(make_ticket(store).id), "--no-eml")
    cancelled = run_cli("outbox", "cancel", "1")
    assert cancelled.exit_code == 0 and "cancelled" in cancelled.stdout
    assert outbox.get(store.db, 1).status == "cancelled"
    retried = run_cli("outbox", "retry", "1")
    assert retried.exit_code == 0 and outbox.get(store.db, 1).status == "queued"
    actions = [entry.action for entry in audit.entries(store.db, action_prefix="outbox.")]
    assert actions == ["outbox.retry", "outbox.cancel"]


def test_sent_message_cannot_be_cancelled_or_retried(run_cli, store, tmp_path, monkeypatch, httpserver):
    configure(tmp_path, monkeypatch, webhook_url(httpserver))
    httpserver.expect_request(WEBHOOK_PATH).respond_with_data("", status=202)
    run_cli("ticket", "escalate", str(make_ticket(store).id), "--no-eml")
    run_cli("outbox", "send")
    for action in ("cancel", "retry"):
        result = run_cli("outbox", action, "1")
        assert result.exit_code == 2 and "already sent" in result.stderr
    assert run_cli("outbox", "show", "99").exit_code == 1
