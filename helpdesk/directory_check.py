"""The annexure's flaws, found by general rules and shown to the agent, never "fixed".

Each finding says what is wrong, which rows it touches, how sure we are that it matters
(severity) and what the lookup does about it. The rules look at the data, not at a list
of known rows, so an imported annexure is checked the same way:

* one e-mail printed with several spellings of a name, or several mobiles;
* a row whose name (and mobile) belong to another representative's e-mail;
* a mobile number shared by two e-mails;
* an e-mail address whose name part does not contain the printed name;
* prefixes other than "M/o" and "D/o" ("D/f"), and "M/o of" (a doubled "of");
* a ministry row and rows of its own departments, named alike or linked in the alias
  file: harmless when they share a representative, a trap for the lookup when not;
* a body whose parent (per the alias file) is in the annexure with another representative;
* fields with stray spaces, invalid e-mail or mobile, repeated ministry names, and alias
  entries that name rows the directory no longer has.

Severity: "error" = the row's contact details contradict each other; "warning" = the
agent could be misled; "info" = worth knowing, routing is unaffected.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from . import emails, mobiles
from .aliases import Aliases
from .directory import Directory, DirectoryRow, Representative
from .normalise import DEPARTMENT, MINISTRY, normalise

SEVERITIES = ("error", "warning", "info")
_PREFIX = re.compile(r"^(?P<prefix>[A-Za-z]/[A-Za-z])\s+(?P<rest>\S.*)$")
KNOWN_PREFIXES = {"M/o": "Ministry of", "D/o": "Department of"}
PREFIX_MEANINGS = {"D/f": "Department for"}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    positions: tuple[int, ...]
    message: str
    lookup_action: str

    def to_dict(self) -> dict:
        return asdict(self)


def _same_person(name: str, other: str) -> bool:
    """Two printings of one name: a small misspelling, or one a part of the other."""
    a, b = name.casefold().split(), other.casefold().split()
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    return fuzz.ratio(" ".join(a), " ".join(b)) >= 75


def _rows_text(rows: list[DirectoryRow]) -> str:
    shown = ", ".join(f"{row.ministry} (row {row.position})" for row in rows[:4])
    return shown + (f" and {len(rows) - 4} more" if len(rows) > 4 else "")


def _identity_findings(directory: Directory) -> list[Finding]:
    findings: list[Finding] = []
    owner_of_name: dict[str, Representative] = {}
    owner_of_mobile: dict[str, Representative] = {}
    for person in directory.representatives.values():
        owner_of_name.setdefault(person.name.casefold(), person)
        owner_of_mobile.setdefault(person.mobile, person)

    for person in directory.representatives.values():
        rows = [directory.at(position) for position in person.positions]
        for row in rows:
            if row.rep_name == person.name or _same_person(row.rep_name, person.name):
                continue
            claimed = owner_of_name.get(row.rep_name.casefold())
            detail = f"{row.ministry} (row {row.position}) names {row.rep_name}"
            if claimed and claimed is not person:
                detail += f", whose e-mail is {claimed.email},"
            detail += f" but gives the e-mail {person.email} of {person.name}"
            if row.rep_mobile != person.mobile:
                mobile_owner = owner_of_mobile.get(row.rep_mobile)
                whose = f" ({mobile_owner.name}'s)" if mobile_owner and mobile_owner is not person else ""
                detail += f", and the mobile {row.rep_mobile}{whose} instead of {person.mobile}"
            findings.append(Finding(
                "contact-of-another", "error", (row.position,), detail + ".",
                f"Shows the e-mail's representative, {person.name} ({person.mobile}), with the row "
                "as published and this warning; confirm with Karmayogi Bharat before relying on it.",
            ))
        contradicted = {finding.positions[0] for finding in findings}

        for variant in person.names[1:]:
            variant_rows = [row for row in rows if row.rep_name == variant]
            if not _same_person(variant, person.name):
                continue
            findings.append(Finding(
                "name-variant", "warning", tuple(row.position for row in variant_rows),
                f"The e-mail {person.email} is printed as '{variant}' in {_rows_text(variant_rows)} "
                f"and as '{person.name}' in {_count_rows(rows, person.name)} rows: one person, "
                "two spellings.",
                f"Shows '{person.name}', the spelling most rows use, with the row as published.",
            ))
        for variant in person.mobiles[1:]:
            variant_rows = [row for row in rows if row.rep_mobile == variant
                            and row.position not in contradicted]
            if not variant_rows:
                continue
            owner = owner_of_mobile.get(variant)
            whose = f" ({owner.name}'s number)" if owner and owner is not person else ""
            findings.append(Finding(
                "mobile-variant", "warning", tuple(row.position for row in variant_rows),
                f"{_rows_text(variant_rows)} give {variant}{whose} for {person.email}; "
                f"{_count_rows(rows, None, person.mobile)} rows give {person.mobile}.",
                f"Shows {person.mobile}, the number most rows give, with the row as published.",
            ))

    # Two representatives whose own (most printed) number is the same.
    sharing: dict[str, list[Representative]] = defaultdict(list)
    for person in directory.representatives.values():
        sharing[person.mobile].append(person)
    for mobile, people in sharing.items():
        if len(people) > 1:
            positions = tuple(sorted(p for person in people for p in person.positions))
            findings.append(Finding(
                "shared-mobile", "warning", positions,
                f"The mobile {mobile} is the number of {len(people)} representatives "
                f"({', '.join(person.name for person in people)}).",
                "Shows the number as printed; call and check who answers before passing it on.",
            ))
    return findings


def _count_rows(rows: list[DirectoryRow], name: str | None, mobile: str | None = None) -> int:
    if name is not None:
        return sum(row.rep_name == name for row in rows)
    return sum(row.rep_mobile == mobile for row in rows)


def _email_findings(directory: Directory) -> list[Finding]:
    findings = []
    for person in directory.representatives.values():
        local = re.sub(r"[^a-z]", "", person.email.split("@")[0].casefold())
        missing = [part for part in re.findall(r"[a-z]+", person.name.casefold())
                   if len(part) >= 3 and part not in local]
        if missing:
            findings.append(Finding(
                "email-name-mismatch", "info", person.positions,
                f"{person.name}'s e-mail {person.email} does not contain "
                f"'{' '.join(missing)}' from the printed name.",
                "Nothing changes: the e-mail identifies the representative; write to it as printed.",
            ))
    return findings


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
    findings = _identity_findings(directory) + _email_findings(directory) + _name_findings(directory)
    structure = _ministry_department_findings(directory, aliases)
    in_ministry_findings = {position for finding in structure for position in finding.positions}
    findings += structure + _parent_findings(directory, aliases, in_ministry_findings)
    findings += _field_findings(directory) + _alias_findings(directory, aliases)
    return sorted(findings, key=lambda finding: (SEVERITIES.index(finding.severity),
                                                  finding.positions[:1] or (10**9,), finding.code))


def warnings_by_position(findings: list[Finding]) -> dict[int, list[str]]:
    """The message of every finding, filed under each row it touches."""
    by_position: dict[int, list[str]] = defaultdict(list)
    for finding in findings:
        for position in finding.positions:
            by_position[position].append(finding.message)
    return dict(by_position)
