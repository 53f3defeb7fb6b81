"""Marks for the queue's rows, computed through the session as the queue screen's worker does."""

from helpers.console import settle, table_lines
from helpers.dashboard import monday_morning
from helpdesk import tickets
from helpdesk.tickets import QueueFilter
from helpers.reports import ist, log


def test_marks_for_active_rows_only(session, store):
    # FROZEN_NOW is Mon 23 Nov 11:00.
    log(store, ist(2026, 11, 23, 9, 30))     # no response for 90 minutes: past 60
    log(store, ist(2026, 11, 23, 10, 10))    # 50 minutes: near (from 45)
    log(store, ist(2026, 11, 23, 10, 50))    # 10 minutes: fine
    log(store, ist(2026, 11, 23, 9, 0))
    tickets.resolve(store, 4, "otp-resolved", "ok", "asha", at=ist(2026, 11, 23, 9, 5))
    rows = session.queue_window(QueueFilter(statuses=tickets.ALL_STATUSES, order="waiting"), 0, 10)
    marks = session.target_marks(rows)
    assert set(marks) == {1, 2, 3}
    now = session.now()
    assert [marks[number].label(now) for number in (1, 2, 3)] == ["✗ over", "⚠ 11:10", ""]


def test_marks_follow_the_config(session, store, tmp_path):
    from helpdesk.config import write_private

    write_private(tmp_path / "config.toml", "[sla]\nfirst_response_minutes = 120\n")
    log(store, ist(2026, 11, 23, 9, 30))
    rows = session.queue_window(QueueFilter(), 0, 10)
    # 90 of 120 minutes: near (from 90), due at 09:30 + 120 desk minutes, not yet over.
    assert session.target_marks(rows)[1].label(session.now()) == "⚠ 11:30"


async def test_the_queue_marks_tickets_near_and_past_their_target(console, store):
    monday_morning(store)
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        lines = table_lines(app)
        assert "Target" in lines[0]
        row = {line.split()[0]: line for line in lines[1:] if line.strip()}
        assert "✗ over" in row["3"]          # 90 desk minutes without a reply
        assert "⚠ 11:10" in row["5"]         # 50 of 60: due at 11:10
        assert "⚠" not in row["2"] and "✗" not in row["2"]
        assert "[b]Bold[/b]" in row["3"]     # names drawn as typed, never as markup
