"""The status bar's notice of a program update this counter holds (app/sync/releases.py): on the
installed Windows program it installs when the desk closes; elsewhere it says where the file is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from app.services.changes import SYNC
from app.sync import releases
from app.ui.common.ops import Ops

_installing: list[str] = []  # one installer per process, however many windows showed the notice


class UpdateNotice(QLabel):
    shows = SYNC  # a sync round that fetched an update announces SYNC

    def __init__(self, data_dir: Path, ops: Ops, parent: QWidget | None = None, *,
                 installs: bool | None = None) -> None:
        super().__init__(parent, objectName="updateNotice")
        self.data_dir = Path(data_dir)
        self._installs = installs  # None: decided by the platform (releases.installs_on_exit)
        self.found: releases.Ready | None = None
        ops.follow(self, self.refresh)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.on_app_about_to_quit)
        self.refresh()

    def installs(self) -> bool:
        if self.found is None:
            return False
        return releases.installs_on_exit(self.found) if self._installs is None else self._installs

    def refresh(self) -> None:
        self.found = releases.ready(self.data_dir)  # a small JSON file beside the store
        if self.found is None:
            self.hide()
            return
        if self.installs():
            self.setText(self.tr("Version {version} ready: installs when you close Recovery Desk")
                         .format(version=self.found.version))
            self.setToolTip(self.tr("Checked against head office's SHA-256. File: {path}").format(path=self.found.path))
        else:
            self.setText(self.tr("Version {version} downloaded").format(version=self.found.version))
            self.setToolTip(self.tr("Install it from {path} (on Debian: sudo apt install {path})")
                            .format(path=self.found.path))
        self.show()

    def on_app_about_to_quit(self) -> None:
        found = self.found
        if found is None or not self.installs() or found.version in _installing:
            return
        _installing.append(found.version)
        releases.start_install(found)
