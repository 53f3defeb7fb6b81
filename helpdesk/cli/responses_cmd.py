"""``helpdesk responses``: list, search, show (rendered, with the safety gate) and check."""

from __future__ import annotations

from pathlib import Path

import click

from .. import clock
from ..errors import InputError
from helpdesk.responses.render import ResponseContext, render
from helpdesk.responses.suggest import search as search_library
from helpdesk.responses.vocab import LANGUAGE_NAMES, LANGUAGES, PLACEHOLDERS
from helpdesk.responses.library import ResponseLibrary, default_extra_dir, load_library
from ..text import clean
from .context import DeskContext
from .output import emit_json, say
from .params import TICKET_ID

EXTRA_DIR_KEY = "helpdesk.responses.library.extra_dir"


@click.group()
@click.option("--dir", "extra_dir", metavar="PATH",
              help="Folder of local response files (default: $HELPDESK_RESPONSES, else "
                   "'responses' beside the config file).")
@click.pass_context
def responses(ctx: click.Context, extra_dir: str | None) -> None:
    """The step-by-step replies: list, search, show and check them."""
    if extra_dir is not None and not Path(extra_dir).expanduser().is_dir():
        raise InputError(f"--dir {extra_dir}: no such folder")
    ctx.meta[EXTRA_DIR_KEY] = Path(extra_dir).expanduser() if extra_dir else default_extra_dir()


def _library(ctx: click.Context) -> ResponseLibrary:
    return load_library(ctx.meta.get(EXTRA_DIR_KEY))


@responses.command(name="list")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the titles.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
@click.pass_context
def list_responses(ctx: click.Context, lang: str, as_json: bool) -> int:
    """Every response: id, categories, languages and title."""
    library = _library(ctx)
    if as_json:
        emit_json([response.summary() for response in library])
        return 0
    width = max((len(response.id) for response in library), default=2)
    for response in library:
        say(f"{response.id:<{width}}  {' '.join(response.languages):<5}  "
            f"{response.title_in(lang)}  [{', '.join(response.categories)}]")
    _note_problems(library)
    return 0


@responses.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
@click.pass_context
def search(ctx: click.Context, query: str, limit: int, as_json: bool) -> int:
    """Find responses by words of their titles or keywords (typos and Hindi welcome).

    Exit status 1 when nothing matches.
    """
    hits = search_library(_library(ctx), query, limit)
    if as_json:
        emit_json([{"id": hit.response.id, "title": hit.response.title, "score": hit.score,
                    "reasons": hit.reasons} for hit in hits])
    for hit in [] if as_json else hits:
        say(f"{hit.response.id}  {hit.response.title}  ({'; '.join(hit.reasons)})")
    return 0 if hits else 1


def context_for_show(ctx: click.Context, ticket_id: int | None, language: str | None) -> ResponseContext:
    """What `show` knows about the participant: the ticket's fields, or nothing."""
    if ticket_id is None:
        return ResponseContext(today=clock.today(), language=language or "en")
    from helpdesk.directory.rows import Directory
    from helpdesk.hours.status import DeskHours
    from helpdesk.responses.reply_context import context_for_ticket
    from ..tickets import load

    desk = ctx.find_object(DeskContext)
    store = desk.store
    return context_for_ticket(load(store.db, ticket_id), Directory.from_store(store),
                              DeskHours.from_store(store), clock.now(), language)


@responses.command()
@click.argument("response_id", metavar="ID")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Language of the reply (default: the ticket's, else English); English "
                   "when the response has no translation.")
@click.option("--ticket", "ticket_id", type=TICKET_ID, metavar="N",
              help="Fill the reply from ticket N: participant, ministry, KB representative, dates.")
@click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE",
              help="Fill a placeholder, e.g. --set participant_name='Asha Verma' "
                   "--set training_date=2026-12-04. Repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_context
def show(ctx: click.Context, response_id: str, lang: str | None, ticket_id: int | None,
         assignments: tuple[str, ...], as_json: bool) -> int:
    """Render response ID as the reply to paste into the Teams chat.

    A value that cannot be filled shows as a marker such as ⟨participant name?⟩ and is
    listed on stderr; the exit status is then 1, so a script never sends such a reply.
    """
    response = _library(ctx).get(response_id)
    overrides = dict(_assignment(text) for text in assignments)
    reply = render(response, context_for_show(ctx, ticket_id, lang), overrides)
    if as_json:
        emit_json(reply.to_dict())
    else:
        say(reply.text)
    if reply.fell_back_to_english:
        _note(f"no {LANGUAGE_NAMES[reply.context.language]} text for {response.id}: showing the English")
    for warning in reply.warnings:
        _note(warning)
    if not reply.ready:
        wanted = ", ".join(f"{label} (--set {name}=...)" for name, label in reply.missing_fields())
        _note(f"NOT READY to send: missing {wanted}")
        return 1
    return 0


@responses.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_context
def check(ctx: click.Context, as_json: bool) -> int:
    """Validate the library: TOML, ids, categories, placeholders, steps and translations.

    Exit status 1 when anything is reported.
    """
    library = _library(ctx)
    problems = library.problems()
    if as_json:
        emit_json({"responses": len(library), "problems": [p.to_dict() for p in problems]})
    else:
        for problem in problems:
            say(str(problem))
        errors = sum(problem.blocking for problem in problems)
        say(f"{len(library)} responses loaded; {errors} errors, {len(problems) - errors} warnings")
    return 1 if problems else 0


def _assignment(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    name = name.strip()
    if not equals or not name:
        raise InputError(f"--set {text!r}: write NAME=VALUE, e.g. --set participant_name='Asha Verma'")
    if name not in PLACEHOLDERS:
        raise InputError(f"--set {name}: unknown placeholder; known: {', '.join(PLACEHOLDERS)}")
    return name, value


def _note(message: str) -> None:
    click.echo(f"helpdesk: {clean(message)}", err=True)


def _note_problems(library: ResponseLibrary) -> None:
    if library.problems():
        _note(f"{len(library.problems())} problems in the library: run `helpdesk responses check`")
