"""Which responses fit the open ticket (suggest), and finding one by a few words (search).

Suggestion adds up plain rules, each with the reason an agent reads next to the reply:
the ticket's category, the e-mail verdict, how close the training is, and the words of
the question matched against each response's keywords (rapidfuzz, so "certficate" and
"otp nahi aaya" still count). Keywords are normalised once per library, so ranking is
cheap enough to run on every keystroke.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from helpdesk.emails import MDO_APPROVAL, SELF_REGISTRATION
from helpdesk.responses.dates import days_left, training_state
from helpdesk.responses.model import Response
from helpdesk.responses.library import ResponseLibrary
from helpdesk.taxonomy import CATEGORIES, label
from helpdesk.text import clean_line

# Points per rule. The agent's category outweighs any one keyword of the question (even a
# phrase); the e-mail verdict and a near training date order the replies within it; several
# matching keywords together can still overrule a category that was picked in haste.
MAIN_CATEGORY = 60  # the response's first category
OTHER_CATEGORY = 35
PATH_MATCH = 20
PATH_MISMATCH = -25  # a reply for the other registration path misleads
TRAINING_IMMINENT = 45  # today or tomorrow: the seed's "may not be feasible" case
TRAINING_SOON = 25  # under the 7-day registration deadline
BEST_KEYWORD = 40  # scaled by how well the best keyword matched
PHRASE_BONUS = 0.25  # per extra word of the keyword, up to two
EXTRA_KEYWORD = 8  # each further distinct keyword, up to MAX_EXTRA_KEYWORDS
MAX_EXTRA_KEYWORDS = 3
KEYWORD_CUTOFF = 85  # fuzz.ratio: one slip in a word of eight letters still matches
SEARCH_WORD_CUTOFF = 80  # fuzz.ratio between a query word and a word of a title or keyword
SEARCH_CUTOFF = 60  # share of query words found (weighted by match quality), in per cent

PATH_WORDS = {SELF_REGISTRATION: "government (self-registration)",
              MDO_APPROVAL: "not government (MDO admin approval)"}


@dataclass(frozen=True)
class TicketFacts:
    category: str | None
    registration_path: str | None
    training_date: date | None
    today: date
    question: str = ""


@dataclass(frozen=True)
class Suggestion:
    response: Response
    score: float
    reasons: list[str]


# Hyphens inside words go ("e-mail" is "email"); other punctuation separates words. The
# danda (।) ends Hindi sentences. Dots and @ stay inside tokens such as gov.in.
_INNER_HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")
_SEPARATORS = re.compile(r"[\s,;:!?()\[\]{}<>\"'“”‘’`।॥|/\\*_=+~^#$%&-]+")


def normalise(text: str) -> str:
    """Lower case, NFC, one space between words. Devanagari marks are kept, unlike
    rapidfuzz's default processor, which would break Hindi words apart."""
    # Cleaned first: the words of a question come back in the reasons the console shows.
    text = unicodedata.normalize("NFC", clean_line(text)).casefold()
    text = _INNER_HYPHEN.sub("", text)
    return " ".join(token.strip(".") for token in _SEPARATORS.split(text) if token.strip("."))


@dataclass(frozen=True)
class _Index:
    # keyword (normalised) -> its word count and the responses (by position) that list it
    keywords: dict[str, tuple[int, tuple[int, ...]]]
    responses: tuple[Response, ...]
    # search: every title and keyword of every response (as words), with its response
    search_texts: tuple[str, ...]
    search_words: tuple[frozenset[str], ...]
    search_owner: tuple[int, ...]
    search_shown: tuple[str, ...]
    response_words: tuple[frozenset[str], ...]  # all the words of each response
    vocabulary: tuple[str, ...]


@lru_cache(maxsize=8)
def _index(library: ResponseLibrary) -> _Index:
    responses = tuple(library.all())
    keywords: dict[str, list[int]] = {}
    texts: list[frozenset[str]] = []
    owners, shown, phrases = [], [], []
    for position, response in enumerate(responses):
        for keyword in response.keywords:
            normalised = normalise(keyword)
            if normalised:
                keywords.setdefault(normalised, []).append(position)
        candidates = [text.title for text in response.translations.values()]
        candidates += list(response.keywords) + [response.id.replace("-", " ")]
        for candidate in dict.fromkeys(candidates):
            phrases.append(normalise(candidate))
            texts.append(frozenset(phrases[-1].split()))
            owners.append(position)
            shown.append(candidate)
    return _Index(
        keywords={word: (len(word.split()), tuple(owners_)) for word, owners_ in keywords.items()},
        responses=responses,
        search_texts=tuple(phrases),
        search_words=tuple(texts),
        search_owner=tuple(owners),
        search_shown=tuple(shown),
        response_words=tuple(
            frozenset().union(*(words for words, owner in zip(texts, owners) if owner == position))
            for position in range(len(responses))
        ),
        vocabulary=tuple(sorted(frozenset().union(*texts))),
    )


