"""Flaws in who the directory names: one e-mail under several spellings or mobiles, a
row carrying another representative's name and number, a number two people share, an
e-mail whose name part is not the printed name. Identity is the e-mail throughout."""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from helpdesk.directory.rows import Directory, DirectoryRow, Representative
from helpdesk.directory.findings import Finding


def _same_person(name: str, other: str) -> bool:
    """Two printings of one name: a small misspelling, or one a part of the other."""
    a, b = name.casefold().split(), other.casefold().split()
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    return fuzz.ratio(" ".join(a), " ".join(b)) >= 75


def _rows_text(rows: list[DirectoryRow]) -> str:
    shown = ", ".join(f"{row.ministry} (row {row.position})" for row in rows[:4])
    return shown + (f" and {len(rows) - 4} more" if len(rows) > 4 else "")


def identity_findings(directory: Directory) -> list[Finding]:
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


def email_findings(directory: Directory) -> list[Finding]:
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
