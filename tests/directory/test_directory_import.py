"""Reading an updated annexure: parse, validate, compare, refuse, apply — all or nothing."""

import sqlite3
from importlib.resources import files

import pytest

from helpdesk.directory.rows import DirectoryRow, load_published, read_rows
from helpdesk.directory.import_rows import (
    DirectoryFileError,
    apply,
    decode,
    diff,
    load,
    parse_annexure,
    problems,
    refuse_if_suspicious,
    validate,
    write_annexure,
)

from helpers.roles import make_supervisor

PUBLISHED_TEXT = files("helpdesk.data").joinpath("directory.tsv").read_text(encoding="utf-8")
PUBLISHED = load_published()


def row(position, ministry, name="Asha Rao", email="asha.kb@karmayogi.in", mobile="9000000001"):
    return DirectoryRow(position, ministry, name, email, mobile)


def test_the_published_tsv_parses_to_the_published_rows():
    assert parse_annexure(PUBLISHED_TEXT) == PUBLISHED
    validate(PUBLISHED)


@pytest.mark.parametrize("file_format", ["tsv", "csv"])
def test_export_and_parse_round_trip(file_format):
    text = write_annexure(PUBLISHED, file_format)
    assert parse_annexure(text) == PUBLISHED
    if file_format == "tsv":
        assert text == PUBLISHED_TEXT
    else:  # the comma in "Micro, Small & Medium" is quoted, not a new column
        assert '"M/o Micro, Small & Medium Enterprises"' in text


def test_header_variants_extra_columns_and_semicolons():
    text = ("S.No.;Ministry / Department;KB Representative;E-mail ID;Mobile No.\n"
            "1;D/o Posts;Asha Rao;asha.kb@karmayogi.in;9000000001\n"
            "\n"
            "2;M/o Coal;Ravi Kumar;ravi.kb@karmayogi.in;9000000002;;\n")
    rows = parse_annexure(text)
    assert rows == [row(1, "D/o Posts"), row(2, "M/o Coal", "Ravi Kumar", "ravi.kb@karmayogi.in", "9000000002")]


def test_cells_keep_their_text_but_lose_control_characters():
    text = "Ministry/Department\tiGOT POC\tEmail\tMobile\nD/o Posts \x1b[31m\tAsha Rao\tasha.kb@karmayogi.in\t9000000001\n"
    assert parse_annexure(text)[0].ministry == "D/o Posts "


@pytest.mark.parametrize(("text", "message"), [
    ("", "is empty"),
    ("\n  \n", "is empty"),
    ("Ministry/Department\tiGOT POC\tEmail\tMobile\n", "no rows"),
    ("Name,Email\nAsha,asha@x.in\n", "no ministry / rep_mobile column"),
    ("Ministry/Department\tiGOT POC\tEmail\tMobile\nD/o Posts\tAsha Rao\tasha@x.in\n", "line 2 has 3 fields"),
    ('Ministry,POC,Email,Mobile\n"D/o Posts,Asha,a@x.in,9000000001\n', "not readable CSV"),
])
def test_malformed_files_are_refused_with_the_reason(text, message):
    with pytest.raises(DirectoryFileError, match=message):
        parse_annexure(text)


def test_decoding():
    assert decode("\ufeffMinistry".encode("utf-8")) == "Ministry"
    with pytest.raises(DirectoryFileError, match="not UTF-8"):
        decode("Mantralaya \xe9".encode("latin-1"))
    with pytest.raises(DirectoryFileError, match="bytes"):
        decode(b"x" * 3_000_000)


def test_every_row_is_validated():
    rows = [
        row(1, "D/o Posts"),
        row(2, " ", email="not-an-email"),
        row(3, "M/o Coal", name="", mobile="12345"),
        row(4, "d/o posts"),
    ]
    found = problems(rows)
    assert any("row 2" in problem and "ministry is empty" in problem for problem in found)
    assert any("row 2" in problem and "not-an-email" in problem for problem in found)
    assert any("row 3" in problem and "representative is empty" in problem for problem in found)
    assert any("row 3" in problem and "12345" in problem for problem in found)
    assert any("row 4" in problem and "same ministry as row 1" in problem for problem in found)
    with pytest.raises(DirectoryFileError, match="5 problem"):
        validate(rows)


def test_diff_names_added_removed_and_changed_rows():
    before = [row(1, "D/o Posts"), row(2, "M/o Coal"), row(3, "BSF")]
    after = [row(1, "M/o Coal"), row(2, "D/o Posts", mobile="9000000009"), row(3, "NSG")]
    changes = diff(before, after)
    assert [r.ministry for r in changes.added] == ["NSG"]
    assert [r.ministry for r in changes.removed] == ["BSF"]
    assert [(c.ministry, c.fields) for c in changes.changed] == [("D/o Posts", ("rep_mobile",))]
    assert changes.unchanged == 1 and changes.reordered and not changes.empty
    assert diff(before, before).empty
    assert changes.to_dict()["changed"][0]["after"]["rep_mobile"] == "9000000009"


def test_a_file_that_would_remove_most_rows_is_refused():
    with pytest.raises(DirectoryFileError, match="remove 89 of the 91"):
        refuse_if_suspicious(PUBLISHED, PUBLISHED[:2])
    refuse_if_suspicious(PUBLISHED, PUBLISHED[:50])  # 41 gone: less than half


def test_load_parses_validates_and_compares():
    text = PUBLISHED_TEXT + "D/o Space\tAsha Rao\tasha.kb@karmayogi.in\t9000000001\n"
    rows, changes = load(text, PUBLISHED)
    assert len(rows) == 92 and [r.ministry for r in changes.added] == ["D/o Space"]


@pytest.fixture
def meera(store):
    """Importing the directory is for supervisors."""
    return make_supervisor(store, "meera")


def test_apply_replaces_the_directory_in_one_transaction(store, meera):
    new_rows = [row(1, "D/o Posts"), row(2, "M/o Coal")]
    apply(store, new_rows, expected_current=PUBLISHED, agent=meera)
    assert read_rows(store.db) == new_rows


def test_apply_refuses_when_the_directory_changed_meanwhile(store, meera):
    with pytest.raises(DirectoryFileError, match="changed while"):
        apply(store, [row(1, "D/o Posts")], expected_current=PUBLISHED[:5], agent=meera)
    assert read_rows(store.db) == PUBLISHED


def test_a_failure_half_way_leaves_nothing_written(store, meera):
    duplicate = [row(1, "D/o Posts"), row(2, "D/o Posts")]  # the table's UNIQUE refuses the second
    with pytest.raises(sqlite3.IntegrityError):
        apply(store, duplicate, agent=meera)
    assert read_rows(store.db) == PUBLISHED