def suggest(library: ResponseLibrary, facts: TicketFacts, limit: int = 3) -> list[Suggestion]:
    """The ``limit`` responses most likely to fit the ticket, best first, with reasons."""
    index = _index(library)
    scores = [0.0] * len(index.responses)
    reasons: list[list[str]] = [[] for _ in index.responses]

    for position, response in enumerate(index.responses):
        if facts.category and facts.category in response.categories:
            main = response.categories[0] == facts.category
            scores[position] += MAIN_CATEGORY if main else OTHER_CATEGORY
            reasons[position].append(f"category: {label(CATEGORIES, facts.category)}")
        paths = response.rules.registration_paths
        if facts.registration_path and paths:
            if facts.registration_path in paths:
                scores[position] += PATH_MATCH
                reasons[position].append(f"e-mail: {PATH_WORDS[facts.registration_path]}")
            else:
                scores[position] += PATH_MISMATCH
        if response.rules.training_soon and facts.training_date is not None:
            bonus, why = _urgency(facts.training_date, facts.today)
            if bonus:
                scores[position] += bonus
                reasons[position].append(why)

    for position, matches in _keyword_matches(index, facts.question).items():
        # A phrase says more than a word: "गलत विभाग" (wrong department) is the profile
        # reply, while "विभाग" alone could be any of several.
        def weight(keyword: str) -> float:
            words = index.keywords[keyword][0]
            return matches[keyword][0] / 100 * (1 + PHRASE_BONUS * min(words - 1, 2))

        best = max(matches, key=lambda keyword: (weight(keyword), len(keyword)))
        scores[position] += BEST_KEYWORD * weight(best)
        scores[position] += EXTRA_KEYWORD * min(len(matches) - 1, MAX_EXTRA_KEYWORDS)
        ranked = sorted(matches.items(), key=lambda item: (-weight(item[0]), -len(item[0])))[:2]
        for keyword, (score, said) in ranked:
            near = "" if said == keyword else f" (≈ {keyword})"
            reasons[position].append(f"question mentions '{said}'{near}")

    ranked = sorted(
        (position for position, score in enumerate(scores) if score > 0),
        # Ties go to the more specific reply (fewer categories), then to a stable order.
        key=lambda p: (-scores[p], len(index.responses[p].categories), index.responses[p].id),
    )
    return [Suggestion(index.responses[p], round(scores[p], 1), reasons[p]) for p in ranked[:limit]]


def _urgency(training: date, today: date) -> tuple[float, str]:
    state = training_state(training, today)
    left = days_left(training, today)
    if state == "training-imminent":
        return TRAINING_IMMINENT, "training today" if left == 0 else "training tomorrow"
    if state == "register-late":
        return TRAINING_SOON, f"training in {left} days: the 7-day registration deadline has passed"
    return 0, ""


def _keyword_matches(index: _Index, question: str) -> dict[int, dict[str, tuple[float, str]]]:
    """response position -> {keyword: (match score, the words of the question it matched)}."""
    words = normalise(question).split()
    if not words:
        return {}
    # Word windows of the question, by length; a keyword of n words is compared with
    # windows of n and n + 1 words, so one extra word ("otp is not received") still fits.
    windows: dict[int, list[str]] = {}
    for size in range(1, 6):
        windows[size] = [" ".join(words[i:i + size]) for i in range(len(words) - size + 1)]
    found: dict[int, dict[str, tuple[float, str]]] = {}
    for keyword, (size, owners) in index.keywords.items():
        choices = windows.get(size, []) + (windows.get(size + 1, []) if size > 1 else [])
        if not choices:
            continue
        match = process.extractOne(keyword, choices, scorer=fuzz.ratio, score_cutoff=KEYWORD_CUTOFF)
        if match is None:
            continue
        said, score, _ = match
        for position in owners:
            found.setdefault(position, {})[keyword] = (score, said)
    return found


def search(library: ResponseLibrary, query: str, limit: int = 10) -> list[Suggestion]:
    """Responses whose titles (in any language) or keywords hold the words of ``query``.

    Each query word counts when a word of the response starts with it (so results come
    as the agent types) or is spelt nearly the same (``certficate``, ``departmnt``); the
    score is the share of query words found, weighted by how well. An empty query lists
    the library in its usual order, so a search box starts full.
    """
    index = _index(library)
    wanted = normalise(query).split()
    if not wanted:
        return [Suggestion(response, 0.0, []) for response in index.responses[:limit]]
    word_scores = [_word_scores(word, index.vocabulary) for word in wanted]

    def score(words: frozenset[str]) -> float:
        return sum(max((found.get(w, 0.0) for w in words), default=0.0)
                   for found in word_scores) / len(wanted)

    phrase = " ".join(wanted)
    ranked = []
    for position, response in enumerate(index.responses):
        total = score(index.response_words[position])
        if total < SEARCH_CUTOFF:
            continue
        # The reason names the title or keyword that matches best: most words, then the
        # closest as a whole phrase (which also breaks ties: "otp" puts the OTP reply
        # before the app reply that merely mentions OTP).
        texts = [at for at, owner in enumerate(index.search_owner) if owner == position]
        closeness = {at: (score(index.search_words[at]), fuzz.ratio(phrase, index.search_texts[at]))
                     for at in texts}
        best_text = max(texts, key=closeness.__getitem__)
        ranked.append((-total, -closeness[best_text][1], response.id,
                       Suggestion(response, round(total, 1),
                                  [f"matches '{index.search_shown[best_text]}'"])))
    hits = [hit for *_, hit in sorted(ranked, key=lambda item: item[:3])]
    return hits[:limit]


def _word_scores(word: str, vocabulary: tuple[str, ...]) -> dict[str, float]:
    found = {match: score for match, score, _ in process.extract(
        word, vocabulary, scorer=fuzz.ratio, score_cutoff=SEARCH_WORD_CUTOFF, limit=None)}
    if len(word) >= 2:
        for candidate in vocabulary:
            if candidate.startswith(word):
                found[candidate] = 100.0
    return found
