"""The pack in use: the bundled default, or the last good pack installed into the data directory
(by `scripts install` or published by head office), with where it came from.

A pack that fails validation is refused whole and the pack in use stays in use, so a bad file
from head office never leaves the counter without scripts.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from app.foundation.paths import write_atomic
from app.foundation import clock
from app.foundation.errors import RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.paths import resources_dir
from app.scripts.pack import Pack, PackRejected, parse_pack, unreadable

log = logging.getLogger(__name__)
ACTIVE = "active.yaml"
ORIGIN = "active.json"  # where the active pack came from; names the hash of the active.yaml it describes


class PackNotNewer(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "{file}: pack {label} is not newer than the pack in use ({active}); "
                             "the pack in use stays in use.")


@dataclass(frozen=True)
class PackOrigin:
    kind: str  # builtin | file | hq
    file: str = ""
    published_at: str = ""  # ISO time head office published it (kind hq)
    installed_at: str = ""
    sha256: str = ""


BUILTIN = PackOrigin("builtin")


def bundled_pack_path() -> Path:
    return resources_dir() / "scripts" / "default.yaml"


class ScriptLibrary:
    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else None
        self._lock = threading.Lock()
        self.refused: PackRejected | None = None  # why the stored pack wasn't used at start, if so
        self._pack: Pack | None = None
        self._origin = BUILTIN
        stored = self._stored_path()
        if stored is not None and stored.exists():
            try:
                self._pack = self._load(stored)
                self._origin = self._read_origin(stored)
            except PackRejected as exc:
                self.refused = exc
                log.warning("stored script pack refused, using the bundled one: %s", "; ".join(exc.details()))
        if self._pack is None:  # the bundled pack only when no stored one is in use
            self._pack = self._load(bundled_pack_path())

    def _load(self, path: Path) -> Pack:
        """The pack at ``path``, from the cache of validated packs when these very bytes passed before."""
        from app.scripts.pack_cache import parse_cached

        try:
            content = path.read_bytes()
            content.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise unreadable(path.name, exc) from None
        return parse_cached(content, path.name, self.data_dir / "scripts" / "cache" if self.data_dir else None)

    def _stored_path(self) -> Path | None:
        return self.data_dir / "scripts" / ACTIVE if self.data_dir else None

    @staticmethod
    def _read_origin(stored: Path) -> PackOrigin:
        """The origin kept beside the pack, if it describes these bytes (else: a file put there by hand)."""
        sha = hashlib.sha256(stored.read_bytes()).hexdigest()
        try:
            doc = json.loads(stored.with_name(ORIGIN).read_text("utf-8"))
            origin = PackOrigin(**{k: str(doc.get(k, "")) for k in PackOrigin.__dataclass_fields__})
        except (OSError, ValueError, TypeError):
            return PackOrigin("file", ACTIVE, sha256=sha)
        return origin if origin.sha256 == sha else PackOrigin("file", ACTIVE, sha256=sha)

    @property
    def pack(self) -> Pack:
        with self._lock:
            return self._pack

    @property
    def origin(self) -> PackOrigin:
        with self._lock:
            return self._origin

    def install(self, path: Path) -> Pack:
        """Validate ``path`` and make it the pack in use (kept for the next start); PackRejected
        leaves the pack in use untouched."""
        path = Path(path)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise unreadable(path.name, exc) from None
        return self.install_bytes(content, path.name, "file")

    def install_bytes(self, content: bytes, source: str, kind: str, *, published_at: str = "",
                      only_newer: bool = False) -> Pack:
        """The one way a pack becomes active (`scripts install` and a pack head office published):
        full validation, then active.yaml and its origin are written. ``only_newer``: refuse a pack
        whose version is not above the active one's (PackNotNewer). Nothing changes on a refusal."""
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise unreadable(source, exc) from None
        pack = parse_pack(text, source)  # raises PackRejected before anything changes
        with self._lock:
            if only_newer and pack.version <= self._pack.version:
                raise PackNotNewer(file=source, label=pack.label, active=self._pack.label)
            origin = PackOrigin(kind, source, published_at, clock.now().isoformat(),
                                hashlib.sha256(content).hexdigest())
            stored = self._stored_path()
            if stored is not None:
                write_atomic(stored, content)
                write_atomic(stored.with_name(ORIGIN),
                              json.dumps(asdict(origin), ensure_ascii=False, indent=2).encode("utf-8"))
            self._pack, self._origin = pack, origin
        return pack


_libraries: dict[Path | None, ScriptLibrary] = {}
_libraries_lock = threading.Lock()


def library_for(data_dir: Path | None) -> ScriptLibrary:
    """One library per data directory for the life of the process."""
    key = Path(data_dir).resolve() if data_dir else None
    with _libraries_lock:
        if key not in _libraries:
            _libraries[key] = ScriptLibrary(key)
        return _libraries[key]


def describe_origin(origin: PackOrigin, translate=None) -> str:
    """Where the active pack came from, in the reader's language (``translate(context, text)``)."""
    from datetime import datetime

    def when(iso: str) -> str:
        try:
            return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
        except (TypeError, ValueError):
            return "?"

    if origin.kind == "hq":
        text, params = QT_TRANSLATE_NOOP("Scripts", "published by head office on {date}"), {
            "date": when(origin.published_at)}
    elif origin.kind == "file":
        text, params = QT_TRANSLATE_NOOP("Scripts", "installed from file {file} on {date}"), {
            "file": origin.file, "date": when(origin.installed_at) if origin.installed_at else "?"}
    else:
        text, params = QT_TRANSLATE_NOOP("Scripts", "built in"), {}
    return (translate("Scripts", text) if translate else text).format(**params)
