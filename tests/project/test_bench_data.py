"""The benchmark's generated desk: deterministic, and shaped like histories the actions write."""

import hashlib
import sys
from datetime import date

import pytest

from helpdesk import tickets
from helpdesk.reports.clocks import ClockInput, measure_clocks
from helpdesk.hours.status import DeskHours
from helpdesk.reports.periods import Period
from helpdesk.reports.figures import build_report
from helpdesk.reports.sla import DEFAULT_TARGETS
from helpdesk.store.connection import Store
from helpers.paths import ROOT

sys.path.insert(0, str(ROOT))
from bench.reports import NOW, generate  # noqa: E402

pytestmark = pytest.mark.slow


def fingerprint(store: Store) -> str:
    digest = hashlib.sha256()
    for table in ("tickets", "ticket_events"):
        for row in store.db.execute(f"SELECT * FROM {table} ORDER BY id"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("bench") / "bench.db")
    made = generate(store, 1500, seed=11)
    yield store, made
    store.close()


def test_same_seed_same_desk(generated, tmp_path):
    store, made = generated
    again = Store.open(tmp_path / "again.db")
    assert generate(again, 1500, seed=11)["events"] == made["events"]
    assert fingerprint(again) == fingerprint(store)


def test_histories_agree_with_the_tickets(generated):
    store, _ = generated
    hours = DeskHours.from_store(store)
    statuses = set()
    for ticket_id in range(1, 1501):
        ticket = tickets.load(store.db, ticket_id)
        history = tickets.events(store.db, ticket_id)
        statuses.add(ticket.status)
        assert history[0].kind == "created" and history[0].at == ticket.created_at
        assert all(event.at <= NOW for event in history)
        assert [event.at for event in history] == sorted(event.at for event in history)
        changes = [event for event in history if event.kind in ("status", "resolved")]
        last_status = ("resolved" if changes[-1].kind == "resolved" else changes[-1].after) if changes else None
        assert ticket.status == (last_status or ("open" if ticket.assignee else "new"))
        clocks = measure_clocks(ClockInput.from_ticket(ticket, history), hours, NOW)
        assert clocks.resolution.final == ticket.is_done
        if ticket.is_done:
            assert clocks.resolved_at == ticket.resolved_at
    assert {"resolved", "closed"} <= statuses
    assert statuses & {"new", "open", "waiting-participant", "waiting-mdo", "escalated"}  # being worked


def test_a_month_report_on_it(generated):
    store, made = generated
    report = build_report(store.db, DeskHours.from_store(store), DEFAULT_TARGETS,
                          Period.month_of(date(2026, 11, 1)), NOW)
    assert 0 < report.opened < made["tickets"]
    assert report.resolved > 0 and report.first_response.count > 0
    assert sum(row.opened for row in report.by_category) == report.opened
