"""The one way the desk asks for a file or a folder: Qt's dialogs, opening in the folder last used
(a preference of the counter) or else the user's Documents folder."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

_last = ""  # the folder last chosen in this session, or the stored preference
_keep: Callable[[str], None] | None = None  # stores a newly chosen folder as the preference


def use_store(store, ops) -> None:
    """Read the remembered folder from the counter's store and keep each new one there."""
    from app.services.preferences import last_folder, remember_folder

    global _keep
    _keep = lambda folder: ops.run(lambda: remember_folder(store, folder))  # noqa: E731
    ops.run(lambda: last_folder(store), on_success=_loaded)


def _loaded(folder: str) -> None:
    global _last
    if folder and not _last:
        _last = folder


def start_folder() -> str:
    """Where the next dialog opens: the last folder used while it still exists, else Documents."""
    if _last and Path(_last).is_dir():
        return _last
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def _chosen(path: str, *, folder: bool = False) -> str:
    global _last
    if path:
        where = str(Path(path) if folder else Path(path).parent)
        if where != _last:
            _last = where
            if _keep is not None:
                _keep(where)
    return path


def save_file_name(parent: QWidget | None, title: str, name: str, filters: str = "") -> str:
    """A file name to save to ("" when cancelled), proposing ``name`` in the start folder."""
    path, _f = QFileDialog.getSaveFileName(parent, title, str(Path(start_folder()) / name), filters)
    return _chosen(path)


def open_file_name(parent: QWidget | None, title: str, filters: str = "") -> str:
    path, _f = QFileDialog.getOpenFileName(parent, title, start_folder(), filters)
    return _chosen(path)


def open_file_names(parent: QWidget | None, title: str, filters: str = "") -> list[str]:
    paths, _f = QFileDialog.getOpenFileNames(parent, title, start_folder(), filters)
    if paths:
        _chosen(paths[0])
    return paths


def existing_folder(parent: QWidget | None, title: str) -> str:
    return _chosen(QFileDialog.getExistingDirectory(parent, title, start_folder()), folder=True)
