"""Rendering: every reply for every kind of participant, dates that are never stale, the safety gate."""

import re
from datetime import timedelta

import pytest
from helpers.responses import GOOD_LOCAL, GOVERNMENT, NON_GOVERNMENT, PARTICIPANTS, TODAY, context, write_files

from helpdesk.desk import facts
from helpdesk.emails import NOT_APPROVED_MESSAGE
from helpdesk.errors import InputError
from helpdesk.responses.dates import say_date
from helpdesk.responses.render import ReplyNotReady, ResponseContext, fill, render
from helpdesk.responses.library import load_library

LEFTOVER = re.compile(r"[{}⟨⟩]")


@pytest.fixture(scope="module")
def library():
    return load_library()


def uses(response, name):
    return any(f"{{{name}}}" in text for t in response.translations.values()
               for text in (t.intro, t.outro, *(s.text for s in t.steps)))


@pytest.mark.parametrize("language", ["en", "hi"])
@pytest.mark.parametrize("who", sorted(PARTICIPANTS))
@pytest.mark.parametrize("days_to_training", [None, 30])
def test_every_reply_renders_for_every_participant(library, language, who, days_to_training):
    assert facts().links.teams == "", "the guidelines give no Teams address; this test assumes none"
    training = TODAY + timedelta(days=days_to_training) if days_to_training else None
    for response in library:
        reply = render(response, context(PARTICIPANTS[who], training=training, language=language))
        assert reply.language_used == language and not reply.fell_back_to_english
        # The only value the desk cannot know is the Teams address, which nobody has published.
        assert reply.missing == (["teams_link"] if uses(response, "teams_link") else []), response.id
        if reply.ready:
            assert not LEFTOVER.search(reply.text), (response.id, reply.text)
            assert reply.text_to_send() == reply.text
        assert PARTICIPANTS[who]["participant_name"] in reply.text
        assert re.search(r"^1\. ", reply.text, re.MULTILINE), "steps are numbered"


def test_a_reply_for_a_government_participant(library):
    reply = render(library.get("gov-email-self-registration"),
                   context(GOVERNMENT, training=TODAY + timedelta(days=11)))
    assert reply.ready
    assert "Hello Ravi Kumar," in reply.text
    assert "ravi.kumar@mha.gov.in is a government e-mail ID" in reply.text
    assert facts().links.signup in reply.text
    assert "by Fri 27 Nov 2026, at least 7 days before your training on Fri 4 Dec 2026" in reply.text
    assert "Log in once on Wed 2 Dec 2026 or Thu 3 Dec 2026" in reply.text
    assert NOT_APPROVED_MESSAGE in reply.text
    assert "at least 7 days before your training date" not in reply.text  # the undated variant


def test_a_reply_for_a_non_government_participant_in_hindi(library):
    reply = render(library.get("non-gov-email-mdo-approval"),
                   context(NON_GOVERNMENT, training=TODAY + timedelta(days=11), language="hi"))
    assert reply.ready and reply.language_used == "hi"
    assert reply.text.startswith("नमस्ते आशा वर्मा,")
    assert "asha.verma@gmail.com सरकारी ईमेल आईडी नहीं है" in reply.text
    assert "शुक्रवार, 4 दिसंबर 2026 को है" in reply.text
    assert "शुक्रवार, 27 नवंबर 2026 तक" in reply.text
    assert facts().links.nodal_list in reply.text


def test_without_a_training_date_the_rule_is_given_without_dates(library):
    reply = render(library.get("register-in-time"), context(GOVERNMENT))
    assert reply.ready
    assert "at least 7 days before your training date" in reply.text
    assert "1–2 days before the training" in reply.text
    assert not re.search(r"\d{4}", reply.text), "no date can be stated without a training date"


@pytest.mark.parametrize("days_left", range(-3, 15))
@pytest.mark.parametrize("response_id", ["register-in-time", "gov-email-self-registration",
                                         "non-gov-email-mdo-approval", "registration-overview",
                                         "domain-not-approved", "bulk-upload-ministry"])
