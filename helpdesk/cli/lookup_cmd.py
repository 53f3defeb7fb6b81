"""``helpdesk lookup QUERY``: which KB representative looks after a ministry or body."""

from __future__ import annotations

import click

from ..errors import InputError
from helpdesk.directory.lookup import Lookup, LookupResult
from ..text import clean_line
from .context import DeskContext
from .output import emit_json, emit_json_line, say

VERDICT_LINES = {
    "confident": "Confident",
    "ambiguous": "Not sure",
    "not-in-directory": "Not in the directory",
    "no-match": "No match",
}
MINISTRY_WIDTH = 44


@click.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many matches to show (a positive whole number).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def lookup(desk: DeskContext, query: str, limit: int, as_json: bool) -> int:
    """Find the KB representative for a ministry, department or body named in QUERY.

    QUERY may be an abbreviation (MeitY, DoPT), a body under a department (ICAR, CBDT),
    a Hindi name in Latin or Devanagari script, or a name with typos. The answer says
    whether it is confident; when it is not, it lists the candidates and points to the
    MDO nodal contact list.

    QUERY "-" reads one query per line from standard input and writes one JSON object
    per line (JSON Lines), in the same order; a blank line gives a "no-match" object
    rather than being dropped, so output line N always answers input line N.

    Exit status 0 whatever the verdict; 2 for bad arguments.
    """
    if query == "-":
        return _batch(desk, limit)
    if not clean_line(query):
        raise InputError("the query is empty; give a ministry, department or body, or - to read stdin")
    result = Lookup.from_store(desk.store).search(query, limit=limit)
    if as_json:
        emit_json(result.to_dict())
    else:
        show(result)
    return 0


def _batch(desk: DeskContext, limit: int) -> int:
    finder = Lookup.from_store(desk.store)
    # A stray non-UTF-8 byte becomes U+FFFD in that one query instead of ending the batch.
    with click.open_file("-", encoding="utf-8", errors="replace") as lines:
        for line in lines:
            emit_json_line(finder.search(line.rstrip("\r\n"), limit=limit).to_dict())
    return 0


def show(result: LookupResult) -> None:
    """The verdict, a compact table of matches, and every warning under it."""
    say(f"{VERDICT_LINES[result.verdict]}: {result.reason}")
    if result.matches:
        rows = [("score", "ministry / department", "representative", "e-mail", "mobile")]
        for match in result.matches:
            ministry = match.ministry if len(match.ministry) <= MINISTRY_WIDTH \
                else match.ministry[:MINISTRY_WIDTH - 1] + "…"
            rows.append((f"{match.score:.0f}", ministry, match.rep_name, match.rep_email, match.rep_mobile))
        widths = [max(len(row[column]) for row in rows) for column in range(5)]
        for row in rows:
            cells = [row[0].rjust(widths[0])] + [cell.ljust(width) for cell, width in zip(row[1:], widths[1:])]
            say("  " + "  ".join(cells).rstrip())
    for match in result.matches:
        if match.published:
            printed = match.published
            say(f"  as printed for {match.ministry}: {printed['rep_name']}, {printed['rep_email']}, "
                f"{printed['rep_mobile']}")
    # A flaw shared by several matches (one person's e-mail) is said once, naming its rows.
    rows_of: dict[str, list[str]] = {}
    for match in result.matches:
        for warning in match.warnings:
            rows_of.setdefault(warning, []).append(match.ministry)
    for warning, ministries in rows_of.items():
        where = ministries[0] if len(ministries) == 1 else f"{len(ministries)} rows above"
        say(f"  warning [{where}]: {warning}")
    if result.fallback:
        say(f"MDO nodal contact list: {result.fallback}")
