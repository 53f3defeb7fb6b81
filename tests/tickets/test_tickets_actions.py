from datetime import datetime, timedelta

import pytest

from helpdesk import tickets
from helpdesk.clock import IST
from helpdesk.errors import InputError, NotFoundError

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=IST)


def new(store, at=MONDAY_10, **fields):
    fields.setdefault("participant_name", "Ravi Kumar")
    return tickets.create(store, fields, "asha", at=at)


def test_create_normalises_and_records_history(store):
    ticket = new(store, email=" Ravi@MHA.Gov.In ", mobile="+91 98103-47159",
                 training_date="30/11/2026", category="otp", question="OTP not coming\r\n")
    assert ticket.id == 1 and ticket.version == 1
    assert ticket.email == "ravi@mha.gov.in"
    assert ticket.mobile == "9810347159"
    assert ticket.training_date.isoformat() == "2026-11-30"
    assert ticket.status == "new" and ticket.assignee is None
    assert ticket.registration_path == "self-registration"
    assert ticket.question == "OTP not coming"
    assert [event.kind for event in tickets.events(store.db, 1)] == ["created"]


@pytest.mark.parametrize(
    "fields, fragment",
    [
        ({"participant_name": ""}, "name is required"),
        ({"email": "ravi@"}, "email"),
        ({"mobile": "12345"}, "mobile"),
        ({"training_date": "31/02/2026"}, "training date"),
        ({"category": "lunch"}, "category"),
        ({"channel": "pigeon"}, "channel"),
        ({"question": "x" * 100_001}, "limit is 100,000"),
    ],
)
def test_invalid_fields_write_nothing(store, fields, fragment):
    with pytest.raises(InputError, match=fragment):
        new(store, **fields)
    assert store.db.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM ticket_events").fetchone()[0] == 0


def test_a_long_question_is_kept_whole(store):
    question = "मेरा ओटीपी नहीं आ रहा " * 4000  # about 90,000 characters
    assert new(store, question=question.strip()).question == question.strip()


def test_claiming_at_intake_makes_the_creator_the_assignee(store):
    ticket = tickets.create(store, {"participant_name": "Sita"}, "asha", at=MONDAY_10, claim=True)
    assert (ticket.status, ticket.assignee) == ("open", "asha")
    assert ticket.first_response_at == MONDAY_10


def test_claim_is_refused_when_a_colleague_holds_it(store):
    new(store)
    tickets.claim(store, 1, "bala", at=MONDAY_10)
    with pytest.raises(tickets.ConflictError, match="already claimed by bala"):
        tickets.claim(store, 1, "asha", at=MONDAY_10)
    assert tickets.claim(store, 1, "bala", at=MONDAY_10).version == 2  # idempotent for the holder


def test_claim_next_takes_the_most_urgent_unclaimed(store):
    new(store, participant_name="later", training_date="2027-01-20")
    new(store, participant_name="this week", training_date="2026-11-28")
    new(store, participant_name="tomorrow", training_date="2026-11-24")
    new(store, participant_name="no date", at=MONDAY_10 - timedelta(hours=1))
    order = [tickets.claim_next(store, "bala", at=MONDAY_10).participant_name for _ in range(4)]
    assert order == ["tomorrow", "this week", "no date", "later"]
    assert tickets.claim_next(store, "bala", at=MONDAY_10) is None


def test_stale_save_is_refused_and_says_what_changed(store):
    new(store)
    tickets.update(store, 1, {"question": "first"}, "asha", expected_version=1, at=MONDAY_10)
    with pytest.raises(tickets.ConflictError) as refused:
        tickets.update(store, 1, {"question": "second"}, "bala", expected_version=1, at=MONDAY_10)
    assert "changed by asha" in str(refused.value)
    assert [(e.field, e.after) for e in refused.value.changes] == [("question", "first")]
    assert tickets.load(store.db, 1).question == "first"


def test_edits_record_before_and_after(store):
    new(store, training_date="2026-12-01")
    tickets.update(store, 1, {"training_date": "2026-12-04", "category": "otp"}, "bala",
                   expected_version=1, at=MONDAY_10)
    edits = {(e.field, e.before, e.after, e.agent) for e in tickets.events(store.db, 1) if e.kind == "edited"}
    assert edits == {("training_date", "2026-12-01", "2026-12-04", "bala"), ("category", "other", "otp", "bala")}


def test_unchanged_save_is_not_a_new_version(store):
    new(store, question="same")
    assert tickets.update(store, 1, {"question": "same"}, "asha", expected_version=1).version == 1


def test_resolve_needs_outcome_and_note_and_records_handle_time(store):
    new(store)
    tickets.claim(store, 1, "asha", at=MONDAY_10 + timedelta(minutes=2))
    with pytest.raises(InputError, match="resolution note is required"):
        tickets.resolve(store, 1, "otp-resolved", "   ", "asha")
    with pytest.raises(InputError, match="not an outcome"):
        tickets.resolve(store, 1, "fixed-it", "done", "asha")
    resolved = tickets.resolve(store, 1, "otp-resolved", "retried after five minutes", "asha",
                               at=MONDAY_10 + timedelta(minutes=14, seconds=30))
    assert resolved.status == "resolved"
    assert resolved.handle_seconds == 12 * 60 + 30
    assert resolved.resolved_at == MONDAY_10 + timedelta(minutes=14, seconds=30)


def test_status_rules(store):
    new(store)
    with pytest.raises(InputError, match="use resolve"):
        tickets.set_status(store, 1, "resolved", "asha")
    with pytest.raises(InputError, match="only a resolved ticket can be closed"):
        tickets.set_status(store, 1, "closed", "asha")
    with pytest.raises(InputError, match="not a status"):
        tickets.set_status(store, 1, "sleeping", "asha")
    tickets.resolve(store, 1, "information-given", "explained", "asha", at=MONDAY_10)
    reopened = tickets.set_status(store, 1, "open", "asha", at=MONDAY_10)
    assert reopened.resolved_at is None and reopened.outcome is None
    assert [e.kind for e in tickets.events(store.db, 1)][-2:] == ["resolved", "status"]


def test_notes_are_kept_literally(store):
    new(store)
    tickets.add_note(store, 1, "[@click=app.quit]x[/] \x1b]0;pwned\x07 ok", "asha", at=MONDAY_10)
    (note,) = [e for e in tickets.events(store.db, 1) if e.kind == "note"]
    assert note.body == "[@click=app.quit]x[/]  ok"
    with pytest.raises(InputError, match="empty"):
        tickets.add_note(store, 1, " \x1b[2J ", "asha")


def test_history_cannot_be_rewritten(store):
    new(store)
    with pytest.raises(Exception, match="cannot be changed"):
        store.db.execute("UPDATE ticket_events SET agent = 'mallory'")
    with pytest.raises(Exception, match="cannot be deleted"):
        store.db.execute("DELETE FROM ticket_events")


def test_missing_ticket(store):
    with pytest.raises(NotFoundError, match="#42"):
        tickets.claim(store, 42, "asha")


def test_assign_and_unassign(store):
    new(store)
    assert tickets.assign(store, 1, "bala", "asha").assignee == "bala"
    assert tickets.assign(store, 1, None, "asha").assignee is None
    kinds = [(e.before, e.after) for e in tickets.events(store.db, 1) if e.kind == "assigned"]
    assert kinds == [(None, "bala"), ("bala", None)]
