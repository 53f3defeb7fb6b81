"""Turn a response into the reply an agent pastes into the Teams chat.

The safety gate: a placeholder that cannot be filled is never blanked. It shows as a
visible marker (``⟨training date?⟩``), is listed in ``missing``, and the reply is not
``ready``; ``text_to_send()`` refuses it. The agent supplies the value with ``fill()``,
which renders again from the template (never by editing the rendered text), so a value
can neither land in the wrong spot nor inject another placeholder.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from helpdesk.clock import DateParseError, parse_date
from helpdesk.desk import facts
from helpdesk.emails import MDO_APPROVAL, NOT_APPROVED_MESSAGE, SELF_REGISTRATION
from helpdesk.errors import HelpdeskError, InputError
from helpdesk.responses.dates import say_date, say_dates, say_hours, training_state
from helpdesk.responses.model import Response, Step
from helpdesk.responses.vocab import LANGUAGES, PLACEHOLDER_PATTERN, PLACEHOLDERS, marker
from helpdesk.text import clean_line

# Values the agent types into a reply (in fill or --set) are one line, and short enough
# never to swamp the chat; longer input is almost certainly a paste into the wrong field.
MAX_VALUE_LENGTH = 300


class ReplyNotReady(HelpdeskError):
    """A reply with unfilled placeholders was about to be sent."""


@dataclass(frozen=True, kw_only=True)
class ResponseContext:
    """What the desk knows about the participant. Every value may be missing (None)."""

    today: date
    participant_name: str | None = None
    email: str | None = None
    registration_path: str | None = None  # helpdesk.emails SELF_REGISTRATION / MDO_APPROVAL
    ministry: str | None = None
    rep_name: str | None = None
    rep_email: str | None = None
    rep_mobile: str | None = None
    training_date: date | None = None
    desk_hours_text: str | None = None  # None: the hours in data/desk.toml, in the reply language
    next_opening_text: str | None = None
    language: str = "en"

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise InputError(f"language {self.language!r} is not one of {', '.join(LANGUAGES)}")
        if self.registration_path not in (None, SELF_REGISTRATION, MDO_APPROVAL):
            raise InputError(f"registration path {self.registration_path!r} is not "
                             f"{SELF_REGISTRATION!r} or {MDO_APPROVAL!r}")


@dataclass(frozen=True)
class RenderedReply:
    text: str
    language_used: str
    fell_back_to_english: bool
    missing: list[str]  # placeholder names, in order of first appearance
    warnings: list[str] = field(default_factory=list)
    # What it was rendered from, so fill() can render it again.
    response: Response | None = field(default=None, repr=False, compare=False)
    context: ResponseContext | None = field(default=None, repr=False, compare=False)
    overrides: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ready(self) -> bool:
        return not self.missing

    def missing_fields(self) -> list[tuple[str, str]]:
        """(placeholder name, what to ask the agent for), in order of appearance."""
        return [(name, PLACEHOLDERS[name]) for name in self.missing]

    def text_to_send(self) -> str:
        """The text to copy or log as sent; refuses while anything is missing."""
        if not self.ready:
            wanted = ", ".join(label for _, label in self.missing_fields())
            raise ReplyNotReady(f"the reply is not ready: fill in {wanted} first")
        return self.text

    def to_dict(self) -> dict:
        return {
            "id": self.response.id if self.response else None,
            "language": self.language_used,
            "fell_back_to_english": self.fell_back_to_english,
            "ready": self.ready,
            "missing": [{"name": name, "label": label} for name, label in self.missing_fields()],
            "warnings": list(self.warnings),
            "text": self.text,
        }


def active_conditions(context: ResponseContext) -> frozenset[str]:
    """The step conditions (response_vocab.CONDITIONS) that hold for this participant."""
    state = training_state(context.training_date, context.today)
    found = {state}
    if context.training_date is not None:
        found.add("training-known")
    found.add({SELF_REGISTRATION: "gov-email", MDO_APPROVAL: "non-gov-email"}
              .get(context.registration_path, "email-unknown"))
    return frozenset(found)


def placeholder_values(context: ResponseContext, language: str) -> dict[str, str | None]:
    """Every placeholder's value for this context (None: not known), cleaned for one line."""
    desk = facts()
    today, training = context.today, context.training_date
    register_by = desk.register_by(training) if training else None
    check_days = [day for day in desk.login_check_days(training) if day >= today] if training else []
    values: dict[str, str | None] = {
        "participant_name": context.participant_name,
        "email": context.email,
        "ministry": context.ministry,
        "rep_name": context.rep_name,
        "rep_email": context.rep_email,
        "rep_mobile": context.rep_mobile,
        "training_date": say_date(training, language, today) if training else None,
        # A deadline that has passed is not a deadline to tell anyone: left unfilled.
        "register_by": (say_date(register_by, language, today)
                        if register_by and register_by >= today else None),
        "login_check_dates": say_dates(check_days, language, today) if check_days else None,
        "desk_hours": context.desk_hours_text or say_hours(language, desk),
        "next_opening": context.next_opening_text,
        "signup_url": desk.links.signup,
        "portal_url": desk.links.portal,
        "nodal_list_url": desk.links.nodal_list,
        "video_url": desk.links.video_guide,
        "play_store_url": desk.links.play_store_search,
        # The guidelines print "[Teams Link](#)": unknown until the desk configures it.
        "teams_link": desk.links.teams,
        "igot_contact_name": desk.igot_contact_name,
        "igot_contact_mobile": desk.igot_contact_mobile,
        "not_approved_message": NOT_APPROVED_MESSAGE,
    }
    return {name: _clean_value(value) for name, value in values.items()}


