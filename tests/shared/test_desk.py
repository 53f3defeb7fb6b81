from datetime import date, time

from helpdesk.desk import facts


def test_desk_facts_from_the_guidelines():
    desk = facts()
    assert desk.open_weekdays == {0, 1, 2, 3, 4}
    assert (desk.opens, desk.closes) == (time(9, 0), time(17, 0))
    assert desk.links.nodal_list == "https://igotkarmayogi.gov.in/#/mdoList#mdoUserList"
    assert desk.links.signup == "https://portal.igotkarmayogi.gov.in/public/signup"
    assert desk.igot_contact_mobile == "9810347159"


def test_deadlines_count_back_from_the_training_date():
    desk = facts()
    training = date(2026, 12, 4)
    assert desk.register_by(training) == date(2026, 11, 27)
    assert desk.login_check_days(training) == (date(2026, 12, 2), date(2026, 12, 3))


def test_hours_text():
    assert facts().hours_text() == "Mon–Fri, 09:00–17:00 IST, except government holidays"


def test_the_teams_link_comes_from_the_user_config(tmp_path, monkeypatch):
    import pytest

    from helpdesk import config

    assert facts().links.teams == ""  # not in the guidelines: never invented
    path = tmp_path / "desk-config.toml"
    config.write_private(path, '[desk]\nteams_link = "https://teams.example/l/meetup-join/desk"\n')
    monkeypatch.setenv("HELPDESK_CONFIG", str(path))
    assert facts().links.teams == "https://teams.example/l/meetup-join/desk"
    bad = tmp_path / "bad.toml"
    config.write_private(bad, '[desk]\nteams_link = "javascript:alert(1)"\n')
    monkeypatch.setenv("HELPDESK_CONFIG", str(bad))
    with pytest.raises(config.ConfigError, match="https://"):
        facts()
