"""The word index behind the ministry lookup: fast, typo-tolerant scoring of names.

Every name the lookup knows (annexure rows, aliases, Hindi names, bodies, groups, bodies
not in the directory) is a *key*: its normalised words and the level it names. A query
is scored against keys word by word, not as one string, because a whole-string scorer
cannot tell "Ministry of Defence" from "Defence Production" and gives short strings
inflated partial scores (perf-and-reliability.md §2.3: WRatio's partial fallback).

Each query word stands for the known words it matches (helpdesk/directory/word_matching.py:
exactly, by prefix, or through a typo). Words carry inverse-document-frequency weights,
so "affairs" counts for less than "defence".

A key's score blends how much of the query it explains with how much of the key the
query covers:  100 * (0.7 * query_coverage + 0.3 * key_coverage), minus a penalty when
the query names a ministry and the key a department or the other way round, and a smaller
one when the query names a level and the key none ("IT Department" is Income Tax, "IT"
alone is not settled).

Speed: everything the query does not depend on is computed when the index is built.
Candidate keys are, in this order: keys whose words are exactly the query's; keys holding
several of the query's strongest words (posting lists intersected as sets); then each
word's keys where it weighs most (lists are ordered that way), rarest word first. The
number of candidates is capped: a query of common words ("National Institute") on a
directory of tens of thousands of organisations is scored on its best few hundred
candidates, not on every key that contains "national". A word too light to lift any key over the floor on
its own opens no candidates at all. Scores are then computed from each candidate's own
words, so the cap changes which keys are looked at, never how one is scored.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations, islice
from typing import NamedTuple

from helpdesk.directory.normalise import Normalised
from helpdesk.directory.word_matching import WordMatcher

QUERY_SHARE = 0.7  # the rest of the score is key coverage
LEVEL_MISMATCH_PENALTY = 12.0  # "Ministry of X" against a "Department of X" key
# "X Department" against a key that names no level ("X"): a key that agrees with the
# query's level must win over it by more than the lookup's plausibility margin.
LEVEL_UNSPECIFIED_PENALTY = 10.0
UNKNOWN_WORD_SHARE = 0.5  # of the median word weight
QUALIFIER_SHARE = 0.3  # "AIIMS Delhi": the place qualifies the body, it does not name one
CANDIDATE_BUDGET = 200  # keys scored per query, at most (plus exact matches)
OPEN_PER_WORD = 80  # keys one query word may bring in: those where it weighs most
RESULT_WINDOW = 45.0  # keys returned: at most this far below the best ...
MAX_RESULT_KEYS = 100  # ... and at most this many
COMBINED_WORDS = 3  # the query's strongest words whose common keys are looked for first


@dataclass(frozen=True)
class Key:
    words: tuple[str, ...]
    level: str | None
    payload: object  # what the caller wants back for this key


class ScoredKey(NamedTuple):  # a tuple: hundreds are made per query
    score: float
    key_id: int
    key_coverage: float
    penalty: float


def _rank(item: ScoredKey) -> tuple[float, int]:
    return (-item.score, item.key_id)


def blend(query_coverage: float, key_coverage: float) -> float:
    """The score of a key: mostly how much of the query it explains."""
    return 100.0 * (QUERY_SHARE * query_coverage + (1.0 - QUERY_SHARE) * key_coverage)


class KeyIndex:
    def __init__(self, keys: Sequence[Key], qualifier_words: Iterable[str] = ()) -> None:
        """``qualifier_words`` (place names) weigh less when the query has other words."""
        self.keys = tuple(keys)
        vocabulary: dict[str, int] = {}
        postings: list[list[int]] = []
        key_words: list[tuple[int, ...]] = []
        self._exact: dict[tuple[str, ...], list[int]] = {}
        self.key_levels = [key.level for key in self.keys]
        for key_id, key in enumerate(self.keys):
            word_ids = []
            for word in dict.fromkeys(key.words):
                word_id = vocabulary.setdefault(word, len(vocabulary))
                if word_id == len(postings):
                    postings.append([])
                postings[word_id].append(key_id)
                word_ids.append(word_id)
            key_words.append(tuple(word_ids))
            self._exact.setdefault(tuple(sorted(set(key.words))), []).append(key_id)
        self.vocabulary = vocabulary
        self._posting_sets: dict[int, frozenset[int]] = {}  # built when first intersected
        key_count = max(len(self.keys), 1)
        self.weights = [math.log(1.0 + key_count / len(keys_with_word)) for keys_with_word in postings]
        self.key_words = key_words
        self.key_weight = [sum(self.weights[word_id] for word_id in ids) or 1.0 for ids in key_words]
        # Keys where the word weighs most first: they score highest on that word alone.
        self.postings = [tuple(sorted(keys_with_word, key=self.key_weight.__getitem__))
                         for keys_with_word in postings]
        # A word no name contains still counts against a match, but less than a name word:
        # it is mostly a place or a qualifier ("SAIL Bokaro", "BSF jawan").
        ordered = sorted(self.weights) or [1.0]
        self.unknown_weight = UNKNOWN_WORD_SHARE * ordered[len(ordered) // 2]
        self._qualifiers = {vocabulary[word] for word in qualifier_words if word in vocabulary}
        self.words = WordMatcher(vocabulary)

    # -- scoring ------------------------------------------------------------------

    def score(self, query: Normalised, floor: float) -> Scores:
        """The candidate keys scoring at least ``floor``, best first."""
        words = self.words.join_split_words(query.words)
        expansions = [self.words.expand(word, last=index == len(words) - 1) for index, word in enumerate(words)]
        query_weights = []
        for expansion in expansions:
            if not expansion:
                query_weights.append(self.unknown_weight)
                continue
            best_word = max(expansion, key=expansion.__getitem__)
            weight = self.weights[best_word]
            if best_word in self._qualifiers and len(words) > 1:
                weight *= QUALIFIER_SHARE
            query_weights.append(weight)
        total_weight = sum(query_weights) or 1.0
        shares = tuple(weight / total_weight for weight in query_weights)
        # For each vocabulary word the query reached: (query word, similarity) pairs.
        reached: dict[int, list[tuple[int, float]]] = {}
        for index, expansion in enumerate(expansions):
            for word_id, similarity in expansion.items():
                reached.setdefault(word_id, []).append((index, similarity))
        scores = Scores(self, shares, reached)
        candidates = self._candidates(words, expansions, shares, floor)

        weights, key_words, key_weight, key_levels = self.weights, self.key_words, self.key_weight, self.key_levels
        # The penalty each key level costs against this query's level.
        penalties = None if query.level is None else {None: LEVEL_UNSPECIFIED_PENALTY, query.level: 0.0}
        cover_of = {word_id: weights[word_id] * max(similarity for _, similarity in pairs)
                    for word_id, pairs in reached.items()}
        # A key's explained share is the sum, over its words, of what each explains; only
        # when two of its words stand for the same query word ("agri": agriculture and
        # agricultural) must the larger count once, and that key is recomputed exactly.
        # Per reached word: (share explained, weight covered, bit mask of the query words),
        # one dict look-up per key word in the loop below (it runs on hundreds of keys).
        reach = {word_id: (sum(shares[index] * similarity for index, similarity in pairs),
                           cover_of[word_id], sum(1 << index for index, _ in pairs))
                 for word_id, pairs in reached.items()}
        reach_get = reach.get
        query_share, key_share = 100.0 * QUERY_SHARE, 100.0 * (1.0 - QUERY_SHARE)
        scored = scores.keys
        append = scored.append
        for key_id in candidates:
            covered = explained = 0.0
            seen = 0
            twice = False
            for word_id in key_words[key_id]:
                found = reach_get(word_id)
                if found is not None:
                    gain, cover, bits = found
                    explained += gain
                    covered += cover
                    if seen & bits:
                        twice = True
                    seen |= bits
            if twice:
                explained = sum(share * similarity
                                for share, similarity in zip(shares, scores.similarities(key_id)))
            key_coverage = covered / key_weight[key_id]
            if key_coverage > 1.0:
                key_coverage = 1.0
            penalty = 0.0 if penalties is None else penalties.get(key_levels[key_id], LEVEL_MISMATCH_PENALTY)
            value = query_share * explained + key_share * key_coverage - penalty
            if value >= floor:
                append(ScoredKey(value, key_id, key_coverage, penalty))
        scored.sort(key=_rank)
        # Keys far below the best, or beyond the first few dozen, change neither the verdict
        # nor what the agent is shown; the caller need not look at them.
        if scored:
            lowest = scored[0].score - RESULT_WINDOW
            del scored[MAX_RESULT_KEYS:]
            while scored and scored[-1].score < lowest:
                scored.pop()
        return scores

    def _candidates(self, words: list[str], expansions: list[dict[int, float]],
                    shares: tuple[float, ...], floor: float) -> dict[int, None]:
        """The keys worth scoring, within a budget, in this order: keys whose words are the
        query's; every key of a rare word; keys holding several of the query's common words;
        then each common word's keys where it weighs most."""
        candidates: dict[int, None] = dict.fromkeys(self._exact.get(tuple(sorted(set(words))), ()))
        order = sorted(range(len(words)), key=lambda index: -shares[index])
        openable: list[tuple[int, int]] = []  # (word id, how many of its keys to open)
        rest = sum(shares)
        for index in order:
            rest -= shares[index]
            for word_id, similarity in sorted(expansions[index].items(), key=lambda item: -item[1]):
                # The best a key first reached here can do: every later word matched too
                # and the whole key covered. Below the floor, it is not worth opening.
                if blend(shares[index] * similarity + rest, 1.0) >= floor:
                    openable.append((word_id, len(self.postings[word_id])))
        for word_id, size in openable:
            if size <= OPEN_PER_WORD:
                candidates.update(dict.fromkeys(self.postings[word_id]))
                if len(candidates) >= CANDIDATE_BUDGET:
                    return candidates

        strongest = [max(expansions[index], key=expansions[index].__getitem__)
                     for index in order if expansions[index]][:COMBINED_WORDS]
        for size in range(len(strongest), 1, -1):
            for chosen in combinations(strongest, size):
                if min(len(self.postings[word_id]) for word_id in chosen) <= OPEN_PER_WORD:
                    continue  # the keys holding all of them are in a short list, opened above
                room = min(CANDIDATE_BUDGET - len(candidates), OPEN_PER_WORD)
                if room <= 0:
                    return candidates
                # Walk the shortest list, lightest keys first, keeping keys in all the others:
                # filter() with a set's __contains__ runs at C speed and stops when full.
                shortest, *others = sorted(chosen, key=lambda word_id: len(self.postings[word_id]))
                shared = iter(self.postings[shortest])
                for word_id in others:
                    shared = filter(self._posting_set(word_id).__contains__, shared)
                candidates.update(dict.fromkeys(islice(shared, room)))

        for word_id, size in openable:
            if size > OPEN_PER_WORD:
                room = min(CANDIDATE_BUDGET - len(candidates), OPEN_PER_WORD)
                if room <= 0:
                    return candidates
                candidates.update(dict.fromkeys(self.postings[word_id][:room]))
        return candidates

    def _posting_set(self, word_id: int) -> frozenset[int]:
        found = self._posting_sets.get(word_id)
        if found is None:
            found = self._posting_sets[word_id] = frozenset(self.postings[word_id])
        return found


