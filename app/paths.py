"""Where the program's own files (resources) and the user's data live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "RecoveryDesk"
DATA_ENV = "RECOVERY_DESK_DATA"


def resources_dir() -> Path:
    """The shipped resources: next to the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """--data-dir wins over RECOVERY_DESK_DATA, which wins over the per-user default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()
