"""The lookup's contract: results, warnings from the annexure's flaws, input handling, caching."""

import json

import pytest

from helpdesk.directory.aliases import load_aliases
from helpdesk.desk import facts
from helpdesk.directory.rows import Directory, DirectoryRow, load_published, replace_rows
from helpdesk.errors import InputError
from helpdesk.directory.lookup import Lookup

NODAL_LIST = facts().links.nodal_list


@pytest.fixture(scope="module")
def lookup():
    return Lookup(Directory.published())


def test_a_match_shows_the_representative_of_the_email(lookup):
    (match, *_) = lookup.search("NSG").matches
    assert (match.ministry, match.rep_name, match.rep_email, match.rep_mobile) == (
        "NSG", "Priyamvada Pallavi", "priyamvadapallavi.kb@karmayogi.in", "9315718261")
    # ... and the row as printed, with the flaw, instead of a silent fix.
    assert match.published["rep_name"] == "Primvada Pallavi"
    assert any("Primvada" in warning for warning in match.warnings)


def test_the_bpr_and_d_row_carries_its_contradiction(lookup):
    result = lookup.search("Bureau of Police Research and Development")
    match = result.matches[0]
    assert match.ministry == "BPR&D" and match.rep_name == "Priyamvada Pallavi"
    assert match.rep_mobile == "9315718261"
    assert match.published == {"ministry": "BPR&D", "rep_name": "Pawan Pathak",
                               "rep_email": "priyamvadapallavi.kb@karmayogi.in",
                               "rep_mobile": "8595675447"}
    assert any("Pawan Pathak" in warning and "8595675447" in warning for warning in match.warnings)


def test_a_clean_row_has_no_warnings_and_no_published_copy(lookup):
    match = lookup.search("Ministry of Coal").matches[0]
    assert match.warnings == [] and match.published is None


def test_law_and_justice_warns_that_its_departments_differ(lookup):
    match = lookup.search("Ministry of Law and Justice").matches[0]
    assert match.ministry == "M/o of Law and Justice" and match.rep_name == "Akshay Sharma"
    assert any("different representatives" in warning for warning in match.warnings)


def test_confident_results_say_how_and_have_no_fallback(lookup):
    result = lookup.search("MeitY")
    assert result.confident and result.verdict == "confident" and result.fallback is None
    assert result.matches[0].via == "alias MeitY"
    assert "Muddukrishna AS" in result.reason
    assert lookup.search("ICAR").matches[0].via == "body ICAR"
    assert lookup.search("Rail Mantralaya").matches[0].via == "Hindi name"
    assert lookup.search("Ministry of Defence").matches[0].via == "group Ministry of Defence"
    assert lookup.search("D/o Posts").matches[0].via == "name"


def test_one_representative_behind_several_rows_is_confident(lookup):
    result = lookup.search("Ministry of Defence")
    assert result.confident
    assert {match.ministry for match in result.matches} == {
        "D/o Defence", "D/o Defence Production", "D/o Defence Research & Development",
        "D/o Ex-Servicemen Welfare", "D/o Military Affairs"}
    assert "same representative" in result.reason


def test_disagreeing_candidates_are_not_confident(lookup):
    result = lookup.search("Law")
    assert result.verdict == "ambiguous" and not result.confident
    assert {match.rep_name for match in result.matches} == {"Akshay Sharma", "Nidhi"}
    assert result.fallback == NODAL_LIST
    assert "Akshay Sharma" in result.reason and "Nidhi" in result.reason


def test_bodies_not_in_the_directory_point_to_the_nodal_list(lookup):
    result = lookup.search("ISRO")
    assert result.verdict == "not-in-directory" and not result.confident
    assert result.not_in_directory == "Department of Space"
    assert result.fallback == NODAL_LIST and "nodal contact list" in result.reason
    crpf = lookup.search("CRPF")
    assert "Ministry of Home Affairs" in crpf.reason
    assert crpf.matches[0].ministry == "D/o Home"
    assert crpf.matches[0].via == "parent of Central Reserve Police Force (CRPF)"
    assert crpf.matches[0].score < 100


