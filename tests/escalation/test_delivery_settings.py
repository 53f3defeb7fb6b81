"""Delivery settings: defaults, the environment over the file, and a webhook that stays secret."""

from __future__ import annotations

import pickle

import pytest

from helpdesk import config
from helpdesk.escalation import delivery_settings
from helpdesk.config import ConfigError
from helpdesk.escalation.secret_url import SecretUrl, check_web_url, mask_url, redact

URL = "https://prod-07.centralindia.logic.azure.com:443/workflows/0a1b2c3d4e/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sig=AbC123secretSIG"


def load(tmp_path, text: str = "", env: dict | None = None):
    path = tmp_path / "config.toml"
    config.write_private(path, text)
    return delivery_settings.load(config.load(path), environ=env or {})


def test_defaults_without_a_file(tmp_path):
    settings = delivery_settings.load(config.load(tmp_path / "none.toml"), environ={})
    assert settings.webhook is None and settings.webhook_source == "not set"
    assert settings.participant_contact == "masked"
    assert settings.max_per_second == 4 and settings.lease_seconds > settings.longest_request_seconds


def test_environment_overrides_the_file(tmp_path):
    settings = load(tmp_path, '[teams]\nwebhook_url = "https://file.example/hook/12345678"\n',
                    {"HELPDESK_TEAMS_WEBHOOK": URL})
    assert settings.webhook.reveal() == URL and settings.webhook_source == "environment"
    from_file = load(tmp_path, '[teams]\nwebhook_url = "https://file.example/hook/12345678"\n')
    assert from_file.webhook_source == "config file"


@pytest.mark.parametrize("url, reason", [
    ("http://teams.example/hook", "https"),
    ("ftp://teams.example/hook", "https"),
    ("not a url", "https"),
    ("https://teams.example/ho ok", "spaces"),
])
def test_unusable_webhook_is_refused_without_repeating_it(tmp_path, url, reason):
    with pytest.raises(ConfigError, match=reason) as caught:
        load(tmp_path, env={"HELPDESK_TEAMS_WEBHOOK": url})
    assert url not in str(caught.value)


def test_plain_http_is_allowed_to_this_machine_only():
    assert check_web_url("http://127.0.0.1:8080/hook", "x") == "http://127.0.0.1:8080/hook"
    assert check_web_url("http://localhost/hook", "x")
    assert check_web_url("http://[::1]:9/hook", "x")


@pytest.mark.parametrize("text, message", [
    ('[teams]\nparticipant_contact = "everything"\n', "participant_contact must be one of"),
    ("[outbox]\nread_timeout_seconds = 0\n", "between"),
    ('[outbox]\nmax_attempts = "ten"\n', "whole number"),
    ("[outbox]\nmax_attempts = 2.5\n", "whole number"),
    ("[outbox]\nlease_seconds = 10\n", "lease_seconds"),
    ("[teams]\nwebhook_url = 5\n", "must be a string"),
])
def test_bad_values_name_the_setting(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load(tmp_path, text)


def test_secret_url_prints_masked_everywhere():
    secret = SecretUrl(URL)
    for shown in (str(secret), repr(secret), f"{secret}", secret.masked):
        assert "AbC123secretSIG" not in shown and "0a1b2c3d4e" not in shown
    assert str(secret) == "https://prod-07.centralindia.logic.azure.com:443/…"
    with pytest.raises(TypeError):
        pickle.dumps(secret)


def test_redact_removes_the_url_and_its_parts():
    secret = SecretUrl(URL)
    echoed = (f"error at {URL}; path /workflows/0a1b2c3d4e/triggers/manual/paths/invoke; "
              "signature AbC123secretSIG")
    cleaned = redact(echoed, secret)
    assert "AbC123secretSIG" not in cleaned and "0a1b2c3d4e" not in cleaned
    assert redact("nothing here", secret) == "nothing here"


def test_mask_url_of_garbage_does_not_fail():
    assert mask_url("http://[::1") == "(a URL, hidden)"


def test_config_show_masks_the_webhook(run_cli, monkeypatch):
    monkeypatch.setenv("HELPDESK_TEAMS_WEBHOOK", URL)
    for args in (("config", "show"), ("config", "show", "--json")):
        result = run_cli(*args)
        assert result.exit_code == 0
        assert "AbC123secretSIG" not in result.stdout + result.stderr
        assert "prod-07.centralindia.logic.azure.com" in result.stdout


def test_config_error_is_one_line_exit_1(run_cli, monkeypatch):
    monkeypatch.setenv("HELPDESK_TEAMS_WEBHOOK", "http://teams.example/" + "secretpath")
    result = run_cli("config", "show")
    assert result.exit_code == 1 and "must use https" in result.stderr
    assert "secretpath" not in result.stderr
