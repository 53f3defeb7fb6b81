"""What the dashboard looks like, frozen: Monday 23 Nov 2026 11:00 with a fixed morning of tickets.

Review the report (``pytest --snapshot-update`` writes new ones) before accepting a change.
"""

import pytest

from helpers.console import settle
from helpers.dashboard import monday_morning


async def show_dashboard(pilot):
    app = pilot.app
    await settle(app, pilot)
    await pilot.press("f5")
    await settle(app, pilot)
    app.screen.query_one("ReportFigures").scroll_home(animate=False)
    await pilot.pause()


class TestDashboardSnapshots:
    @pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
    def test_figures(self, snap_compare, console, store, size):
        monday_morning(store)
        assert snap_compare(console(), terminal_size=size, run_before=show_dashboard)

    def test_training_at_risk(self, snap_compare, console, store):
        monday_morning(store)

        async def risk_tab(pilot):
            await show_dashboard(pilot)
            await pilot.press("2")
            await settle(pilot.app, pilot)

        assert snap_compare(console(), terminal_size=(120, 36), run_before=risk_tab)
