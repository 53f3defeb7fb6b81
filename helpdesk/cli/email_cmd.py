"""``helpdesk email ADDRESS`` and ``helpdesk mobile NUMBER``: the participant's contact checks."""

from __future__ import annotations

import click

from .. import emails, mobiles
from .output import emit_json, say


@click.command()
@click.argument("address")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def email(address: str, as_json: bool) -> int:
    """Validate ADDRESS and say which registration path it leads to.

    Exit status 0 when the address is valid, 1 when it is not.
    """
    verdict = emails.classify(address)
    if as_json:
        emit_json(verdict.to_dict())
    elif verdict.valid:
        kind = "government" if verdict.government else "not government"
        say(f"{verdict.email}: valid, {kind} -> {verdict.path}")
        for warning in verdict.warnings:
            say(f"  warning: {warning}")
        say(f"  {verdict.advice}")
    else:
        say(f"{verdict.email or address!r}: not valid: {verdict.error}")
    return 0 if verdict.valid else 1


@click.command()
@click.argument("number")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def mobile(number: str, as_json: bool) -> int:
    """Validate an Indian mobile NUMBER and print the 10 digits iGOT expects.

    Exit status 0 when the number is valid, 1 when it is not.
    """
    verdict = mobiles.classify(number)
    if as_json:
        emit_json(verdict.to_dict())
    elif verdict.valid:
        say(f"{verdict.mobile}" + (f"  ({verdict.note})" if verdict.note else ""))
    else:
        say(f"not valid: {verdict.error}")
    return 0 if verdict.valid else 1
