"""The Textual console's glue: the App and the session facade its screens call from worker threads."""

__all__ = [
    "app",
    "escalation_calls",
    "session",
]
