"""The dashboard (F5), the queue's target marks and the handover, as an agent uses them."""

import stat

from helpdesk.console.app import HelpdeskApp
from helpdesk.reports.periods import Period
from helpdesk.screens.dashboard import DashboardScreen, parse_period
from helpdesk.screens.widgets.bar_chart import BarChart
from helpdesk.screens.widgets.figure_tiles import FigureTile
from helpdesk.screens.widgets.risk_list import RiskList
from helpdesk.console.session import AgentSession

from helpers.console import settle, text_of
from helpers.dashboard import monday_morning
from helpers.reports import ist


def tile(app, key: str) -> str:
    return app.screen.query_one(f"#tile-{key}", FigureTile).render().plain


def chart(app, key: str) -> str:
    return str(app.screen.query_one(f"#chart-{key}", BarChart).render().plain)


async def open_dashboard(app, pilot):
    await settle(app, pilot)
    await pilot.press("f5")
    await settle(app, pilot)
    assert isinstance(app.screen, DashboardScreen)


async def test_the_days_figures_at_a_glance(console, store):
    monday_morning(store)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(app, pilot)
        assert "Day · Mon 23 Nov 2026" in text_of(app, "#dashboard-period")
        assert "as of Mon 23 Nov 2026 11:00 IST" in text_of(app, "#dashboard-period")
        assert tile(app, "opened").splitlines() == ["4", "2 no reply yet"]
        assert tile(app, "resolved").splitlines()[0] == "2"
        assert tile(app, "open").splitlines() == ["3", "1 past target"]
        assert tile(app, "first-response").splitlines()[:2] == ["median 8m", "90th 10m"]
        assert tile(app, "handle").splitlines()[0] == "median 4h 28m"
        assert app.screen.query_one("#tile-missed", FigureTile).has_class("-alert")
        # Pictures first, numbers beside: the bar, then the count, then what is still open.
        lines = chart(app, "category").splitlines()
        assert lines[0].startswith("OTP not received") and "█" in lines[0]
        assert lines[0].rstrip().endswith("2 · 2 open")
        assert "Sita Devi" not in chart(app, "ministry")  # ministries, not people
        assert "M/o Railways" in chart(app, "ministry")


async def test_moving_through_days_weeks_and_months(console, store):
    monday_morning(store)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(app, pilot)
        screen = app.screen
        await pilot.press("left")
        await settle(app, pilot)
        assert screen.period == Period.day(ist(2026, 11, 22).date())
        assert tile(app, "opened").splitlines()[0] == "0"  # Sunday
        await pilot.press("w")
        await settle(app, pilot)
        assert screen.period == Period(ist(2026, 11, 16).date(), ist(2026, 11, 22).date())
        assert tile(app, "opened").splitlines()[0] == "1"  # Friday's ticket
        await pilot.press("m")
        await settle(app, pilot)
        assert screen.period == Period.month_of(ist(2026, 11, 1).date())
        assert tile(app, "opened").splitlines()[0] == "5"
        await pilot.press("right")
        await settle(app, pilot)
        assert screen.period == Period.month_of(ist(2026, 12, 1).date())
        await pilot.press("t")
        await settle(app, pilot)
        assert screen.period == Period.day(ist(2026, 11, 23).date())
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"20/11/2026", "enter")
        await settle(app, pilot)
        assert screen.period == Period.day(ist(2026, 11, 20).date())
        assert tile(app, "opened").splitlines()[0] == "1"


def test_typed_periods():
    assert parse_period(" 23/11/2026 ") == Period.day(ist(2026, 11, 23).date())
    assert parse_period("01/11/2026 to 2026-11-30") == Period.month_of(ist(2026, 11, 1).date())
    assert parse_period("2026-11-01..2026-11-07").days == 7


async def test_a_bad_date_is_a_notification_not_a_crash(console, store):
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(app, pilot)
        before = app.screen.period
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"31/02/2026", "enter")
        await settle(app, pilot)
        assert app.screen.period == before
        assert any("is not a real date" in str(n.message) for n in app._notifications)


async def test_training_at_risk_names_the_representative(console, store):
    monday_morning(store)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        text = app.screen.query_one(RiskList).render().plain
        assert text.index("M/o Railways") < text.index("D/o Health & Family Welfare")  # Wed before Fri
        assert "Pawan Pathak · pawankpathak.kb@karmayogi.in · 8595675447" in text
        assert "Sita Devi" in text and "Wed 25 Nov (in 2 days)" in text


async def test_handover_is_saved_owner_only_and_copied(console, store, db_path):
    monday_morning(store)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        saved = list((db_path.parent / "handovers").iterdir())
        assert [path.name for path in saved] == ["handover-2026-11-23-1100-asha.md"]
        assert stat.S_IMODE(saved[0].stat().st_mode) == 0o600
        text = saved[0].read_text()
        assert text.startswith("# Handover: Mon 23 Nov 2026, 11:00 IST")
        assert r"Kiran \[b\]Bold\[/b\]" in text
        assert app._clipboard == text
        assert app.screen.handover_text == text
        assert any("Handover saved to" in str(n.message) for n in app._notifications)


async def test_the_closing_reminder_comes_once(store):
    session = AgentSession(store=store, agent="asha", now=lambda: ist(2026, 11, 23, 16, 40))
    app = HelpdeskApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        reminders = [n for n in app._notifications if n.title == "End of day"]
        assert [str(n.message) for n in reminders] == [
            "The desk closes at 17:00 IST. Write the end-of-day handover: F5, then h."]
        app.remind_before_closing()
        await settle(app, pilot)
        assert len([n for n in app._notifications if n.title == "End of day"]) == 1


async def test_no_reminder_in_the_morning(console, store):
    app = console()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert not [n for n in app._notifications if n.title == "End of day"]


async def test_figures_follow_other_agents_while_on_screen_only(console, store, session):
    monday_morning(store)
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(app, pilot)
        dashboard = app.screen
        session.create_ticket({"participant_name": "Another Agent's Caller"}, claim=False)
        app.db_changed.publish(None)  # what the database watcher does on a commit
        await pilot.pause(2.5)  # changes are gathered for two seconds
        await settle(app, pilot)
        assert tile(app, "opened").splitlines()[0] == "5"
        await pilot.press("f3")
        await settle(app, pilot)
        session.create_ticket({"participant_name": "One More"}, claim=False)
        app.db_changed.publish(None)
        await pilot.pause(2.5)
        assert dashboard.report.opened == 5  # not recomputed while out of sight
        await pilot.press("f5")
        await settle(app, pilot)
        assert tile(app, "opened").splitlines()[0] == "6"
