"""Dates as a reply says them, in English and Hindi, and where a training date stands today.

The training-date states follow the guidelines: register at least 7 days before the
training; log in 1–2 days before it; "resolving registration issues on the day of the
training may not be feasible". The day counts come from data/desk.toml, not from here.
"""

from __future__ import annotations

from datetime import date

from helpdesk.desk import DeskFacts, facts

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "hi": ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्तूबर",
           "नवंबर", "दिसंबर"),
}
WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "hi": ("सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार"),
}
RELATIVE = {"en": {0: "today", 1: "tomorrow"}, "hi": {0: "आज", 1: "कल"}}
OR = {"en": " or ", "hi": " या "}


def training_state(training: date | None, today: date, desk: DeskFacts | None = None) -> str:
    """One of the exclusive training-date conditions of response_vocab.CONDITIONS."""
    if training is None:
        return "training-unknown"
    desk = desk or facts()
    days_left = (training - today).days
    if days_left < 0:
        return "training-past"
    if days_left <= 1:
        return "training-imminent"
    if desk.register_by(training) >= today:
        return "register-ahead"
    return "register-late"


def days_left(training: date, today: date) -> int:
    return (training - today).days


def say_date(day: date, language: str, today: date | None = None) -> str:
    """'Fri 4 Dec 2026' / 'शुक्रवार, 4 दिसंबर 2026', with '(today)' or '(tomorrow)' when so."""
    months, weekdays = MONTHS.get(language, MONTHS["en"]), WEEKDAYS.get(language, WEEKDAYS["en"])
    if language == "hi":
        text = f"{weekdays[day.weekday()]}, {day.day} {months[day.month - 1]} {day.year}"
    else:
        text = f"{weekdays[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"
    if today is not None:
        relative = RELATIVE.get(language, RELATIVE["en"]).get((day - today).days)
        if relative:
            text += f" ({relative})"
    return text


def say_dates(days: list[date], language: str, today: date | None = None) -> str:
    return OR.get(language, OR["en"]).join(say_date(day, language, today) for day in days)


def say_hours(language: str, desk: DeskFacts | None = None) -> str:
    """The desk's hours from data/desk.toml, in the reply's language."""
    desk = desk or facts()
    if language != "hi":
        return desk.hours_text()
    first, last = min(desk.open_weekdays), max(desk.open_weekdays)
    days = WEEKDAYS["hi"]
    return (f"{days[first]} से {days[last]}, {desk.opens:%H:%M}–{desk.closes:%H:%M} बजे (IST), "
            "सरकारी अवकाश के दिनों को छोड़कर")
