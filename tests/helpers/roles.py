"""Setting up supervisors in tests the way a desk does: through helpdesk.access.agents."""

from __future__ import annotations

from helpdesk.access import agents
from helpdesk.access import roles
from helpdesk.store.connection import Store


def make_supervisor(store: Store, name: str = "meera") -> str:
    """List ``name`` as a supervisor (the test process owns the database file)."""
    existing = roles.supervisors(store.db)
    agents.add(store, name, role=roles.SUPERVISOR, by=existing[0] if existing else name)
    return name
