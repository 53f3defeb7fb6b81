"""When the desk is open: desk hours, the holiday lists and their iCalendar import, desk minutes, and the wording of durations and deadlines."""

__all__ = [
    "calendar_text",
    "desk_minute_index",
    "holiday_changes",
    "holiday_fields",
    "holiday_ical",
    "holiday_import",
    "holidays",
    "ical",
    "schema",
    "status",
    "wording",
]
