import os
import stat

import pytest

from helpdesk import config


def test_missing_file_is_an_empty_configuration(tmp_path):
    loaded = config.load(tmp_path / "nope.toml")
    assert loaded.raw == {} and loaded.section("sla") == {}


def test_private_file_is_read(tmp_path):
    path = tmp_path / "config.toml"
    config.write_private(path, '[sla]\nfirst_response_minutes = 30\n')
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert config.load(path).section("sla") == {"first_response_minutes": 30}


def test_readable_by_others_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[teams]\nwebhook = 'https://example.invalid/secret'\n")
    path.chmod(0o644)
    with pytest.raises(config.ConfigError, match="chmod 600"):
        config.load(path)


def test_broken_toml_says_so(tmp_path):
    path = tmp_path / "config.toml"
    config.write_private(path, "[sla\n")
    with pytest.raises(config.ConfigError, match="not valid TOML"):
        config.load(path)


def test_a_section_must_be_a_table(tmp_path):
    path = tmp_path / "config.toml"
    config.write_private(path, 'sla = 5\n')
    with pytest.raises(config.ConfigError, match=r"\[sla\] must be a table"):
        config.load(path).section("sla")


def test_rewriting_an_existing_file_makes_it_private(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("old")
    path.chmod(0o644)
    config.write_private(path, "new")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and path.read_text() == "new"
