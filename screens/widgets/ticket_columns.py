"""The queue's columns: what each shows, and which ones fit at a given width.

Columns are dropped by priority when the terminal is narrow (an 80-column terminal keeps
number, urgency, wait, target, participant, ministry, status, assignee and training) and
share the spare width by weight when it is wide.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from rich.cells import cell_len, set_cell_size

from helpdesk.hours.wording import short_duration
from helpdesk.reports.sla import TargetMark
from helpdesk.taxonomy import CATEGORIES, STATUSES, label
from helpdesk.text import clean_line
from helpdesk.tickets import Ticket, Urgency, urgency_of



@dataclass(frozen=True)
class RowFacts:
    """What the screen's worker learned about the rows besides the tickets themselves."""

    rep_names: Mapping[str, str] = field(default_factory=dict)
    target_marks: Mapping[int, TargetMark] = field(default_factory=dict)  # by ticket id


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    min_width: int
    weight: int  # share of spare width; 0 keeps the column at min_width
    priority: int  # lower survives longer on narrow terminals
    value: Callable[[Ticket, datetime, RowFacts], str]
    align_right: bool = False


def row_band(ticket: Ticket, today: date) -> Urgency:
    """``ticket.urgency(today)``, remembered by training date for the lines drawn."""
    return Urgency.NORMAL if ticket.is_done else _band(ticket.training_date, today)


@lru_cache(maxsize=1024)
def _band(training_date: date | None, today: date) -> Urgency:
    # urgency_of() looks the desk's facts up through the config path on every call (a
    # tenth of a millisecond); a repaint asks twice per line, and the answer depends on
    # the two dates only (the urgency windows are shipped facts, not user settings).
    return urgency_of(training_date, today)


def _urgency_mark(ticket: Ticket, now: datetime, names: RowFacts) -> str:
    band = row_band(ticket, now.date())
    return {Urgency.TRAINING_IMMINENT: "!!", Urgency.INSIDE_DEADLINE: "!"}.get(band, "")


def _target(ticket: Ticket, now: datetime, facts: RowFacts) -> str:
    """``⚠ 15:40`` near a target (due then), ``✗ over`` past it; blank otherwise."""
    mark = facts.target_marks.get(ticket.id)
    return mark.label(now) if mark and not ticket.is_done else ""


def _training(ticket: Ticket, now: datetime, names: RowFacts) -> str:
    if ticket.training_date is None:
        return "—"
    days = (ticket.training_date - now.date()).days
    when = {0: "today", 1: "tomorrow"}.get(days, f"{ticket.training_date:%d %b}")
    return when if days >= 0 else f"{ticket.training_date:%d %b} (past)"


COLUMNS = (
    Column("id", "#", 5, 0, 0, lambda t, n, r: str(t.id), align_right=True),
    Column("urgency", "", 2, 0, 0, _urgency_mark),
    Column("wait", "Wait", 7, 0, 1, lambda t, n, r: short_duration(t.waiting(n)), align_right=True),
    Column("target", "Target", 8, 0, 4, _target),
    Column("participant", "Participant", 12, 3, 0, lambda t, n, r: t.participant_name),
    Column("ministry", "Ministry", 12, 3, 2, lambda t, n, r: t.ministry or t.ministry_query or "—"),
    # ``r.rep_names`` maps representatives' e-mails (case-folded) to names; the e-mail shows until loaded.
    Column("rep", "KB rep", 10, 2, 6,
           lambda t, n, r: r.rep_names.get((t.rep_email or "").casefold(), t.rep_email or "—")),
    Column("category", "Category", 10, 2, 5, lambda t, n, r: label(CATEGORIES, t.category)),
    Column("status", "Status", 9, 1, 1, lambda t, n, r: label(STATUSES, t.status)),
    Column("assignee", "Agent", 6, 1, 3, lambda t, n, r: t.assignee or "—"),
    Column("training", "Training", 9, 0, 4, _training),
)
GAP = 1


@lru_cache(maxsize=8)  # asked for by every line drawn, at one or two widths
def layout(width: int) -> list[tuple[Column, int]]:
    """The columns that fit in ``width`` cells, in display order, with their widths."""
    chosen = list(COLUMNS)
    while chosen and sum(c.min_width for c in chosen) + GAP * (len(chosen) - 1) > width:
        chosen.remove(max(chosen, key=lambda c: c.priority))
    spare = width - sum(c.min_width for c in chosen) - GAP * (len(chosen) - 1)
    total_weight = sum(c.weight for c in chosen) or 1
    widths = {c.key: c.min_width + spare * c.weight // total_weight for c in chosen}
    # Hand out what integer division left over, so the row fills the width exactly.
    leftover = width - sum(widths.values()) - GAP * (len(chosen) - 1)
    for column in sorted(chosen, key=lambda c: -c.weight):
        if leftover <= 0 or column.weight == 0:
            break
        widths[column.key] += 1
        leftover -= 1
    return [(column, widths[column.key]) for column in chosen]


def fit(text: str, width: int, align_right: bool = False) -> str:
    """Exactly ``width`` cells: cleaned, cut with an ellipsis, padded (wide scripts aware)."""
    # Plain ASCII with single spaces is already clean and one cell per character: most
    # cells of a line, and a line is drawn for every row on every repaint.
    plain = text.isascii() and text.isprintable() and "  " not in text and text.strip() == text
    if not plain:
        text = clean_line(text)
    length = len(text) if plain else cell_len(text)
    if length > width:
        text = set_cell_size(text, max(width - 1, 0)) + "…"
        length = cell_len(text)
    padding = " " * (width - length)
    return padding + text if align_right else text + padding
