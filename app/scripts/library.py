"""The pack in use: the bundled default, or the last good pack installed into the data directory.

A pack that fails validation is refused whole and the pack in use stays in use, so a bad file
from head office never leaves the counter without scripts.
"""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

from app.paths import resources_dir
from app.scripts.pack import Pack, PackRejected, load_pack

log = logging.getLogger(__name__)
ACTIVE = "active.yaml"


def bundled_pack_path() -> Path:
    return resources_dir() / "scripts" / "default.yaml"


class ScriptLibrary:
    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else None
        self._lock = threading.Lock()
        self.refused: PackRejected | None = None  # why the stored pack wasn't used at start, if so
        self._pack = load_pack(bundled_pack_path())
        stored = self._stored_path()
        if stored is not None and stored.exists():
            try:
                self._pack = load_pack(stored)
            except PackRejected as exc:
                self.refused = exc
                log.warning("stored script pack refused, using the bundled one: %s", "; ".join(exc.details()))

    def _stored_path(self) -> Path | None:
        return self.data_dir / "scripts" / ACTIVE if self.data_dir else None

    @property
    def pack(self) -> Pack:
        with self._lock:
            return self._pack

    def install(self, path: Path) -> Pack:
        """Validate ``path`` and make it the pack in use (kept for the next start); PackRejected
        leaves the pack in use untouched."""
        pack = load_pack(path)  # raises PackRejected before anything changes
        stored = self._stored_path()
        if stored is not None:
            stored.parent.mkdir(parents=True, exist_ok=True)
            tmp = stored.with_suffix(".tmp")
            shutil.copyfile(path, tmp)
            tmp.replace(stored)
        with self._lock:
            self._pack = pack
        return pack


_libraries: dict[Path | None, ScriptLibrary] = {}


def library_for(data_dir: Path | None) -> ScriptLibrary:
    """One library per data directory for the life of the process."""
    key = Path(data_dir).resolve() if data_dir else None
    if key not in _libraries:
        _libraries[key] = ScriptLibrary(key)
    return _libraries[key]
