"""Property tests: every parser takes any input and either gives a clean value or refuses
with its own error and a message a person can read; nothing else escapes, and nothing it
returns or says carries a control character to the screen."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpdesk import clock, emails, mobiles, tickets
from helpdesk.admin import redaction
from helpdesk.clock import IST, DateParseError
from helpdesk.directory.rows import load_published
from helpdesk.directory.import_rows import DirectoryFileError, decode, load
from helpdesk.errors import InputError
from helpdesk.hours.holiday_import import HolidayFileError, parse_holidays
from helpdesk.access.identity import validate_agent_name
from helpdesk.responses.file_format import parse_response
from helpdesk.tickets.validate import check_fields

from helpers.hostile_text import forbidden_in, hostile_text

SETTINGS = settings(max_examples=150, deadline=None)
any_text = st.one_of(st.text(), hostile_text)
# What a date field might be given: digits and separators in every arrangement, any digits.
date_like = st.one_of(any_text, st.from_regex(r"\A[\d\-/.:T+ Z]{0,25}\Z"),
                      st.from_regex(r"\A\d{1,5}[-/.]\d{1,3}[-/.]\d{1,6}\Z"))


def readable(message: str) -> None:
    assert message.strip() and not forbidden_in(message), repr(message)


@SETTINGS
@given(any_text)
def test_email_classify(raw):
    verdict = emails.classify(raw)
    assert not forbidden_in(verdict.email)
    if verdict.valid:
        assert verdict.email == verdict.email.strip() and "@" in verdict.email and verdict.domain
        assert verdict.path in (emails.SELF_REGISTRATION, emails.MDO_APPROVAL)
    else:
        readable(verdict.error)


@SETTINGS
@given(st.one_of(any_text, st.from_regex(r"\A[+0-9 ()\-.]{0,20}\Z")))
def test_mobile_classify(raw):
    verdict = mobiles.classify(raw)
    if verdict.valid:
        assert len(verdict.mobile) == 10 and verdict.mobile.isascii() and verdict.mobile.isdigit()
        assert verdict.mobile[0] in "6789"
    else:
        readable(verdict.error)


@SETTINGS
@given(date_like)
def test_parse_date(raw):
    try:
        parsed = clock.parse_date(raw)
    except DateParseError as error:
        readable(str(error))
    else:
        assert isinstance(parsed, date)


@SETTINGS
@given(st.one_of(date_like, st.datetimes(timezones=st.timezones()).map(datetime.isoformat)))
@example("0001-01-01T00:00+14:00")  # valid text, but before year 1 once in IST
@example("9999-12-31T23:59-12:00")
def test_parse_datetime(raw):
    try:
        parsed = clock.parse_datetime(raw)
    except DateParseError as error:
        readable(str(error))
    else:
        assert parsed.utcoffset() == timedelta(hours=5, minutes=30)


@SETTINGS
@given(st.one_of(any_text, st.from_regex(r"\A\s*-?\d{0,8}\s*[dwmyDW]?\s*\Z")))
def test_retention_period(raw):
    try:
        period = redaction.parse_period(raw)
    except InputError as error:
        readable(str(error))
    else:
        assert timedelta(days=1) <= period <= timedelta(days=100 * 366)


@SETTINGS
@given(any_text)
def test_agent_names(raw):
    try:
        name = validate_agent_name(raw)
    except InputError as error:
        readable(str(error))
    else:
        assert name and len(name) <= 64 and not forbidden_in(name) and name == " ".join(name.split())


ticket_fields = st.dictionaries(
    st.sampled_from(["participant_name", "email", "mobile", "ministry_query", "category", "channel",
                     "training_date", "question", "language"]),
    st.one_of(any_text, date_like, st.none(),
              st.builds(lambda size, piece: piece + "क" * size, st.integers(99_990, 100_010), hostile_text)),
    max_size=9)


@settings(max_examples=150, deadline=None)
@given(ticket_fields)
def test_ticket_fields(raw):
    check = check_fields(raw, today=date(2026, 11, 23), creating=True)
    for name, value in check.values.items():
        if isinstance(value, str):
            assert not forbidden_in(value.replace("\n", "").replace("\t", "")), (name, value)
    for message in check.errors.values():
        readable(message)
    if "question" in check.values:
        assert len(check.values["question"]) <= 100_000  # refused above the limit, never cut


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=2000), any_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
                 st.lists(st.tuples(st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"), any_text,
                                    st.sampled_from(["gazetted", "restricted", "x"])), max_size=25)
                 .map(lambda rows: ("date,name,kind\n" + "".join(f"{d},{n},{k}\n" for d, n, k in rows))
                      .encode("utf-8", "surrogatepass"))))
def test_holiday_files(content):
    try:
        holiday_list = parse_holidays(content, "fuzz.csv")
    except HolidayFileError as error:
        for problem in error.problems:
            readable(problem)
    else:
        for holiday in holiday_list.holidays:
            assert not forbidden_in(holiday.name)


PUBLISHED = load_published()


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=3000),
                 st.lists(st.lists(any_text, min_size=0, max_size=6), max_size=8).map(
                     lambda rows: ("Ministry/Department\tiGOT POC\tEmail\tMobile\n"
                                   + "".join("\t".join(cells) + "\n" for cells in rows)).encode("utf-8", "replace"))))
def test_directory_files(data):
    try:
        rows, _ = load(decode(data, "fuzz.tsv"), PUBLISHED, "fuzz.tsv")
    except DirectoryFileError as error:
        readable(str(error))
    else:
        for row in rows:
            for cell in row.fields():
                assert not forbidden_in(cell)


toml_value = st.recursive(
    st.one_of(any_text, st.integers(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False)),
    lambda children: st.lists(children, max_size=4), max_leaves=10)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        escaped = "".join(ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}"
                          if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}" for ch in value)
        return f'"{escaped}"'
    return "[" + ", ".join(_toml(item) for item in value) + "]"


response_documents = st.fixed_dictionaries(
    {"id": st.one_of(st.from_regex(r"\A[a-z0-9][a-z0-9-]{1,20}\Z"), any_text)},
    optional={"categories": toml_value, "keywords": toml_value, "rules": toml_value, "extra": toml_value,
              "en": st.dictionaries(st.sampled_from(["title", "intro", "steps", "outro", "x"]), toml_value),
              "hi": st.dictionaries(st.sampled_from(["title", "intro", "steps", "outro"]), toml_value)})


def _document(fields: dict) -> str:
    lines, tables = [], []
    for key, value in fields.items():
        if isinstance(value, dict):
            tables.append(f"[{key}]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in value.items()))
        else:
            lines.append(f"{key} = {_toml(value)}")
    return "\n".join(lines) + "\n" + "\n".join(tables)


@settings(max_examples=200, deadline=None)
@given(st.one_of(any_text, response_documents.map(_document)))
def test_response_files(text):
    response, problems = parse_response(text, "local/fuzz.toml", "fuzz")
    assert response is not None or any(problem.blocking for problem in problems)
    for problem in problems:
        assert problem.message.strip()


@pytest.fixture
def queue_store(store):
    for name, mobile in (("Ravi Kumar", "9810347159"), ("सीता देवी", "9123456780"), ('O"Brien (x)', "")):
        tickets.create(store, {"participant_name": name, "mobile": mobile, "channel": "phone"}, "asha")
    return store


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(any_text, st.lists(st.sampled_from(['"', "*", "(", ")", "NEAR", "AND", "OR", "NOT", ":", "^",
                                                     "-", "+", "ravi", "%", "_", "\\", "#1", "'"]),
                                    max_size=8).map(" ".join)))
def test_queue_search(queue_store, text):
    query = tickets.QueueFilter(search=text, statuses=tickets.ALL_STATUSES)
    total = tickets.count(queue_store.db, query)
    rows = tickets.window(queue_store.db, query, date(2026, 11, 23), 0, 10)
    assert total == len(rows) <= 3


def test_search_still_finds_what_it_should(queue_store):
    def found(text):
        query = tickets.QueueFilter(search=text, statuses=tickets.ALL_STATUSES)
        return [t.id for t in tickets.window(queue_store.db, query, date(2026, 11, 23), 0, 10)]

    assert found("ravi 7159") == [1] and found("सीता") == [2] and found('"Brien') == [3]
    assert found("#2") == [2] and found("ravi\x1b[2J") == [1]


def test_clock_now_is_ist():
    assert clock.now().tzinfo == IST
