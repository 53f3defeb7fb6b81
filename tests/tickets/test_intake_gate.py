import json
from datetime import datetime

import pytest

from helpdesk import tickets
from helpdesk.access import audit
from helpdesk.clock import IST
from helpdesk.hours.status import DeskHours
from helpdesk.taxonomy import CHANNELS, codes
from helpdesk.tickets.intake_gate import DeskClosedError, closed_for_live_intake, refuses_live_intake
from helpdesk.access.roles import NotAllowedError

SATURDAY = datetime(2026, 11, 28, 11, 0, tzinfo=IST)
GURU_NANAK = datetime(2026, 11, 24, 10, 0, tzinfo=IST)
EVENING = datetime(2026, 11, 23, 17, 0, tzinfo=IST)


def add_supervisor(store, name="meera"):
    with store.transaction() as db:
        db.execute("INSERT INTO agents (name, role, added_at, added_by) VALUES (?, 'supervisor', 'x', 'x')", [name])


@pytest.mark.parametrize(
    "at, reason, opens",
    [
        (SATURDAY, "weekend", "Mon 30 Nov 09:00"),
        (GURU_NANAK, "Guru Nanak's Birthday", "Wed 25 Nov 09:00"),
        (EVENING, "after closing", "Wed 25 Nov 09:00"),  # Tuesday is a holiday
    ],
)
def test_live_session_refused_when_closed_with_reason_and_next_opening(store, at, reason, opens):
    with pytest.raises(DeskClosedError) as refused:
        tickets.create(store, {"participant_name": "Ravi"}, "asha", at=at)
    assert reason in str(refused.value) and opens in str(refused.value)
    assert store.db.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0


def test_other_channels_are_accepted_when_closed(store):
    ticket = tickets.create(store, {"participant_name": "Ravi", "channel": "email"}, "asha", at=SATURDAY)
    assert ticket.id == 1


def test_follow_up_work_is_allowed_when_closed(store):
    tickets.create(store, {"participant_name": "Ravi"}, "asha", at=datetime(2026, 11, 27, 16, 0, tzinfo=IST))
    tickets.add_note(store, 1, "called back", "asha", at=SATURDAY)
    assert tickets.resolve(store, 1, "information-given", "done", "asha", at=SATURDAY).status == "resolved"


def test_agents_cannot_override(store):
    with pytest.raises(NotAllowedError, match="only supervisors may start a live session"):
        tickets.create(store, {"participant_name": "Ravi"}, "asha", at=SATURDAY, override_reason="VIP")
    assert store.db.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0


def test_supervisor_override_is_recorded_with_who_and_why(store):
    add_supervisor(store)
    with pytest.raises(Exception, match="say why"):
        tickets.create(store, {"participant_name": "Ravi"}, "meera", at=SATURDAY, override_reason="  ")
    tickets.create(store, {"participant_name": "Ravi"}, "meera", at=SATURDAY,
                   override_reason="training on Monday 09:30, escalated by DoPT")
    (entry,) = audit.entries(store.db, action_prefix="hours.override")
    assert entry.agent == "meera" and "DoPT" in entry.note
    assert entry.before == {"desk": "weekend (Saturday)"}


def test_cli_refusal_and_override(run_cli, store, monkeypatch):
    monkeypatch.setattr("helpdesk.clock.now", lambda: SATURDAY)
    refused = run_cli("ticket", "new", "--name", "Ravi")
    assert refused.exit_code == 1
    assert "desk is closed (weekend (Saturday))" in refused.stderr and "Mon 30 Nov 09:00" in refused.stderr
    assert run_cli("ticket", "new", "--name", "Ravi", "--channel", "phone").exit_code == 0
    add_supervisor(store, "asha")
    created = run_cli("ticket", "new", "--name", "Sita", "--override-closed", "urgent", "--json")
    assert created.exit_code == 0 and json.loads(created.stdout)["channel"] == "teams"


@pytest.mark.parametrize("at", [SATURDAY, GURU_NANAK, EVENING, datetime(2026, 11, 23, 11, 0, tzinfo=IST)])
@pytest.mark.parametrize("channel", codes(CHANNELS))
def test_one_gate_for_the_intake_screen_and_the_ticket_write(store, at, channel):
    """The screen asks refuses_live_intake with the status it shows; the write works the status
    out itself: both say the same for every channel and moment."""
    hours = DeskHours.from_store(store)
    assert refuses_live_intake(hours.status(at), channel) == (closed_for_live_intake(hours, channel, at) is not None)
