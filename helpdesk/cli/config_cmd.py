"""``helpdesk config show``: which settings are in force and where they come from.

The Teams webhook URL is a secret: it is shown masked (scheme and host only), here and in
the JSON, so the output can be pasted into a chat or a bug report.
"""

from __future__ import annotations

import click

from helpdesk import config, locations
from helpdesk.escalation import delivery_settings
from .output import emit_json, say


@click.group(invoke_without_command=True)
@click.pass_context
def config_group(ctx: click.Context) -> int | None:
    """The user configuration file (TOML, owner-only) and the settings in force."""
    if ctx.invoked_subcommand is None:
        say(ctx.get_help())
        return 0
    return None


@config_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def show(as_json: bool) -> int:
    """The config file's path and the delivery settings in force (webhook masked)."""
    path = locations.config_path()
    settings = delivery_settings.load(config.load(path))
    if as_json:
        emit_json({"config_path": str(path), "config_exists": path.exists(),
                   "delivery": settings.to_dict()})
        return 0
    say(f"config file: {path}" + ("" if path.exists() else " (not created yet; every setting has its default)"))
    webhook = settings.webhook.masked if settings.webhook else "not set"
    say(f"[teams] webhook_url: {webhook}  (from {settings.webhook_source}; "
        f"${delivery_settings.WEBHOOK_ENV} overrides the file)")
    say(f"[teams] participant_contact: {settings.participant_contact}  "
        "(what a Teams card shows of the participant's e-mail and mobile)")
    for name, value in settings.to_dict().items():
        if name not in ("webhook_url", "webhook_source", "participant_contact"):
            say(f"[outbox] {name}: {value:g}")
    return 0
