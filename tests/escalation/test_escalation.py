"""Escalating a ticket: one transaction, the right addressee, and only what the receiver needs."""

from __future__ import annotations

import json
import os
import stat
from email import message_from_string
from urllib.parse import parse_qs, urlsplit

import pytest

from helpdesk import tickets
from helpdesk.escalation import escalations
from helpdesk.escalation import outbox
from helpdesk.errors import InputError
from helpdesk.escalation.teams_card import CARD_BUDGET_BYTES, fitted_card, md_literal, payload_size
from helpdesk.tickets import ConflictError

from helpers.delivery import MINISTRY, REP_EMAIL, make_ticket


def card_text(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False)


def test_escalation_changes_status_history_and_queues_in_one_go(store):
    ticket = make_ticket(store, notes=("asked the MDO admin on 20 Nov", "no answer by 22 Nov"))
    done = escalations.escalate(store, ticket.id, target="rep", agent="asha",
                               needed="please arrange the bulk upload")
    assert done.ticket.status == "escalated" and done.ticket.version == ticket.version + 1
    kinds = [(e.kind, e.after) for e in tickets.events(store.db, ticket.id)][-2:]
    assert kinds[0] == ("status", "escalated")
    assert kinds[1][0] == "escalated" and done.case.notification_id in kinds[1][1]
    queued = outbox.messages(store.db, ticket_id=ticket.id)
    assert [m.status for m in queued] == ["queued"] and queued[0].id == done.message.id
    assert done.case.rep_email == REP_EMAIL and done.case.rep_name == "Priyamvada Pallavi"
    assert done.case.steps_tried == ("asked the MDO admin on 20 Nov", "no answer by 22 Nov")


def test_card_masks_contact_and_names_the_reference(store):
    done = escalations.escalate(store, make_ticket(store).id, target="rep", agent="asha")
    payload = json.loads(done.message.payload)
    text = card_text(payload)
    content = payload["attachments"][0]["content"]
    assert payload["type"] == "message" and content["type"] == "AdaptiveCard"
    assert "r•••@gmail.com" in text and "••••••7159" in text
    assert "ravi.kumar@gmail.com" not in text and "9810347159" not in text
    assert "Need 40 IDs" not in text  # the participant's own words stay out of the channel
    assert done.case.notification_id in content["body"][0]["text"]
    assert "Priyamvada Pallavi" in text and MINISTRY in text
    assert "Bulk upload" in text  # the default sentence for the category


@pytest.mark.parametrize("contact, shown, hidden", [
    ("full", ["ravi.kumar@gmail.com", "9810347159"], []),
    ("none", [], ["gmail.com", "7159"]),
])
def test_contact_setting_changes_the_card(store, contact, shown, hidden):
    done = escalations.escalate(store, make_ticket(store).id, target="rep", agent="asha",
                               contact=contact)
    text = done.message.payload
    assert all(value in text for value in shown) and not any(value in text for value in hidden)


def test_nodal_escalation_points_to_the_list(store):
    ticket = make_ticket(store, ministry=None, category="mdo-approval")
    done = escalations.escalate(store, ticket.id, target="nodal", agent="asha")
    content = json.loads(done.message.payload)["attachments"][0]["content"]
    assert content["actions"][0]["url"] == "https://igotkarmayogi.gov.in/#/mdoList#mdoUserList"
    assert done.draft.to == "" and "nodal persons list" in done.draft.body


def test_rep_escalation_needs_a_ministry_and_writes_nothing(store):
    ticket = make_ticket(store, ministry=None)
    with pytest.raises(InputError, match="no ministry"):
        escalations.escalate(store, ticket.id, target="rep", agent="asha")
    assert tickets.load(store.db, ticket.id).status == "open"
    assert outbox.messages(store.db) == []


def test_resolved_ticket_is_not_escalated(store):
    ticket = make_ticket(store)
    tickets.resolve(store, ticket.id, "information-given", "done", "asha")
    with pytest.raises(InputError, match="reopen"):
        escalations.escalate(store, ticket.id, target="rep", agent="asha")
    assert outbox.messages(store.db) == []