def test_no_deadline_in_the_past_is_ever_offered(library, response_id, days_left):
    training = TODAY + timedelta(days=days_left)
    reply = render(library.get(response_id), context(NON_GOVERNMENT, training=training))
    register_by = facts().register_by(training)
    assert reply.ready, reply.missing
    past_days = [TODAY - timedelta(days=n) for n in range(1, 12)]
    for day in past_days:
        if day != training:
            assert say_date(day, "en") not in reply.text, f"{say_date(day, 'en')} offered in {reply.text}"
    if register_by >= TODAY:
        assert response_id == "domain-not-approved" or say_date(register_by, "en") in reply.text


def test_training_tomorrow_says_what_the_seed_says(library):
    reply = render(library.get("register-in-time"),
                   context(GOVERNMENT, training=TODAY + timedelta(days=1)))
    assert "Tue 24 Nov 2026 (tomorrow)" in reply.text
    assert "Resolving registration issues on the day of the training may not be feasible" in reply.text
    assert "Pawan Pathak (8595675447, pawankpathak.kb@karmayogi.in) right now" in reply.text
    assert "register by" not in reply.text.lower()


def test_training_today_is_said_as_today(library):
    reply = render(library.get("register-in-time"), context(GOVERNMENT, training=TODAY, language="hi"))
    assert "सोमवार, 23 नवंबर 2026 (आज)" in reply.text
    assert "संभव नहीं भी हो सकता" in reply.text


def test_register_by_today_is_still_a_deadline(library):
    reply = render(library.get("register-in-time"), context(GOVERNMENT, training=TODAY + timedelta(days=7)))
    assert "by Mon 23 Nov 2026 (today)" in reply.text


def test_a_passed_deadline_becomes_register_today(library):
    reply = render(library.get("register-in-time"), context(GOVERNMENT, training=TODAY + timedelta(days=4)))
    assert "the 7-day registration deadline has passed, so please complete registration today" in reply.text
    assert "Log in on Wed 25 Nov 2026 or Thu 26 Nov 2026" in reply.text


def test_a_training_date_in_the_past_is_flagged_to_the_agent(library):
    reply = render(library.get("register-in-time"), context(GOVERNMENT, training=TODAY - timedelta(days=3)))
    assert "Please confirm your training date with your nodal officer" in reply.text
    assert reply.warnings == ["the training date Fri 20 Nov 2026 has already passed: check it with "
                              "the participant"]


def test_an_unguarded_date_in_a_local_reply_is_never_stale(tmp_path):
    local = tmp_path / "local"
    write_files(local, {"late.toml": '''
id = "late"
categories = ["other"]
keywords = ["x"]
[en]
title = "Careless"
steps = ["Register by {register_by}."]
'''})
    response = load_library(local).get("late")
    reply = render(response, context(GOVERNMENT, training=TODAY + timedelta(days=3)))
    assert not reply.ready and reply.missing == ["register_by"]
    assert "Register by ⟨register-by date?⟩." in reply.text
    assert reply.warnings == ["the register-by date Thu 19 Nov 2026 has passed, so it is not "
                              "offered as a deadline"]


def test_missing_values_are_marked_and_block_sending(library):
    reply = render(library.get("contact-order"), ResponseContext(today=TODAY))
    assert not reply.ready
    assert reply.missing == ["participant_name", "ministry", "rep_name", "rep_email", "rep_mobile",
                             "teams_link"]
    assert "Hello ⟨participant name?⟩," in reply.text
    assert ("functional Mon–Fri, 09:00–17:00 IST, except government holidays: the Teams link "
            "⟨Teams link?⟩\n") in reply.text
    with pytest.raises(ReplyNotReady, match="participant name, ministry/department, KB representative"):
        reply.text_to_send()


def test_the_teams_link_is_never_invented(library):
    reply = render(library.get("contact-order"), context(GOVERNMENT))
    assert reply.missing == ["teams_link"] and not reply.ready
    assert "teams.microsoft.com" not in reply.text


def test_fill_in_place_one_value_at_a_time(library):
    reply = render(library.get("desk-hours"), ResponseContext(today=TODAY, language="hi"))
    assert reply.missing == ["participant_name", "next_opening", "teams_link"]
    reply = fill(reply, "teams_link", "  https://teams.example/desk \n")
    assert reply.missing == ["participant_name", "next_opening"]
    assert "Teams लिंक: https://teams.example/desk" in reply.text
    reply = fill(reply, "participant_name", "Ravi")
    reply = fill(reply, "next_opening", "मंगलवार, 24 नवंबर 2026, 09:00 बजे")
    assert reply.ready and reply.text_to_send().startswith("नमस्ते Ravi,")
    assert "सोमवार से शुक्रवार, 09:00–17:00 बजे (IST)" in reply.text


