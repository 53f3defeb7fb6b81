"""The database: opening it (owner-only file, WAL, one connection per thread) and the migrations that shape it."""

__all__ = [
    "connection",
    "migrations",
]
