"""The coordinator's view (F5): a day's or a range's figures, training at risk, and the handover.

Everything is computed by the core (``helpdesk.reports.figures``, ``helpdesk.reports.handover``) in
workers; this screen chooses the period, draws the answer, and saves the handover.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Markdown, Static, TabbedContent, TabPane

from helpdesk.clock import DateParseError, parse_date
from helpdesk.errors import HelpdeskError
from helpdesk.reports.periods import Period
from helpdesk.reports.layout import as_of_text, targets_line
from helpdesk.reports.figures import Report

from .widgets.desk_footer import DeskFooter
from .base import DeskScreen, run_db
from .widgets.desk_bar import DeskBar
from .widgets.report_figures import ReportFigures
from .widgets.risk_list import RiskList

# Changes by other agents are gathered this long before the figures are recomputed.
GATHER_SECONDS = 2.0
# Open tickets' clocks move with time even when nobody changes anything.
REFRESH_SECONDS = 60
KEYS_HINT = "←/→ · t today · w week · m month · d day · h handover"


class DashboardScreen(DeskScreen):
    BINDINGS = [
        Binding("left,left_square_bracket", "step(-1)", "Earlier", priority=True, id="dashboard.earlier"),
        Binding("right,right_square_bracket", "step(1)", "Later", priority=True, id="dashboard.later"),
        Binding("t", "today", "Today", id="dashboard.today"),
        Binding("w", "week", "Week", id="dashboard.week"),
        Binding("m", "month", "Month", id="dashboard.month"),
        Binding("d", "pick_day", "Pick a day", id="dashboard.pick_day"),
        Binding("h", "handover", "Handover", id="dashboard.handover"),
        Binding("1", "tab('figures')", "Figures", show=False, id="dashboard.figures"),
        Binding("2", "tab('risk')", "Training at risk", show=False, id="dashboard.risk"),
        Binding("3", "tab('handover')", "Handover text", show=False, id="dashboard.handover_text"),
        Binding("r", "reload", "Reload", show=False, id="dashboard.reload"),
    ]

    period: reactive[Period | None] = reactive(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None
        self.handover_text: str = ""
        self._stale = False  # the data changed while another screen was shown
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        yield DeskBar("dashboard")
        yield Static(id="dashboard-period")
        with TabbedContent(id="dashboard-tabs"):
            with TabPane("Figures (1)", id="figures"):
                yield ReportFigures()
            with TabPane("Training at risk (2)", id="risk"):
                with VerticalScroll():
                    yield RiskList(id="risk-list")
            with TabPane("Handover (3)", id="handover"):
                with VerticalScroll():
                    yield Static(Content("Press h to write the end-of-day handover: it is saved "
                                         "beside the database, readable by you only, and copied "
                                         "to the clipboard."), id="handover-hint")
                    yield Markdown(id="handover-text")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        self.on_database_change(self._data_changed)
        self.set_interval(REFRESH_SECONDS, self._data_changed)  # running clocks move on
        self.query_one(ReportFigures).focus()  # up/down/page keys scroll the figures
        self.period = Period.day(self.session.now().date())

    def _data_changed(self) -> None:
        """Recompute soon if on screen; otherwise when the agent comes back to it.

        A month's report costs up to half a second, and a busy desk commits every few
        seconds: changes are gathered for a moment, and a dashboard nobody is looking
        at (its mode left in the background) does not recompute at all.
        """
        if not self.is_current:
            self._stale = True
        elif self._pending is None:
            self._pending = self.set_timer(GATHER_SECONDS, self._reload_gathered)

    def _reload_gathered(self) -> None:
        self._pending = None
        self.reload()

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()

    # Loading -------------------------------------------------------------------------
    def watch_period(self, period: Period | None) -> None:
        if period is not None:
            self._show_period(period, loading=True)
            self.reload()

    def reload(self) -> None:
        period = self.period
        if period is None:
            return
        run_db(self, lambda: self.session.report(period), lambda report: self._show(period, report),
               group="dashboard-report", exclusive=True)

    def _show(self, period: Period, report: Report) -> None:
        if period != self.period:
            return  # the agent has moved on; that period's answer is on its way
        self.report = report
        self._show_period(period, loading=False)
        self.query_one(ReportFigures).show(report)
        self.query_one(RiskList).show(report.training_risk)
        risk_count = sum(len(group.tickets) for group in report.training_risk)
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("risk").label = f"Training at risk: {risk_count} (2)"

    def _show_period(self, period: Period, *, loading: bool) -> None:
        kind = "Day" if period.is_day else f"{period.days} days"
        state = "loading…" if loading or self.report is None else f"as of {as_of_text(self.report)}"
        self.query_one("#dashboard-period", Static).update(Content.assemble(
            (f" {kind} · {period.label()} ", "bold"), f"· {state}   ", (KEYS_HINT, "$text-muted")))
        self.query_one("#dashboard-period", Static).tooltip = (
            targets_line(self.report) if self.report else None)

    # Choosing the period --------------------------------------------------------------
    def action_step(self, steps: int) -> None:
        if self.period is not None:
            self.period = self.period.shifted(steps)

    def action_today(self) -> None:
        self.period = Period.day(self.session.now().date())

    def action_week(self) -> None:
        self.period = Period.week_of(self._anchor())

    def action_month(self) -> None:
        self.period = Period.month_of(self._anchor())

    def _anchor(self):
        return self.period.first if self.period else self.session.now().date()

    def action_pick_day(self) -> None:
        from .choice_modal import TextPromptModal

        def chosen(text: str | None) -> None:
            if not text or not text.strip():
                return
            try:
                self.period = parse_period(text)
            except (DateParseError, HelpdeskError) as error:
                self.notify(str(error), severity="error", markup=False)

        self.app.push_screen(TextPromptModal("Day (DD/MM/YYYY or YYYY-MM-DD), or FROM to TO",
                                             "e.g. 23/11/2026, or 01/11/2026 to 30/11/2026"), chosen)

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        if name == "handover" and not self.handover_text:
            self._load_handover(save=False)

    def action_reload(self) -> None:
        self.reload()

    # The handover ---------------------------------------------------------------------
    def action_handover(self) -> None:
        self._load_handover(save=True)

    def _load_handover(self, *, save: bool) -> None:
        from helpdesk.reports.handover_format import handover_markdown

        session = self.session

        def build():
            text = handover_markdown(session.handover())
            return text, (session.write_handover(text) if save else None)

        run_db(self, build, self._show_handover, group="dashboard-handover", exclusive=True)

    def _show_handover(self, loaded) -> None:
        text, path = loaded
        self.handover_text = text
        self.query_one("#handover-text", Markdown).update(text)
        if path is not None:
            self.app.copy_to_clipboard(text)
            self.query_one(TabbedContent).active = "handover"
            self.notify(f"Handover saved to {path} (readable by you only) and copied to the clipboard.",
                        title="Handover", markup=False, timeout=10)

    @on(TabbedContent.TabActivated)
    def _tab_opened(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "handover" and not self.handover_text:
            self._load_handover(save=False)


def parse_period(text: str) -> Period:
    """"23/11/2026" is a day; "01/11/2026 to 30/11/2026" (or "..") a range."""
    cleaned = text.strip().replace("..", " to ")
    if " to " in cleaned:
        first, last = (part.strip() for part in cleaned.split(" to ", 1))
        return Period(parse_date(first), parse_date(last))
    return Period.day(parse_date(cleaned))
