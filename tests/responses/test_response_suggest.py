"""Suggestion on realistic tickets, and search by misspelt, Hinglish and Hindi words."""

from datetime import timedelta

import pytest
from helpers.responses import TODAY, write_files

from helpdesk.emails import MDO_APPROVAL, SELF_REGISTRATION
from helpdesk.responses.suggest import TicketFacts, normalise, search, suggest
from helpdesk.responses.library import load_library


@pytest.fixture(scope="module")
def library():
    return load_library()


def ticket(question="", category=None, path=None, days_to_training=None):
    training = TODAY + timedelta(days=days_to_training) if days_to_training is not None else None
    return TicketFacts(category=category, registration_path=path, training_date=training,
                       today=TODAY, question=question)


def ids(suggestions):
    return [suggestion.response.id for suggestion in suggestions]


def test_category_otp_puts_the_otp_reply_first(library):
    found = suggest(library, ticket("I cannot log in", category="otp"))
    assert ids(found)[0] == "otp-not-received"
    assert "category: OTP not received" in found[0].reasons


def test_gmail_and_pending_approval_lead_to_the_mdo_approval_reply(library):
    found = suggest(library, ticket("I registered with my gmail id but it says pending approval",
                                    path=MDO_APPROVAL))
    assert ids(found)[0] == "non-gov-email-mdo-approval"
    assert found[0].reasons[0] == "e-mail: not government (MDO admin approval)"
    assert "question mentions 'pending approval'" in found[0].reasons


def test_training_tomorrow_brings_the_timing_reply_into_the_three(library):
    found = suggest(library, ticket("I am not able to login", category="app-login",
                                    days_to_training=1))
    assert "register-in-time" in ids(found)
    timing = found[ids(found).index("register-in-time")]
    assert "training tomorrow" in timing.reasons
    assert len(found) == 3


def test_training_in_a_few_days_is_a_reason_too(library):
    found = suggest(library, ticket(days_to_training=4))
    assert ids(found) == ["register-in-time"]
    assert "training in 4 days: the 7-day registration deadline has passed" in found[0].reasons


def test_a_training_far_away_adds_no_urgency(library):
    found = suggest(library, ticket("certificate", days_to_training=30))
    assert ids(found) == ["certificate"]


@pytest.mark.parametrize(
    "question, expected",
    [
        ("मुझे प्रमाण पत्र कैसे मिलेगा?", "certificate"),
        ("ओटीपी नहीं आया", "otp-not-received"),
        ("otp nahi aaya sir", "otp-not-received"),
        ("mera mobile number galat hai, number change karna hai", "mobile-not-registered"),
        ("certficate not showing in dashbord", "certificate"),
        ("Which course should I do? Kaun sa course hai", "find-course"),
        ("is this free? can I use it on my laptop", "web-or-app-free"),
        ("error: email domain not approved", "domain-not-approved"),
        ("मैंने गलत विभाग चुन लिया", "profile-change"),
        ("how do we bulk upload all employees of our ministry", "bulk-upload-ministry"),
        ("our organisation has no portal, naya portal chahiye", "bulk-upload-organisation"),
        ("who is the nodal officer for my department", "nodal-persons"),
        ("Is the Play Store app with a similar name fake? which app is official", "app-install-login"),
    ],
)
def test_the_words_of_the_question_find_the_reply(library, question, expected):
    found = suggest(library, ticket(question))
    assert found and ids(found)[0] == expected, [(s.response.id, s.score, s.reasons) for s in found]
    assert any(reason.startswith("question mentions") for reason in found[0].reasons)


def test_a_misspelling_is_shown_with_the_keyword_it_matched(library):
    found = suggest(library, ticket("certficate"))
    assert "question mentions 'certficate' (≈ certificate)" in found[0].reasons


def test_the_registration_path_orders_the_replies_within_a_category(library):
    government = suggest(library, ticket(category="gov-email", path=SELF_REGISTRATION))
    assert ids(government)[0] == "gov-email-self-registration"
    other = suggest(library, ticket(category="gov-email", path=MDO_APPROVAL))
    assert "gov-email-self-registration" not in ids(other)[:1]


def test_nothing_known_suggests_nothing(library):
    assert suggest(library, ticket()) == []
    assert suggest(library, ticket("hello good morning")) == []


def test_every_suggestion_says_why(library):
    for facts in (ticket("otp", category="otp", days_to_training=1),
                  ticket("pending approval", path=MDO_APPROVAL),
                  ticket(category="other", days_to_training=0)):
        found = suggest(library, facts, limit=5)
        assert 0 < len(found) <= 5
        assert all(suggestion.reasons for suggestion in found)
        assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_training_today_reason(library):
    found = suggest(library, ticket(days_to_training=0))
    assert ids(found) == ["register-in-time"] and found[0].reasons == ["training today"]


def test_a_local_reply_is_suggested_and_found_like_the_shipped_ones(tmp_path):
    library = load_library(write_files(tmp_path / "local", {"pension.toml": '''
id = "pension-query"
categories = ["other"]
keywords = ["pension", "पेंशन"]
[en]
title = "Pension questions go to the department"
steps = ["Ask your department."]
'''}))
    assert ids(suggest(library, ticket("meri पेंशन ka sawal")))[0] == "pension-query"
    assert ids(search(library, "pensoin"))[0] == "pension-query"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("certficate", "certificate"),
        ("cert", "certificate"),
        ("प्रमाणपत्र", "certificate"),
        ("प्रमाण", "certificate"),
        ("praman patra", "certificate"),
        ("otp", "otp-not-received"),
        ("ओटीपी", "otp-not-received"),
        ("wrong departmnt", "profile-change"),
        ("mobile numbr", "mobile-not-registered"),
        ("play stor", "app-install-login"),
        ("नोडल", "nodal-persons"),
        ("ministries and departments", "bulk-upload-ministry"),
        ("पूर्णता प्रमाणपत्र", "certificate"),
    ],
)
def test_search_finds_replies_from_misspelt_and_hindi_words(library, query, expected):
    found = search(library, query)
    assert found and ids(found)[0] == expected, [(s.response.id, s.score, s.reasons) for s in found]
    assert found[0].reasons[0].startswith("matches '")


def test_search_with_nothing_typed_lists_the_library(library):
    assert ids(search(library, "", limit=100)) == [response.id for response in library]
    assert len(search(library, "  ", limit=4)) == 4


def test_search_without_a_match_is_empty(library):
    assert search(library, "zzqx") == []
    assert search(library, "x") == []


def test_search_respects_the_limit(library):
    assert len(search(library, "re", limit=100)) > 3
    assert len(search(library, "re", limit=3)) == 3


def test_normalise_keeps_hindi_words_whole():
    assert normalise("ओटीपी नहीं आया।  E-mail, gov.in!") == "ओटीपी नहीं आया email gov.in"


def test_reasons_never_carry_terminal_controls_from_the_question(library):
    found = suggest(library, ticket("certificate\x1b]0;pwned\x07 kaise milega\x1b[2J"))
    assert ids(found)[0] == "certificate"
    assert all("\x1b" not in reason and "\x07" not in reason for reason in found[0].reasons)
