"""Helpers for putting user text on screen literally."""

from __future__ import annotations

from textual.content import Content

from helpdesk.text import clean


def literal(text: str | None, placeholder: str = "—") -> Content:
    """User text as Content that is never parsed as markup, with control codes removed."""
    return Content(clean(text or "") or placeholder)
