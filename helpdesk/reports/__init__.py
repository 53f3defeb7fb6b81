"""Figures about the desk: the day's and month's reports, time on clocks and targets (SLA), the handover, exports with personal data masked."""

__all__ = [
    "clocks",
    "data",
    "exports",
    "figures",
    "handover",
    "handover_format",
    "layout",
    "markdown",
    "periods",
    "privacy",
    "queue_marks",
    "schema",
    "sla",
]
