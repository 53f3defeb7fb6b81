import pytest

from helpdesk.access import audit
from helpdesk.access import roles


def test_audit_entries_are_recorded_with_the_change(store):
    with store.transaction() as db:
        audit.record(db, "asha", "directory.import", target="annexure.tsv",
                     before={"rows": 91}, after={"rows": 92}, note="new row for D/o Space")
    (entry,) = audit.entries(store.db)
    assert (entry.agent, entry.action, entry.before, entry.after) == ("asha", "directory.import",
                                                                      {"rows": 91}, {"rows": 92})


def test_audit_entry_rolls_back_with_a_failed_change(store):
    with pytest.raises(RuntimeError), store.transaction() as db:
        audit.record(db, "asha", "holidays.import")
        raise RuntimeError("the change failed")
    assert audit.entries(store.db) == []


def test_audit_log_is_append_only(store):
    with store.transaction() as db:
        audit.record(db, "asha", "export.pii")
    with pytest.raises(Exception, match="cannot be changed"):
        store.db.execute("UPDATE audit_log SET agent = 'mallory'")
    with pytest.raises(Exception, match="cannot be deleted"):
        store.db.execute("DELETE FROM audit_log")


def test_prefix_filter(store):
    with store.transaction() as db:
        audit.record(db, "asha", "directory.import")
        audit.record(db, "asha", "holidays.import")
        audit.record(db, "asha", "directory_x.odd")
    assert [e.action for e in audit.entries(store.db, action_prefix="directory.")] == ["directory.import"]


def test_refusal_names_who_may(store):
    with pytest.raises(roles.NotAllowedError, match="no supervisor is set up yet"):
        roles.require_supervisor(store.db, "asha", "import holidays")
    with store.transaction() as db:
        db.execute("INSERT INTO agents (name, role, added_at, added_by) VALUES ('meera', 'supervisor', 'x', 'x')")
    with pytest.raises(roles.NotAllowedError, match="only supervisors may import holidays; asha is an agent "
                                                    r"\(ask meera\)"):
        roles.require_supervisor(store.db, "asha", "import holidays")
    roles.require_supervisor(store.db, "meera", "import holidays")


def test_database_owner(store):
    assert roles.is_database_owner(store.path)
