"""Dates and durations as the desk writes them: "Wed 25 Nov 2026", "2h 13m".

Names come from tables here, not strftime, whose %a and %b follow the machine's locale:
an agent's console in a Hindi locale would otherwise print a different header.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def weekday_name(day: date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


def day_label(day: date, with_year: bool = True) -> str:
    """``Wed 25 Nov 2026`` (or ``Wed 25 Nov``)."""
    label = f"{WEEKDAY_NAMES[day.weekday()][:3]} {day.day} {MONTH_ABBREVIATIONS[day.month - 1]}"
    return f"{label} {day.year}" if with_year else label


def clock_label(moment: datetime) -> str:
    """``09:00 IST`` for a moment already in IST."""
    return f"{moment:%H:%M} IST"


def duration_text(span: timedelta) -> str:
    """``45m``, ``2h 13m``, ``3d 16h``; minutes rounded up, so "in 1m" until the moment itself."""
    minutes = max(0, math.ceil(span.total_seconds() / 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m"
