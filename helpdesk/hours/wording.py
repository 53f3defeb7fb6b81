"""Small shared wordings for people: durations and training deadlines.

Used by the CLI and the console alike, so an agent reads the same words in both.
"""

from __future__ import annotations

from datetime import date, timedelta

from helpdesk import desk


def short_duration(span: timedelta) -> str:
    """3m, 2h 05m, 4d 3h: how long something took, at a glance."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}h {minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d {hours}h"


def deadline_lines(training: date | None, today: date) -> list[str]:
    """What the guidelines ask before a training: register 7 days ahead, log in 1-2 days ahead."""
    if training is None:
        return []
    facts = desk.facts()
    register_by = facts.register_by(training)
    first_check, last_check = facts.login_check_days(training)[0], facts.login_check_days(training)[-1]
    days_left = (training - today).days
    if days_left < 0:
        return [f"training was {-days_left} day{'s' if days_left != -1 else ''} ago"]
    lines = [f"register by {register_by:%a %d %b %Y}" + (" — passed" if register_by < today else "")]
    lines.append(f"log in to verify on {first_check:%a %d %b} or {last_check:%a %d %b}")
    if days_left == 0:
        lines.append("training is today: fixing registration today may not be feasible")
    return lines
