"""Program updates at the counter: a release head office published arrives with the sync round, is
checked (the sealed manifest's hash, this platform, newer than the running program), its file fetched
and kept in the data directory only when its bytes match the manifest's SHA-256; it is installed when
the desk closes (Windows, the installed program) or its place is shown (elsewhere)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx

from app import __version__
from app.foundation import signing
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.paths import write_atomic
from app.foundation.versions import newer, parse_version
from app.sync import found_problems, wire

log = logging.getLogger(__name__)

KIND, PRODUCT = "release", "recovery-desk"
FOLDER, READY = "updates", "ready.json"
MAX_BYTES = 512 * 1024 * 1024
STAGED, REFUSED, SKIPPED = "staged", "refused", "skipped"
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,120}$")


@dataclass(frozen=True)
class Ready:
    """A verified release waiting in the data directory."""
    version: str
    platform: str
    path: Path
    sha256: str
    size: int


def this_platform() -> str:
    return "windows" if sys.platform.startswith("win") else "linux"


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def take(store, http: httpx.Client, secret: str, item: dict, content: bytes, *, offline,
         running: str = __version__, platform: str | None = None) -> str:
    """STAGED, REFUSED (listed in the sync problems) or SKIPPED (another platform's, or already here).
    ``offline(exc)`` is the round's error for a lost connection: the item is then tried next round."""
    platform = platform or this_platform()
    version = str(item.get("version", "?"))
    try:
        manifest = json.loads(content)
        version = str(manifest["version"])
    except (ValueError, KeyError, TypeError):
        manifest = None
    if manifest is None or signing.sha256(content) != item.get("sha256") or manifest.get("product") != PRODUCT \
            or parse_version(version) is None:
        return _refuse(store, version, found_problems.reason("release_manifest", QT_TRANSLATE_NOOP("Errors",
            "The program update {version} from head office was refused: its description is damaged or not "
            "Recovery Desk's. The program in use stays as it is."), version=version))
    if manifest.get("platform") != platform:
        return SKIPPED  # the Windows installer is not for a Linux counter, and the other way round
    if not newer(version, running):
        return _refuse(store, version, found_problems.reason("release_not_newer", QT_TRANSLATE_NOOP("Errors",
            "The program update {version} from head office was refused: it is not newer than the version in "
            "use ({running}), which stays as it is."), version=version, running=running))
    data_dir = Path(store.path).parent
    staged = ready(data_dir, running)
    if staged is not None and not newer(version, staged.version):
        return SKIPPED
    why = _fetch(store, http, secret, manifest, data_dir, offline)
    if why is not None:
        return _refuse(store, version, why)
    found_problems.releases_cleared(store)
    return STAGED


def safe_name(file, version: str, platform: str) -> str:
    """The file's name as head office gave it when it is a plain name, else one made here: the name
    becomes a path in the data directory and, on Windows, the program that is run."""
    name = str(file or "")
    if _SAFE.match(name) and name not in (FOLDER, READY):
        return name
    return f"{PRODUCT}-{version}" + (".exe" if platform == "windows" else ".deb")


def _refuse(store, version: str, why: str) -> str:
    log.warning("program update %s refused: %s", version, why)
    found_problems.release_refused(store, version, why)
    return REFUSED


def _fetch(store, http: httpx.Client, secret: str, manifest: dict, data_dir: Path, offline) -> str | None:
    """Fetch the file into the updates folder; None when it is there, verified, else the reason."""
    version, digest = str(manifest["version"]), str(manifest.get("sha256", ""))
    size = manifest.get("size") if isinstance(manifest.get("size"), int) else -1
    name = safe_name(manifest.get("file"), version, str(manifest.get("platform")))
    target = f"{wire.API}/releases/{digest}"
    nonce = wire.new_nonce()
    headers = {"X-Counter": store.identity.store_id, "X-Nonce": nonce,
               "X-Auth": wire.request_mac(secret, "GET", target, nonce)}
    where = folder(data_dir)
    where.mkdir(parents=True, exist_ok=True)
    part = where / f".{name}.part"
    h, got = hashlib.sha256(), 0
    try:
        with http.stream("GET", target, headers=headers) as r:
            status = r.status_code
            if status == 200:
                with open(part, "wb") as out:
                    for chunk in r.iter_bytes():
                        got += len(chunk)
                        if got > min(max(size, 0), MAX_BYTES):
                            break
                        h.update(chunk)
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
    except httpx.HTTPError as exc:
        part.unlink(missing_ok=True)
        raise offline(exc) from exc
    if status != 200:
        part.unlink(missing_ok=True)
        return found_problems.reason("release_unavailable", QT_TRANSLATE_NOOP("Errors",
            "The program update {version} could not be fetched from head office (HTTP {status}). Ask head office "
            "to publish it again."), version=version, status=status)
    if got != size or not signing.same(h.hexdigest(), digest):
        part.unlink(missing_ok=True)
        return found_problems.reason("release_damaged", QT_TRANSLATE_NOOP("Errors",
            "The program update {version} from head office was refused: its file does not match the SHA-256 head "
            "office signed (damaged or tampered with). It was deleted; the program in use stays as it is."),
            version=version)
    final = where / name
    os.replace(part, final)  # a file of that name is never in use: the installer runs after the desk closed
    for old in where.iterdir():
        if old.is_file() and old != final and old.name != READY:
            old.unlink(missing_ok=True)
    write_atomic(where / READY, json.dumps({"version": version, "platform": manifest["platform"],
                                            "file": name, "sha256": digest, "size": size}).encode("utf-8"))
    return None


def ready(data_dir: Path, running: str = __version__) -> Ready | None:
    """The verified release waiting here, if it is newer than the running program (once installed, the
    program's own version catches up and the file is forgotten)."""
    try:
        doc = json.loads((folder(data_dir) / READY).read_text(encoding="utf-8"))
        found = Ready(str(doc["version"]), str(doc["platform"]),
                      folder(data_dir) / safe_name(doc["file"], str(doc["version"]), str(doc["platform"])),
                      str(doc["sha256"]), int(doc["size"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not newer(found.version, running) or not found.path.is_file():
        return None
    return found


def installs_on_exit(found: Ready, frozen: bool | None = None, platform: str | None = None) -> bool:
    """Whether closing the desk runs the installer: only an installed (frozen) Windows program does;
    a Debian package needs an administrator, and a checkout is updated by its developer."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    return frozen and (platform or this_platform()) == "windows" and found.platform == "windows"


def install_command(found: Ready) -> list[str]:
    """The Inno Setup installer, silent, replacing the program in place (packaging/windows)."""
    return [str(found.path), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CLOSEAPPLICATIONS"]


def start_install(found: Ready) -> bool:
    """Check the file once more and start the installer detached, so it outlives the closing desk."""
    h = hashlib.sha256()
    try:
        with open(found.path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return False
    if not signing.same(h.hexdigest(), found.sha256):
        log.warning("update %s not installed: its file changed since it was checked", found.version)
        found.path.unlink(missing_ok=True)
        return False
    flags = 0
    if os.name == "nt":
        flags = subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP
    subprocess.Popen(install_command(found), creationflags=flags, close_fds=True)
    return True
