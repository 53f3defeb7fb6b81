"""The shipped library covers the seeds' situations; broken local files are reported, not fatal."""

import re

import pytest
from helpers.responses import BROKEN_FILES, GOOD_LOCAL, write_files

from helpdesk.desk import facts
from helpdesk.errors import InputError, NotFoundError
from helpdesk.responses.model import Step
from helpdesk.responses.vocab import PLACEHOLDER_PATTERN
from helpdesk.responses.library import load_library, shipped_dir
from helpdesk.taxonomy import CATEGORIES, codes

DEVANAGARI = re.compile(r"[\u0900-\u097f]")


@pytest.fixture(scope="module")
def library():
    return load_library()


def all_texts(response, language):
    translation = response.translations[language]
    return [translation.title, translation.intro, translation.outro,
            *(step.text for step in translation.steps)]


def test_the_shipped_library_has_no_problems(library):
    assert [str(problem) for problem in library.problems()] == []
    assert len(library) == len([e for e in shipped_dir().iterdir() if e.name.endswith(".toml")])
    assert len(library) >= 12  # "the same dozen situations", at least


def test_every_response_is_in_english_and_hindi(library):
    for response in library:
        assert response.languages == ("en", "hi"), response.id
        hindi = " ".join(all_texts(response, "hi"))
        assert DEVANAGARI.search(response.translations["hi"].title), response.id
        assert len(DEVANAGARI.findall(hindi)) > len(hindi) / 3, f"{response.id}: mostly not Hindi"


def test_every_category_has_a_response_that_leads_with_it(library):
    leading = {response.categories[0] for response in library}
    assert leading >= set(codes(CATEGORIES))


@pytest.mark.parametrize(
    "response_id, phrases",
    [
        # Each situation the seeds describe, with the words that must be in its reply.
        ("gov-email-self-registration", ["No further approval is required", "immediately",
                                         "organisation"]),
        ("non-gov-email-mdo-approval", ["pending until your Ministry/Department/Organisation (MDO)",
                                        "Contact your MDO admin for registration and approval",
                                        "The MDO admin will register you", "start early"]),
        ("domain-not-approved", ["{not_approved_message}", "Request for help", "48 hours", "MDO admin"]),
        ("bulk-upload-ministry", ["MDO portal", "MDO admin and/or your Karmayogi Bharat (KB) representative"]),
        ("bulk-upload-organisation", ["existing MDO portal of their Ministry or Department",
                                      "help set up a new portal"]),
        ("nodal-persons", ["{nodal_list_url}", "private e-mail IDs"]),
        ("register-in-time", ["at least 7 days", "1–2 days before the training", "approvals",
                              "Resolving registration issues on the day of the training may not be feasible"]),
        ("certificate", ["Only successfully registered participants", "every module", "every assessment",
                         "automatically", "dashboard", "PDF"]),
        ("app-install-login", ["Google Play Store", "official app", "fake or third-party",
                               "Login through OTP", "{play_store_url}"]),
        ("otp-not-received", ["Wait for a few minutes", "network connectivity", "Try again"]),
        ("mobile-not-registered", ["Contact your department", "update your mobile number"]),
        ("profile-change", ["Some profile details can be edited", "approval from your nodal officer",
                            "wrong department"]),
        ("find-course", ["length of service", "department's requirement", "PDF"]),
        ("web-or-app-free", ["completely free", "web browser", "better usability"]),
        ("contact-order", ["{igot_contact_name}", "{igot_contact_mobile}", "{rep_name}", "{nodal_list_url}",
                           "{teams_link}", "{desk_hours}", "{video_url}"]),
        ("desk-hours", ["{desk_hours}", "{next_opening}", "{teams_link}"]),
        ("registration-overview", ["{signup_url}", "@gov.in", "MDO admin", "mandatory"]),
    ],
)
def test_each_situation_of_the_seeds_has_its_reply(library, response_id, phrases):
    english = " ".join(all_texts(library.get(response_id), "en"))
    for phrase in phrases:
        assert phrase in english, f"{response_id} lacks {phrase!r}"


def test_contact_order_follows_the_guidelines_order(library):
    steps = [step.text for step in library.get("contact-order").translations["en"].steps]
    order = ["{igot_contact_name}", "{rep_name}", "{nodal_list_url}", "{teams_link}", "{video_url}"]
    assert [next(i for i, text in enumerate(steps) if name in text) for name in order] == list(range(5))


def test_links_and_numbers_come_from_the_desk_facts_never_from_the_files(library):
    desk = facts()
    values = [desk.links.signup, desk.links.nodal_list, desk.links.video_guide, desk.links.portal,
              desk.igot_contact_mobile, "http", "www."]
    for response in library:
        for language in response.languages:
            for text in all_texts(response, language):
                assert not any(value in text for value in values), (response.id, text)


def test_day_counts_in_the_texts_agree_with_the_desk_deadlines(library):
    desk = facts()
    for response in library:
        english = " ".join(all_texts(response, "en"))
        for days in re.findall(r"at least (\d+) days", english):
            assert int(days) == desk.register_days_before, response.id
        for first, last in re.findall(r"(\d)–(\d) days before", english):
            assert sorted((int(first), int(last))) == sorted(desk.login_check_days_before)