def test_weak_matches_are_not_confident(lookup):
    result = lookup.search("xyz rural")
    assert result.verdict == "ambiguous" and "weak" in result.reason
    assert result.matches[0].ministry == "D/o Rural Development"


def test_a_place_in_the_query_is_mentioned(lookup):
    result = lookup.search("AIIMS Delhi")
    assert result.confident and result.matches[0].ministry == "D/o Health & Family Welfare"
    assert "state or UT government" in result.reason


@pytest.mark.parametrize("query", ["", "   ", "\x1b[2J", "Ministry of", "Department"])
def test_empty_queries_are_no_match(lookup, query):
    result = lookup.search(query)
    assert result.verdict == "no-match" and result.matches == [] and result.fallback == NODAL_LIST


def test_user_text_is_cleaned_and_bounded(lookup):
    result = lookup.search("\x1b]52;c;ZXZpbA==\x07Ministry  of\tCoal\n")
    assert result.query == "Ministry of Coal" and result.confident
    assert len(lookup.search("coal " * 500).query) <= 200


@pytest.mark.parametrize("limit", [0, -1, True, 2.5, "3"])
def test_limit_must_be_a_positive_integer(lookup, limit):
    with pytest.raises(InputError, match="limit"):
        lookup.search("Coal", limit=limit)


def test_limit_caps_the_matches(lookup):
    assert len(lookup.search("Development", limit=3).matches) == 3
    assert len(lookup.search("Development", limit=50).matches) > 5


def test_to_dict_is_the_cli_contract(lookup):
    payload = lookup.search("DoF").to_dict()
    assert {"query", "confident", "matches", "verdict", "reason", "fallback"} <= set(payload)
    for match in payload["matches"]:
        assert {"ministry", "rep_name", "rep_email", "rep_mobile", "score", "via", "warnings",
                "published"} <= set(match)
        assert isinstance(match["score"], float)
    scores = [match["score"] for match in payload["matches"]]
    assert scores == sorted(scores, reverse=True)
    json.dumps(payload, ensure_ascii=False)


def test_from_store_is_cached_by_directory_content(store):
    first = Lookup.from_store(store)
    assert Lookup.from_store(store) is first
    with store.transaction() as db:
        rows = load_published()
        changed = [*rows[:-1], DirectoryRow(91, "M/o Tourism", "Asha Rao", "asha.kb@karmayogi.in", "9000000001")]
        replace_rows(db, changed)
    second = Lookup.from_store(store)
    assert second is not first
    assert second.search("Ministry of Tourism").matches[0].rep_name == "Asha Rao"


def test_a_body_added_to_the_annexure_is_no_longer_unlisted():
    rows = [*load_published(), DirectoryRow(92, "D/o Space", "Asha Rao", "asha.kb@karmayogi.in", "9000000001")]
    lookup = Lookup(Directory(rows), load_aliases())
    result = lookup.search("Department of Space")
    assert result.confident and result.matches[0].rep_name == "Asha Rao"
    assert lookup.search("ISRO").matches[0].rep_name == "Asha Rao"  # its other names follow


def test_a_directory_without_aliases_still_routes_by_name():
    rows = [DirectoryRow(1, "D/o Posts", "Asha Rao", "asha.kb@karmayogi.in", "9000000001"),
            DirectoryRow(2, "M/o Coal", "Ravi Kumar", "ravi.kb@karmayogi.in", "9000000002")]
    lookup = Lookup(Directory(rows), load_aliases())
    assert lookup.search("Department of Posts").matches[0].rep_name == "Asha Rao"
    assert lookup.search("Coal").matches[0].rep_name == "Ravi Kumar"




def test_from_store_notices_a_change_made_by_another_agent(db_path, store):
    import sqlite3

    assert Lookup.from_store(store).search("Ministry of Tourism").matches[0].rep_name == "Rakshanda Thakur"
    other = sqlite3.connect(db_path)  # another console's connection
    with other:
        other.execute("UPDATE directory SET rep_name = 'Asha Rao', rep_email = 'asha.kb@karmayogi.in' "
                      "WHERE ministry = 'M/o Tourism'")
    other.close()
    assert Lookup.from_store(store).search("Ministry of Tourism").matches[0].rep_name == "Asha Rao"
