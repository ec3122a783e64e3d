"""Taking backups: now, once a day, and a copy saved to a folder the user chooses (a USB stick)."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from app import __version__
from app.foundation import clock
from app.foundation.errors import RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import snapshot
from app.services import settings
from app.services.backups import catalogue
from app.services.backups.catalogue import BackupInfo

DAY = timedelta(hours=24)


class BackupFailed(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "The backup could not be written to {path}: {reason}. The store itself is "
                                       "unchanged. Free some space or choose another folder, then try again.")


def data_dir_of(store) -> Path:
    return Path(store.path).parent


def keep_of(store) -> int:
    with store.session() as s:
        return settings.get(s, "backups.keep")


def back_up(data_dir: Path, keep: int, reason: str = "manual", progress=None) -> BackupInfo:
    """A new backup in the data directory's ``backups`` folder, then only the newest ``keep`` kept."""
    try:
        path = snapshot.take_backup(data_dir, reason, program=__version__, progress=progress)
    except snapshot.DamagedStore as exc:
        from app.services.backups.restoring import DamagedStore

        raise DamagedStore.of(exc, str(exc.path)) from exc
    except OSError as exc:
        raise BackupFailed(path=str(snapshot.backups_dir(data_dir)), reason=exc.strerror or str(exc)) from exc
    catalogue.prune(data_dir, keep)
    return catalogue.info(path)


def back_up_now(store, progress=None) -> BackupInfo:
    """Settings > Backups > Back up now, and `recovery-desk backup`."""
    return back_up(data_dir_of(store), keep_of(store), "manual", progress)


def back_up_if_due(store, progress=None) -> BackupInfo | None:
    """The daily backup: taken when the newest backup is a day old or there is none; None when not due."""
    newest = catalogue.list_backups(data_dir_of(store))
    if newest and clock.now() - newest[0].created_at < DAY:
        return None
    return back_up(data_dir_of(store), keep_of(store), "daily", progress)


def save_copy(backup: Path, folder: Path) -> Path:
    """Copy a backup into ``folder`` (a USB stick): written under a temporary name, synced, renamed,
    then read back (its manifest) so a copy that can't be read is reported, not trusted."""
    backup, folder = Path(backup), Path(folder)
    target = folder / backup.name
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{backup.name}.", suffix=".part")
        try:
            with open(backup, "rb") as src, os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
        catalogue.info(target)
    except (OSError, ValueError) as exc:
        raise BackupFailed(path=str(folder), reason=getattr(exc, "strerror", None) or str(exc)) from exc
    return target
