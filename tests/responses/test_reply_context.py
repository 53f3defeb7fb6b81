"""Replies filled from a ticket: the same builder serves the console and the CLI."""

from helpdesk import tickets
from helpdesk.directory.rows import Directory
from helpdesk.hours.status import DeskHours
from helpdesk.responses.reply_context import context_for_ticket, facts_for_ticket

from helpers.frozen import FROZEN_NOW


def test_context_comes_from_ticket_directory_and_hours(store):
    ticket = tickets.create(store, {"participant_name": "Ravi", "email": "ravi@mha.gov.in",
                                    "ministry": "D/o Posts", "training_date": "2026-12-04",
                                    "language": "hi"}, "asha", at=FROZEN_NOW)
    context = context_for_ticket(ticket, Directory.from_store(store), DeskHours.from_store(store), FROZEN_NOW)
    assert (context.rep_name, context.rep_mobile) == ("Priyamvada Pallavi", "9315718261")
    assert context.registration_path == "self-registration"
    assert context.language == "hi" and context.training_date.isoformat() == "2026-12-04"
    # Monday 11:00: the next opening after today's is Wednesday (Tuesday is Guru Nanak's Birthday).
    assert context.next_opening_text == "Wednesday 25 November 2026, 09:00 IST"


def test_the_representative_is_the_one_of_the_email_not_the_printed_row(store):
    ticket = tickets.create(store, {"participant_name": "Ravi", "ministry": "BPR&D"}, "asha", at=FROZEN_NOW)
    context = context_for_ticket(ticket, Directory.from_store(store), DeskHours.from_store(store), FROZEN_NOW)
    assert context.rep_email == "priyamvadapallavi.kb@karmayogi.in"
    assert context.rep_name == "Priyamvada Pallavi"


def test_facts_for_suggestions(store):
    ticket = tickets.create(store, {"participant_name": "Ravi", "category": "otp", "question": "OTP nahi aaya"},
                            "asha", at=FROZEN_NOW)
    facts = facts_for_ticket(ticket, FROZEN_NOW)
    assert (facts.category, facts.question, facts.today) == ("otp", "OTP nahi aaya", FROZEN_NOW.date())


def test_cli_show_with_ticket(run_cli):
    run_cli("ticket", "new", "--name", "Asha Verma", "--email", "asha@gmail.com", "--category", "otp")
    result = run_cli("responses", "show", "otp-not-received", "--ticket", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Hello Asha Verma")
    assert run_cli("responses", "show", "otp-not-received", "--ticket", "9").exit_code == 1
