"""The Teams post for an escalation: an Adaptive Card in a Workflows webhook message.

Shape from Microsoft's webhook documentation: ``{"type": "message", "attachments":
[{"contentType": "application/vnd.microsoft.card.adaptive", "content": {AdaptiveCard}}]}``.
Teams refuses messages over 28 KB, and one library measured about 21 KB as the practical
ceiling, so cards are kept under 20 KB: the free-text parts are shortened until it fits.

Card text is a Markdown subset in Teams, so what agents and participants typed is
escaped: a name like ``[click](https://…)`` shows as typed instead of becoming a link.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from helpdesk.escalation.message import NODAL, EscalationCase, facts, trimmed
from helpdesk.text import clean

MAX_PAYLOAD_BYTES = 28 * 1024  # Teams' documented limit
CARD_BUDGET_BYTES = 20 * 1024  # what we aim for, below the ~21 KB seen in practice

# Only what makes emphasis, links or code: escaping every punctuation mark would show
# backslashes in clients that render less Markdown than CommonMark.
_MARKDOWN = re.compile(r"([\\`*_\[\]()~])")


def md_literal(text: str) -> str:
    """User text for a TextBlock: control characters gone, Markdown characters escaped."""
    return _MARKDOWN.sub(r"\\\1", clean(text))


def _text(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def card(case: EscalationCase, *, contact: str) -> dict[str, Any]:
    title = ("Escalation: nodal person needed" if case.target == NODAL
             else "Escalation to the KB representative")
    body: list[dict[str, Any]] = [
        _text(f"{title} · {md_literal(case.notification_id)}", weight="Bolder", size="Medium"),
        _text(f"For {md_literal(case.addressee)}"),
        {"type": "FactSet", "facts": [{"title": md_literal(name), "value": md_literal(value)}
                                      for name, value in facts(case, contact=contact)]},
        _text("What is needed", weight="Bolder", spacing="Medium"),
        _text(md_literal(case.needed)),
    ]
    if case.steps_tried:
        body.append(_text("Steps tried by the desk", weight="Bolder", spacing="Medium"))
        body += [_text(f"• {md_literal(step)}", spacing="None") for step in case.steps_tried]
    body.append(_text(f"If this card appears twice it is the same escalation "
                      f"({md_literal(case.notification_id)}): delivery is retried until Teams "
                      "confirms it.", isSubtle=True, size="Small", spacing="Medium"))
    content: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
    }
    if case.target == NODAL:
        content["actions"] = [{"type": "Action.OpenUrl", "title": "Nodal persons list",
                               "url": case.nodal_list}]
    return {"type": "message", "attachments": [
        {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None,
         "content": content}]}


def payload_size(payload: dict[str, Any]) -> int:
    """Bytes as posted (the outbox stores and sends exactly this compact UTF-8 JSON)."""
    return len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def fitted_card(case: EscalationCase, *, contact: str) -> dict[str, Any]:
    """The card, with the free text shortened step by step until it is within budget."""
    for limit in (None, 2000, 800, 300, 100):
        shortened = case if limit is None else replace(
            case, needed=trimmed(case.needed, limit),
            steps_tried=tuple(trimmed(step, limit // 2) for step in case.steps_tried[:4]))
        payload = card(shortened, contact=contact)
        if payload_size(payload) <= CARD_BUDGET_BYTES:
            return payload
    raise ValueError("the escalation card cannot be made small enough for Teams")