def render(response: Response, context: ResponseContext,
           overrides: Mapping[str, str] | None = None) -> RenderedReply:
    """The reply in the context's language (English when there is no translation)."""
    agent_values: dict[str, str] = {}
    for name, value in (overrides or {}).items():
        _check_name(name)
        agent_values[name] = _agent_value(name, value)
    if "training_date" in agent_values:
        # A date, not text: the register-by and login-check dates, and the steps that
        # depend on them, follow it.
        training = _parse_training(agent_values.pop("training_date"))
        context = dataclasses.replace(context, training_date=training)
    language, translation = response.translation(context.language)
    values = placeholder_values(context, language)
    values.update(agent_values)
    conditions = active_conditions(context)
    missing: list[str] = []

    def substitute(template: str) -> str:
        def one(match) -> str:
            name = match.group(1)
            value = values.get(name)
            if value is None:
                if name not in missing:
                    missing.append(name)
                return marker(name)
            return value

        return PLACEHOLDER_PATTERN.sub(one, template)

    blocks = []
    if translation.intro:
        blocks.append(substitute(translation.intro))
    shown = [step for step in translation.steps if _applies(step, conditions)]
    blocks.append("\n".join(f"{number}. {substitute(step.text)}"
                            for number, step in enumerate(shown, 1)))
    if translation.outro:
        blocks.append(substitute(translation.outro))
    return RenderedReply(
        text="\n\n".join(block for block in blocks if block),
        language_used=language,
        fell_back_to_english=language != context.language,
        missing=missing,
        warnings=_warnings(context, missing),
        response=response,
        context=context,
        overrides=MappingProxyType(agent_values),
    )


def fill(reply: RenderedReply, name: str, value: str) -> RenderedReply:
    """The same reply with the agent's value for placeholder ``name``, rendered afresh.

    Any placeholder may be filled, also one that already has a value (a corrected name).
    The training date is parsed (YYYY-MM-DD or DD/MM/YYYY) and moves the dates with it.
    """
    if reply.response is None or reply.context is None:
        raise ValueError("this reply was not made by render(); render it first")
    return render(reply.response, reply.context, {**reply.overrides, name: value})


def _applies(step: Step, conditions: frozenset[str]) -> bool:
    return not step.when or any(condition in conditions for condition in step.when)


def _check_name(name: str) -> None:
    if name not in PLACEHOLDERS:
        raise InputError(f"unknown placeholder {name!r}; known: {', '.join(PLACEHOLDERS)}")


def _clean_value(value: str | None) -> str | None:
    if value is None:
        return None
    return clean_line(str(value)) or None


def _agent_value(name: str, value: str) -> str:
    """A value typed by the agent: one clean line, not empty, not absurdly long."""
    cleaned = _clean_value(value)
    if cleaned is None:
        raise InputError(f"no value given for {PLACEHOLDERS[name]} ({name})")
    if len(cleaned) > MAX_VALUE_LENGTH:
        raise InputError(f"{PLACEHOLDERS[name]}: {len(cleaned)} characters is too long for a "
                         f"reply (at most {MAX_VALUE_LENGTH})")
    return cleaned


def _parse_training(text: str) -> date:
    try:
        return parse_date(text)
    except DateParseError as error:
        raise InputError(f"training date: {error}") from None


def _warnings(context: ResponseContext, missing: list[str]) -> list[str]:
    """Why a date the agent might expect is not in the reply, in the agent's words."""
    training, today = context.training_date, context.today
    if training is None:
        return []
    notes = []
    if training < today:
        notes.append(f"the training date {say_date(training, 'en')} has already passed: "
                     "check it with the participant")
    if "register_by" in missing:
        passed = facts().register_by(training)
        notes.append(f"the register-by date {say_date(passed, 'en')} has passed, so it is not "
                     "offered as a deadline")
    if "login_check_dates" in missing:
        notes.append("the login-check days before the training have passed")
    return notes