def test_stale_version_is_refused(store):
    ticket = make_ticket(store)
    tickets.add_note(store, ticket.id, "a colleague's note", "ben")
    with pytest.raises(ConflictError):
        escalations.escalate(store, ticket.id, target="rep", agent="asha",
                            expected_version=ticket.version)
    assert outbox.messages(store.db) == []


def test_a_failed_queue_write_rolls_back_the_status(store, monkeypatch):
    ticket = make_ticket(store)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(outbox, "enqueue", broken)
    with pytest.raises(RuntimeError):
        escalations.escalate(store, ticket.id, target="rep", agent="asha")
    assert tickets.load(store.db, ticket.id).status == "open"
    assert [e.kind for e in tickets.events(store.db, ticket.id)] == ["created", "claimed"]


def test_escalating_again_queues_another_message_without_a_status_event(store):
    ticket = make_ticket(store)
    first = escalations.escalate(store, ticket.id, target="rep", agent="asha")
    second = escalations.escalate(store, ticket.id, target="nodal", agent="asha")
    assert first.case.notification_id != second.case.notification_id
    kinds = [e.kind for e in tickets.events(store.db, ticket.id)]
    assert kinds.count("status") == 1 and kinds.count("escalated") == 2


def test_user_text_cannot_make_links_or_markup_in_the_card(store):
    ticket = make_ticket(store, name="[click me](https://evil.example) *bold*\x1b]0;x\x07")
    done = escalations.escalate(store, ticket.id, target="rep", agent="asha")
    text = card_text(json.loads(done.message.payload))
    assert "](https://evil" not in text and "\\\\[click me\\\\]" in text
    assert "\x1b" not in text and "\\u001b" not in text
    assert md_literal("a_b*c") == "a\\_b\\*c"


def test_card_stays_under_the_teams_limit(store):
    ticket = make_ticket(store)
    huge = ["ग्राम पंचायत " * 400] * 8  # Devanagari: three bytes a character
    done = escalations.escalate(store, ticket.id, target="rep", agent="asha",
                               needed="x" * 1500, steps_tried=huge)
    assert payload_size(json.loads(done.message.payload)) <= CARD_BUDGET_BYTES
    assert payload_size(fitted_card(done.case, contact="masked")) <= CARD_BUDGET_BYTES


def test_note_too_long_is_refused(store):
    ticket = make_ticket(store)
    with pytest.raises(InputError, match="keep it under"):
        escalations.escalate(store, ticket.id, target="rep", agent="asha", needed="x" * 1501)


def test_email_draft_is_a_private_eml_with_full_contact(store, tmp_path):
    done = escalations.escalate(store, make_ticket(store).id, target="rep", agent="asha",
                               needed="please arrange the bulk upload")
    path = done.draft.write_eml(tmp_path / "drafts", done.case.notification_id)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    parsed = message_from_string(path.read_text(encoding="utf-8"))
    assert parsed["To"] == REP_EMAIL and parsed["X-Unsent"] == "1"
    assert done.case.notification_id in parsed["Subject"]
    body = parsed.get_payload(decode=True).decode()
    assert "ravi.kumar@gmail.com" in body and "9810347159" in body and "Need 40 IDs" in body


def test_mailto_link_carries_subject_and_a_shortened_body(store, tmp_path):
    ticket = make_ticket(store)
    done = escalations.escalate(store, ticket.id, target="rep", agent="asha",
                               steps_tried=["step " * 100] * 8)
    link = done.draft.mailto(tmp_path / "ESC.eml")
    parts = urlsplit(link)
    query = parse_qs(parts.query)
    assert parts.scheme == "mailto" and parts.path == REP_EMAIL
    assert query["subject"] == [done.draft.subject]
    assert len(query["body"][0]) < 1400 and "ESC.eml" in query["body"][0]


def test_representative_spelled_two_ways_is_named_as_most_rows_spell_it(store):
    # The annexure prints "Pawan" for D/o Border Management and "Pawan Pathak" elsewhere.
    ticket = make_ticket(store, ministry="D/o Border Management")
    done = escalations.escalate(store, ticket.id, target="rep", agent="asha")
    assert done.case.rep_name == "Pawan Pathak"