def test_no_markdown_that_teams_would_garble(library):
    for response in library:
        for language in response.languages:
            for text in all_texts(response, language):
                assert "**" not in text and "`" not in text and not text.lstrip().startswith("#")


def test_keywords_speak_the_participants_languages(library):
    for response in library:
        latin = [k for k in response.keywords if not DEVANAGARI.search(k)]
        hindi = [k for k in response.keywords if DEVANAGARI.search(k)]
        assert len(latin) >= 5 and len(hindi) >= 3, response.id


def test_date_placeholders_only_in_steps_limited_to_when_they_are_known(library):
    for response in library:
        for language in response.languages:
            translation = response.translations[language]
            for text in (translation.intro, translation.outro, translation.title):
                assert not {"training_date", "register_by", "login_check_dates"} & set(
                    PLACEHOLDER_PATTERN.findall(text))


def test_get_unknown_id_names_the_closest(library):
    with pytest.raises(NotFoundError, match="did you mean 'otp-not-received'"):
        library.get("otp-not-recieved")


def test_a_local_addition_is_loaded_after_the_shipped_ones(tmp_path):
    library = load_library(write_files(tmp_path / "local", {"local-only-english.toml": GOOD_LOCAL}))
    assert library.all()[-1].id == "local-only-english"
    assert "certificate" in library
    problems = [str(problem) for problem in library.problems()]
    assert problems == ["%s (local-only-english): warning: missing translation: no [hi] Hindi text; "
                        "agents get the English instead" % (tmp_path / "local" / "local-only-english.toml")]


def test_a_missing_extra_folder_is_no_problem(tmp_path):
    assert len(load_library(tmp_path / "absent")) == len(load_library())


def test_an_extra_path_that_is_a_file_is_bad_input(tmp_path):
    (tmp_path / "file.toml").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        load_library(tmp_path / "file.toml")


@pytest.fixture
def broken(tmp_path):
    directory = write_files(tmp_path / "broken", BROKEN_FILES)
    library = load_library(directory)
    by_file = {}
    for problem in library.problems():
        by_file.setdefault(problem.source.rsplit("/", 1)[-1], []).append(problem)
    return library, by_file


@pytest.mark.parametrize(
    "file_name, blocking, message",
    [
        ("unknown-placeholder.toml", True, "[en] step 1: unknown placeholder '{participant_nmae}'"),
        ("certificate-copy.toml", True, "duplicate id: responses/certificate.toml already has 'certificate'"),
        ("empty-steps.toml", True, "[en] empty steps"),
        ("blank-step.toml", True, "[en] step 2 is empty"),
        ("malformed.toml", True, "not valid TOML"),
        ("unknown-category.toml", True, "unknown categories 'lunch'"),
        ("unknown-condition.toml", True, "unknown condition 'soon-ish'"),
        ("empty-steps.toml", False, "missing translation: no [hi] Hindi text"),
        ("bad-hindi.toml", True, "[hi] step 1: unknown placeholder '{signup_link}'; the Hindi text is not used"),
        ("unguarded-date.toml", False, "{register_by} is only known when register-ahead"),
    ],
)
def test_each_broken_file_is_reported_clearly(broken, file_name, blocking, message):
    _, by_file = broken
    found = [p for p in by_file.get(file_name, []) if message in p.message]
    assert found, f"{file_name}: {[p.message for p in by_file.get(file_name, [])]}"
    assert all(problem.blocking is blocking for problem in found)


def test_broken_files_are_left_out_and_the_rest_still_loads(broken):
    library, _ = broken
    assert len(load_library()) + 2 == len(library)  # bad-hindi and unguarded-date stay
    assert library.get("bad-hindi").languages == ("en",)
    assert library.get("certificate").source == "responses/certificate.toml"
    for left_out in ("unknown-placeholder", "empty-steps", "blank-step", "malformed",
                     "unknown-category", "unknown-condition"):
        assert left_out not in library


def test_a_link_must_end_its_text_or_be_followed_by_a_space(tmp_path):
    local = write_files(tmp_path / "local", {"links.toml": '''
id = "links"
categories = ["other"]
keywords = ["x"]
[en]
title = "Links"
steps = ["Open {signup_url}, then {video_url}", "Open {portal_url} now ({nodal_list_url})."]
'''})
    library = load_library(local)
    assert "links" in library, "a warning only: the reply still works"
    warnings = [p.message for p in library.problems() if p.response_id == "links" and not p.blocking]
    assert any("step 1: {signup_url} is followed by ','" in w for w in warnings)
    assert any("step 2: {nodal_list_url} is followed by ')'" in w for w in warnings)
    assert not any("{video_url}" in w or "{portal_url}" in w for w in warnings)


def test_step_conditions_are_read_from_a_string_or_a_list(library):
    steps = library.get("register-in-time").translations["en"].steps
    assert Step in {type(step) for step in steps}
    assert ("register-ahead", "register-late") in {step.when for step in steps}
    assert ("training-past",) in {step.when for step in steps}
