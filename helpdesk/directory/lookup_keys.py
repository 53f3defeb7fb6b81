"""Every name the lookup knows, as index keys pointing at rows or at unlisted bodies.

A row is known by its printed name and, from data/aliases.toml, its aliases, Hindi names
and the bodies under it. A ministry known only through its departments ([[group]]) is a
key pointing at all of them; a short form that means several bodies ([[ambiguous]]) too.
Bodies not in the annexure ([[outside]]) are keys of their own, so the lookup can say
"not in the directory" instead of guessing, unless a newer annexure lists them after all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from helpdesk.directory.aliases import Aliases, split_body
from helpdesk.directory.rows import Directory, DirectoryRow
from helpdesk.directory.lookup_index import Key
from helpdesk.directory.normalise import MINISTRY, Normalised, normalise


class Target(NamedTuple):  # a tuple: hashed on every candidate of every query
    kind: str  # "row" or "outside"
    name: str  # the row's published ministry, or the outside body's name


@dataclass(frozen=True)
class Payload:
    targets: tuple[Target, ...]
    via: str


def keys_for_row(row: DirectoryRow, aliases: Aliases) -> list[tuple[str, str]]:
    """(text, via) for every name of one annexure row."""
    names = [(row.ministry, "name")]
    entry = aliases.for_row(row.ministry)
    if entry:
        names += [(alias, f"alias {alias}") for alias in entry.aliases]
        names += [(hindi, "Hindi name") for hindi in entry.hindi]
        for body in entry.bodies:
            full_name, code = split_body(body)
            label = f"body {code or full_name}"
            names.append((full_name, label))
            if code:
                names.append((code, label))
    return names


def build_keys(directory: Directory, aliases: Aliases) -> list[Key]:
    spellings = aliases.spellings
    keys: list[Key] = []
    seen: set[tuple] = set()

    def add(text: str, targets: tuple[Target, ...], via: str, level: str | None = None) -> Normalised:
        normalised = normalise(text, spellings)
        if not normalised.words or not targets:
            return normalised
        key_level = normalised.level or level
        identity = (normalised.words, key_level, targets)
        if identity not in seen:
            seen.add(identity)
            keys.append(Key(normalised.words, key_level, Payload(targets, via)))
        return normalised

    row_of_name: dict[tuple, str] = {}
    for row in directory:
        target = (Target("row", row.ministry),)
        for text, via in keys_for_row(row, aliases):
            normalised = add(text, target, via)
            row_of_name.setdefault((normalised.words, normalised.level), row.ministry)

    # A body curated as "not in the directory" that a newer annexure lists after all
    # (one of its names is a row's name): all its names now lead to that row.
    listed: dict[str, Target] = {}
    for body in aliases.outside:
        for text in body.keys:
            normalised = normalise(text, spellings)
            ministry = row_of_name.get((normalised.words, normalised.level))
            if ministry:
                listed[body.name] = Target("row", ministry)
                break

    def resolve(outside_names: tuple[str, ...]) -> tuple[Target, ...]:
        return tuple(listed.get(name, Target("outside", name)) for name in outside_names)

    for group in aliases.groups:
        members = tuple(Target("row", name) for name in group.members if directory.row(name))
        members += resolve(group.outside_members)
        for text in group.keys:
            # A group is a ministry: "Home" as a group key means the Home ministry.
            add(text, members, f"group {group.name}", level=MINISTRY)
    for body in aliases.outside:
        target = listed.get(body.name)
        for text in body.keys:
            if target:
                add(text, (target,), f"alias {text}")
            else:
                add(text, (Target("outside", body.name),), "not in the directory")
    for short_form in aliases.ambiguous:
        targets = tuple(Target("row", name) for name in short_form.rows if directory.row(name))
        targets += resolve(short_form.outside)
        add(short_form.short, targets, f"short form {short_form.short}")
    return keys
