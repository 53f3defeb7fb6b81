"""The words a response file may use: placeholders, step conditions and languages.

Shared by the loader (which rejects anything else) and the renderer (which fills them),
so a response can only ask for what the renderer knows how to supply.
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "hi")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "hi": "Hindi"}

# name -> what the agent is asked for when the value is missing.
PLACEHOLDERS = {
    # From the ticket and the directory (the caller's ResponseContext).
    "participant_name": "participant name",
    "email": "participant e-mail",
    "ministry": "ministry/department",
    "rep_name": "KB representative name",
    "rep_email": "KB representative e-mail",
    "rep_mobile": "KB representative mobile",
    "training_date": "training date",
    "desk_hours": "desk hours",
    "next_opening": "next opening of the desk",
    # Derived from the training date with the deadlines in data/desk.toml.
    "register_by": "register-by date",
    "login_check_dates": "login-check dates",
    # Fixed facts from data/desk.toml and helpdesk.emails.
    "signup_url": "sign-up URL",
    "portal_url": "portal URL",
    "nodal_list_url": "nodal persons list URL",
    "video_url": "video guide URL",
    "play_store_url": "Play Store URL",
    "teams_link": "Teams link",
    "igot_contact_name": "iGOT contact name",
    "igot_contact_mobile": "iGOT contact mobile",
    "not_approved_message": "iGOT's not-approved message",
}

# Links: chat apps end a link at the first space, and some swallow a following "," "." or
# "।" into it, so a link placeholder must be followed by a space or end its text.
LINK_PLACEHOLDERS = frozenset(
    {"signup_url", "portal_url", "nodal_list_url", "video_url", "play_store_url", "teams_link"}
)

# One pass over the template: a value put in place is never read again as a placeholder.
PLACEHOLDER_PATTERN = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# Anything in braces, to catch misspelt placeholders ({Name}, { email }) in check.
BRACED_PATTERN = re.compile(r"\{[^{}\n]*\}|[{}]")

# Conditions a step may be limited to (`when = "..."` or a list: any one is enough).
# Training-date states are exclusive; "days left" is training date minus today.
CONDITIONS = {
    "training-unknown": "no training date is known",
    "training-known": "a training date is known",
    "register-ahead": "7 or more days left: the register-by date is today or later",
    "register-late": "2 to 6 days left: the register-by date has passed, the login check has not",
    "training-imminent": "the training is today or tomorrow",
    "training-past": "the training date has passed",
    "gov-email": "the participant has a government e-mail (self-registration)",
    "non-gov-email": "the participant has another e-mail (MDO admin approval)",
    "email-unknown": "the registration path is not known",
}

# Date placeholders are only true under some conditions; a step that uses one must be
# limited to them, or it would print a stale date (or none) for other participants.
DATE_GUARDS = {
    "training_date": frozenset(
        {"training-known", "register-ahead", "register-late", "training-imminent", "training-past"}
    ),
    "register_by": frozenset({"register-ahead"}),
    "login_check_dates": frozenset({"register-ahead", "register-late"}),
}


def marker(name: str) -> str:
    """What the agent sees where a value is missing: visible, and never placeholder syntax."""
    return f"⟨{PLACEHOLDERS.get(name, name)}?⟩"
