"""The README and CI promise things; these tests keep the promises true."""

from helpdesk.cli import COMMANDS
from helpers.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    lines = README.splitlines()
    assert lines[0].startswith("```"), "the README must open with the set-up commands"
    block = lines[1 : lines.index("```", 1)]
    return block


def test_readme_opens_with_exactly_two_commands():
    run, test = readme_commands()
    assert run.endswith("helpdesk")
    assert test.endswith("pytest")


def test_ci_runs_the_readme_test_command():
    _, test = readme_commands()
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci_script.splitlines()


def test_every_command_is_documented(run_cli):
    for name in COMMANDS:
        assert f"`helpdesk {name}" in README, f"{name} is missing from the README"
        result = run_cli(name, "--help")
        assert result.exit_code == 0 and result.stdout.strip()
