"""One normaliser for ministry names, applied alike to the directory, the aliases and queries.

Agents type "MeitY", "min. of electronics & IT", "Deptt of Posts", "rail mantralaya" or
"रक्षा मंत्रालय"; the annexure prints "M/o Electronics & Information Technology" and
"D/f Promotion of Industry & Internal Trade". Matching works only when both sides are
reduced the same way, so this module owns every rule:

* Devanagari is transliterated to plain Latin letters (a simple, lossy scheme: long and
  short vowels fold together, unspoken inherent vowels are dropped), so a Hindi name
  typed in either script lands on the same letters;
* abbreviations of the prefixes ("M/o", "D/o", "D/f", "Dept.", "Deptt") and the generic
  words in English and Hindi ("Ministry of", "mantralaya", "vibhag", "विभाग") are removed,
  but remembered as the *level* the text asked for (ministry or department); so are their
  typos ("Departmnet", "Ministy"), which would otherwise count as the name of a body;
* "&" inside an acronym ("BPR&D", "DoP&T") stays a letter of it, elsewhere it is "and"
  and goes; dotted acronyms ("C.B.D.T.") close up; other punctuation separates words;
* case and accents go; doubled vowels of romanised Hindi fold in words of five letters or
  more ("Vibhaag", "Poorva", "Aayog" -> vibhag, purva, ayog, as the transliteration writes
  them); a light plural rule makes "Industries" and "industry" one word; and a caller may
  pass a table of spelling variants ("fertiliser" -> "fertilizer") from the alias file.

The result is a tuple of content words; :func:`normalise` returns them with the level.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

MINISTRY = "ministry"
DEPARTMENT = "department"

# --- Devanagari -> Latin -------------------------------------------------------------

_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n",
    "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n",
    "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m",
    "य": "y", "र": "r", "ल": "l", "ळ": "l", "व": "v",
    "श": "sh", "ष": "sh", "स": "s", "ह": "h",
}
# A nukta (़) changes a few consonants into sounds Latin spellings write differently.
_NUKTA = {"ज": "z", "फ": "f", "ड": "r", "ढ": "rh", "क": "k", "ख": "kh", "ग": "g", "य": "y"}
_INDEPENDENT_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri",
    "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e",
}
_VOWEL_SIGNS = {
    "ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri",
    "े": "e", "ै": "ai", "ो": "o", "ौ": "au", "ॉ": "o", "ॅ": "e",
}
_VIRAMA, _NUKTA_SIGN = "्", "़"
_NASALS = frozenset("ंँ")
_VISARGA = "ः"
_DEVANAGARI_DIGITS = {chr(0x0966 + digit): str(digit) for digit in range(10)}
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


@dataclass
class _Sound:
    letters: str
    vowel: str = ""  # a consonant's vowel: a sign, the inherent "a", or "" (virama)
    inherent: bool = False  # the vowel is the inherent "a", which Hindi often drops
    consonant: bool = False
    after_virama: bool = False  # second or later consonant of a cluster (क्ष, त्र, स्थ)
    nasal: bool = False  # anusvara or chandrabindu
    source: str = ""  # the Devanagari consonant, for a following nukta

    def ends_in_vowel(self) -> bool:
        # A nasal sign only colours the vowel before it, so it counts as one.
        return bool(self.vowel) if self.consonant else self.letters not in ("", " ")


def _transliterate_word(word: str) -> str:
    sounds: list[_Sound] = []
    for char in word:
        last = sounds[-1] if sounds else None
        if char in _CONSONANTS:
            cluster = bool(last and last.consonant and not last.vowel)
            sounds.append(_Sound(_CONSONANTS[char], "a", inherent=True, consonant=True,
                                 after_virama=cluster, source=char))
        elif char == _NUKTA_SIGN and last and last.consonant:
            last.letters = _NUKTA.get(last.source, last.letters)
        elif char == _VIRAMA and last and last.consonant:
            last.vowel, last.inherent = "", False
        elif char in _VOWEL_SIGNS and last and last.consonant:
            last.vowel, last.inherent = _VOWEL_SIGNS[char], False
        elif char in _INDEPENDENT_VOWELS:
            sounds.append(_Sound(_INDEPENDENT_VOWELS[char]))
        elif char in _NASALS:
            sounds.append(_Sound("n", nasal=True))
        elif char == _VISARGA:
            sounds.append(_Sound("h"))
        elif char in _DEVANAGARI_DIGITS:
            sounds.append(_Sound(_DEVANAGARI_DIGITS[char]))
        elif char in "।॥":
            sounds.append(_Sound(" "))
        # Zero-width (non-)joiners and other marks only shape the glyphs: nothing to write.
    _drop_silent_vowels(sounds)
    for index, sound in enumerate(sounds):
        # The anusvara is written "m" before p/b/m and at the end (evam, sambandh).
        following = sounds[index + 1].letters if index + 1 < len(sounds) else ""
        if sound.nasal and (not following or following[0] in "pbm"):
            sound.letters = "m"
    return "".join(sound.letters + sound.vowel for sound in sounds)


def _drop_silent_vowels(sounds: list[_Sound]) -> None:
    """Hindi leaves some inherent vowels unspoken; romanised names leave them out too.

    The final one goes unless it closes a cluster (vibhag, but mitra, swasthya), and a
    medial one goes between a vowel and a consonant that carries its own vowel (raj-bhasha,
    such-na). Working right to left lets each decision see the ones after it.
    """
    if len(sounds) < 2:
        return  # a one-letter word (व, "va") keeps its vowel
    last = sounds[-1]
    if last.consonant and last.inherent and not last.after_virama:
        last.vowel, last.inherent = "", False
    for index in range(len(sounds) - 2, 0, -1):
        sound, before, after = sounds[index], sounds[index - 1], sounds[index + 1]
        if (sound.inherent and not sound.after_virama and before.ends_in_vowel()
                and after.consonant and after.vowel):
            sound.vowel, sound.inherent = "", False


def transliterate(text: str) -> str:
    """Devanagari words to plain Latin letters; other text is left as it is."""
    if not _DEVANAGARI.search(text):
        return text
    return re.sub(r"[\u0900-\u097F\u200c\u200d]+", lambda m: _transliterate_word(m.group()), text)


# --- Latin clean-up -------------------------------------------------------------------

# M/o, D/o, D/f (as printed in the annexure) and their spaced or dotted variants.
_PREFIX = re.compile(r"\b([md])\s*/\s*([of])\b\.?")
_PREFIX_WORDS = {"m": " ministry ", "d": " department "}
_DOTTED_ACRONYM = re.compile(r"\b(?:[a-z0-9]\.){2,}(?:[a-z0-9]\b)?")
# "&" with no space on either side is part of an acronym: BPR&D, DoP&T, I&B, DAR&PG. It
# becomes "n" (as in "RnD"), so I&B ("inb") stays apart from IB, the Intelligence Bureau.
_ACRONYM_AMPERSAND = re.compile(r"(?<=\w)&(?=\w)")
# ... and so is one between two single letters, spaced or not: "I & B" is I&B.
_SPACED_LETTER_AMPERSAND = re.compile(r"(?<!\w)(\w)\s*&\s*(\w)(?!\w)")
_APOSTROPHE = re.compile(r"['’‘`]")
# One letter before a hyphen is a prefix of the word: C-DAC, e-Governance.
_LETTER_HYPHEN = re.compile(r"\b([a-z])-(?=\w)")
_SEPARATORS = re.compile(r"[^\w]+|_")

MINISTRY_WORDS = frozenset({
    "ministry", "ministries", "min", "minstry", "ministery", "mantralaya", "mantralay",
    "mantralai", "mantralya", "mamtralaya",
})
DEPARTMENT_WORDS = frozenset({
    "department", "departments", "dept", "deptt", "dep", "dpt", "deparment", "departmant",
    "vibhag", "vibhaga",
})
# Words that say nothing about which body is meant, in English and romanised Hindi.
# "India"/"Indian" go too: "Government of India", "India Post", "Indian Railways".
GENERIC_WORDS = frozenset({
    "of", "the", "for", "and", "in", "on", "to", "a", "an",
    "aur", "evam", "tatha", "va", "ka", "ki", "ke",
    "govt", "government", "goi", "india", "indian", "sarkar",
})


_DOUBLED_VOWEL = re.compile(r"aa|ii|uu|oo|ee")
_SINGLE_VOWEL = {"aa": "a", "ii": "i", "uu": "u", "oo": "u", "ee": "i"}


def _fold_vowels(word: str) -> str:
    return _DOUBLED_VOWEL.sub(lambda m: _SINGLE_VOWEL[m.group()], word)


def _stem(word: str) -> str:
    """Fold English plurals so "industries", "Posts" and "affairs" meet their singulars."""
    if len(word) >= 5 and word.endswith("ies"):
        return word[:-3] + "y"
    # Five letters at least, so acronyms keep their s: MoES is not "MoE".
    if len(word) >= 5 and word.endswith("s") and word[-2] not in "siua":
        return word[:-1]
    return word


@dataclass(frozen=True)
class Normalised:
    words: tuple[str, ...]
    level: str | None  # MINISTRY or DEPARTMENT when the text said which; else None

    @property
    def text(self) -> str:
        return " ".join(self.words)


# The long generic words, whose typos ("Departmnet", "Ministy", "Govenment") must not be
# mistaken for the name of a body: one slip (two in ten letters or more) is tolerated.
_TYPO_PRONE = {"ministry": MINISTRY, "mantralaya": MINISTRY, "department": DEPARTMENT,
               "vibhag": DEPARTMENT, "government": None}


def _generic_typo(word: str) -> tuple[bool, str | None]:
    if len(word) < 5:
        return False, None
    for form, level in _TYPO_PRONE.items():
        allowed = 2 if len(form) >= 10 else 1
        if abs(len(form) - len(word)) <= allowed and OSA.distance(word, form, score_cutoff=allowed) <= allowed:
            return True, level
    return False, None


@lru_cache(maxsize=65536)
def _classify(word: str) -> tuple[str | None, str]:
    """(level or None, content word) for one raw word; content "" for generic words."""
    folded = _fold_vowels(word) if len(word) >= 5 else word
    stem = _stem(folded)
    if folded in MINISTRY_WORDS or stem in MINISTRY_WORDS:
        return MINISTRY, ""
    if folded in DEPARTMENT_WORDS or stem in DEPARTMENT_WORDS:
        return DEPARTMENT, ""
    if folded in GENERIC_WORDS:
        return None, ""
    generic, level = _generic_typo(folded)
    if generic:
        return level, ""
    return None, stem


def _plain(text: str) -> str:
    """Latin letters, lower case, without accents or Devanagari."""
    if text.isascii():
        return text.casefold()
    latin = transliterate(unicodedata.normalize("NFC", text))
    decomposed = unicodedata.normalize("NFKD", latin)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def normalise(text: str, spellings: Mapping[str, str] | None = None) -> Normalised:
    """Reduce a ministry name or a query to its content words and the level it names."""
    plain = _plain(text)
    if "/" in plain:
        plain = _PREFIX.sub(lambda m: _PREFIX_WORDS[m.group(1)], plain)
    if "." in plain:
        plain = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", ""), plain)
    if "&" in plain:
        plain = _ACRONYM_AMPERSAND.sub("n", _SPACED_LETTER_AMPERSAND.sub(r"\1n\2", plain))
    plain = _APOSTROPHE.sub("", plain)
    if "-" in plain:
        plain = _LETTER_HYPHEN.sub(r"\1", plain)
    level = None
    words = []
    for raw_word in _SEPARATORS.split(plain):
        if not raw_word:
            continue
        if spellings:
            raw_word = spellings.get(raw_word, raw_word)
        word_level, word = _classify(raw_word)
        if word:
            words.append(word)
        elif word_level and level is None:
            level = word_level
    return Normalised(tuple(words), level)
