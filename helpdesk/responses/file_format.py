"""Read one response file (TOML) and say everything that is wrong with it.

A file with a broken English text is left out of the library; a broken or missing Hindi
text only drops the Hindi (agents then get the English, marked as a fallback). Nothing
here raises on bad content: every fault becomes a Problem for `responses check`, so one
bad local file never takes the console down.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from helpdesk.emails import MDO_APPROVAL, SELF_REGISTRATION
from helpdesk.responses.model import Problem, Response, Rules, Step, Translation
from helpdesk.responses.vocab import (
    BRACED_PATTERN,
    CONDITIONS,
    DATE_GUARDS,
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LINK_PLACEHOLDERS,
    LANGUAGES,
    PLACEHOLDER_PATTERN,
    PLACEHOLDERS,
)
from helpdesk.taxonomy import CATEGORIES, codes

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
TOP_LEVEL_KEYS = {"id", "categories", "keywords", "rules", *LANGUAGES}
TEXT_KEYS = {"title", "intro", "steps", "outro"}
RULE_KEYS = {"registration_paths", "training_soon"}
STEP_KEYS = {"text", "when"}
PATHS = {SELF_REGISTRATION, MDO_APPROVAL}
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
# Teams turns these into formatting (or eats them) when a reply is pasted into the chat.
_TEAMS_MARKUP = re.compile(r"\*\*|__|`|^\s*[#>]", re.MULTILINE)


class _Faults:
    """Collects problems for one file; ``blocking`` ones say the text cannot be used."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.response_id: str | None = None
        self.problems: list[Problem] = []

    def add(self, message: str, *, blocking: bool) -> None:
        self.problems.append(Problem(self.source, self.response_id, message, blocking))


def parse_response(text: str, source: str, stem: str | None = None) -> tuple[Response | None, list[Problem]]:
    """The response in ``text`` (or None when it cannot be used) and its problems."""
    faults = _Faults(source)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        faults.add(f"not valid TOML: {error}", blocking=True)
        return None, faults.problems

    response_id = raw.get("id")
    if not isinstance(response_id, str) or not ID_PATTERN.match(response_id):
        faults.add("`id` must be lower-case letters, digits and hyphens, e.g. id = \"otp-not-received\"",
                   blocking=True)
        return None, faults.problems
    faults.response_id = response_id
    if stem is not None and stem != response_id:
        faults.add(f"the file is named {stem}.toml but its id is {response_id!r}; "
                   "name it after the id so it is easy to find", blocking=False)
    for key in sorted(set(raw) - TOP_LEVEL_KEYS):
        faults.add(f"unknown key {key!r} ignored (known: {', '.join(sorted(TOP_LEVEL_KEYS))})",
                   blocking=False)

    categories = _categories(raw.get("categories"), faults)
    keywords = _keywords(raw.get("keywords"), faults)
    rules = _rules(raw.get("rules", {}), faults)

    translations: dict[str, Translation] = {}
    for language in LANGUAGES:
        is_english = language == DEFAULT_LANGUAGE
        name = LANGUAGE_NAMES[language]
        if language not in raw:
            faults.add(f"missing translation: no [{language}] {name} text"
                       + ("" if is_english else "; agents get the English instead"),
                       blocking=is_english)
            continue
        translation = _translation(raw[language], language, faults)
        if translation is not None:
            translations[language] = translation

    if DEFAULT_LANGUAGE not in translations or categories is None:
        return None, faults.problems
    for language, translation in list(translations.items()):
        if language != DEFAULT_LANGUAGE:
            _compare_with_english(translations[DEFAULT_LANGUAGE], translation, language, faults)
    response = Response(id=response_id, categories=categories, keywords=keywords,
                        translations=translations, rules=rules, source=source)
    return response, faults.problems


def _categories(value: Any, faults: _Faults) -> tuple[str, ...] | None:
    known = codes(CATEGORIES)
    if not isinstance(value, list) or not value or not all(isinstance(item, str) for item in value):
        faults.add("`categories` must be a non-empty list of category codes "
                   f"({', '.join(known)})", blocking=True)
        return None
    unknown = [item for item in value if item not in known]
    if unknown:
        faults.add(f"unknown categories {', '.join(map(repr, unknown))} (known: {', '.join(known)})",
                   blocking=True)
        return None
    return tuple(dict.fromkeys(value))


def _keywords(value: Any, faults: _Faults) -> tuple[str, ...]:
    if value is None:
        faults.add("no `keywords`: only the category can suggest this response", blocking=False)
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        faults.add("`keywords` must be a list of non-empty strings; keywords ignored", blocking=False)
        return ()
    return tuple(dict.fromkeys(item.strip() for item in value))


def _rules(value: Any, faults: _Faults) -> Rules:
    if not isinstance(value, dict):
        faults.add("[rules] must be a table; rules ignored", blocking=False)
        return Rules()
    for key in sorted(set(value) - RULE_KEYS):
        faults.add(f"unknown rule {key!r} ignored (known: {', '.join(sorted(RULE_KEYS))})",
                   blocking=False)
    paths = value.get("registration_paths", [])
    if not isinstance(paths, list) or not set(paths) <= PATHS:
        faults.add(f"rules.registration_paths must list only {', '.join(sorted(PATHS))}; ignored",
                   blocking=False)
        paths = []
    soon = value.get("training_soon", False)
    if not isinstance(soon, bool):
        faults.add("rules.training_soon must be true or false; ignored", blocking=False)
        soon = False
    return Rules(registration_paths=frozenset(paths), training_soon=soon)


