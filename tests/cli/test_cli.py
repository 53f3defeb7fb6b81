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


def test_a_file_name_the_file_system_refuses_is_one_line(run_cli, tmp_path):
    too_long = tmp_path / ("b" * 300 + ".csv")
    result = run_cli("export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv",
                     "--output", str(too_long))
    assert result.exit_code == 1
    assert result.stderr.startswith("helpdesk: error: file problem: File name too long (")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_backup_name_too_long_is_a_usage_error(run_cli, store, tmp_path):
    from helpers.roles import make_supervisor

    make_supervisor(store, "asha")
    result = run_cli("--agent", "asha", "backup", str(tmp_path / ("a" * 300 + ".db")))
    assert result.exit_code == 2
    assert result.stderr == "helpdesk: error: cannot use that backup name: File name too long\n"
