import json


def test_new_prints_the_created_ticket(run_cli):
    result = run_cli("ticket", "new", "--name", "Ravi Kumar", "--email", "ravi@nic.in",
                     "--mobile", "+91 98103 47159", "--category", "otp",
                     "--training-date", "2026-12-04", "--json")
    assert result.exit_code == 0, result.stderr
    ticket = json.loads(result.stdout)
    assert ticket["id"] == 1 and ticket["mobile"] == "9810347159"
    assert ticket["registration_path"] == "self-registration"
    assert ticket["created_by"] == "asha"


def test_invalid_input_is_exit_2_and_writes_nothing(run_cli):
    result = run_cli("ticket", "new", "--name", "Ravi", "--mobile", "12")
    assert result.exit_code == 2
    assert result.stderr.startswith("helpdesk: error: mobile:")
    assert json.loads(run_cli("ticket", "list", "--status", "all", "--json").stdout) == []
    assert run_cli("ticket", "new", "--name", "Ravi", "--category", "nope").exit_code == 2


def test_list_filters_and_json(run_cli):
    run_cli("ticket", "new", "--name", "A")
    run_cli("ticket", "new", "--name", "B", "--claim")
    listed = json.loads(run_cli("ticket", "list", "--status", "open", "--json").stdout)
    assert [t["participant_name"] for t in listed] == ["B"]
    unassigned = json.loads(run_cli("ticket", "list", "--unassigned", "--json").stdout)
    assert [t["participant_name"] for t in unassigned] == ["A"]
    text = run_cli("ticket", "list").stdout
    assert text.startswith("2 tickets")


def test_work_a_ticket_from_the_command_line(run_cli):
    run_cli("ticket", "new", "--name", "Sita")
    assert json.loads(run_cli("ticket", "claim-next", "--json").stdout)["assignee"] == "asha"
    assert run_cli("ticket", "claim-next").exit_code == 1
    assert run_cli("ticket", "note", "1", "called back").exit_code == 0
    assert run_cli("ticket", "status", "1", "waiting-mdo").exit_code == 0
    result = run_cli("ticket", "resolve", "1", "--outcome", "referred-mdo", "--note", "sent nodal list", "--json")
    assert json.loads(result.stdout)["status"] == "resolved"
    shown = json.loads(run_cli("ticket", "show", "1", "--json").stdout)
    assert [e["kind"] for e in shown["history"]] == ["created", "claimed", "note", "status", "resolved"]


def test_conflicting_save_exit_1_and_shows_the_change(run_cli):
    run_cli("ticket", "new", "--name", "Sita")
    assert run_cli("ticket", "edit", "1", "--set", "question=first", "--version", "1").exit_code == 0
    refused = run_cli("ticket", "edit", "1", "--set", "question=second", "--version", "1")
    assert refused.exit_code == 1
    assert "changed by asha" in refused.stderr and "question: — -> first" in refused.stderr


def test_user_text_cannot_drive_the_terminal(run_cli):
    run_cli("ticket", "new", "--name", "Evil\x1b]0;owned\x07 Name", "--question", "\x1b[2Jhi")
    shown = run_cli("ticket", "show", "1").stdout
    assert "\x1b" not in shown and "Evil Name" in shown


def test_missing_ticket_is_a_clear_error(run_cli):
    result = run_cli("ticket", "show", "99")
    assert result.exit_code == 1 and "no ticket #99" in result.stderr


def test_ministry_is_routed_through_the_lookup(run_cli):
    sure = json.loads(run_cli("ticket", "new", "--name", "Ravi", "--ministry", "dak vibhag", "--json").stdout)
    assert (sure["ministry"], sure["rep_email"]) == ("D/o Posts", "priyamvadapallavi.kb@karmayogi.in")
    assert sure["ministry_query"] == "dak vibhag"
    unsure = run_cli("ticket", "new", "--name", "Sita", "--ministry", "law", "--json")
    assert unsure.exit_code == 0
    assert json.loads(unsure.stdout)["ministry"] is None
    assert "ministry not set" in unsure.stderr and "D/o Legal Affairs" in unsure.stderr
