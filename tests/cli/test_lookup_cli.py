"""`helpdesk lookup`: the stable contract other tools script against."""

import json

import pytest

CONTRACT_KEYS = {"query", "confident", "matches"}
MATCH_KEYS = {"ministry", "rep_name", "rep_email", "rep_mobile", "score"}


def test_json_is_one_object_with_the_contract_keys(run_cli):
    result = run_cli("lookup", "MeitY", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert CONTRACT_KEYS | {"verdict", "reason", "fallback"} <= set(payload)
    assert payload["confident"] is True
    best = payload["matches"][0]
    assert MATCH_KEYS | {"via", "warnings"} <= set(best)
    assert best["rep_email"] == "muddukrishnaas.kb@karmayogi.in"


def test_json_keeps_devanagari_readable(run_cli):
    result = run_cli("lookup", "डाक विभाग", "--json")
    payload = json.loads(result.stdout)
    assert payload["query"] == "डाक विभाग" and "डाक" in result.stdout
    assert payload["matches"][0]["ministry"] == "D/o Posts"


def test_limit_caps_the_matches(run_cli):
    payload = json.loads(run_cli("lookup", "Development", "--json", "--limit", "2").stdout)
    assert len(payload["matches"]) == 2 and payload["confident"] is False


def test_people_get_a_verdict_line_a_table_and_warnings(run_cli):
    result = run_cli("lookup", "BPR&D")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Confident: BPR&D")
    assert "representative" in lines[1] and "e-mail" in lines[1]
    assert "Priyamvada Pallavi" in lines[2] and "9315718261" in lines[2]
    assert any("as printed" in line and "Pawan Pathak" in line for line in lines)
    assert any(line.strip().startswith("warning [BPR&D]:") and "8595675447" in line for line in lines)
    assert not any("nodal" in line for line in lines)


def test_a_warning_shared_by_several_matches_is_said_once(run_cli):
    lines = run_cli("lookup", "MoT").stdout.splitlines()  # Textiles and Tourism: one person
    surname = [line for line in lines if "rakshandasingh" in line and "warning" in line]
    assert len(surname) == 1 and "rows above" in surname[0]


def test_not_confident_answers_point_to_the_nodal_list(run_cli):
    result = run_cli("lookup", "ISRO")
    assert result.stdout.startswith("Not in the directory: Department of Space")
    assert "MDO nodal contact list: https://igotkarmayogi.gov.in/#/mdoList#mdoUserList" in result.stdout
    assert run_cli("lookup", "Law").stdout.startswith("Not sure:")
    assert run_cli("lookup", "qwerty uiop").stdout.startswith("No match:")


def test_terminal_escapes_in_the_query_never_reach_the_screen(run_cli):
    result = run_cli("lookup", "\x1b]0;pwned\x07Coal\x1b[2J")
    assert "\x1b" not in result.stdout and "Confident" in result.stdout


def test_batch_mode_answers_every_line_in_order(run_cli):
    queries = ["MeitY", "", "ISRO", "   ", "रक्षा मंत्रालय", "Law"]
    result = run_cli("lookup", "-", input="\n".join(queries) + "\n")
    assert result.exit_code == 0
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [answer["query"] for answer in answers] == ["MeitY", "", "ISRO", "", "रक्षा मंत्रालय", "Law"]
    assert [answer["verdict"] for answer in answers] == [
        "confident", "no-match", "not-in-directory", "no-match", "confident", "ambiguous"]


def test_batch_mode_handles_windows_line_ends_and_a_missing_last_newline(run_cli):
    result = run_cli("lookup", "-", "--limit", "1", input="CBDT\r\nICAR")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [answer["matches"][0]["rep_email"] for answer in answers] == ["nidhi.kb@karmayogi.in"] * 2
    assert all(len(answer["matches"]) == 1 for answer in answers)


def test_batch_mode_survives_a_byte_that_is_not_utf8(run_cli):
    result = run_cli("lookup", "-", input=b"Coal\nMinistry of Tou\xffrism\nNSG\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 3 and "\ufffd" in answers[1]["query"]
    assert answers[2]["matches"][0]["ministry"] == "NSG"


def test_help_explains_batch_mode(run_cli):
    help_text = " ".join(run_cli("lookup", "--help").stdout.split())
    assert "JSON Lines" in help_text and "blank line" in help_text


@pytest.mark.parametrize("args", [
    ("lookup", "Coal", "--limit", "0"),
    ("lookup", "Coal", "--limit", "-3"),
    ("lookup", "Coal", "--limit", "many"),
    ("lookup", ""),
    ("lookup", "  \t "),
    ("lookup",),
])
def test_bad_arguments_are_one_line_and_exit_2(run_cli, args):
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("helpdesk: error:") and result.stderr.count("\n") == 1
    assert result.stdout == ""