def test_fill_can_correct_a_value_that_was_already_there(library):
    reply = render(library.get("certificate"), context(GOVERNMENT))
    corrected = fill(reply, "participant_name", "Ravi Kumar Singh")
    assert corrected.text.startswith("Hello Ravi Kumar Singh,")
    assert reply.text.startswith("Hello Ravi Kumar,"), "the first reply is unchanged"


def test_filling_the_training_date_moves_the_steps_and_dates(library):
    reply = render(library.get("register-in-time"), context(GOVERNMENT))
    dated = fill(reply, "training_date", "04/12/2026")
    assert dated.context.training_date.isoformat() == "2026-12-04"
    assert "complete registration and onboarding by Fri 27 Nov 2026" in dated.text
    assert "at least 7 days before your training date" not in dated.text
    still = fill(dated, "participant_name", "Ravi")
    assert "Fri 27 Nov 2026" in still.text, "later fills keep the date"


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("training_date", "31/02/2026", "training date: '31/02/2026' is not a real date"),
        ("training_date", "next week", "is not a date"),
        ("participant_nmae", "Ravi", "unknown placeholder 'participant_nmae'"),
        ("participant_name", " \n\t ", "no value given for participant name"),
        ("participant_name", "x" * 301, "too long"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(library, name, value, message):
    reply = render(library.get("register-in-time"), context(GOVERNMENT))
    with pytest.raises(InputError, match=re.escape(message)):
        fill(reply, name, value)


def test_a_name_cannot_inject_markup_escapes_or_placeholders(library):
    hostile = "\x1b]52;c;ZXZpbA==\x07[bold red]Asha[/] {teams_link} ⟨ministry?⟩\n$(rm -rf)"
    reply = render(library.get("certificate"), context(GOVERNMENT, participant_name=None),
                   {"participant_name": hostile})
    assert reply.ready, "a placeholder inside a value is text, not a placeholder"
    assert reply.text.startswith("Hello [bold red]Asha[/] {teams_link} ⟨ministry?⟩ $(rm -rf),")
    assert "\x1b" not in reply.text and "\x07" not in reply.text


def test_context_values_are_cleaned_too(library):
    reply = render(library.get("certificate"),
                   context(GOVERNMENT | {"participant_name": "Ravi\x1b[2J\u202e Kumar"}))
    assert reply.text.startswith("Hello Ravi Kumar,")


def test_a_missing_translation_falls_back_to_english(tmp_path):
    library = load_library(write_files(tmp_path / "local", {"local-only-english.toml": GOOD_LOCAL}))
    reply = render(library.get("local-only-english"), context(GOVERNMENT, language="hi"))
    assert reply.language_used == "en" and reply.fell_back_to_english
    assert reply.text.startswith("Hello Ravi Kumar,")
    assert reply.to_dict()["fell_back_to_english"] is True


def test_unknown_language_or_path_is_bad_input():
    with pytest.raises(InputError, match="language 'ta'"):
        ResponseContext(today=TODAY, language="ta")
    with pytest.raises(InputError, match="registration path"):
        ResponseContext(today=TODAY, registration_path="gov")


def test_to_dict_lists_what_is_missing(library):
    data = render(library.get("contact-order"), ResponseContext(today=TODAY)).to_dict()
    assert data["ready"] is False and data["id"] == "contact-order"
    assert {"name": "teams_link", "label": "Teams link"} in data["missing"]


@pytest.mark.parametrize("days_left", [None, *range(-2, 10)])
def test_every_reply_has_steps_whatever_the_training_date(library, days_left):
    training = TODAY + timedelta(days=days_left) if days_left is not None else None
    for response in library:
        for language in response.languages:
            reply = render(response, context(GOVERNMENT, training=training, language=language))
            assert re.search(r"^1\. \S", reply.text, re.MULTILINE), (response.id, language)
            numbers = [int(n) for n in re.findall(r"^(\d+)\. ", reply.text, re.MULTILINE)]
            assert numbers == list(range(1, len(numbers) + 1)), "steps are numbered without gaps"
