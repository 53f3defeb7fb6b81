"""End-of-day handover: who each open ticket waits on, what to do first, and the reminder."""

import stat
from datetime import timedelta

import pytest

from helpdesk import tickets
from helpdesk.reports.handover import build_handover, closing_reminder
from helpdesk.reports.handover_format import handover_markdown
from helpdesk.hours.status import DeskHours
from helpdesk.reports.sla import DEFAULT_TARGETS
from helpers.reports import add_directory, ist, log

CLOSING = ist(2026, 11, 23, 16, 45)  # Monday; Tuesday is a holiday, so next opening is Wednesday


@pytest.fixture
def desk_day(store):
    add_directory(store)
    # 1: unclaimed, logged 09:00: first response 465 minutes late by 16:45.
    log(store, ist(2026, 11, 23, 9, 0), participant_name="Asha [Kumari](http://x)")
    # 2: ben's, open, training tomorrow: first on the list.
    log(store, ist(2026, 11, 23, 15, 0), participant_name="Gopal", training_date="2026-11-24",
        ministry="D/o Posts")
    tickets.claim(store, 2, "ben", at=ist(2026, 11, 23, 15, 5))
    tickets.add_note(store, 2, "OTP goes to 9810347159, he will retry", "ben", at=ist(2026, 11, 23, 15, 10))
    # 3: waiting on MDO approval since 11:00, KB rep for the Railways.
    log(store, ist(2026, 11, 23, 10, 0), participant_name="Meena", ministry="M/o Railways")
    tickets.set_status(store, 3, "waiting-mdo", "asha", at=ist(2026, 11, 23, 11, 0))
    # 4: waiting on the participant.
    log(store, ist(2026, 11, 23, 12, 0), participant_name="Kiran")
    tickets.set_status(store, 4, "waiting-participant", "asha", at=ist(2026, 11, 23, 12, 30))
    # 5: escalated, ministry not identified.
    log(store, ist(2026, 11, 23, 13, 0), participant_name="Farah")
    tickets.set_status(store, 5, "escalated", "asha", at=ist(2026, 11, 23, 13, 15))
    # 6: resolved today: not handed over.
    log(store, ist(2026, 11, 23, 14, 0), participant_name="Done")
    tickets.resolve(store, 6, "otp-resolved", "ok", "asha", at=ist(2026, 11, 23, 14, 30))
    return store


def handover_at(store, now=CLOSING):
    return build_handover(store.db, DeskHours.from_store(store), DEFAULT_TARGETS, now, "asha")


def test_groups_by_who_the_ticket_waits_on(desk_day):
    handover = handover_at(desk_day)
    assert [item.ticket.id for item in handover.group("unclaimed")] == [1]
    assert [item.ticket.id for item in handover.group("with-desk")] == [2]
    assert [item.ticket.id for item in handover.group("waiting-mdo")] == [3]
    assert [item.ticket.id for item in handover.group("waiting-participant")] == [4]
    assert [item.ticket.id for item in handover.group("escalated")] == [5]
    assert (handover.opened_today, handover.resolved_today) == (6, 1)


def test_do_first_puts_training_then_what_the_desk_can_act_on(desk_day):
    handover = handover_at(desk_day)
    # 2 trains tomorrow; then the running clocks (1 past target, 5 escalated), oldest first;
    # then the paused ones (3, 4), oldest first.
    assert [item.ticket.id for item in handover.do_first] == [2, 1, 5, 3, 4]
    first = handover.do_first[0]
    assert first.last_note == "OTP goes to 98******59, he will retry"
    assert first.next_step == "Carry on for ben: read the last note, then reply."
    assert handover.do_first[1].target_state == "past"


def test_next_steps_name_the_person_to_ask(desk_day):
    steps = {item.ticket.id: item.next_step for item in handover_at(desk_day).items}
    assert steps[1] == "Claim it and reply: nobody has yet."
    assert steps[3] == ("Ask the MDO admin about the approval (waiting since Mon 23 Nov 11:00); if stuck, "
                        "alert Pawan Pathak (pawankpathak.kb@karmayogi.in, 8595675447).")
    assert steps[4] == "Follow up with the participant (waiting since Mon 23 Nov 12:30)."
    assert steps[5].startswith("Check with the KB representative (find the ministry first: F2)")


def test_markdown(desk_day):
    text = handover_markdown(handover_at(desk_day))
    assert text.startswith("# Handover: Mon 23 Nov 2026, 16:45 IST\n")
    assert "The desk closes at 17:00 IST and next opens Wed 25 Nov 2026 09:00 IST." in text
    assert "Today: 6 logged, 1 resolved. Open now: 5, 1 past a target." in text
    assert "1. **#2 Gopal**, D/o Posts: training Tue 24 Nov (tomorrow) · Open" in text
    assert r"Asha \[Kumari\](http://x)" in text and "[Kumari](http" not in text
    assert "### Waiting on MDO approval (1)" in text
    assert "9810347159" not in text


def test_an_empty_desk_says_so(store):
    text = handover_markdown(handover_at(store))
    assert "Nothing is open: nothing to hand over." in text


@pytest.mark.parametrize("now, reminded", [
    (ist(2026, 11, 23, 16, 29), False),
    (ist(2026, 11, 23, 16, 30), True),
    (ist(2026, 11, 23, 16, 59), True),
    (ist(2026, 11, 23, 17, 0), False),   # closed: too late to remind
    (ist(2026, 11, 24, 16, 45), False),  # a holiday: the desk never opened
    (ist(2026, 11, 28, 16, 45), False),  # Saturday
])
def test_the_reminder_comes_in_the_last_half_hour(store, now, reminded):
    status = DeskHours.from_store(store).status(now)
    message = closing_reminder(status, now)
    assert (message is not None) == reminded
    if reminded:
        assert message == "The desk closes at 17:00 IST. Write the end-of-day handover: F5, then h."


def test_cli_prints_or_writes_an_owner_only_file(run_cli, desk_day, monkeypatch, tmp_path):
    monkeypatch.setattr("helpdesk.clock.now", lambda: CLOSING)
    printed = run_cli("handover")
    assert printed.exit_code == 0 and printed.stdout.startswith("# Handover: Mon 23 Nov 2026, 16:45 IST")
    path = tmp_path / "handover.md"
    written = run_cli("handover", "--output", str(path))
    assert written.exit_code == 0 and "5 open tickets" in written.stdout
    assert path.read_text() == printed.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert run_cli("handover", "--output", str(path)).exit_code == 2  # exists, no --force


def test_the_list_is_cut_at_fifty_per_group(store):
    for number in range(53):
        log(store, ist(2026, 11, 23, 9, 0) + timedelta(minutes=number), participant_name=f"P {number}")
    text = handover_markdown(handover_at(store))
    assert "### With the desk, nobody has claimed them (53)" in text
    assert "…and 3 more: `helpdesk ticket list`." in text
