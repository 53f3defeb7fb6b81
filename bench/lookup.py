"""Lookup latency and routing accuracy on the KB directory.

    .venv/bin/python bench/lookup.py [--json] [--scale N] [--rounds R]

Runs every query of tests/directory/lookup_cases.tsv through the lookup on the annexure directory
and prints the latency per query (p50, p99) and the share of queries routed as the desk
expects. On the same queries it runs the obvious alternative, a plain
``rapidfuzz.process.extractOne(query, names, scorer=WRatio, processor=default_process)``
over the annexure's names, and scores it by the same table: a query that expects a
representative counts when the best name's row has that e-mail; a query that expects
"ambiguous", "not in the directory" or "no match" cannot be right, because extractOne
always answers with one row.

``--scale N`` adds a generated directory of N organisations with aliases around the
annexure (seeded, so every run builds the same one) and times the same queries plus
generated ones on it: the console searches on every keystroke and must stay fast as the
directory grows. The work is deterministic; only the clock varies between runs.

Import it to reuse the pieces: ``load_cases``, ``routed_right``, ``time_queries``,
``plain_wratio``, ``generated_directory``, ``run``.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from helpdesk.directory.aliases import Aliases, RowAliases, load_aliases
from helpdesk.directory.rows import Directory, DirectoryRow
from helpdesk.directory.lookup import Lookup, LookupResult

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lookup_reference import compare  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "tests" / "directory" / "lookup_cases.tsv"
VERDICTS = frozenset({"ambiguous", "not-in-directory", "no-match"})


@dataclass(frozen=True)
class Case:
    category: str
    query: str
    expect: str  # a representative's e-mail, or a verdict
    detail: str = ""


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [Case(row["category"], row["query"], row["expect"], row["detail"] or "")
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def routed_right(result: LookupResult, case: Case) -> bool:
    """The same judgement as tests/directory/test_lookup_cases.py."""
    emails = [match.rep_email for match in result.matches]
    if case.expect not in VERDICTS:
        return result.verdict == "confident" and bool(emails) and emails[0] == case.expect
    if result.verdict != case.expect:
        return False
    if case.expect == "ambiguous":
        return all(email in emails for email in filter(None, case.detail.split("|")))
    if case.expect == "not-in-directory":
        return result.not_in_directory == case.detail
    return not result.matches


def plain_wratio(directory: Directory, cases: list[Case]) -> list[bool]:
    """Per case: does extractOne(WRatio, default_process) over the row names route it right?"""
    names = [row.ministry for row in directory]
    rows = list(directory)
    verdicts = []
    for case in cases:
        best = process.extractOne(case.query, names, scorer=fuzz.WRatio, processor=utils.default_process)
        if case.expect in VERDICTS:
            verdicts.append(False)  # it always names one row: confidently wrong here
        else:
            verdicts.append(best is not None and rows[best[2]].rep_email == case.expect)
    return verdicts


def time_queries(lookup: Lookup, queries: list[str], rounds: int = 5) -> dict:
    """Milliseconds per query: each query's median over ``rounds`` timed passes (after a
    warm-up pass), then the p50 and p99 of those over all queries.

    The median per query keeps a moment of contention from another process (a test run
    beside the benchmark) out of the figures without hiding a query that is slow every time.
    """
    for query in queries:
        lookup.search(query)
    per_query: list[list[float]] = [[] for _ in queries]
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for index, query in enumerate(queries):
            started = clock()
            lookup.search(query)
            per_query[index].append((clock() - started) / 1e6)
    timings = sorted(statistics.median(samples) for samples in per_query)
    return {
        "queries": len(queries),
        "rounds": rounds,
        "p50_ms": round(timings[len(timings) // 2], 4),
        "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 4),
        "max_ms": round(timings[-1], 4),
        "mean_ms": round(statistics.fmean(timings), 4),
    }


# -- a generated directory -------------------------------------------------------------

_FORMS = ("Department of {}", "Ministry of {}", "National Institute of {}", "Central Board of {}",
          "Directorate of {}", "{} Commission", "{} Authority", "Indian Council of {}",
          "National Mission for {}", "{} Development Corporation", "Office of the {} Commissioner")
_SYLLABLES = ("ka", "ra", "vi", "shi", "man", "pra", "dhan", "sut", "lo", "mi", "tra", "jan",
              "van", "pur", "sam", "dev", "nag", "kul", "tar", "bhu", "sha", "nid", "gan", "yog")


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    base = sorted({word for row in Directory.published() for word in row.ministry.replace("&", " ").split()
                   if word.isalpha() and len(word) > 3 and word not in {"Ministry", "Department"}})
    invented = set()
    while len(invented) < size - len(base):
        invented.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return base + sorted(invented)


def _acronym(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())


def generated_directory(size: int, seed: int = 2026) -> tuple[Directory, Aliases, list[str], dict[str, str]]:
    """The annexure plus ``size`` invented organisations, each with an acronym, a second
    name and a body under it; queries against them (exact, typo, partial, acronym); and
    for the exact and misspelt full names, the organisation each must find first."""
    rng = random.Random(seed)
    expected: dict[str, str] = {}  # generated query -> the organisation it names
    words = _vocabulary(rng, 3000)
    # Zipf-like: some topic words are far more common than others, as in real names.
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(words))]
    rows = list(Directory.published())
    target_size = len(rows) + size
    alias_rows = list(load_aliases().rows)
    used = {row.ministry for row in rows}
    people = [(f"Rep {n}", f"rep{n}.kb@karmayogi.in", f"9{n:09d}") for n in range(1, 301)]
    queries = []
    while len(rows) < target_size:
        topic = " ".join(rng.choices(words, weights, k=rng.randint(1, 3)))
        name = rng.choice(_FORMS).format(topic)
        if name in used:
            continue
        used.add(name)
        person = rng.choice(people)
        rows.append(DirectoryRow(len(rows) + 1, name, *person))
        alias_rows.append(RowAliases(
            ministry=name,
            aliases=(_acronym(name) + str(len(rows) % 97), f"{topic} Office"),
            bodies=(f"{topic} Research Centre ({_acronym(topic)}RC{len(rows) % 89})",),
        ))
        if rng.random() < 0.02:
            words_of = name.split()
            typo_at = rng.randrange(len(words_of))
            word = words_of[typo_at]
            if len(word) > 4:
                cut = rng.randrange(1, len(word) - 1)
                words_of[typo_at] = word[:cut] + word[cut + 1:]
            typo = " ".join(words_of)
            queries += [name, typo, topic, _acronym(name) + str(len(rows) % 97)]
            expected[name] = expected[typo] = name
    base = load_aliases()
    aliases = Aliases(tuple(alias_rows), base.groups, base.outside, base.ambiguous, base.spellings)
    return Directory(rows), aliases, queries, expected


# -- the report -----------------------------------------------------------------------

def run(scale: int | None = None, rounds: int = 5) -> dict:
    cases = load_cases()
    directory = Directory.published()
    started = time.perf_counter()
    lookup = Lookup(directory)
    build_ms = (time.perf_counter() - started) * 1000
    gc.freeze()  # as Lookup.from_store does for the console once an index is built
    ours = [routed_right(lookup.search(case.query), case) for case in cases]
    baseline = plain_wratio(directory, cases)
    routable = [case.expect not in VERDICTS for case in cases]

    def share(verdicts: list[bool], only: list[bool] | None = None) -> float:
        chosen = [ok for ok, keep in zip(verdicts, only or [True] * len(verdicts)) if keep]
        return round(100.0 * sum(chosen) / len(chosen), 1)

    report = {
        "directory": {"rows": len(directory), "build_ms": round(build_ms, 1)},
        "latency": time_queries(lookup, [case.query for case in cases], rounds),
        "accuracy_percent": {
            "lookup": share(ours),
            "plain_wratio": share(baseline),
            "lookup_on_routable": share(ours, routable),
            "plain_wratio_on_routable": share(baseline, routable),
        },
        "cases": len(cases),
        "routable_cases": sum(routable),
        "lookup_misses": [case.query for case, ok in zip(cases, ours) if not ok],
        "versus": compare(lookup, directory, load_aliases(), [case.query for case in cases]),
    }
    if scale:
        big_directory, aliases, generated_queries, expected = generated_directory(scale)
        started = time.perf_counter()
        big = Lookup(big_directory, aliases)
        big_build_ms = (time.perf_counter() - started) * 1000
        gc.freeze()
        queries = [case.query for case in cases] + generated_queries
        found_first = [bool(result.matches) and result.matches[0].ministry == name
                       for query, name in expected.items() for result in [big.search(query)]]
        report["scaled"] = {
            "organisations": len(big_directory),
            "build_ms": round(big_build_ms, 1),
            "latency": time_queries(big, queries, rounds),
            "full_names_found_first_percent": round(100.0 * sum(found_first) / len(found_first), 1),
            "full_name_queries": len(found_first),
            "versus": compare(big, big_directory, aliases, queries),
        }
    return report


def _print(report: dict) -> None:
    latency, accuracy = report["latency"], report["accuracy_percent"]
    print(f"KB directory lookup: {report['directory']['rows']} rows, index built in "
          f"{report['directory']['build_ms']} ms")
    print(f"  latency per query over {latency['queries']} queries x {latency['rounds']}: "
          f"p50 {latency['p50_ms']} ms, p99 {latency['p99_ms']} ms, max {latency['max_ms']} ms")
    print(f"  routed as expected: lookup {accuracy['lookup']}%, plain WRatio {accuracy['plain_wratio']}% "
          f"of {report['cases']} queries")
    print(f"  on the {report['routable_cases']} queries that have one right representative: "
          f"lookup {accuracy['lookup_on_routable']}%, plain WRatio {accuracy['plain_wratio_on_routable']}%")
    for query in report["lookup_misses"]:
        print(f"  lookup missed: {query}")
    _print_versus(report["versus"])
    if "scaled" in report:
        scaled = report["scaled"]
        print(f"Generated directory: {scaled['organisations']} organisations, index built in "
              f"{scaled['build_ms']} ms")
        latency = scaled["latency"]
        print(f"  latency per query over {latency['queries']} queries x {latency['rounds']}: "
              f"p50 {latency['p50_ms']} ms, p99 {latency['p99_ms']} ms, max {latency['max_ms']} ms")
        print(f"  generated full names (exact or misspelt) found first: "
              f"{scaled['full_names_found_first_percent']}% of {scaled['full_name_queries']}")
        _print_versus(scaled["versus"])


def _print_versus(versus: dict) -> None:
    ours, ratio = versus["lookup"], versus["ratio_p50"]
    print(f"  on {versus['queries']} sampled queries over {versus['names']} names: lookup p50 {ours['p50_ms']} ms, "
          f"p99 {ours['p99_ms']} ms; rapidfuzz.extract p50 {versus['rapidfuzz_extract']['p50_ms']} ms "
          f"({ratio['rapidfuzz_extract']}x slower)")
    print(f"  on the first {versus['difflib_queries']} of them: lookup p50 "
          f"{versus['lookup_on_difflib_queries']['p50_ms']} ms, difflib.get_close_matches p50 "
          f"{versus['difflib_get_close_matches']['p50_ms']} ms ({ratio['difflib_get_close_matches']}x slower)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--scale", type=int, metavar="N", help="also time a generated directory of N organisations")
    parser.add_argument("--rounds", type=int, default=5, metavar="R", help="timed passes over the queries")
    args = parser.parse_args(argv)
    if args.scale is not None and args.scale < 1 or args.rounds < 1:
        parser.error("--scale and --rounds must be positive")
    report = run(args.scale, args.rounds)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
