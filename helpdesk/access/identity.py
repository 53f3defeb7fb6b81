"""Who is at the keyboard: every change the desk records names its agent."""

from __future__ import annotations

import getpass
import os

from helpdesk.errors import InputError
from helpdesk.text import clean_line

AGENT_ENV = "HELPDESK_AGENT"
MAX_AGENT_NAME = 64


def resolve_agent(flag: str | None) -> str:
    """The agent's name from ``--agent``, ``HELPDESK_AGENT`` or the OS user, in that order."""
    for candidate in (flag, os.environ.get(AGENT_ENV)):
        if candidate is not None and candidate.strip():
            return validate_agent_name(candidate)
    try:
        return validate_agent_name(getpass.getuser())
    except (KeyError, OSError, InputError):
        # No passwd entry (some containers): make the gap visible rather than guess.
        raise InputError(
            "cannot tell who you are: pass --agent NAME or set HELPDESK_AGENT"
        ) from None


def validate_agent_name(name: str) -> str:
    cleaned = clean_line(name)
    if not cleaned:
        raise InputError("the agent name is empty")
    if len(cleaned) > MAX_AGENT_NAME:
        raise InputError(f"the agent name is longer than {MAX_AGENT_NAME} characters")
    return cleaned
