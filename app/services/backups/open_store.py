"""Backing up and restoring the store the desk has open: the same Store object goes on working, on the restored file."""

from __future__ import annotations

from pathlib import Path

from app.models.store import open_store
from app.services.backups import restoring, taking
from app.services.backups.restoring import Restored, RestoreCheck
from app.services.changes import EVERYTHING, announces


def check_restore(store, backup: Path) -> RestoreCheck:
    return restoring.check(taking.data_dir_of(store), backup)


@announces(EVERYTHING)
def restore_open_store(store, backup: Path, *, force: bool = False, progress=None) -> Restored:
    """Close the store's connections, restore ``backup`` over its file and open it again into the
    same ``store`` (every view keeps its reference); on a refusal the store opens as it was."""
    data_dir, keep = taking.data_dir_of(store), taking.keep_of(store)
    store.close()
    try:
        return restoring.restore(data_dir, backup, keep=keep, force=force, progress=progress)
    finally:
        reopened = open_store(data_dir)  # upgrades a backup of an older program, as any start does
        store.engine, store.session_factory = reopened.engine, reopened.session_factory
        store.identity = reopened.identity
