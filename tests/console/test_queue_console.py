"""The queue screen's loading: a whole answer per keystroke, the newest one, and the cap said aloud."""

from dataclasses import replace

from helpdesk.directory.rows import read_rows, replace_rows
from helpdesk.screens.queue import QueueScreen
from helpdesk.tickets import ALL_STATUSES, queue
from helpers.reports import ist, log

from helpers.console import settle, table_lines, text_of


def _names(app) -> list[str]:
    return [line.split()[0] for line in table_lines(app)[1:] if line.strip()]


async def test_a_capped_search_says_so(console, store, monkeypatch):
    for minute in range(4):
        log(store, ist(2026, 11, 23, 9, minute), participant_name="Sunita Rao")
    log(store, ist(2026, 11, 23, 9, 30), participant_name="Ravi Kumar")
    monkeypatch.setattr(queue, "SEARCH_CAP", 2)
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        screen.queue_filter = replace(screen.queue_filter, statuses=ALL_STATUSES, search="sunita")
        await settle(app, pilot)
        assert "the newest 2 of more matches — add a word to narrow" in text_of(app, "#queue-summary")
        assert sorted(_names(app)) == ["3", "4"]  # the two logged last
        # The active queue is read whole: never capped, counted as usual.
        screen.queue_filter = replace(screen.queue_filter, statuses=None)
        await settle(app, pilot)
        assert text_of(app, "#queue-summary").startswith("4 tickets")


async def test_only_the_newest_search_reaches_the_table(console, store):
    log(store, ist(2026, 11, 23, 9, 0), participant_name="Sunita Rao")
    log(store, ist(2026, 11, 23, 9, 5), participant_name="Ravi Kumar")
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        # Three filters in one frame, as fast typing gives: the last one wins.
        for text in ("ravi", "sun", "sunita"):
            screen.queue_filter = replace(screen.queue_filter, search=text)
        await settle(app, pilot)
        assert _names(app) == ["1"]
        assert text_of(app, "#queue-summary").startswith("1 ticket ")


def test_representative_names_follow_a_directory_change(session, store):
    rows = read_rows(store.db)
    first = rows[0]
    assert session.rep_names()[first.identity] == first.rep_name
    assert session.rep_names() is session.rep_names()  # read once while nothing changes
    renamed = [replace(row, rep_name="Renamed Person") if row.identity == first.identity else row for row in rows]
    with store.transaction() as db:
        replace_rows(db, renamed)
    assert session.rep_names()[first.identity] == "Renamed Person"


async def test_a_screenful_first_then_the_rest_of_the_list(console, store):
    for minute in range(50):
        log(store, ist(2026, 11, 23, 9, minute), participant_name=f"Person {minute}")
    app = console()
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        screen.queue_filter = replace(screen.queue_filter, search="person")
        await settle(app, pilot)
        assert text_of(app, "#queue-summary").startswith("50 tickets")
        screen.action_focus_table()
        await pilot.press("end")
        await settle(app, pilot)
        lines = [line for line in table_lines(app)[1:] if line.strip()]
        assert lines[-1].split()[0] == "50" and not any(line.strip() == "…" for line in lines)


async def test_every_status_is_named_not_listed(console):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        screen.queue_filter = replace(screen.queue_filter, statuses=ALL_STATUSES, category="otp")
        await settle(app, pilot)
        assert text_of(app, "#queue-filters") == "m/u/a: all agents · every status · otp"
