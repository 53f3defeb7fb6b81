"""The roster: who may change it, what is refused, and that every change is audited."""

from __future__ import annotations

import json

import pytest

from helpdesk.access import agents
from helpdesk.access import audit
from helpdesk.access import roles
from helpdesk.errors import InputError
from helpdesk.access.roles import NotAllowedError

from helpers.roles import make_supervisor


def test_the_database_owner_adds_the_first_supervisor(store):
    change = agents.add(store, "meera", role="supervisor", by="asha")
    assert (change.before, change.after) == (None, "supervisor")
    assert roles.role_of(store.db, "meera") == "supervisor"
    (entry,) = audit.entries(store.db, action_prefix="agents.")
    assert (entry.agent, entry.action, entry.target, entry.before, entry.after) == (
        "asha", "agents.add", "meera", None, {"role": "supervisor"})


def test_only_the_owner_may_start_the_roster(store, monkeypatch):
    monkeypatch.setattr(agents, "is_database_owner", lambda path: False)
    with pytest.raises(NotAllowedError, match=r"no supervisor is set up yet: only the owner of .* may add"):
        agents.add(store, "bala", role="supervisor", by="bala")
    assert agents.roster(store.db) == [] and audit.entries(store.db) == []


def test_after_the_first_supervisor_only_supervisors_manage_roles(store):
    make_supervisor(store, "meera")
    with pytest.raises(NotAllowedError, match=r"only supervisors may add, promote or remove agents; "
                                              r"asha is an agent \(ask meera\)"):
        agents.add(store, "asha", role="supervisor", by="asha")
    with pytest.raises(NotAllowedError):
        agents.remove(store, "meera", by="asha")
    agents.add(store, "bala", role="supervisor", by="meera")
    assert roles.supervisors(store.db) == ["bala", "meera"]


def test_promote_demote_and_remove_are_audited_with_before_and_after(store):
    make_supervisor(store, "meera")
    agents.add(store, "bala", role="agent", by="meera")
    agents.add(store, "bala", role="supervisor", by="meera")
    agents.add(store, "bala", role="agent", by="meera")
    agents.remove(store, "bala", by="meera")
    trail = [(e.action, e.before, e.after) for e in reversed(audit.entries(store.db, action_prefix="agents."))
             if e.target == "bala"]
    assert trail == [
        ("agents.add", None, {"role": "agent"}),
        ("agents.role", {"role": "agent"}, {"role": "supervisor"}),
        ("agents.role", {"role": "supervisor"}, {"role": "agent"}),
        ("agents.remove", {"role": "agent"}, None),
    ]


def test_nothing_changed_is_not_audited(store):
    make_supervisor(store, "meera")
    before = len(audit.entries(store.db))
    assert not agents.add(store, "meera", role="supervisor", by="meera").changed
    assert not agents.remove(store, "nobody", by="meera").changed
    assert len(audit.entries(store.db)) == before


def test_the_last_supervisor_cannot_be_removed_or_demoted(store):
    make_supervisor(store, "meera")
    with pytest.raises(NotAllowedError, match="meera is the only supervisor"):
        agents.remove(store, "meera", by="meera")
    with pytest.raises(NotAllowedError, match="meera is the only supervisor"):
        agents.add(store, "meera", role="agent", by="meera")
    make_supervisor(store, "bala")
    agents.remove(store, "meera", by="bala")
    assert roles.supervisors(store.db) == ["bala"]


@pytest.mark.parametrize("name", ["", "   ", "\x1b[2J", "x" * 65])
def test_bad_names_are_refused_and_nothing_is_written(store, name):
    with pytest.raises(InputError):
        agents.add(store, name, role="agent", by="asha")
    assert agents.roster(store.db) == []


def test_names_are_stored_clean(store):
    agents.add(store, "bala\x1b]0;pwned\x07 ", role="agent", by="asha")
    assert [entry.name for entry in agents.roster(store.db)] == ["bala"]


def test_cli_roster(run_cli, store):
    listed = run_cli("agents", "list")
    assert "Nobody is listed yet" in listed.stdout
    added = run_cli("agents", "add", "asha", "--supervisor")
    assert added.exit_code == 0 and added.stdout.strip() == "added asha as supervisor"
    assert run_cli("agents", "add", "bala").stdout.strip() == "added bala as agent"
    as_json = json.loads(run_cli("agents", "list", "--json").stdout)
    assert [(row["name"], row["role"], row["added_by"]) for row in as_json] == [
        ("asha", "supervisor", "asha"), ("bala", "agent", "asha")]
    refused = run_cli("--agent", "bala", "agents", "add", "bala", "--supervisor")
    assert refused.exit_code == 3
    assert refused.stderr.startswith("helpdesk: error: only supervisors may add, promote or remove agents; "
                                     "bala is an agent (ask asha)")
    assert run_cli("agents", "remove", "asha").exit_code == 3
    assert run_cli("agents", "remove", "bala").stdout.strip() == "removed bala (was agent)"
    assert run_cli("agents", "remove", "bala").stdout.strip() == "bala is not on the roster; nothing changed"
