"""Reading holiday files: CSV, validation of the list, and hostile input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk.errors import InputError
from helpdesk.hours.holiday_import import (
    MAX_FILE_BYTES,
    HolidayFileError,
    parse_holidays,
    read_file,
)
from helpers.holiday_files import csv_text, year_rows


def parse(text: str | bytes):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return parse_holidays(content, "test.csv")


def refusal(text: str | bytes) -> HolidayFileError:
    with pytest.raises(HolidayFileError) as caught:
        parse(text)
    return caught.value


def test_a_complete_year_is_read_with_its_source_and_caveat():
    comments = "# source: DoPT OM of 2027\n# caveat: from a mirror\n# caveat: not checked\n# other"
    holiday_list = parse(csv_text(year_rows(2028), comments=comments))
    assert holiday_list.format == "csv"
    assert holiday_list.years == (2028,)
    assert len(holiday_list.holidays) == 19
    assert holiday_list.source == "DoPT OM of 2027"
    assert holiday_list.caveat == "from a mirror not checked"
    republic = holiday_list.in_year(2028)[2]
    assert (republic.day, republic.name, republic.kind) == (date(2028, 1, 26), "Republic Day", "gazetted")


def test_header_case_spaces_bom_crlf_and_quoted_commas_are_accepted():
    rows = year_rows(2028)
    rows[1] = ("2028-03-10", "Id-ul-Fitr, also Eid", "gazetted")
    text = csv_text(rows, header=" Date , NAME ,Kind").replace("\n", "\r\n")
    holiday_list = parse(b"\xef\xbb\xbf" + text.encode())
    assert "Id-ul-Fitr, also Eid" in {h.name for h in holiday_list.holidays}


def test_several_years_in_one_file():
    holiday_list = parse(csv_text(year_rows(2028) + year_rows(2029, restricted=0)))
    assert holiday_list.years == (2028, 2029)
    assert len(holiday_list.in_year(2029)) == 17


@pytest.mark.parametrize(
    "bad_row, expected",
    [
        ("2028-02-30,Leap,gazetted", "'2028-02-30' is not a real date"),
        ("30/01/2028,Day first,gazetted", "not a date in the form YYYY-MM-DD"),
        ("2028-05-05,,gazetted", "the name is empty"),
        ("2028-05-05,1234,gazetted", "has no letters"),
        ("2028-05-05,Holiday,closed", "kind 'closed' is neither gazetted nor restricted"),
        ("2028-05-05,Holiday", "expected 3 fields"),
        ("1999-05-05,Old,gazetted", "outside 2000-2099"),
        ('2028-05-05,"unclosed,gazetted', "not valid CSV"),
    ],
)
def test_bad_rows_are_refused_with_their_line(bad_row, expected):
    text = csv_text(year_rows(2028)) + bad_row + "\n"
    error = refusal(text)
    line_number = text.count("\n")
    assert error.problems == [f"line {line_number}: " + error.problems[0].split(": ", 1)[1]]
    assert expected in error.problems[0]
    assert str(error).endswith("nothing was imported")
    assert isinstance(error, InputError) and error.exit_code == 2


def test_every_problem_is_collected_and_counted_in_one_line():
    text = csv_text(year_rows(2028)) + "2028-02-30,A,gazetted\n2028-05-05,B,maybe\n"
    error = refusal(text)
    assert len(error.problems) == 2
    assert "(and 1 more problems)" in str(error)
    assert "\n" not in str(error)


def test_duplicates_are_refused():
    rows = year_rows(2028)
    error = refusal(csv_text(rows + [rows[0]]))
    assert error.problems == ["2028-01-26 'Republic Day' is listed 2 times"]


def test_same_day_and_name_with_two_kinds_is_a_duplicate():
    error = refusal(csv_text(year_rows(2028) + [("2028-01-26", "Republic Day", "restricted")]))
    assert "listed 2 times" in error.problems[0]


def test_a_year_with_too_few_gazetted_holidays_looks_partial():
    error = refusal(csv_text(year_rows(2028)[:5]))
    assert any("2028 has 5 gazetted holidays" in p and "looks partial" in p for p in error.problems)


def test_a_year_with_too_many_gazetted_holidays_is_refused():
    extra = [(f"2028-07-{n:02}", f"Extra {n}", "gazetted") for n in range(1, 10)]
    error = refusal(csv_text(year_rows(2028) + extra))
    assert error.problems == ["2028 has 26 gazetted holidays, more than any real list (at most 25)"]


def test_a_list_without_the_national_days_is_not_a_central_list():
    rows = [row for row in year_rows(2028) if row[0] != "2028-08-15"]
    rows.append(("2028-08-14", "Independence Day", "gazetted"))
    error = refusal(csv_text(rows))
    assert error.problems == [
        "2028 has no gazetted holiday on 2028-08-15 (Independence Day), which every central list has"
    ]


def test_restricted_only_file_is_refused_because_it_would_replace_the_year():
    rows = [(f"2028-0{m}-10", f"RH {m}", "restricted") for m in range(1, 10)]
    assert "0 gazetted holidays" in refusal(csv_text(rows)).problems[0]


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (bytes(range(256)) * 4, "a binary file"),
        (b"date,name,kind\n2028-01-26,Caf\xe9,gazetted\n", "not UTF-8 text (byte 0xe9 at offset 29)"),
        (b"\x89PNG\r\n\x1a\n", "not UTF-8 text (byte 0x89 at offset 0)"),
        (b"\x1b[2J\x1b]0;title\x07junk\n", "line 1 is 'junk'"),
        (b"# only comments\n", "no header row"),
        (b"date,name,kind\n", "a header but no holidays"),
        (b"day,holiday\n2028-01-26,Republic Day\n", "neither an iCalendar file"),
    ],
)
def test_junk_is_refused_with_a_reason(content, expected):
    assert expected in str(refusal(content))


@pytest.mark.parametrize(
    "name",
    [
        "Holi\x1b]0;owned\x07",  # OSC: retitles the terminal
        "Holi\x1b[2J",  # CSI: clears the screen
        "Holi\u202eilOH",  # bidi override
        "Holi\x85",  # C1 next-line
        "Holi\x9b31m",  # 8-bit CSI
    ],
)
def test_escape_sequences_in_names_are_refused_not_stripped(name):
    rows = year_rows(2028)
    rows[2] = ("2028-03-23", name, "gazetted")
    error = refusal(csv_text(rows))
    assert "control characters or terminal escape sequences" in str(error)
    assert "\x1b" not in str(error) and "\u202e" not in str(error)


def test_escape_sequences_in_a_source_comment_are_refused():
    error = refusal(csv_text(year_rows(2028), comments="# source: \x1b]52;c;ZWNobw==\x07"))
    assert "line 1: control characters" in error.problems[0]


def test_an_overlong_name_is_refused():
    rows = year_rows(2028)
    rows[2] = ("2028-03-23", "H" * 301, "gazetted")
    assert "301 characters long" in str(refusal(csv_text(rows)))


def test_huge_content_is_refused_before_decoding():
    content = b"date,name,kind\n" + b"x" * (MAX_FILE_BYTES + 1)
    assert "larger than" in str(refusal(content))


def test_read_file_stops_at_the_limit_without_reading_everything(tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 10))
    with pytest.raises(HolidayFileError, match="larger than 512 KB"):
        read_file(big)
    with pytest.raises(HolidayFileError, match="larger than"):
        read_file("/dev/zero")  # endless: only the limit is read


def test_read_file_errors_are_one_line_input_errors(tmp_path):
    with pytest.raises(InputError, match="cannot read .*missing.csv: No such file"):
        read_file(tmp_path / "missing.csv")
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)


# -- fuzzing: whatever arrives, the answer is a list or a HolidayFileError, never a crash --

CSV_START = b"date,name,kind\n"
ICAL_START = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2028"


def parses_or_refuses(content: bytes) -> None:
    try:
        parse_holidays(content, "fuzz")
    except HolidayFileError as error:
        assert error.problems and "\n" not in str(error)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_never_crash(content):
    parses_or_refuses(content)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([CSV_START, ICAL_START, b""]), st.text(max_size=2000))
def test_random_text_after_a_plausible_start_never_crashes(start, text):
    parses_or_refuses(start + text.encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=30), st.text(max_size=12)),
                max_size=30))
def test_random_csv_rows_never_crash(rows):
    parses_or_refuses(csv_text(rows).encode("utf-8", "surrogatepass"))
