"""The handover as Markdown: a short "do first" list, then every open ticket by who it waits on."""

from __future__ import annotations

from datetime import date

from helpdesk.reports import markdown
from helpdesk.hours.calendar_text import day_label
from helpdesk.reports.handover import GROUP_TITLES, LIST_LIMIT, Handover, HandoverItem, training_text
from helpdesk.reports.layout import desk_time
from helpdesk.reports.sla import NEAR, PAST
from helpdesk.taxonomy import STATUSES, codes, label

_TARGET_WORDS = {PAST: "past target", NEAR: "near target"}


def handover_markdown(handover: Handover) -> str:
    at, today = handover.at, handover.at.date()
    past = sum(1 for item in handover.items if item.target_state == PAST)
    lines = [f"# Handover: {day_label(today)}, {at:%H:%M} IST", "",
             f"From {markdown.escape(handover.agent)}. {_desk_line(handover)}",
             f"Today: {handover.opened_today} logged, {handover.resolved_today} resolved. "
             f"Open now: {len(handover.items)}, {past} past a target.", "", "## Do first", ""]
    if not handover.items:
        lines.append("Nothing is open: nothing to hand over.")
    for number, item in enumerate(handover.do_first, start=1):
        lines += _do_first_lines(number, item, today)
    if handover.items:
        lines += ["", "## Open tickets, by who they wait on"]
    for group, title in GROUP_TITLES.items():
        items = handover.group(group)
        if items:
            lines += ["", f"### {title} ({len(items)})", "", *_group_table(items, today)]
            if len(items) > LIST_LIMIT:
                more = f"…and {len(items) - LIST_LIMIT} more"
                lines += ["", f"{more}: `helpdesk ticket list --status {group}`."
                          if group in codes(STATUSES) else f"{more}: `helpdesk ticket list`."]
    return "\n".join(lines) + "\n"


def _desk_line(handover: Handover) -> str:
    status, following = handover.status, handover.next_open
    opens = f"{day_label(following.date())} {following:%H:%M} IST" if following else "(not known)"
    if status.open and status.closes_at:
        return f"The desk closes at {status.closes_at:%H:%M} IST and next opens {opens}."
    return f"The desk is closed: {status.reason}; it next opens {opens}."


def _group_table(items: list[HandoverItem], today: date) -> list[str]:
    return markdown.table(
        ["#", "Participant", "Ministry", "Training", "Desk clock", "Target", "Agent"],
        [[str(item.ticket.id), markdown.escape(item.ticket.participant_name),
          _ministry(item.ticket),
          training_text(item.ticket, today), desk_time(item.clocks.resolution.desk_minutes),
          _TARGET_WORDS.get(item.target_state, "—"), markdown.escape(item.ticket.assignee)]
         for item in items[:LIST_LIMIT]],
        right=[0])


def _do_first_lines(number: int, item: HandoverItem, today: date) -> list[str]:
    ticket = item.ticket
    facts = [label(STATUSES, ticket.status)]
    if ticket.training_date is not None:
        facts.insert(0, f"training {training_text(ticket, today)}")
    if item.target_state in _TARGET_WORDS:
        facts.append(_TARGET_WORDS[item.target_state])
    lines = [f"{number}. **#{ticket.id} {markdown.escape(ticket.participant_name)}**, "
             f"{_ministry(ticket)}: {' · '.join(facts)}",
             f"   - Next: {markdown.escape(item.next_step)}"]
    if item.last_note:
        lines.append(f"   - Last note: {markdown.escape(item.last_note[:160])}")
    return lines


def _ministry(ticket) -> str:
    """The directory's ministry, or what the participant said (marked as such)."""
    if ticket.ministry:
        return markdown.escape(ticket.ministry)
    if ticket.ministry_query:
        return f"{markdown.escape(ticket.ministry_query)} (as said)"
    return "ministry not known"
