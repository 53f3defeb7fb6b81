"""Which KB representative looks after the participant's ministry: ranked matches and a verdict.

The lookup knows every annexure row by its printed name and by the curated names in
data/aliases.toml (abbreviations, Hindi names, bodies under a department, ministries
listed only through their departments, bodies that are not in the annexure at all). It
scores a query against all of them (helpdesk/directory/lookup_index.py) and then judges the
candidates, because a ranked list alone invites the agent to trust the first line:

* **confident**: every plausible candidate has the same representative ("Ministry of
  Defence" covers five rows, all one person);
* **ambiguous**: plausible candidates disagree ("Law": the ministry row and its
  departments have different representatives), or the best match is weak;
* **not-in-directory**: the query names a body the annexure does not list (Department
  of Space, NITI Aayog, CRPF); the agent is sent to the MDO nodal contact list, with
  the body's parent named when the alias file knows it;
* **no-match**: nothing scores high enough.

A match always shows the representative of the row's e-mail (their most printed name and
mobile); when the row itself prints something else, the row as published and the
annexure's flaw travel with it as warnings.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from helpdesk.directory.aliases import Aliases, OutsideBody, load_aliases
from helpdesk.desk import facts
from helpdesk.directory.rows import Directory, Representative
from helpdesk.directory.rows import version as directory_version
from helpdesk.directory.check import check, warnings_by_position
from helpdesk.directory.representative import Contact, of_row, of_ticket
from helpdesk.errors import InputError
from helpdesk.directory.lookup_index import KeyIndex, ScoredKey
from helpdesk.directory.lookup_keys import Target, build_keys
from helpdesk.directory.normalise import Normalised, normalise
from helpdesk.text import clean_line

if TYPE_CHECKING:
    from helpdesk.store.connection import Store

CONFIDENT, AMBIGUOUS, NOT_IN_DIRECTORY, NO_MATCH = "confident", "ambiguous", "not-in-directory", "no-match"
CANDIDATE_FLOOR = 50.0  # below this a key is not a candidate at all
PLAUSIBLE_MARGIN = 8.0  # candidates this close to the best one could be what was meant
CONFIDENT_FLOOR = 70.0  # a lone best match weaker than this is not trusted
MAX_COMBINED = 8  # bodies per query whose names are combined (the most promising ones)
PARENT_HINT_SHARE = 0.6  # a parent row offered for an unlisted body ranks well below it
MAX_QUERY_LENGTH = 200
_UNLISTED = 10**6  # where bodies not in the directory sort among equal scores: last


@dataclass(frozen=True)
class Match:
    ministry: str
    rep_name: str
    rep_email: str
    rep_mobile: str
    score: float
    via: str  # how the query reached this row: "name", "alias MeitY", "Hindi name", "body ICAR", ...
    warnings: list[str] = field(default_factory=list)
    published: dict | None = None  # the row as printed, when it differs from the representative

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class LookupResult:
    query: str
    confident: bool
    verdict: str  # "confident" | "ambiguous" | "not-in-directory" | "no-match"
    reason: str  # one sentence for a person
    matches: list[Match]
    fallback: str | None  # the MDO nodal contact list, whenever the verdict is not confident
    not_in_directory: str | None = None  # the unlisted body the query names, if any

    @property
    def routed_row(self) -> str | None:
        """The directory row this answer sets on a ticket: the best match, only when confident.
        The console's picker and ``helpdesk ticket new --ministry`` both route through here."""
        return self.matches[0].ministry if self.confident and self.matches else None

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "confident": self.confident,
            "verdict": self.verdict,
            "reason": self.reason,
            "matches": [match.to_dict() for match in self.matches],
            "fallback": self.fallback,
            "not_in_directory": self.not_in_directory,
        }


