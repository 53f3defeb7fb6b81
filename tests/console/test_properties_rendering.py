"""Property tests: whatever text reaches a screen, what is drawn holds no control character,
no link and no click action, and markup in it is shown literally.

Tickets and history entries are built with the same functions that turn database rows
into objects (rows written behind the app's back included: a restored file, a hand edit).
"""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.reactive import var
from textual.visual import Visual, visualize
from textual.widgets import Input, Static

from helpdesk.clock import IST
from helpdesk.errors import InputError
from helpdesk.access.identity import validate_agent_name
from helpdesk.screens.widgets.desk_bar import DeskBar
from helpdesk.screens.widgets.presence_bar import PresenceBar
from helpdesk.screens.widgets.ticket_columns import fit, layout
from helpdesk.screens.widgets.ticket_form import TEXT_FIELDS, TicketForm
from helpdesk.screens.widgets.ticket_side import TicketSide
from helpdesk.screens.widgets.ticket_table import TicketTable
from helpdesk.tickets.presence import _viewer
from helpdesk.console.session import AgentSession
from helpdesk.text import clean_line
from helpdesk.tickets import Ticket
from helpdesk.tickets.history import _rows_to_events

from helpers.frozen import FROZEN_NOW
from helpers.hostile_text import assert_inert, hostile_text

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STAMP = "2026-11-23T10:00:00+05:30"


def ticket_row(ticket_id: int, texts: dict[str, str]) -> Ticket:
    """A ticket as Ticket.from_row makes it from a database row holding ``texts``."""
    row = {"id": ticket_id, "created_at": STAMP, "created_by": "asha", "updated_at": STAMP,
           "participant_name": "x", "email": "", "mobile": "", "ministry_query": "", "ministry": None,
           "rep_email": None, "category": "other", "channel": "phone", "training_date": "2026-11-24",
           "question": "", "language": "en", "status": "open", "assignee": None, "claimed_at": None,
           "first_response_at": None, "resolved_at": None, "outcome": None, "resolution_note": None,
           "handle_seconds": None, "version": 1}
    return Ticket.from_row({**row, **texts})


ticket_texts = st.fixed_dictionaries({
    "participant_name": hostile_text, "email": hostile_text, "mobile": hostile_text,
    "ministry_query": hostile_text, "ministry": hostile_text, "rep_email": hostile_text,
    "question": hostile_text, "assignee": hostile_text, "created_by": hostile_text,
    "resolution_note": hostile_text, "outcome": st.sampled_from(["referred-mdo", "\x1b[2J[b]x"]),
})


def strips_of(widget) -> list:
    """Everything the widget would draw, whatever its current height."""
    return Visual.to_strips(widget, visualize(widget, widget.render()), max(widget.size.width, 60), None,
                            widget.visual_style)


def literal(text: str) -> str:
    """Markup characters that must survive rendering, as the agent would read them."""
    return "".join(ch for ch in clean_line(text) if ch in "[]/@=$")


class Host(App[None]):
    """The smallest app that can mount the console's widgets."""

    desk_status = var(None)

    def __init__(self, session: AgentSession, *widgets) -> None:
        super().__init__()
        self.session = session
        self._widgets = widgets

    def compose(self):
        yield from self._widgets


async def test_queue_rows(session):
    table = TicketTable()
    async with Host(session, table).run_test(size=(160, 20)):
        table.now = FROZEN_NOW

        @SETTINGS
        @given(st.lists(ticket_texts, min_size=1, max_size=5))
        def check(rows):
            tickets = [ticket_row(number + 1, texts) for number, texts in enumerate(rows)]
            generation = table.reset(len(tickets))
            table.fill(0, tickets, generation)
            drawn = assert_inert([table.render_line(y) for y in range(len(tickets) + 1)])
            participant_width = dict((column.key, width) for column, width in layout(table.size.width))["participant"]
            for ticket in tickets:
                assert fit(ticket.participant_name, participant_width) in drawn

        check()


async def test_ticket_side_panel(session):
    side = TicketSide()
    async with Host(session, side).run_test(size=(100, 40)):

        @SETTINGS
        @given(ticket_texts, st.lists(st.tuples(hostile_text, hostile_text, hostile_text), max_size=4),
               st.lists(hostile_text, max_size=4))
        def check(texts, entries, rep_lines):
            ticket = ticket_row(1, texts)
            rows = [(n, 1, 2, STAMP, agent, "edited", "email", before, before, body)
                    for n, (agent, before, body) in enumerate(entries)]
            rows += [(99, 1, 3, STAMP, "meera", "note", None, None, None, texts["question"])]
            side.show(ticket, _rows_to_events(rows), [clean_line(line) for line in rep_lines], FROZEN_NOW)
            drawn = "".join(assert_inert(strips_of(widget)) for widget in side.query(Static))
            assert literal(texts["question"]) in "".join(ch for ch in drawn if ch in "[]/@=$")

        check()


async def test_ticket_form_verdicts(session):
    form = TicketForm()
    async with Host(session, form).run_test(size=(120, 50)):

        @SETTINGS
        @given(st.fixed_dictionaries({name: hostile_text for name in TEXT_FIELDS}))
        def check(typed):
            for name, value in typed.items():
                form.query_one(f"#field-{name}").value = value
            form.refresh_verdicts()
            for verdict in form.query(".verdict"):
                assert_inert(strips_of(verdict))

        check()


async def test_ticket_form_loads_stored_tickets_inert(session):
    form = TicketForm()
    async with Host(session, form).run_test(size=(120, 50)):

        @settings(max_examples=25, deadline=None)
        @given(ticket_texts)
        def check(texts):
            form.load_ticket(ticket_row(1, {**texts, "ministry": None}))
            for field in form.query(Input):
                assert_inert([field.render_line(0)])
            for verdict in form.query(".verdict"):
                assert_inert(strips_of(verdict))

        check()


async def test_presence_line(session):
    bar = PresenceBar(1, is_editing=lambda: False)
    async with Host(session, bar).run_test(size=(120, 10)):

        @SETTINGS
        @given(st.lists(hostile_text, min_size=1, max_size=4))
        def check(agents):
            moment = datetime(2026, 11, 23, 10, 42, tzinfo=IST)
            rows = [(f"c{n}", 1, agent, moment.isoformat(), None, moment.isoformat())
                    for n, agent in enumerate(agents)]
            bar.show([_viewer(row) for row in rows])  # as read back from the heartbeat file
            drawn = assert_inert(strips_of(bar))
            assert drawn.startswith("Also open:")
            assert "".join(literal(agent) for agent in agents) in "".join(ch for ch in drawn if ch in "[]/@=$")

        check()


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=hostile_text)
async def test_desk_bar_agent_name(store, name):
    try:
        agent = validate_agent_name(name)
    except InputError:
        return  # refused before any screen: `--agent` and HELPDESK_AGENT go through this
    session = AgentSession(store=store, agent=agent, now=lambda: FROZEN_NOW)
    bar = DeskBar("ticket #1")
    async with Host(session, bar).run_test(size=(120, 5)):
        drawn = "".join(assert_inert(strips_of(widget)) for widget in bar.query(Static))
        assert f"agent {agent}" in drawn
