"""The normaliser puts annexure names, aliases and queries into one form."""

import pytest

from helpdesk.directory.normalise import DEPARTMENT, MINISTRY, normalise, transliterate


@pytest.mark.parametrize(("text", "words", "level"), [
    ("M/o of Law and Justice", ("law", "justice"), MINISTRY),
    ("Ministry of Law & Justice", ("law", "justice"), MINISTRY),
    ("D/f Promotion of Industry & Internal Trade", ("promotion", "industry", "internal", "trade"), DEPARTMENT),
    ("Dept. of Posts", ("post",), DEPARTMENT),
    ("Deptt of Posts", ("post",), DEPARTMENT),
    ("d / o posts", ("post",), DEPARTMENT),
    ("Legislative Department", ("legislative",), DEPARTMENT),
    ("Department of Heavy Industries", ("heavy", "industry"), DEPARTMENT),
    ("Prime Minister's Office", ("prime", "minister", "office"), None),
    ("ASSAM RIFLES", ("assam", "rifle"), None),
    ("Government of India, Ministry of Railways", ("railway",), MINISTRY),
])
def test_prefixes_generic_words_case_and_plurals(text, words, level):
    normalised = normalise(text)
    assert (normalised.words, normalised.level) == (words, level)


@pytest.mark.parametrize(("text", "expected"), [
    ("BPR&D", "bprnd"),  # "&" inside an acronym stays part of it ...
    ("DoP&T", "dopnt"),
    ("I&B", "inb"),  # ... so I&B does not collapse into IB (the Intelligence Bureau)
    ("I & B", "inb"),  # two single letters: an acronym even with spaces
    ("Research & Development", "research development"),  # "&" between words is "and"
    ("C-DAC", "cdac"),
    ("C.B.D.T.", "cbdt"),
    ("MoES", "moes"),  # acronyms keep a final s
    ("Pensioners' Welfare", "pensioner welfare"),
])
def test_acronyms_and_punctuation(text, expected):
    assert normalise(text).text == expected


def test_typos_of_generic_words_are_still_generic():
    assert normalise("Departmnet of Agriculture") == normalise("Department of Agriculture")
    assert normalise("Ministy of Coal").level == MINISTRY
    assert normalise("Minstry of Coal").words == ("coal",)
    # ... but a real word two letters away is not swallowed.
    assert normalise("Prime Minister").words == ("prime", "minister")


def test_hindi_generic_words_in_both_scripts():
    for text in ("Raksha Mantralaya", "raksha mantralay", "रक्षा मंत्रालय", "रक्षा मन्त्रालय"):
        assert normalise(text) == normalise("Ministry of Raksha"), text
    for text in ("Dak Vibhag", "dak vibhaag", "डाक विभाग"):
        assert normalise(text).words == ("dak",) and normalise(text).level == DEPARTMENT, text


@pytest.mark.parametrize(("devanagari", "latin"), [
    ("रक्षा", "raksha"),
    ("गृह", "grih"),
    ("डाक", "dak"),
    ("वित्त", "vitta"),  # a final cluster keeps its vowel
    ("राजभाषा", "rajbhasha"),  # the unspoken medial vowel goes
    ("सूचना", "suchna"),
    ("कर्मयोगी", "karmayogi"),
    ("एवं", "evam"),  # anusvara at the end is "m"
    ("संबंध", "sambandh"),  # and before b
    ("मंत्रालय", "mantralay"),
    ("ज़िला", "zila"),  # nukta
    ("रेल १२३", "rel 123"),  # Devanagari digits
])
def test_transliteration(devanagari, latin):
    assert transliterate(devanagari) == latin


def test_romanised_hindi_matches_devanagari_after_normalising():
    assert normalise("Rajbhasha Vibhag") == normalise("राजभाषा विभाग")
    assert normalise("Poorva Sainik Kalyan") == normalise("पूर्व सैनिक कल्याण")
    assert normalise("Aadhaar") == normalise("आधार")


def test_spelling_variants_come_from_the_caller():
    spellings = {"fertilisers": "fertilizers"}
    assert normalise("Fertilisers", spellings) == normalise("Fertilizers")
    assert normalise("Fertilisers") != normalise("Fertilizers")


def test_nothing_but_generic_words_leaves_no_words():
    assert normalise("Ministry of").words == ()
    assert normalise("Government of India").words == ()
    assert normalise("").words == () and normalise("").level is None
    assert normalise("??? ...").words == ()