def _translation(value: Any, language: str, faults: _Faults) -> Translation | None:
    """One language's text, or None (with problems) when it cannot be used."""
    name = LANGUAGE_NAMES[language]
    # Errors in English drop the response; errors in a translation drop only that text.
    blocking_note = "" if language == DEFAULT_LANGUAGE else f"; the {name} text is not used"
    before = len(faults.problems)

    def fault(message: str) -> None:
        faults.add(f"[{language}] {message}{blocking_note}", blocking=True)

    if not isinstance(value, dict):
        fault("must be a table with title and steps")
        return None
    for key in sorted(set(value) - TEXT_KEYS):
        faults.add(f"[{language}] unknown key {key!r} ignored", blocking=False)
    title, intro, outro = (value.get(key, "") for key in ("title", "intro", "outro"))
    if not isinstance(title, str) or not title.strip():
        fault("empty title")
    for key, text in (("intro", intro), ("outro", outro)):
        if not isinstance(text, str):
            fault(f"{key} must be text")
    steps = _steps(value.get("steps"), fault)
    if len(faults.problems) > before:
        return None
    translation = Translation(title=title.strip(), steps=steps, intro=intro.strip(), outro=outro.strip())
    _check_text(translation, language, fault, faults)
    return None if any(p.blocking for p in faults.problems[before:]) else translation


def _steps(value: Any, fault) -> tuple[Step, ...]:
    if not isinstance(value, list) or not value:
        fault("empty steps: `steps` must be a non-empty list")
        return ()
    steps = []
    for number, item in enumerate(value, 1):
        if isinstance(item, dict):
            unknown = set(item) - STEP_KEYS
            text, when = item.get("text", ""), item.get("when", [])
            when = [when] if isinstance(when, str) else when
            if unknown:
                fault(f"step {number} has unknown keys {', '.join(sorted(unknown))}")
            if not isinstance(when, list) or not all(isinstance(w, str) for w in when):
                fault(f"step {number}: `when` must be a condition or a list of them")
                when = []
        else:
            text, when = item, []
        if not isinstance(text, str) or not text.strip():
            fault(f"step {number} is empty")
            continue
        steps.append(Step(text=text.strip(), when=tuple(when)))
    return tuple(steps)


def _check_text(translation: Translation, language: str, fault, faults: _Faults) -> None:
    for where, step in translation.parts():
        text = translation.text_of(where, step)
        for braced in BRACED_PATTERN.findall(text):
            match = PLACEHOLDER_PATTERN.fullmatch(braced)
            if not match or match.group(1) not in PLACEHOLDERS:
                fault(f"{where}: unknown placeholder {braced!r}")
        for match in PLACEHOLDER_PATTERN.finditer(text):
            after = text[match.end():match.end() + 1]
            if match.group(1) in LINK_PLACEHOLDERS and after and not after.isspace():
                faults.add(f"[{language}] {where}: {match.group(0)} is followed by {after!r}; end the "
                           "text or put a space after a link, so the chat links it whole",
                           blocking=False)
        if _TEAMS_MARKUP.search(text):
            faults.add(f"[{language}] {where}: Markdown (** __ ` # >) is garbled in a Teams chat",
                       blocking=False)
        when = step.when if step else ()
        for condition in when:
            if condition not in CONDITIONS:
                fault(f"{where}: unknown condition {condition!r} (known: {', '.join(CONDITIONS)})")
        for name in PLACEHOLDER_PATTERN.findall(text):
            guards = DATE_GUARDS.get(name)
            if guards and (not when or not set(when) <= guards):
                faults.add(
                    f"[{language}] {where}: {{{name}}} is only known when "
                    f"{' or '.join(sorted(guards))}; limit the step with `when`, or it shows as "
                    "missing for other participants", blocking=False)
    if language == "hi" and not _DEVANAGARI.search(" ".join(s.text for s in translation.steps)):
        faults.add("[hi] the Hindi steps contain no Devanagari: is this an untranslated copy?",
                   blocking=False)


def _compare_with_english(english: Translation, other: Translation, language: str,
                          faults: _Faults) -> None:
    """Translations drift: report a step or placeholder that one language has and the other lacks."""
    if [s.when for s in english.steps] != [s.when for s in other.steps]:
        faults.add(f"[{language}] its steps (and their `when` conditions) do not line up with "
                   "the English steps", blocking=False)

    def used(translation: Translation) -> set[str]:
        return {name for where, step in translation.parts()
                for name in PLACEHOLDER_PATTERN.findall(translation.text_of(where, step))}

    for name in sorted(used(english) ^ used(other)):
        side = "English" if name in used(english) else LANGUAGE_NAMES[language]
        faults.add(f"[{language}] {{{name}}} appears only in the {side} text", blocking=False)
