"""The lookup against the two obvious ways to do it, on the same names and the same queries.

- ``rapidfuzz.process.extract(query, names, scorer=WRatio, limit=5)``;
- ``difflib.get_close_matches(query, names, n=5)`` from the standard library.

"Names" are every name the lookup itself can find a row by: the rows' own names, their
aliases and the bodies under them. All three get the names lower-cased and stripped once,
before timing (the lookup builds its index once too); each timed call lower-cases its own
query. difflib is slow enough that it runs on a seeded sample of the queries; the ratios
compare the three on exactly that sample.
"""

from __future__ import annotations

import difflib
import random
import statistics
import time

from rapidfuzz import fuzz, process, utils

from helpdesk.aliases import Aliases
from helpdesk.directory import Directory
from helpdesk.lookup import Lookup


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


def _time_each(search, queries: list[str], rounds: int, warm: bool = True) -> dict[str, float]:
    """Each query's median over ``rounds`` (after a warm-up call), then p50/p99 over queries."""
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
    return _percentiles(per_query)


def compare(lookup: Lookup, directory: Directory, aliases: Aliases, queries: list[str], *,
            sample: int = 20, rounds: int = 3, seed: int = 11) -> dict:
    choices = names(directory, aliases)
    chosen = random.Random(seed).sample(queries, min(sample, len(queries)))
    figures = {
        "names": len(choices),
        "queries": len(chosen),
        "lookup": _time_each(lambda q: lookup.search(q), chosen, rounds),
        "rapidfuzz_extract": _time_each(
            lambda q: process.extract(utils.default_process(q), choices, scorer=fuzz.WRatio, limit=5),
            chosen, rounds),
        "difflib_get_close_matches": _time_each(
            # Pure Python without caches: nothing to warm up, and ~0.5 s a call at 20,000.
            lambda q: difflib.get_close_matches(utils.default_process(q), choices, n=5), chosen, 1, warm=False),
    }
    ours = figures["lookup"]["p50_ms"] or 1e-9
    figures["ratio_p50"] = {"rapidfuzz_extract": round(figures["rapidfuzz_extract"]["p50_ms"] / ours, 1),
                            "difflib_get_close_matches":
                                round(figures["difflib_get_close_matches"]["p50_ms"] / ours, 1)}
    return figures
