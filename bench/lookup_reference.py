"""The lookup against the two obvious ways to do it, on the same names and the same queries.

- ``rapidfuzz.process.extract(query, names, scorer=WRatio, limit=5)``;
- ``difflib.get_close_matches(query, names, n=5)`` from the standard library.

"Names" are every name the lookup itself can find a row by: the rows' own names, their
aliases and the bodies under them. All three get the names lower-cased and stripped once,
before timing (the lookup builds its index once too); each timed call lower-cases its own
query. The lookup and rapidfuzz run on one seeded sample of the queries, large enough
(100) that its p99 is not simply the slowest of a handful; difflib, slow enough (~1.4 s a
call at 20,000 organisations) to be timed once on the first 20 of that sample, is compared
with the lookup on exactly those 20. Every ratio divides figures taken on the same queries.
"""

from __future__ import annotations

import difflib
import random
import statistics
import time

from rapidfuzz import fuzz, process, utils

from helpdesk.directory.aliases import Aliases
from helpdesk.directory.rows import Directory
from helpdesk.directory.lookup import Lookup


def names(directory: Directory, aliases: Aliases) -> list[str]:
    found = [row.ministry for row in directory]
    for row in aliases.rows:
        found += [*row.aliases, *row.hindi, *row.bodies]
    return sorted({utils.default_process(name) for name in found} - {""})


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50_ms": round(ordered[len(ordered) // 2], 3),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 3),
            "mean_ms": round(statistics.fmean(ordered), 3)}


def _per_query(search, queries: list[str], rounds: int, warm: bool = True) -> list[float]:
    """Each query's median over ``rounds`` timed calls (after a warm-up call), in query order."""
    per_query = []
    for query in queries:
        if warm:
            search(query)
        samples = []
        for _ in range(rounds):
            started = time.perf_counter_ns()
            search(query)
            samples.append((time.perf_counter_ns() - started) / 1e6)
        per_query.append(statistics.median(samples))
    return per_query


def _time_each(search, queries: list[str], rounds: int, warm: bool = True) -> dict[str, float]:
    """Each query's median over ``rounds`` (after a warm-up call), then p50/p99 over queries."""
    return _percentiles(_per_query(search, queries, rounds, warm))


def compare(lookup: Lookup, directory: Directory, aliases: Aliases, queries: list[str], *,
            sample: int = 100, difflib_sample: int = 20, rounds: int = 3, seed: int = 11) -> dict:
    choices = names(directory, aliases)
    chosen = random.Random(seed).sample(queries, min(sample, len(queries)))
    slow_sample = chosen[:difflib_sample]
    lookup_times = _per_query(lambda q: lookup.search(q), chosen, rounds)
    # rapidfuzz keeps nothing between calls (nothing to warm up) and costs ~0.2 s a call at
    # 20,000 organisations: there it is timed once per query, so 100 queries cost what 20
    # did with three rounds. The work per call is the same; only the noise filter differs.
    big = len(choices) > 20_000
    figures = {
        "names": len(choices),
        "queries": len(chosen),
        "rounds": {"lookup": rounds, "rapidfuzz_extract": 1 if big else rounds, "difflib_get_close_matches": 1},
        "lookup": _percentiles(lookup_times),
        "rapidfuzz_extract": _time_each(
            lambda q: process.extract(utils.default_process(q), choices, scorer=fuzz.WRatio, limit=5),
            chosen, 1 if big else rounds, warm=not big),
        "difflib_queries": len(slow_sample),
        "lookup_on_difflib_queries": _percentiles(lookup_times[:len(slow_sample)]),
        "difflib_get_close_matches": _time_each(
            # Pure Python without caches: nothing to warm up, and ~0.5 s a call at 20,000.
            lambda q: difflib.get_close_matches(utils.default_process(q), choices, n=5), slow_sample, 1,
            warm=False),
    }
    ours = figures["lookup"]["p50_ms"] or 1e-9
    ours_on_difflib_queries = figures["lookup_on_difflib_queries"]["p50_ms"] or 1e-9
    figures["ratio_p50"] = {"rapidfuzz_extract": round(figures["rapidfuzz_extract"]["p50_ms"] / ours, 1),
                            "difflib_get_close_matches":
                                round(figures["difflib_get_close_matches"]["p50_ms"] / ours_on_difflib_queries, 1)}
    return figures

