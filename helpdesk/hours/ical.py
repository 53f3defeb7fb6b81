"""A strict reader for the part of iCalendar (RFC 5545) that holiday lists use.

It unfolds lines, splits content lines into name, parameters and value, and nests
BEGIN/END components. Anything malformed is an :class:`ICalError` naming the line, never
a guess: a holiday file that cannot be read exactly must not half-apply. Value types are
left to the caller (holiday_import reads DTSTART, SUMMARY and CATEGORIES).

Hand-written rather than a dependency: the subset is ~100 lines, and a lenient parser
would accept exactly the broken files this one exists to refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_LINE_LENGTH = 8_000  # after unfolding; real holiday files stay under 300
MAX_DEPTH = 8  # VCALENDAR > VEVENT > VALARM is 3

_NAME = re.compile(r"[A-Za-z0-9-]+")


class ICalError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class Property:
    name: str  # upper case
    params: dict[str, list[str]]  # parameter names upper case
    value: str  # raw: TEXT escapes are not undone (see unescape_text)
    line: int


@dataclass
class Component:
    name: str  # upper case, e.g. VCALENDAR, VEVENT
    line: int
    properties: list[Property] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)

    def all(self, name: str) -> list[Property]:
        return [prop for prop in self.properties if prop.name == name]

    def first(self, name: str) -> Property | None:
        found = self.all(name)
        return found[0] if found else None


def unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the number of the physical line each starts on."""
    logical: list[tuple[int, str]] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if line[:1] in (" ", "\t") and logical:
            start, previous = logical[-1]
            logical[-1] = (start, previous + line[1:])
        else:
            logical.append((number, line))
        if len(logical[-1][1]) > MAX_LINE_LENGTH:
            raise ICalError(logical[-1][0], f"a line longer than {MAX_LINE_LENGTH} characters")
    return [(number, line) for number, line in logical if line.strip()]


def parse_content_line(line: str, number: int) -> Property:
    """``NAME;PARAM=a,"b;c":value`` -> Property. Quoted parameter values may hold ; : and ,."""
    name_match = _NAME.match(line)
    if not name_match:
        raise ICalError(number, f"not an iCalendar content line: {line[:40]!r}")
    name, position = name_match.group().upper(), name_match.end()
    params: dict[str, list[str]] = {}
    while position < len(line) and line[position] == ";":
        param_match = _NAME.match(line, position + 1)
        if not param_match or line[param_match.end() : param_match.end() + 1] != "=":
            raise ICalError(number, f"a malformed parameter in {name}")
        param_name, position = param_match.group().upper(), param_match.end() + 1
        values: list[str] = []
        while True:
            if line[position : position + 1] == '"':
                closing = line.find('"', position + 1)
                if closing < 0:
                    raise ICalError(number, f"an unclosed quote in {name}")
                values.append(line[position + 1 : closing])
                position = closing + 1
            else:
                end = position
                while end < len(line) and line[end] not in ";:,":
                    end += 1
                values.append(line[position:end])
                position = end
            if line[position : position + 1] != ",":
                break
            position += 1
        params[param_name] = values
    if line[position : position + 1] != ":":
        raise ICalError(number, f"{name} has no ':' before its value")
    return Property(name, params, line[position + 1 :], number)


def parse(text: str) -> Component:
    """The single VCALENDAR in ``text``, with its components nested."""
    stack: list[Component] = []
    calendar: Component | None = None
    for number, line in unfold(text):
        prop = parse_content_line(line, number)
        if prop.name == "BEGIN":
            component = Component(prop.value.strip().upper(), number)
            if not stack:
                if calendar is not None:
                    raise ICalError(number, "a second calendar after END:VCALENDAR")
                if component.name != "VCALENDAR":
                    found = f"BEGIN:{component.name}"
                    raise ICalError(number, f"the file must start with BEGIN:VCALENDAR, not {found}")
            else:
                if len(stack) >= MAX_DEPTH:
                    raise ICalError(number, "components nested too deeply")
                stack[-1].components.append(component)
            stack.append(component)
        elif prop.name == "END":
            ending = prop.value.strip().upper()
            if not stack or stack[-1].name != ending:
                expected = f"END:{stack[-1].name}" if stack else "nothing"
                raise ICalError(number, f"END:{ending} where {expected} was expected")
            finished = stack.pop()
            if not stack:
                calendar = finished
        elif not stack:
            raise ICalError(number, f"{prop.name} outside BEGIN:VCALENDAR ... END:VCALENDAR")
        else:
            stack[-1].properties.append(prop)
    if stack:
        raise ICalError(stack[-1].line, f"BEGIN:{stack[-1].name} is never ended")
    if calendar is None:
        raise ICalError(1, "no BEGIN:VCALENDAR")
    return calendar


def unescape_text(value: str) -> str:
    r"""Undo TEXT escaping: \\ \; \, and \n (RFC 5545 section 3.3.11)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def split_text_list(value: str) -> list[str]:
    """A comma-separated TEXT list (e.g. CATEGORIES), unescaped; escaped commas stay inside."""
    parts, current, position = [], [], 0
    while position < len(value):
        if value[position] == "\\":
            current.append(value[position : position + 2])  # an escape pair is never a separator
            position += 2
            continue
        if value[position] == ",":
            parts.append("".join(current))
            current = []
        else:
            current.append(value[position])
        position += 1
    parts.append("".join(current))
    return [unescape_text(part) for part in parts]