class Lookup:
    """The directory and its aliases, indexed once; ``search`` answers each query."""

    def __init__(self, directory: Directory, aliases: Aliases | None = None) -> None:
        self.directory = directory
        self.aliases = aliases if aliases is not None else load_aliases()
        self.findings = check(directory, self.aliases)
        self._warnings = warnings_by_position(self.findings)
        self._places = frozenset(
            word for body in self.aliases.outside if body.places for key in body.keys
            for word in normalise(key, self.aliases.spellings).words
        )
        self._index = KeyIndex(build_keys(directory, self.aliases), qualifier_words=self._places)
        # A body's own names (not shared with a group or a short form), for queries whose
        # words are spread over several of them.
        own_keys: dict[Target, list[int]] = {}
        for key_id, key in enumerate(self._index.keys):
            if len(key.payload.targets) == 1:
                own_keys.setdefault(key.payload.targets[0], []).append(key_id)
        self._own_keys = {target: frozenset(ids) for target, ids in own_keys.items()}
        self._nodal_list = facts().links.nodal_list
        self._positions = {row.ministry: row.position for row in directory}
        # What each key leads to, flat: read for every scored key of every query.
        self._key_targets = [key.payload.targets for key in self._index.keys]
        self._key_via = [key.payload.via for key in self._index.keys]
        self._target_order = {Target("row", name): position for name, position in self._positions.items()}

    @classmethod
    def from_store(cls, store: Store) -> Lookup:
        """The lookup for the store's current directory, rebuilt only when the rows change.

        Cheap enough for every keystroke: one one-row read tells whether the directory
        changed since the last call; only then are the rows read and, if their content is
        new, indexed.
        """
        aliases = load_aliases()
        seen_key = (str(store.path), directory_version(store.db), id(aliases))
        with _CACHE_LOCK:
            known = _BY_VERSION.get(seen_key)
        if known is not None:
            return known
        directory = Directory.from_store(store)
        content_key = (directory.content_key, id(aliases))
        with _CACHE_LOCK:
            cached = _CACHE.get(content_key)
        if cached is None:
            cached = cls(directory, aliases)
            # The index lives as long as the console, and so does everything built before it
            # (the app, its first screen): leave them out of the cyclic collector's full
            # passes, which otherwise rescan them all and stall a keystroke for tens of ms.
            # Frozen objects are still freed by reference counting when dropped.
            gc.freeze()
        with _CACHE_LOCK:
            _CACHE[content_key] = cached
            _CACHE.move_to_end(content_key)
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
            _BY_VERSION[seen_key] = cached
            while len(_BY_VERSION) > 4 * _CACHE_SIZE:
                _BY_VERSION.pop(next(iter(_BY_VERSION)))
        return cached

    # -- searching ----------------------------------------------------------------

    def search(self, query: str, limit: int = 5) -> LookupResult:
        """Ranked matches for ``query``, best first, at most ``limit``, with a verdict."""
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise InputError(f"limit must be a positive whole number, not {limit!r}")
        text = clean_line(query)[:MAX_QUERY_LENGTH]
        normalised = normalise(text, self.aliases.spellings)
        if not normalised.words:
            said = f"'{text}' names no body" if text else "the query is empty"
            return self._result(text, NO_MATCH, f"Nothing to look up: {said}.", [])
        ranked = self._ranked(normalised)
        if not ranked:
            return self._result(text, NO_MATCH, f"Nothing in the directory or the alias list "
                                f"resembles '{text}'.", [])
        return self._judge(text, normalised, ranked, limit)

    def _ranked(self, normalised: Normalised) -> list[tuple[Target, tuple[float, str]]]:
        """Every candidate body with its best score and how it was reached, best first."""
        scores = self._index.score(normalised, CANDIDATE_FLOOR)
        key_targets, key_via = self._key_targets, self._key_via
        hits: dict[Target, list[ScoredKey]] = {}
        for scored in scores.keys:  # best first
            for target in key_targets[scored.key_id]:
                found = hits.get(target)
                if found is None:
                    hits[target] = [scored]
                else:
                    found.append(scored)
        best = {target: (target_hits[0].score, key_via[target_hits[0].key_id])
                for target, target_hits in hits.items()}
        if len(scores.query_shares) > 1 and best:
            # A body whose own names each explain part of the query ("Homoeopathy AYUSH").
            # Only a body's own names combine: a group's name says nothing about which member.
            leader = max(score for score, _ in best.values())
            own_keys, headroom = self._own_keys, scores.headroom
            hopefuls = []
            for target, target_hits in hits.items():
                top = target_hits[0]
                if top.score >= 100.0:
                    continue
                own = own_keys.get(target, ())
                if top.key_id not in own or len(own) < 2:
                    continue
                # Only bodies that could become plausible if combining helped fully.
                reach = top.score + headroom(top)
                if reach >= leader - PLAUSIBLE_MARGIN:
                    hopefuls.append((reach, target, top, own))
            hopefuls.sort(key=lambda item: -item[0])
            for _, target, top, own in hopefuls[:MAX_COMBINED]:
                combined = scores.combined(top, own)
                if combined > top.score:
                    best[target] = (combined, best[target][1])
        order = self._target_order.get
        return sorted(best.items(), key=lambda item: (-item[1][0], order(item[0], _UNLISTED)))

    def _judge(self, text: str, normalised: Normalised,
               ranked: list[tuple[Target, tuple[float, str]]], limit: int) -> LookupResult:
        """The verdict on the ranked candidates, and the matches to show with it."""
        top_score = ranked[0][1][0]
        plausible = [target for target, (score, _) in ranked if score >= top_score - PLAUSIBLE_MARGIN]
        rows = [target for target in plausible if target.kind == "row"]
        outside = [target for target in plausible if target.kind == "outside"]
        row_matches = [self._match(target, score, via)
                       for target, (score, via) in islice(
                           (item for item in ranked if item[0].kind == "row"), limit)]

        if not rows:
            body = self.aliases.outside_body(outside[0].name)
            hints = self._parent_hints(body, top_score, row_matches)
            parent = f"; it comes under {body.parent}" if body.parent else ""
            note = f" {body.note}" if body.note else ""
            reason = (f"{body.name} is not in the KB directory{parent}.{note} The MDO nodal contact "
                      "list names each organisation's nodal officer.")
            offered = sorted(hints + row_matches, key=lambda match: -match.score)
            return self._result(text, NOT_IN_DIRECTORY, reason, offered[:limit],
                                not_in_directory=body.name)
        if outside:
            reason = (f"'{text}' fits {self._names(rows)} in the directory, and also "
                      f"{self._names(outside)}, not in the directory; ask the participant which.")
            return self._result(text, AMBIGUOUS, reason, row_matches, not_in_directory=outside[0].name)
        people = {self.directory.row(target.name).identity for target in rows}
        if len(people) > 1:
            names = sorted({self._person(target).name for target in rows})
            reason = (f"'{text}' fits {len(rows)} rows with {len(names)} different representatives "
                      f"({', '.join(names)}); ask which ministry or department.")
            return self._result(text, AMBIGUOUS, reason, row_matches)
        person = self._person(rows[0])
        if top_score < CONFIDENT_FLOOR:
            reason = (f"Only a weak match ({top_score:.0f}/100): {rows[0].name}, {person.name}. "
                      "Check the name with the participant.")
            return self._result(text, AMBIGUOUS, reason, row_matches)
        if len(rows) == 1:
            reason = f"{rows[0].name} ({ranked[0][1][1]}): {person.name}."
        else:
            reason = f"All {len(rows)} plausible rows have the same representative: {person.name}."
        places = [word for word in normalised.words if word in self._places]
        if places:
            reason += (f" The query also names a place ({', '.join(places)}): if the participant "
                       "works for a state or UT government, that office is not in the directory.")
        return self._result(text, CONFIDENT, reason, row_matches)

    # -- pieces of a result ---------------------------------------------------------

    def _person(self, target: Target) -> Representative:
        return self.directory.representative(self.directory.row(target.name))

    @staticmethod
    def _names(targets: list[Target]) -> str:
        names = [target.name for target in targets[:3]]
        if len(targets) > 3:
            return ", ".join(names) + f" and {len(targets) - 3} more"
        return " or ".join(names)

    def _match(self, target: Target, score: float, via: str) -> Match:
        row = self.directory.row(target.name)
        contact = of_row(self.directory, row, self._warnings.get(row.position, []))
        return Match(
            ministry=row.ministry, rep_name=contact.name, rep_email=contact.email,
            rep_mobile=contact.mobile, score=round(score, 1), via=via,
            warnings=list(contact.warnings), published=contact.published,
        )

    def contact_for_ticket(self, ministry: str | None, rep_email: str | None) -> Contact | None:
        """The ticket's representative with its row's flaws, as a match would show them."""
        return of_ticket(self.directory, ministry, rep_email, self._warnings)

    def _parent_hints(self, body: OutsideBody, top_score: float, already: list[Match]) -> list[Match]:
        """The annexure rows the alias file names as a starting point for an unlisted body."""
        shown = {match.ministry for match in already}
        return [self._match(Target("row", name), top_score * PARENT_HINT_SHARE, f"parent of {body.name}")
                for name in body.parent_rows if name not in shown and self.directory.row(name)]

    def _result(self, query: str, verdict: str, reason: str, matches: list[Match],
                not_in_directory: str | None = None) -> LookupResult:
        confident = verdict == CONFIDENT
        return LookupResult(
            query=query, confident=confident, verdict=verdict, reason=reason, matches=matches,
            fallback=None if confident else self._nodal_list, not_in_directory=not_in_directory,
        )


# Lookups by directory content, and which one each (database, version) had: the console
# asks for one on every keystroke.
_CACHE: OrderedDict[tuple[str, int], Lookup] = OrderedDict()
_BY_VERSION: dict[tuple[str, int, int], Lookup] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 4
