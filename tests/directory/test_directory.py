"""The shipped directory is the annexure as published, and representatives are e-mails."""

from importlib.resources import files

import pytest
from helpers.seeds import annexure_lines

from helpdesk.directory.rows import (
    HEADER,
    Directory,
    DirectoryRow,
    load_published,
    parse_published,
    read_rows,
)


def test_data_file_holds_exactly_the_annexure_rows():
    shipped = files("helpdesk.data").joinpath("directory.tsv").read_text(encoding="utf-8")
    assert shipped.splitlines() == annexure_lines()


def test_published_rows_keep_the_annexure_order_and_spelling():
    rows = load_published()
    printed = annexure_lines()[1:]
    assert len(rows) == len(printed) == 91
    assert ["\t".join(row.fields()) for row in rows] == printed
    assert [row.position for row in rows] == list(range(1, 92))
    # The typos stay: the data file is evidence, not a corrected copy.
    assert rows[0].ministry == "M/o of Law and Justice"
    assert any(row.rep_name == "Akshya Sharma" for row in rows)
    assert any(row.ministry.startswith("D/f ") for row in rows)


def test_a_file_without_the_header_is_refused():
    with pytest.raises(ValueError, match="header"):
        parse_published("D/o Posts\tX\tx@y.in\t9000000000\n")
    with pytest.raises(ValueError, match="fields"):
        parse_published("\t".join(HEADER) + "\nD/o Posts\tX\n")


def test_a_new_database_is_seeded_with_the_annexure(store):
    assert read_rows(store.db) == load_published()
    assert Directory.from_store(store).content_key == Directory.published().content_key


def test_seeding_happens_once(db_path):
    from helpdesk.store.connection import Store

    first = Store.open(db_path)
    with first.transaction() as db:
        db.execute("UPDATE directory SET rep_mobile = '9000000001' WHERE position = 1")
    first.close()
    reopened = Store.open(db_path)
    assert read_rows(reopened.db)[0].rep_mobile == "9000000001"
    reopened.close()


def test_one_representative_per_email():
    directory = Directory.published()
    assert len(directory.representatives) == 7
    akshay = directory.representatives["akshaysharma.kb@karmayogi.in"]
    assert akshay.name == "Akshay Sharma"
    assert akshay.names == ("Akshay Sharma", "Akshya Sharma")
    assert akshay.mobile == "9910210521"
    assert len(akshay.positions) == 13


def test_canonical_name_and_mobile_are_what_most_rows_print():
    directory = Directory.published()
    priyamvada = directory.representatives["priyamvadapallavi.kb@karmayogi.in"]
    assert priyamvada.name == "Priyamvada Pallavi"
    assert set(priyamvada.names) == {"Priyamvada Pallavi", "Primvada Pallavi", "Pawan Pathak"}
    assert priyamvada.mobile == "9315718261"
    assert priyamvada.mobiles == ("9315718261", "8595675447")
    pawan = directory.representatives["pawankpathak.kb@karmayogi.in"]
    assert pawan.name == "Pawan Pathak" and pawan.names == ("Pawan Pathak", "Pawan")


def test_rows_printed_differently_from_their_representative():
    directory = Directory.published()
    differing = [row.ministry for row in directory if directory.printed_differently(row)]
    assert differing == [
        "M/o Statistics & Programme Implementation",
        "D/o Border Management",
        "BPR&D",
        "NSG",
    ]


def test_ties_go_to_the_spelling_printed_first():
    rows = [
        DirectoryRow(1, "A", "Asha Rao", "asha@x.in", "9000000001"),
        DirectoryRow(2, "B", "Aasha Rao", "ASHA@x.in", "9000000002"),
    ]
    person = Directory(rows).representatives["asha@x.in"]
    assert (person.name, person.mobile) == ("Asha Rao", "9000000001")


def test_content_key_changes_with_any_field():
    rows = load_published()
    changed = [*rows[:-1], DirectoryRow(91, rows[-1].ministry, rows[-1].rep_name,
                                        rows[-1].rep_email, "9000000000")]
    assert Directory(rows).content_key != Directory(changed).content_key
    assert Directory(rows).content_key == Directory(reversed(rows)).content_key


def test_every_write_to_the_directory_moves_its_version(store):
    from helpdesk.directory.rows import replace_rows, version

    start = version(store.db)
    with store.transaction() as db:
        db.execute("UPDATE directory SET rep_mobile = rep_mobile WHERE position = 1")
    assert version(store.db) == start + 1
    with store.transaction() as db:
        replace_rows(db, load_published())
    assert version(store.db) > start + 1
