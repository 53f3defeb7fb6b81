"""One rule names the KB representative: every place that shows one gives the same person."""

from __future__ import annotations

import pytest

from helpdesk import tickets
from helpdesk.console.session import AgentSession
from helpdesk.directory import representative
from helpdesk.directory.lookup import Lookup
from helpdesk.directory.rows import Directory, DirectoryRow, replace_rows
from helpdesk.errors import InputError
from helpdesk.escalation import escalations
from helpdesk.hours.status import DeskHours
from helpdesk.reports.handover import build_handover
from helpdesk.reports.sla import SlaTargets
from helpdesk.responses.reply_context import context_for_ticket
from helpdesk.tickets.training_risk import training_risk

# Row 67 of the annexure names Pawan Pathak with his mobile, but Priyamvada Pallavi's e-mail:
# the e-mail decides, and the row as printed comes along with a warning.
BPRD = "BPR&D"


def _ticket(store, ministry: str, **extra) -> tickets.Ticket:
    fields = {"participant_name": "Meena Rao", "email": "meena.rao@gmail.com", "mobile": "9810347159",
              "category": "bulk-upload", "channel": "phone", "question": "IDs", "ministry": ministry,
              **extra}
    return tickets.create(store, fields, "asha")


def test_a_row_names_the_person_of_its_email_and_keeps_what_it_prints(store):
    directory = Directory.from_store(store)
    contact = representative.of_row(directory, directory.row(BPRD), ["flawed"])
    assert (contact.name, contact.email, contact.mobile) == (
        "Priyamvada Pallavi", "priyamvadapallavi.kb@karmayogi.in", "9315718261")
    assert contact.published["rep_name"] == "Pawan Pathak"
    assert contact.warnings == ("flawed",)
    assert contact.lines() == ["Priyamvada Pallavi", "priyamvadapallavi.kb@karmayogi.in", "9315718261",
                               "for BPR&D", "⚠ flawed"]


def test_every_place_gives_the_same_person_for_a_ticket(store, session: AgentSession, frozen_clock):
    ticket = _ticket(store, BPRD, training_date=frozen_clock.date().replace(day=25).isoformat())
    picked = Lookup.from_store(store).search("BPR&D", limit=1).matches[0]
    side = session.rep_lines(ticket)
    case = escalations.escalate(store, ticket.id, target="rep", agent="asha").case
    risk = training_risk(store.db, frozen_clock.date())[0].representative
    reply = context_for_ticket(ticket, Directory.from_store(store), DeskHours.from_store(store), frozen_clock)
    handover = build_handover(store.db, DeskHours.from_store(store), SlaTargets(), frozen_clock, "asha")
    names = {picked.rep_name, side[0], case.rep_name, risk.name, reply.rep_name}
    assert names == {"Priyamvada Pallavi"}
    mobiles = {picked.rep_mobile, side[2], case.rep_mobile, risk.mobile, reply.rep_mobile}
    assert mobiles == {"9315718261"}
    assert "Priyamvada Pallavi" in handover.items[0].next_step
    # The ticket view shows the row's flaw, as the picker does.
    assert any(line.startswith("⚠ BPR&D (row 67) names Pawan Pathak") for line in side)
    assert [f"⚠ {warning}" for warning in picked.warnings] == [line for line in side if line.startswith("⚠")]


def test_a_ticket_whose_person_left_the_directory_says_so(store, session: AgentSession):
    ticket = _ticket(store, "D/o Posts")
    rows = [row for row in Directory.from_store(store) if row.rep_email != ticket.rep_email]
    with store.transaction() as db:
        replace_rows(db, rows + [DirectoryRow(999, "D/o Posts", "Someone Else", "else.kb@karmayogi.in", "9000000000")])
    contact = representative.for_ticket(store.db, ticket.ministry, ticket.rep_email)
    assert not contact.in_directory and contact.email == ticket.rep_email
    assert session.rep_lines(ticket)[0] == representative.GONE
    # A reply never names the wrong person, or a placeholder: the field stays missing.
    reply = context_for_ticket(ticket, Directory.from_store(store), DeskHours.from_store(store),
                               session.now())
    assert reply.rep_name is None


def test_the_ticket_write_takes_the_row_representative_or_refuses(store):
    ticket = _ticket(store, BPRD)
    assert ticket.rep_email == "priyamvadapallavi.kb@karmayogi.in"
    with pytest.raises(InputError, match="not a row of the directory"):
        representative.for_ministry(store.db, "Ministry of Nowhere")
    assert representative.for_ticket(store.db, None, None) is None


def test_the_most_used_name_wins_and_a_tie_goes_to_the_first_printed():
    rows = [DirectoryRow(1, "A", "Asha K", "asha@x.in", "1"), DirectoryRow(2, "B", "Asha", "ASHA@x.in", "2"),
            DirectoryRow(3, "C", "Ravi", "ravi@x.in", "3")]
    directory = Directory(rows)
    contact = representative.of_ticket(directory, "B", "asha@x.in")
    assert (contact.name, contact.mobile) == ("Asha K", "1")
    assert contact.published["rep_name"] == "Asha"


@pytest.mark.parametrize("query, row", [("rly board", "M/o Railways"), ("dak vibhag", "D/o Posts"),
                                        ("law", None), ("zzzz qqq", None)])
def test_one_routing_step_sets_a_row_only_when_the_lookup_is_sure(store, query, row):
    result = Lookup.from_store(store).search(query, limit=3)
    assert result.routed_row == row
    assert (row is not None) == result.confident
