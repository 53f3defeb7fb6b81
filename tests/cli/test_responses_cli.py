"""`helpdesk responses`: list, search, show (the safety gate's exit status) and check."""

import json
from datetime import timedelta

import pytest
from helpers.responses import BROKEN_FILES, GOOD_LOCAL, write_files

from helpdesk import clock
from helpdesk.desk import facts
from helpdesk.responses.dates import say_date
from helpdesk.responses.library import load_library


def test_list_shows_every_response(run_cli):
    result = run_cli("responses", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(load_library())
    assert any(line.startswith("otp-not-received") and "OTP not received" in line for line in lines)


def test_list_in_hindi_and_as_json(run_cli):
    hindi = run_cli("responses", "list", "--lang", "hi")
    assert "ओटीपी प्राप्त नहीं हुआ" in hindi.stdout
    data = json.loads(run_cli("responses", "list", "--json").stdout)
    otp = next(item for item in data if item["id"] == "otp-not-received")
    assert otp["categories"] == ["otp", "app-login"] and otp["languages"] == ["en", "hi"]
    assert otp["titles"]["hi"] == "ओटीपी प्राप्त नहीं हुआ"


def test_show_without_a_ticket_marks_what_is_missing_and_exits_1(run_cli):
    result = run_cli("responses", "show", "otp-not-received")
    assert result.exit_code == 1
    assert result.stdout.startswith("Hello ⟨participant name?⟩,")
    assert "NOT READY to send: missing participant name (--set participant_name=...)" in result.stderr


def test_show_with_every_value_set_is_ready(run_cli):
    result = run_cli("responses", "show", "otp-not-received", "--set", "participant_name=Ravi Kumar")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Hello Ravi Kumar,")
    assert facts().links.nodal_list in result.stdout
    assert result.stderr == ""


def test_show_in_hindi_with_a_training_date(run_cli):
    training = clock.today() + timedelta(days=20)
    result = run_cli("responses", "show", "register-in-time", "--lang", "hi",
                     "--set", "participant_name=आशा", "--set", f"training_date={training:%d/%m/%Y}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("नमस्ते आशा,")
    register_by = say_date(facts().register_by(training), "hi")
    assert f"{register_by} तक पूरी करें" in result.stdout


def test_show_json_says_ready_and_missing(run_cli):
    result = run_cli("responses", "show", "contact-order", "--json", "--set", "participant_name=Ravi")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ready"] is False
    assert [item["name"] for item in data["missing"]] == ["ministry", "rep_name", "rep_email",
                                                          "rep_mobile", "teams_link"]
    assert "⟨Teams link?⟩" in data["text"]


def test_show_keeps_a_hostile_value_as_plain_text(run_cli):
    result = run_cli("responses", "show", "certificate",
                     "--set", "participant_name=[red]Asha[/] \x1b]0;title\x07{rep_name}")
    assert result.exit_code == 0
    assert result.stdout.startswith("Hello [red]Asha[/] {rep_name},")
    assert "\x1b" not in result.stdout


def test_show_falls_back_to_english_and_says_so(run_cli, tmp_path):
    local = write_files(tmp_path / "local", {"local-only-english.toml": GOOD_LOCAL})
    result = run_cli("responses", "--dir", str(local), "show", "local-only-english", "--lang", "hi",
                     "--set", "participant_name=Ravi")
    assert result.exit_code == 0
    assert result.stdout.startswith("Hello Ravi,")
    assert "no Hindi text for local-only-english: showing the English" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--set", "participant_name"], "write NAME=VALUE"),
        (["--set", "nmae=Ravi"], "--set nmae: unknown placeholder"),
        (["--set", "training_date=tomorrow"], "training date: 'tomorrow' is not a date"),
        (["--set", "participant_name="], "no value given for participant name"),
        (["--lang", "ta"], "'ta' is not one of"),
    ],
)
def test_show_bad_input_is_one_line_and_exit_2(run_cli, args, message):
    result = run_cli("responses", "show", "certificate", *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_show_unknown_id_exits_1_with_a_hint(run_cli):
    result = run_cli("responses", "show", "certifcate")
    assert result.exit_code == 1
    assert "did you mean 'certificate'?" in result.stderr


def test_search(run_cli):
    result = run_cli("responses", "search", "praman patra")
    assert result.exit_code == 0 and result.stdout.startswith("certificate  Certificate of completion")
    assert run_cli("responses", "search", "zzqx").exit_code == 1
    data = json.loads(run_cli("responses", "search", "ओटीपी", "--json").stdout)
    assert data[0]["id"] == "otp-not-received"


def test_check_of_the_shipped_library_is_clean(run_cli):
    result = run_cli("responses", "check")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{len(load_library())} responses loaded; 0 errors, 0 warnings"


def test_check_reports_every_broken_local_file(run_cli, tmp_path):
    local = write_files(tmp_path / "local", BROKEN_FILES)
    result = run_cli("responses", "--dir", str(local), "check")
    assert result.exit_code == 1
    for name in BROKEN_FILES:
        assert name in result.stdout, f"{name} not reported"
    for words in ("unknown placeholder '{participant_nmae}'", "duplicate id", "empty steps",
                  "step 2 is empty", "not valid TOML", "missing translation", "unknown categories 'lunch'"):
        assert words in result.stdout
    data = json.loads(run_cli("responses", "--dir", str(local), "check", "--json").stdout)
    assert data["responses"] == len(load_library()) + 2
    assert {problem["source"].rsplit("/", 1)[-1] for problem in data["problems"]} == set(BROKEN_FILES)


def test_the_local_folder_comes_from_the_environment(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("HELPDESK_RESPONSES", str(write_files(tmp_path / "env", BROKEN_FILES)))
    assert run_cli("responses", "check").exit_code == 1
    monkeypatch.delenv("HELPDESK_RESPONSES")
    assert run_cli("responses", "check").exit_code == 0


def test_a_missing_dir_is_bad_input(run_cli, tmp_path):
    result = run_cli("responses", "--dir", str(tmp_path / "nowhere"), "list")
    assert result.exit_code == 2 and "no such folder" in result.stderr

