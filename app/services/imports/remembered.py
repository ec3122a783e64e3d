"""Column mappings the desk remembers, by the file's shape (its header row), so the next file of that
shape (next month's export from the same system) is placed without asking again."""

from __future__ import annotations

import json
from pathlib import Path

from app.foundation.paths import write_atomic

FILE = "import-columns.json"  # in the data directory, beside the store


def _path(store) -> Path:
    return Path(store.path).parent / FILE


def _all(store) -> dict[str, dict[str, dict[str, str]]]:
    try:
        data = json.loads(_path(store).read_text("utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: ask again rather than fail
    return data if isinstance(data, dict) else {}


def remembered(store, kind: str, shape: str) -> dict[str, str]:
    """The mapping (key -> header) last used for files of this ``kind`` ("feedback") and shape; {} if none."""
    found = _all(store).get(kind, {}).get(shape, {})
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def remember(store, kind: str, shape: str, mapping: dict[str, str]) -> None:
    data = _all(store)
    data.setdefault(kind, {})[shape] = dict(mapping)
    write_atomic(_path(store), json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
