"""Which known words a typed word may stand for: exactly, by prefix, or through a typo.

The lookup's vocabulary is every word of every name it knows. A query word is matched
to it exactly, by prefix (people type "pharma", "agri", and the console searches while
they type), or, when the vocabulary knows it in no form, by edit distance: words one
edit away are found through an index of one-letter deletions ("symmetric delete": a word
and its typo share a deletion) and scored with rapidfuzz; long words with two slips, by
a rapidfuzz scan of the words of about their length that start with the same letter.

Short words (three letters or fewer: DoP, MoC, MHA) never match by edit distance: one
letter changes the body. A typo-matched word counts a little less than the word itself.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping

from rapidfuzz import fuzz, process

EXACT, MIN_FUZZY_LENGTH, MIN_PREFIX_LENGTH = 1.0, 4, 3
FUZZY_WEIGHT = 0.95
FUZZY_MATCHES_PER_WORD = 6
PREFIX_MATCHES_PER_WORD = 12
PREFIXES_BESIDE_EXACT = 3
LONG_TYPO_LENGTH = 8  # words this long may carry two slips and still be matched
SAME_START_UP_TO = 6  # typo matches of words this short must start with the same letter
# Indel similarity (fuzz.ratio) a typo must keep: one substitution is 75 % of a 4-letter
# word, 80 % of a 5-letter word, ~83 % of a 6-letter word.
_SHORT_WORD_CUTOFF, _LONG_WORD_CUTOFF = 75.0, 80.0


def deletions(word: str) -> set[str]:
    """The word and every form of it with one letter left out."""
    return {word, *(word[:index] + word[index + 1:] for index in range(len(word)))}


class WordMatcher:
    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        """``vocabulary`` maps each known word to its id."""
        self.vocabulary = vocabulary
        self._words = {word_id: word for word, word_id in vocabulary.items()}
        self._alphabetical = sorted(vocabulary)
        # Words with digits are codes (I4C, DC-MSME): nobody misspells those into a match.
        self._deletions: dict[str, list[int]] = {}
        for word, word_id in vocabulary.items():
            if len(word) >= MIN_FUZZY_LENGTH and word.isalpha():
                for variant in deletions(word):
                    self._deletions.setdefault(variant, []).append(word_id)
        self._by_initial: dict[str, tuple[list[str], list[int]]] = {}
        for word in sorted(vocabulary, key=len):
            if len(word) >= LONG_TYPO_LENGTH - 2 and word.isalpha():
                words, lengths = self._by_initial.setdefault(word[0], ([], []))
                words.append(word)
                lengths.append(len(word))

    def expand(self, word: str, last: bool) -> dict[int, float]:
        """Known words this typed word may stand for, with a similarity in (0, 1].

        ``last``: the word is the query's last, so it may still be being typed.
        """
        matches: dict[int, float] = {}
        exact = self.vocabulary.get(word)
        if exact is not None:
            matches[exact] = EXACT
        # Prefixes for a word still being typed, or one the vocabulary lacks ("pharma").
        # A known code of three letters ("MoS") is not the start of a longer one ("MoST").
        if len(word) >= MIN_PREFIX_LENGTH + (exact is not None) and (last or exact is None):
            # Beside an exact word, a few longer ones are enough for someone still typing.
            prefixes = self._prefix_matches(word)
            for word_id, similarity in prefixes if exact is None else prefixes[:PREFIXES_BESIDE_EXACT]:
                matches[word_id] = max(similarity, matches.get(word_id, 0.0))
        # Edit distance only for a word the vocabulary does not know in any form.
        if not matches and len(word) >= MIN_FUZZY_LENGTH:
            for word_id, similarity in self._typo_matches(word):
                matches[word_id] = max(similarity, matches.get(word_id, 0.0))
        return matches

    def join_split_words(self, words: tuple[str, ...]) -> list[str]:
        """"bio technology" -> "biotechnology" when only the joined form is a known word."""
        joined: list[str] = []
        index = 0
        while index < len(words):
            pair = words[index] + words[index + 1] if index + 1 < len(words) else ""
            if pair in self.vocabulary and not (
                words[index] in self.vocabulary and words[index + 1] in self.vocabulary
            ):
                joined.append(pair)
                index += 2
            else:
                joined.append(words[index])
                index += 1
        return joined

    def _prefix_matches(self, word: str) -> list[tuple[int, float]]:
        start = bisect_left(self._alphabetical, word)
        found = []
        for candidate in self._alphabetical[start:start + 4 * PREFIX_MATCHES_PER_WORD]:
            if not candidate.startswith(word):
                break
            if candidate != word:
                found.append(candidate)
        found.sort(key=len)
        return [(self.vocabulary[candidate], 0.75 + 0.2 * len(word) / len(candidate))
                for candidate in found[:PREFIX_MATCHES_PER_WORD]]

    def _typo_matches(self, word: str) -> list[tuple[int, float]]:
        cutoff = _SHORT_WORD_CUTOFF if len(word) <= 5 else _LONG_WORD_CUTOFF
        near = {word_id for variant in deletions(word) for word_id in self._deletions.get(variant, ())}
        found = []
        if near:
            found = process.extract(word, [self._words[word_id] for word_id in near], scorer=fuzz.ratio,
                                    processor=None, score_cutoff=cutoff, limit=FUZZY_MATCHES_PER_WORD + 1)
        elif len(word) >= LONG_TYPO_LENGTH and word[0] in self._by_initial:
            # Two slips in a long word ("fisheris"): scan the words of about its length.
            words, lengths = self._by_initial[word[0]]
            lo = bisect_left(lengths, len(word) - 2)
            hi = bisect_right(lengths, len(word) + 2)
            found = process.extract(word, words[lo:hi], scorer=fuzz.ratio, processor=None,
                                    score_cutoff=cutoff, limit=FUZZY_MATCHES_PER_WORD + 1)
        # A short word with a different first letter is another word, not a typo of it:
        # "agri" is not "grih", "mausam" is not "asam".
        return [(self.vocabulary[candidate], FUZZY_WEIGHT * score / 100.0)
                for candidate, score, _ in found
                if candidate != word and (len(word) > SAME_START_UP_TO or candidate[0] == word[0])
                ][:FUZZY_MATCHES_PER_WORD]
