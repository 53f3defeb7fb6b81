"""The curated alias file (data/aliases.toml): other names for the annexure's bodies.

Abbreviations, Hindi names, organisations under a department, ministries the annexure
lists only by their departments, and bodies it does not list at all. The file is data
that people edit, so it is checked strictly on load: an unknown field or a reference to
a group or outside body that does not exist is an error with the entry named, not a
silently ignored line. Names of annexure rows are *not* checked here, because the
directory can be replaced by an import; ``directory check`` reports entries whose row
has gone.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

ALIASES_FILE = "aliases.toml"
_CODE_IN_BRACKETS = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[^()]+)\)\s*$")


@dataclass(frozen=True)
class RowAliases:
    ministry: str  # the annexure row, exactly as published
    parent: str | None = None  # the annexure row of the body this one sits under
    aliases: tuple[str, ...] = ()
    hindi: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()  # "Full name (CODE)" or just a name
    source: str = ""


@dataclass(frozen=True)
class Group:
    """A ministry known to the annexure only through its departments (rows)."""

    name: str
    keys: tuple[str, ...]
    members: tuple[str, ...]  # annexure rows
    outside_members: tuple[str, ...] = ()  # names of [[outside]] entries
    source: str = ""


@dataclass(frozen=True)
class OutsideBody:
    """A body the annexure does not list."""

    name: str
    keys: tuple[str, ...]
    parent: str | None = None  # completes "it comes under ..."
    note: str | None = None  # one more sentence for the agent
    parent_rows: tuple[str, ...] = ()  # annexure rows offered as a starting point
    places: bool = False  # its keys are place names (states): they qualify other queries
    source: str = ""


@dataclass(frozen=True)
class AmbiguousShortForm:
    short: str
    rows: tuple[str, ...]
    outside: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Aliases:
    rows: tuple[RowAliases, ...] = ()
    groups: tuple[Group, ...] = ()
    outside: tuple[OutsideBody, ...] = ()
    ambiguous: tuple[AmbiguousShortForm, ...] = ()
    spellings: dict[str, str] = field(default_factory=dict)
    _by_ministry: dict[str, RowAliases] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_ministry", {entry.ministry: entry for entry in self.rows})

    def for_row(self, ministry: str) -> RowAliases | None:
        return self._by_ministry.get(ministry)

    def parent_of(self, ministry: str) -> str | None:
        entry = self.for_row(ministry)
        return entry.parent if entry else None

    def outside_body(self, name: str) -> OutsideBody:
        return next(body for body in self.outside if body.name == name)

    def row_references(self) -> list[tuple[str, str]]:
        """Every annexure row this file names, with where: (ministry, "section entry")."""
        references = []
        for entry in self.rows:
            references.append((entry.ministry, "[[row]]"))
            if entry.parent:
                references.append((entry.parent, f"parent of {entry.ministry}"))
        for group in self.groups:
            references += [(member, f"group {group.name}") for member in group.members]
        for body in self.outside:
            references += [(row, f"parent_rows of {body.name}") for row in body.parent_rows]
        for short_form in self.ambiguous:
            references += [(row, f"short form {short_form.short}") for row in short_form.rows]
        return references


def split_body(text: str) -> tuple[str, str | None]:
    """"Indian Council of Agricultural Research (ICAR)" -> (name, "ICAR"); no brackets -> (text, None)."""
    match = _CODE_IN_BRACKETS.match(text)
    if not match:
        return text.strip(), None
    return match.group("name").strip(), match.group("code").strip()


class AliasFileError(ValueError):
    """The alias file is malformed; the message names the entry."""


def _strings(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise AliasFileError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(value)


def _text(entry: dict, key: str, where: str, required: bool = False) -> str | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise AliasFileError(f"{where}: {key} must be a non-empty string")
    return value


def _check_fields(entry: dict, allowed: set[str], where: str) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise AliasFileError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")


def parse_aliases(text: str) -> Aliases:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AliasFileError(f"{ALIASES_FILE} is not valid TOML: {error}") from None
    _check_fields(raw, {"row", "group", "outside", "ambiguous", "spellings"}, ALIASES_FILE)

    rows = []
    for number, entry in enumerate(raw.get("row", []), start=1):
        where = f"[[row]] #{number}"
        _check_fields(entry, {"ministry", "parent", "aliases", "hindi", "bodies", "source"}, where)
        ministry = _text(entry, "ministry", where, required=True)
        where = f"[[row]] {ministry!r}"
        rows.append(RowAliases(
            ministry=ministry, parent=_text(entry, "parent", where),
            aliases=_strings(entry, "aliases", where), hindi=_strings(entry, "hindi", where),
            bodies=_strings(entry, "bodies", where), source=_text(entry, "source", where) or "",
        ))
    duplicates = {entry.ministry for entry in rows if sum(e.ministry == entry.ministry for e in rows) > 1}
    if duplicates:
        raise AliasFileError(f"[[row]] entries repeated for: {', '.join(sorted(duplicates))}")

    outside = []
    for number, entry in enumerate(raw.get("outside", []), start=1):
        where = f"[[outside]] #{number}"
        _check_fields(entry, {"name", "keys", "parent", "note", "parent_rows", "places", "source"}, where)
        name = _text(entry, "name", where, required=True)
        places = entry.get("places", False)
        if not isinstance(places, bool):
            raise AliasFileError(f"{where}: places must be true or false")
        outside.append(OutsideBody(
            name=name, keys=_strings(entry, "keys", where), parent=_text(entry, "parent", where),
            note=_text(entry, "note", where), parent_rows=_strings(entry, "parent_rows", where), places=places,
            source=_text(entry, "source", where) or "",
        ))
    outside_names = {body.name for body in outside}

    def known_outside(names: tuple[str, ...], where: str) -> tuple[str, ...]:
        missing = [name for name in names if name not in outside_names]
        if missing:
            raise AliasFileError(f"{where}: no [[outside]] entry named {', '.join(map(repr, missing))}")
        return names

    groups = []
    for number, entry in enumerate(raw.get("group", []), start=1):
        where = f"[[group]] #{number}"
        _check_fields(entry, {"name", "keys", "members", "outside_members", "source"}, where)
        name = _text(entry, "name", where, required=True)
        groups.append(Group(
            name=name, keys=_strings(entry, "keys", where), members=_strings(entry, "members", where),
            outside_members=known_outside(_strings(entry, "outside_members", where), where),
            source=_text(entry, "source", where) or "",
        ))

    ambiguous = []
    for number, entry in enumerate(raw.get("ambiguous", []), start=1):
        where = f"[[ambiguous]] #{number}"
        _check_fields(entry, {"short", "rows", "outside", "source"}, where)
        ambiguous.append(AmbiguousShortForm(
            short=_text(entry, "short", where, required=True), rows=_strings(entry, "rows", where),
            outside=known_outside(_strings(entry, "outside", where), where),
            source=_text(entry, "source", where) or "",
        ))

    spellings = raw.get("spellings", {})
    if not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in spellings.items()):
        raise AliasFileError("[spellings]: every entry must map a word to a word")
    return Aliases(tuple(rows), tuple(groups), tuple(outside), tuple(ambiguous),
                   {variant.casefold(): word.casefold() for variant, word in spellings.items()})


@lru_cache(maxsize=1)
def load_aliases() -> Aliases:
    """The alias file shipped with helpdesk."""
    return parse_aliases(files("helpdesk.data").joinpath(ALIASES_FILE).read_text(encoding="utf-8"))
