"""Script packs that passed validation, kept parsed in the data directory by the hash of their bytes.

Parsing and checking the bundled pack costs tens of milliseconds of the interpreter at every start,
while the PIN is typed and Today fills. A pack is checked once per program version: the parsed pack
is kept under the SHA-256 of the exact bytes and this program's version (the rules a pack must pass
change between versions). A cache file is read with an unpickler that builds only the pack's own
frozen dataclasses; anything else, a damaged file or another key, and the pack is parsed again.
"""

from __future__ import annotations

import hashlib
import io
import logging
import pickle
from dataclasses import replace
from pathlib import Path

from app import __version__
from app.foundation.paths import write_atomic
from app.scripts import pack as packs
from app.scripts.pack import Pack, ScriptSpec, StepSpec, Variant

log = logging.getLogger(__name__)
FORMAT = 1  # of the cache file; a change of the pack's dataclasses changes it too
_CLASSES = {("app.scripts.pack", c.__name__): c for c in (Pack, ScriptSpec, StepSpec, Variant)}


class _PackUnpickler(pickle.Unpickler):
    """Builds the pack's dataclasses and plain data only: a cache file can't run code."""

    def find_class(self, module: str, name: str):
        found = _CLASSES.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a script pack")
        return found


def _key(content: bytes) -> str:
    return hashlib.sha256(b"%d|%s|" % (FORMAT, __version__.encode()) + content).hexdigest()


def cache_path(cache_dir: Path, content: bytes) -> Path:
    return Path(cache_dir) / f"pack-{_key(content)}.pickle"


def parse_cached(content: bytes, source: str, cache_dir: Path | None) -> Pack:
    """The pack in ``content`` (UTF-8 YAML), read from ``cache_dir`` when it was validated before;
    else parsed and checked (PackRejected as parse_pack raises it) and kept there."""
    if cache_dir is not None:
        path = cache_path(cache_dir, content)
        try:
            key, pack = _PackUnpickler(io.BytesIO(path.read_bytes())).load()
            if key == _key(content) and isinstance(pack, Pack):
                return replace(pack, source=source)
        except FileNotFoundError:
            pass
        except Exception as exc:  # noqa: BLE001 - any damage: parse again, the file is rewritten
            log.warning("script pack cache %s not used: %s", path.name, exc)
    pack = packs.parse_pack(content.decode("utf-8"), source)
    if cache_dir is not None:
        try:
            write_atomic(path, pickle.dumps((_key(content), pack), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as exc:  # a read-only data directory: parse at each start, as before
            log.warning("script pack cache not written: %s", exc)
    return pack
