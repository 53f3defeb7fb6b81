"""Where helpdesk keeps its files: one place, overridable by environment and flags.

Order of precedence for the database: ``--db PATH``, then ``HELPDESK_DB``, then the user
data directory of this OS (``~/.local/share/helpdesk/helpdesk.db`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "helpdesk"
DB_ENV = "HELPDESK_DB"
CONFIG_ENV = "HELPDESK_CONFIG"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def database_path(flag: str | os.PathLike[str] | None = None) -> Path:
    """The database file to use, from the flag, the environment, or the default."""
    if flag:
        return Path(flag).expanduser()
    from_env = os.environ.get(DB_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return data_dir() / "helpdesk.db"


def config_path() -> Path:
    from_env = os.environ.get(CONFIG_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return config_dir() / "config.toml"


def ensure_private_dir(path: Path) -> None:
    """Create a directory readable by its owner only (participants' data lives under it)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
