"""Looking after a desk's data: backup and restore, the doctor's checks, redaction (erasure) and sync from a shared source."""

__all__ = [
    "backup",
    "doctor",
    "redaction",
    "restore",
    "schema",
    "sync_changes",
    "sync_fetch",
]
