"""What every subcommand shares: which database, which agent, and the store once opened."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helpdesk import locations
from helpdesk.access import identity
from helpdesk.store.connection import Store


@dataclass
class DeskContext:
    db_path: Path
    agent: str
    _store: Store | None = field(default=None, repr=False)

    @classmethod
    def from_options(cls, *, db_path: str | None, agent: str | None) -> DeskContext:
        return cls(db_path=locations.database_path(db_path), agent=identity.resolve_agent(agent))

    @property
    def store(self) -> Store:
        """The database, opened (and created and migrated on first use) when first needed."""
        if self._store is None:
            self._store = Store.open(self.db_path)
        return self._store

    def close(self) -> None:
        """Close the database when the command ends (scripts may run thousands of commands)."""
        if self._store is not None:
            self._store.close()
            self._store = None
