"""`directory check` finds the annexure's flaws by rule, and would find them in any annexure."""

import pytest

from helpdesk.directory.aliases import Aliases, RowAliases, load_aliases
from helpdesk.directory.rows import Directory, DirectoryRow
from helpdesk.directory.check import SEVERITIES, check, warnings_by_position

PUBLISHED = check(Directory.published(), load_aliases())


def found(code, findings=PUBLISHED):
    return [finding for finding in findings if finding.code == code]


def rows(*specs):
    return Directory(DirectoryRow(i, *spec) for i, spec in enumerate(specs, start=1))


def test_the_row_whose_email_belongs_to_someone_else():
    (bprd,) = found("contact-of-another")
    assert bprd.severity == "error" and bprd.positions == (67,)
    assert "BPR&D" in bprd.message and "Pawan Pathak" in bprd.message
    assert "priyamvadapallavi.kb@karmayogi.in" in bprd.message
    assert "8595675447 (Pawan Pathak's)" in bprd.message
    assert "Priyamvada Pallavi (9315718261)" in bprd.lookup_action


def test_spelling_variants_under_one_email():
    variants = {finding.positions: finding.message for finding in found("name-variant")}
    assert set(variants) == {(13,), (63,), (68,)}
    assert "'Akshya Sharma'" in variants[(13,)] and "'Akshay Sharma'" in variants[(13,)]
    assert "'Pawan'" in variants[(63,)]
    assert "'Primvada Pallavi'" in variants[(68,)]


def test_prefix_flaws():
    (doubled,) = found("doubled-of")
    assert doubled.positions == (1,)
    (prefix,) = found("unusual-prefix")
    assert prefix.positions == (47,) and "Department for" in prefix.message


def test_ministry_and_department_rows_for_one_body():
    by_ministry = {finding.positions[0]: finding for finding in found("ministry-and-department")}
    law = by_ministry[1]
    assert law.severity == "warning" and set(law.positions) == {1, 54, 55, 56}
    assert "Nidhi" in law.message
    assert set(by_ministry[60].positions) == {60, 44, 45}  # Agriculture: by name and by parent
    assert set(by_ministry[61].positions) == {61, 46, 47}  # Commerce ⊂ Commerce and Industry
    assert set(by_ministry[62].positions) == {62, 48, 49, 50, 51, 52, 53}  # Finance
    assert {by_ministry[p].severity for p in (60, 61, 62)} == {"info"}


def test_other_flaws_found_in_the_annexure():
    (surname,) = found("email-name-mismatch")
    assert "rakshandasingh" in surname.message and "thakur" in surname.message
    parents = {finding.positions[0] for finding in found("parent-differs")}
    assert {12, 37, 43} <= parents  # BSF and CISF under MHA, EPFO under Labour
    assert not found("invalid-email") and not found("invalid-mobile") and not found("alias-orphan")


def test_findings_are_ordered_most_severe_first():
    order = [SEVERITIES.index(finding.severity) for finding in PUBLISHED]
    assert order == sorted(order)


def test_rules_are_general_not_a_list_of_known_rows():
    directory = rows(
        ("M/o Shipping", "Asha Rao", "asha.kb@karmayogi.in", "9000000001"),
        ("D/o Shipping", "Ravi Kumar", "ravi.kb@karmayogi.in", "9000000002"),
        ("D/x Ports", "Asha Roa", "asha.kb@karmayogi.in", "9000000001"),
        ("M/o of Ports", "Ravi Kumar", "asha.kb@karmayogi.in", "9000000002"),
        ("Lighthouses ", "Ravi Kumar", "ravi@", "12345"),
    )
    findings = check(directory, Aliases())
    codes = {finding.code: finding for finding in findings}
    assert codes["ministry-and-department"].positions == (1, 2)
    assert codes["ministry-and-department"].severity == "warning"
    assert codes["name-variant"].positions == (3,)
    assert codes["contact-of-another"].positions == (4,)
    assert codes["unusual-prefix"].positions == (3,)
    assert codes["doubled-of"].positions == (4,)
    assert codes["stray-spaces"].positions == (5,)
    assert codes["invalid-email"].positions == (5,)
    assert codes["invalid-mobile"].positions == (5,)


def test_shared_mobile_and_duplicate_ministry():
    directory = rows(
        ("BSF", "Asha Rao", "asha@karmayogi.in", "9000000001"),
        ("B.S.F.", "Ravi Kumar", "ravi@karmayogi.in", "9000000001"),
    )
    codes = {finding.code: finding for finding in check(directory, Aliases())}
    assert codes["shared-mobile"].positions == (1, 2)
    assert codes["duplicate-ministry"].positions == (1, 2)


def test_alias_entries_for_rows_that_are_gone():
    aliases = Aliases(rows=(RowAliases("D/o Gone", parent="M/o Elsewhere"),))
    directory = rows(("BSF", "Asha Rao", "asha@karmayogi.in", "9000000001"))
    orphans = found("alias-orphan", check(directory, aliases))
    assert [finding.message.split("'")[1] for finding in orphans] == ["D/o Gone", "M/o Elsewhere"]
    assert all(finding.positions == () for finding in orphans)


def test_warnings_are_filed_under_every_row_they_touch():
    by_position = warnings_by_position(PUBLISHED)
    assert any("Pawan Pathak" in message for message in by_position[67])
    assert any("Akshya" in message for message in by_position[13])
    assert 14 not in by_position  # a clean row carries nothing


@pytest.mark.parametrize("finding", PUBLISHED, ids=lambda finding: f"{finding.code}@{finding.positions[:1]}")
def test_every_finding_explains_itself(finding):
    assert finding.severity in SEVERITIES
    assert finding.message.endswith(".") and finding.lookup_action.endswith(".")
    assert finding.to_dict()["code"] == finding.code
