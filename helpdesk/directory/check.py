"""The annexure's flaws, found by general rules and shown to the agent, never "fixed".

Each finding says what is wrong, which rows it touches, how sure we are that it matters
(severity) and what the lookup does about it. The rules look at the data, not at a list
of known rows, so an imported annexure is checked the same way:

* who the rows name (directory_check_people.py): one e-mail printed with several
  spellings of a name or several mobiles, a row whose name and mobile belong to another
  representative's e-mail, a number two people share, an e-mail whose name part does not
  contain the printed name;
* prefixes other than "M/o" and "D/o" ("D/f"), and "M/o of" (a doubled "of");
* a ministry row and rows of its own departments, named alike or linked in the alias
  file: harmless when they share a representative, a trap for the lookup when not;
* a body whose parent (per the alias file) is in the annexure with another representative;
* fields with stray spaces, invalid e-mail or mobile, repeated ministry names, and alias
  entries that name rows the directory no longer has.

Severities are explained in directory_findings.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from helpdesk import emails, mobiles
from helpdesk.directory.aliases import Aliases
from helpdesk.directory.rows import Directory, DirectoryRow
from helpdesk.directory.check_people import email_findings, identity_findings
from helpdesk.directory.findings import SEVERITIES, Finding, warnings_by_position
from helpdesk.directory.normalise import DEPARTMENT, MINISTRY, normalise

__all__ = ["SEVERITIES", "Finding", "check", "warnings_by_position"]

_PREFIX = re.compile(r"^(?P<prefix>[A-Za-z]/[A-Za-z])\s+(?P<rest>\S.*)$")
KNOWN_PREFIXES = {"M/o": "Ministry of", "D/o": "Department of"}
PREFIX_MEANINGS = {"D/f": "Department for"}


def _name_findings(directory: Directory) -> list[Finding]:
    findings = []
    for row in directory:
        match = _PREFIX.match(row.ministry)
        if match and match.group("prefix") not in KNOWN_PREFIXES:
            prefix = match.group("prefix")
            meaning = PREFIX_MEANINGS.get(prefix)
            findings.append(Finding(
                "unusual-prefix", "info", (row.position,),
                f"'{row.ministry}' starts with '{prefix}' where the other rows use M/o or D/o"
                + (f"; it means '{meaning}'." if meaning else "."),
                "The lookup reads it as a department, so 'Department of ...' and 'Department "
                "for ...' both find it.",
            ))
        if match and match.group("rest").casefold().startswith("of "):
            findings.append(Finding(
                "doubled-of", "info", (row.position,),
                f"'{row.ministry}' says 'of' twice: {match.group('prefix')} already means "
                f"'{KNOWN_PREFIXES.get(match.group('prefix'), match.group('prefix'))}'.",
                "The lookup ignores the extra 'of'.",
            ))
    return findings


def _ministry_department_findings(directory: Directory, aliases: Aliases) -> list[Finding]:
    """A ministry row, and rows of departments that belong to it, listed separately."""
    names = {row.position: normalise(row.ministry) for row in directory}
    ministries = [row for row in directory if names[row.position].level == MINISTRY]
    # Bodies (BSF, EPFO) under a ministry are not its departments: see _parent_findings.
    departments = [row for row in directory if names[row.position].level == DEPARTMENT]
    # Departments by word and by parent, so each ministry meets only its likely children.
    by_word: dict[str, list[DirectoryRow]] = defaultdict(list)
    by_parent: dict[str, list[DirectoryRow]] = defaultdict(list)
    for row in departments:
        for word in set(names[row.position].words):
            by_word[word].append(row)
        parent = aliases.parent_of(row.ministry)
        if parent:
            by_parent[parent].append(row)
    findings = []
    for ministry in ministries:
        ministry_words = set(names[ministry.position].words)
        nearby = {row.position: row for word in ministry_words for row in by_word.get(word, ())}
        nearby.update((row.position, row) for row in by_parent.get(ministry.ministry, ()))
        children = []
        for position, row in sorted(nearby.items()):
            words = set(names[position].words)
            named_alike = bool(words) and (words <= ministry_words or ministry_words <= words)
            if named_alike or aliases.parent_of(row.ministry) == ministry.ministry:
                children.append(row)
        if not children:
            continue
        people = {directory.representative(row).email for row in [ministry, *children]}
        listed = ", ".join(row.ministry for row in children)
        ministry_person = directory.representative(ministry)
        positions = (ministry.position, *(row.position for row in children))
        if len(people) == 1:
            findings.append(Finding(
                "ministry-and-department", "info", positions,
                f"{ministry.ministry} and its department rows ({listed}) are listed separately, "
                f"all with {ministry_person.name}.",
                "No conflict: every one of them routes to the same representative.",
            ))
            continue
        others = sorted({directory.representative(row).name for row in children
                         if directory.representative(row).email != ministry_person.email})
        findings.append(Finding(
            "ministry-and-department", "warning", positions,
            f"{ministry.ministry} ({ministry_person.name}) and its departments ({listed}) are separate "
            f"rows with different representatives ({', '.join(others)}).",
            "The full ministry name routes to the ministry row; a bare or partial name is shown "
            "as ambiguous, with every candidate.",
        ))
    return findings


def _parent_findings(directory: Directory, aliases: Aliases, covered: set[int]) -> list[Finding]:
    findings = []
    for row in directory:
        parent_name = aliases.parent_of(row.ministry)
        parent = directory.row(parent_name) if parent_name else None
        if parent is None or row.position in covered:
            continue
        own, theirs = directory.representative(row), directory.representative(parent)
        if own.email != theirs.email:
            findings.append(Finding(
                "parent-differs", "info", (row.position,),
                f"{row.ministry} comes under {parent.ministry} ({theirs.name}), but the annexure "
                f"gives it its own representative, {own.name}.",
                f"A query naming {row.ministry} routes to its own row; one naming only "
                f"{parent.ministry} does not.",
            ))
    return findings


# A directory repeats a few dozen addresses and numbers over thousands of rows.
@lru_cache(maxsize=4096)
def _valid_email(address: str) -> bool:
    return emails.classify(address).valid


@lru_cache(maxsize=4096)
def _valid_mobile(number: str) -> bool:
    return mobiles.classify(number).valid


def _field_findings(directory: Directory) -> list[Finding]:
    findings = []
    seen: dict[str, int] = {}
    for row in directory:
        for label, value in zip(("ministry", "name", "e-mail", "mobile"), row.fields()):
            if value != value.strip() or "  " in value:
                findings.append(Finding(
                    "stray-spaces", "warning", (row.position,),
                    f"The {label} of row {row.position} ({row.ministry.strip()}) has stray spaces: {value!r}.",
                    "Matching ignores the spaces; an exact copy-paste of the field would not.",
                ))
        if not _valid_email(row.rep_email):
            findings.append(Finding(
                "invalid-email", "error", (row.position,),
                f"Row {row.position} ({row.ministry}) has an invalid e-mail: {row.rep_email!r}.",
                "The lookup still shows the row; the address will not work as printed.",
            ))
        if not _valid_mobile(row.rep_mobile):
            findings.append(Finding(
                "invalid-mobile", "error", (row.position,),
                f"Row {row.position} ({row.ministry}) has an invalid mobile: {row.rep_mobile!r}.",
                "The lookup still shows the row; the number will not work as printed.",
            ))
        normalised = normalise(row.ministry)
        key = f"{normalised.text}|{normalised.level}"
        if key in seen:
            findings.append(Finding(
                "duplicate-ministry", "warning", (seen[key], row.position),
                f"Rows {seen[key]} and {row.position} name the same body "
                f"({directory.at(seen[key]).ministry} / {row.ministry}).",
                "Both rows are matched; if their representatives differ the lookup says ambiguous.",
            ))
        seen.setdefault(key, row.position)
    return findings


def _alias_findings(directory: Directory, aliases: Aliases) -> list[Finding]:
    missing: dict[str, list[str]] = defaultdict(list)
    for ministry, where in aliases.row_references():
        if directory.row(ministry) is None:
            missing[ministry].append(where)
    return [
        Finding(
            "alias-orphan", "info", (),
            f"The alias file names '{ministry}' ({', '.join(places)}), which is not in the directory.",
            "Those aliases are not used until the alias file or the directory is updated.",
        )
        for ministry, places in sorted(missing.items())
    ]


def check(directory: Directory, aliases: Aliases) -> list[Finding]:
    """Every finding, most severe first, then in row order."""
    findings = identity_findings(directory) + email_findings(directory) + _name_findings(directory)
    structure = _ministry_department_findings(directory, aliases)
    in_ministry_findings = {position for finding in structure for position in finding.positions}
    findings += structure + _parent_findings(directory, aliases, in_ministry_findings)
    findings += _field_findings(directory) + _alias_findings(directory, aliases)
    return sorted(findings, key=lambda finding: (SEVERITIES.index(finding.severity),
                                                  finding.positions[:1] or (10**9,), finding.code))
