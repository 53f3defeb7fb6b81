"""Every realistic query in tests/directory/lookup_cases.tsv routes as the desk expects.

One test per line of the table, so a failure names the query. The table is data: add a
line to add a case (categories, columns and verdicts are described at its top).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpdesk.directory.rows import Directory
from helpdesk.directory.lookup import Lookup

CASES_FILE = Path(__file__).with_name("lookup_cases.tsv")
VERDICTS = {"ambiguous", "not-in-directory", "no-match"}


def load_cases() -> list[dict]:
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


CASES = load_cases()


@pytest.fixture(scope="module")
def lookup() -> Lookup:
    return Lookup(Directory.published())


def test_the_table_is_big_and_covers_every_class():
    assert len(CASES) >= 150
    categories = {case["category"] for case in CASES}
    assert {"abbreviation", "body under a department", "typo", "word order", "partial name",
            "Hindi (Latin script)", "Devanagari", "ministry-level grouping", "ambiguous",
            "not in directory", "garbage"} <= categories
    for case in CASES:
        assert case["expect"] in VERDICTS or case["expect"].endswith("@karmayogi.in"), case


@pytest.mark.parametrize("case", CASES, ids=[f"{c['category']}: {c['query']}" for c in CASES])
def test_query_routes_as_expected(lookup, case):
    result = lookup.search(case["query"], limit=10)
    emails = [match.rep_email for match in result.matches]
    expect, detail = case["expect"], case["detail"]
    summary = f"{result.verdict}: {result.reason} {emails[:4]}"
    if expect not in VERDICTS:
        assert result.verdict == "confident", summary
        assert result.confident and result.fallback is None
        assert emails[0] == expect, summary
        return
    assert result.verdict == expect, summary
    assert not result.confident and result.fallback, summary
    if expect == "ambiguous":
        for email in filter(None, detail.split("|")):
            assert email in emails, summary
    elif expect == "not-in-directory":
        assert result.not_in_directory == detail, summary
    else:
        assert result.matches == [], summary
