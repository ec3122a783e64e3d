"""Where the program's own files (resources) and the user's data live."""

from __future__ import annotations

import functools
import os
import stat
import sys
import tempfile
from pathlib import Path

APP_NAME = "RecoveryDesk"
DATA_ENV = "RECOVERY_DESK_DATA"


@functools.cache  # asked for by every icon: resolving the path walked the file system each time
def resources_dir() -> Path:
    """The shipped resources: next to the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


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


# --- files only their owner reads (POSIX) -------------------------------------------------------

PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def private_umask() -> None:
    """Every file and folder this process creates from now on is its owner's alone (0600 / 0700):
    the store, its WAL, the outbox, backups, drafts, attachments, exports and reports hold customers'
    names and phones. Called once at start (command line, application, store opening)."""
    if os.name == "posix":
        os.umask(0o077)


def make_private(data_dir: Path) -> list[Path]:
    """Create ``data_dir`` (0700) if needed and tighten every folder (0700) and file (0600) under
    it that others could read or write; return what was tightened (empty when all was right, and
    when the folders held no file yet: a folder made for a new store, under a umask of 022 as
    Debian's is, had exposed nothing, and was reported as customers' data readable by others).

    Symbolic links are left alone (their target is not ours to change). Elsewhere than POSIX the
    per-user data directory's own access rules apply: nothing to do."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if os.name != "posix":
        return []
    repaired: list[Path] = []

    def tighten(path: Path, want: int, mode: int) -> None:
        if mode & 0o077:
            os.chmod(path, want)
            repaired.append(path)

    tighten(data_dir, PRIVATE_DIR, os.stat(data_dir).st_mode)
    held = False  # a file of any kind under it
    for root, dirs, files in os.walk(data_dir):
        held = held or bool(files)
        for name in dirs + files:
            p = Path(root) / name
            try:
                st = os.lstat(p)
            except OSError:
                continue  # removed meanwhile (a draft saved, a WAL checkpointed)
            if stat.S_ISLNK(st.st_mode):
                continue
            tighten(p, PRIVATE_DIR if stat.S_ISDIR(st.st_mode) else PRIVATE_FILE, st.st_mode)
    return repaired if held else []


REPLACE_TRIES = 20  # about two seconds in all


def _pause(seconds: float) -> None:
    import time

    time.sleep(seconds)


def _replace(tmp: str, path: Path) -> None:
    """os.replace; on Windows, where it fails while another program holds the target open (a virus
    scanner reading the new file, a viewer), tried again for a moment before giving up."""
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if os.name != "nt" or attempt == REPLACE_TRIES - 1:
                raise
            _pause(0.1)


def write_atomic(path: Path, data: bytes) -> None:
    """Never a half file under the final name (a crash, a power cut): a temp file beside it,
    fsynced, renamed over it, and the folder fsynced so the rename itself survives."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # some platforms can't open a directory; the rename is still atomic
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
