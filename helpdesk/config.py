"""The user's configuration file (TOML in the user config directory, or $HELPDESK_CONFIG).

Everything has a working default, so the console runs with no file at all. The file may
hold secrets (the Teams webhook URL), so it must be readable by its owner only; a file
others can read is refused with the command that fixes it.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import locations
from .errors import HelpdeskError


class ConfigError(HelpdeskError):
    """The config file cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class Config:
    path: Path
    raw: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        value = self.raw.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(f"{self.path}: [{name}] must be a table of settings")
        return value


def load(path: Path | None = None) -> Config:
    """Read the config file; a missing file is an empty configuration, not an error."""
    config_path = path or locations.config_path()
    try:
        info = config_path.stat()
    except FileNotFoundError:
        return Config(config_path)
    except OSError as error:
        raise ConfigError(f"cannot read {config_path}: {error.strerror}") from None
    if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(
            f"{config_path} can be read by other users and may hold secrets; "
            f"run `chmod 600 {config_path}`"
        )
    try:
        raw = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{config_path} is not valid TOML: {error}") from None
    return Config(config_path, raw)


def write_private(path: Path, text: str) -> None:
    """Write a file (config, export, backup) readable and writable by its owner only."""
    locations.ensure_private_dir(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)  # O_CREAT's mode does not change a file that already existed
