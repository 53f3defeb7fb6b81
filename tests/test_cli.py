def test_unknown_command_is_one_line_and_exit_2(run_cli):
    result = run_cli("frobnicate")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("helpdesk: error:")


def test_missing_argument_is_exit_2(run_cli):
    result = run_cli("email")
    assert result.exit_code == 2
    assert "ADDRESS" in result.stderr


def test_help_lists_commands(run_cli):
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "email" in result.stdout
