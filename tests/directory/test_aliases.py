"""The curated alias file is well formed, complete, and consistent with the annexure."""

from collections import defaultdict

import pytest

from helpdesk.directory.aliases import AliasFileError, load_aliases, parse_aliases, split_body
from helpdesk.directory.rows import Directory
from helpdesk.directory.normalise import normalise

ALIASES = load_aliases()
DIRECTORY = Directory.published()


def test_every_annexure_row_has_an_entry_and_every_entry_a_row():
    assert {entry.ministry for entry in ALIASES.rows} == {row.ministry for row in DIRECTORY}


def test_every_reference_names_a_published_row():
    missing = [(ministry, where) for ministry, where in ALIASES.row_references()
               if DIRECTORY.row(ministry) is None]
    assert missing == []


def test_every_entry_says_where_it_comes_from():
    entries = [*ALIASES.rows, *ALIASES.groups, *ALIASES.outside, *ALIASES.ambiguous]
    assert all(entry.source.strip() for entry in entries)


def test_every_name_leaves_words_after_normalising():
    texts = [text for entry in ALIASES.rows for text in (*entry.aliases, *entry.hindi, *entry.bodies)]
    texts += [text for group in ALIASES.groups for text in group.keys]
    texts += [text for body in ALIASES.outside for text in body.keys]
    empty = [text for text in texts if not normalise(text, ALIASES.spellings).words]
    assert empty == []


def test_hindi_names_in_both_scripts():
    hindi = [name for entry in ALIASES.rows for name in entry.hindi]
    devanagari = [name for name in hindi if any("\u0900" <= char <= "\u097f" for char in name)]
    assert len(devanagari) >= 60 and len(hindi) - len(devanagari) >= 60


def test_the_brief_s_classes_are_all_there():
    outside = {body.name for body in ALIASES.outside}
    assert {"Department of Space", "Ministry of Cooperation", "NITI Aayog", "Department of Telecommunications",
            "Ministry of Road Transport and Highways", "Ministry of Power", "Ministry of Tribal Affairs",
            "Department of Consumer Affairs", "Central Reserve Police Force (CRPF)",
            "Indo-Tibetan Border Police (ITBP)", "Sashastra Seema Bal (SSB)",
            "A state or Union Territory government"} <= outside
    groups = {group.name for group in ALIASES.groups}
    assert {"Ministry of Defence", "Ministry of Education", "Ministry of Jal Shakti",
            "Ministry of Health and Family Welfare", "Ministry of Personnel, Public Grievances and Pensions",
            "Ministry of Science and Technology", "Ministry of Chemicals and Fertilizers",
            "Ministry of Youth Affairs and Sports", "Ministry of Fisheries, Animal Husbandry and Dairying",
            "Ministry of Social Justice and Empowerment", "Ministry of Home Affairs"} <= groups
    assert {"DoP", "DoF", "MoC", "MoT", "DoE", "MoS"} <= {form.short for form in ALIASES.ambiguous}
    bodies = {split_body(body)[1] for entry in ALIASES.rows for body in entry.bodies}
    assert {"ICAR", "CSIR", "DRDO", "CBDT", "CBIC"} <= bodies | {a for e in ALIASES.rows for a in e.aliases}
    assert "India Post" in ALIASES.for_row("D/o Posts").aliases


def _own_keys():
    """(words, level) -> the rows whose own names normalise to it."""
    owners = defaultdict(set)
    for entry in ALIASES.rows:
        texts = [entry.ministry, *entry.aliases, *entry.hindi]
        for body in entry.bodies:
            texts += [part for part in split_body(body) if part]
        for text in texts:
            normalised = normalise(text, ALIASES.spellings)
            owners[(normalised.words, normalised.level)].add(entry.ministry)
    return owners


def test_no_name_belongs_to_two_rows_by_accident():
    # A short form that means several bodies goes under [[ambiguous]], where it is
    # written down as such; an alias repeated under two rows is a curation slip.
    clashes = {key: rows for key, rows in _own_keys().items() if len(rows) > 1}
    assert clashes == {}


def test_no_unlisted_body_shadows_a_row_name():
    owners = _own_keys()
    shadowing = []
    for body in ALIASES.outside:
        for text in body.keys:
            normalised = normalise(text, ALIASES.spellings)
            if (normalised.words, normalised.level) in owners:
                shadowing.append((body.name, text))
    assert shadowing == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Indian Council of Agricultural Research (ICAR)", ("Indian Council of Agricultural Research", "ICAR")),
    ("Survey of India", ("Survey of India", None)),
    ("Development Commissioner MSME (DC-MSME)", ("Development Commissioner MSME", "DC-MSME")),
])
def test_split_body(text, expected):
    assert split_body(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("[[row]]\nministry = 'X'\nnickname = ['Y']\n", "unknown field"),
    ("[[row]]\naliases = ['Y']\n", "ministry must be"),
    ("[[row]]\nministry = 'X'\naliases = 'Y'\n", "must be a list"),
    ("[[row]]\nministry = 'X'\n[[row]]\nministry = 'X'\n", "repeated"),
    ("[[group]]\nname = 'G'\nkeys = ['g']\nmembers = ['X']\noutside_members = ['Nowhere']\n", "no [[outside]]"),
    ("[[ambiguous]]\nshort = 'DoX'\nrows = ['X']\noutside = ['Nowhere']\n", "no [[outside]]"),
    ("[[outside]]\nname = 'O'\nkeys = ['o']\nplaces = 'yes'\n", "places"),
    ("[spellings]\nfoo = 3\n", "spellings"),
    ("[[row]\n", "not valid TOML"),
    ("[[rows]]\nministry = 'X'\n", "unknown field"),
])
def test_malformed_files_are_refused_with_the_entry_named(text, message):
    with pytest.raises(AliasFileError, match=message.replace("[", r"\[")):
        parse_aliases(text)