class Scores:
    """One query's scored keys, and what is needed to look closer at any key."""

    def __init__(self, index: KeyIndex, shares: tuple[float, ...],
                 reached: dict[int, list[tuple[int, float]]]) -> None:
        self.keys: list[ScoredKey] = []  # the candidate keys at or above the floor, best first
        self.query_shares = shares  # each query word's part of the query's weight
        self._index = index
        self._reached = reached

    def similarities(self, key_id: int) -> list[float]:
        """Per query word: how well the key matched it (0 = not at all)."""
        found = [0.0] * len(self.query_shares)
        for word_id in self._index.key_words[key_id]:
            for index, similarity in self._reached.get(word_id, ()):
                if similarity > found[index]:
                    found[index] = similarity
        return found

    @staticmethod
    def headroom(best: ScoredKey) -> float:
        """The most that combining names could add to ``best``: its unexplained share."""
        explained_points = best.score + best.penalty - 100.0 * (1.0 - QUERY_SHARE) * best.key_coverage
        return max(0.0, 100.0 * QUERY_SHARE - explained_points)

    def combined(self, best: ScoredKey, sibling_keys: Iterable[int]) -> float:
        """One body's score from several of its own names, each explaining part of the query.

        "Homoeopathy AYUSH" has no single key holding both words, but the ministry's long
        name holds one and its short name the other. The best key still sets the key
        coverage and the level penalty, so this never beats an exact single name.
        """
        found = self.similarities(best.key_id)
        for key_id in sibling_keys:
            found = [max(pair) for pair in zip(found, self.similarities(key_id))]
        explained = sum(share * similarity for share, similarity in zip(self.query_shares, found))
        return blend(explained, best.key_coverage) - best.penalty
