"""Settings > Backups: the backups kept on this PC, one made now, a copy saved to a folder (a USB
stick), one restored after its check; and the daily backup while the desk runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.ui.common import file_dialogs
from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text
from app.ui.common.widgets import chosen_row, error_label, fit_columns, record_table

HOUR_MS = 3600 * 1000
FIRST_CHECK_MS = 120 * 1000  # not during start-up: the first minutes belong to the person signing in


class _Progress(QObject):
    """Carries a worker's (done, total) to the UI thread (a queued signal)."""

    moved = Signal(int, int)


class BackupsPanel(QGroupBox):
    store_restored = Signal(object)  # app.services.backups.restoring.Restored

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Backups"), parent)
        self.setObjectName("backups")
        self.store, self.ops, self.user = store, ops, user
        self.backups: list = []
        self.confirm_box: QMessageBox | None = None
        intro = QLabel(self.tr("A backup holds the whole store of this counter: cases, forms, attachments and what "
                               "waits for head office. One is made every day; keep a copy away from this PC too."))
        intro.setWordWrap(True)
        self.table = record_table("backupList", [self.tr("Made"), self.tr("Size"), self.tr("Cases"),
                                                 self.tr("Forms"), self.tr("Kind")])
        self.table.setMinimumHeight(160)
        self.table.currentCellChanged.connect(lambda *_: self.on_backup_chosen())
        self.make_button = QPushButton(self.tr("Back up now"), objectName="backUpNow")
        self.save_button = QPushButton(self.tr("Save a copy to..."), objectName="saveBackup")
        self.restore_button = QPushButton(self.tr("Restore..."), objectName="restoreBackup")
        self.restore_file_button = QPushButton(self.tr("Restore from a file..."), objectName="restoreBackupFile")
        self.make_button.clicked.connect(self.on_make_clicked)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.restore_button.clicked.connect(lambda: self.on_restore_chosen(self.chosen()))
        self.restore_file_button.clicked.connect(self.on_restore_file_clicked)
        self.progress = QProgressBar(objectName="backupProgress")
        self.progress.hide()
        self.message = QLabel(objectName="backupMessage")
        self.message.setWordWrap(True)
        self.error = error_label("backupError")
        buttons = QHBoxLayout()
        for b in (self.make_button, self.save_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for part in (intro, self.table):
            layout.addWidget(part)
        layout.addLayout(buttons)
        for part in (self.progress, self.message, self.error):
            layout.addWidget(part)
        # Restoring replaces everything the counter holds: its administrator decides.
        admin = getattr(user, "role", "") == "admin"
        for b in (self.restore_button, self.restore_file_button):
            b.setVisible(admin)
        self._relay = _Progress(self)
        self._relay.moved.connect(self.on_progress_moved)
        self.on_backup_chosen()
        self.load()

    # -- the list
    def load(self) -> None:
        from app.services.backups.catalogue import list_backups

        data_dir = Path(self.store.path).parent
        self.ops.run(lambda: list_backups(data_dir), on_success=self.on_loaded, pool="io")

    def on_loaded(self, backups) -> None:
        chosen = self.chosen()
        self.backups = list(backups)
        self.table.setRowCount(len(self.backups))
        locale = QLocale()
        kinds = {"daily": self.tr("daily"), "manual": self.tr("made by hand"),
                 "before_restore": self.tr("before a restore"), "before_upgrade": self.tr("before an upgrade"),
                 "after_purge": self.tr("after anonymising customers")}
        for row, b in enumerate(self.backups):
            cells = (b.created_at.astimezone().strftime("%Y-%m-%d %H:%M"), locale.formattedDataSize(b.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat),
                     str(b.cases), str(b.forms), kinds.get(b.reason, b.reason))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
            if chosen is not None and b.path == chosen.path:
                self.table.selectRow(row)
        fit_columns(self.table)
        self.on_backup_chosen()

    def chosen(self):
        return chosen_row(self.table, self.backups)

    def on_backup_chosen(self) -> None:
        some = self.chosen() is not None
        self.save_button.setEnabled(some)
        self.restore_button.setEnabled(some)

    # -- working
    def _progress(self):
        relay = self._relay
        self.progress.setRange(0, 0)
        self.progress.show()
        self.error.clear()
        return lambda done, total: relay.moved.emit(done, total)

    @Slot(int, int)
    def on_progress_moved(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _finished(self, text: str = "") -> None:
        self.progress.hide()
        for b in (self.make_button, self.restore_file_button):
            b.setEnabled(True)
        self.on_backup_chosen()
        if text:
            self.message.setText(text)
        self.load()

    def _failed(self, exc: BaseException) -> None:
        self._finished()
        self.message.clear()
        self.error.setText(error_text(exc))

    def _busy(self) -> None:
        for b in (self.make_button, self.save_button, self.restore_button, self.restore_file_button):
            b.setEnabled(False)

    def on_make_clicked(self) -> None:
        from app.services.backups.taking import back_up_now

        store, progress = self.store, self._progress()
        self._busy()
        self.ops.run(lambda: back_up_now(store, progress), pool="io", on_failure=self._failed,
                     on_success=lambda b: self._finished(self.tr("Backed up: {cases} cases, {forms} forms, {size}.")
                                                         .format(cases=b.cases, forms=b.forms,
                                                                 size=QLocale().formattedDataSize(
                                                                     b.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat))))

    def on_save_clicked(self) -> None:
        from app.services.backups.taking import save_copy

        b = self.chosen()
        folder = file_dialogs.existing_folder(self, self.tr("Save the backup to (e.g. a USB stick)")) if b else ""
        if not folder:
            return
        self._progress()
        self._busy()
        self.ops.run(lambda: save_copy(b.path, Path(folder)), pool="io", on_failure=self._failed,
                     on_success=lambda p: self._finished(self.tr("Saved a copy to {path}.").format(path=p)))

    def on_restore_file_clicked(self) -> None:
        path = file_dialogs.open_file_name(self, self.tr("Restore a backup"), self.tr("Backups (*.zip)"))
        if path:
            self.on_restore_chosen(Path(path))

    def on_restore_chosen(self, chosen) -> None:
        """Check the backup first (whole, and what restoring it would give up), then ask."""
        from app.services.backups.open_store import check_restore

        if chosen is None:
            return
        path, store = Path(getattr(chosen, "path", chosen)), self.store
        self._progress()
        self._busy()
        self.ops.run(lambda: check_restore(store, path), on_failure=self._failed,
                     on_success=lambda check: self.confirm(path, check))

    def confirm(self, path: Path, check) -> None:
        self._finished()
        m = check.manifest
        from datetime import datetime

        when = datetime.fromisoformat(m.created_at).astimezone().strftime("%Y-%m-%d %H:%M")
        text = self.tr("Restore the backup of {when} ({cases} cases, {forms} forms)? The store as it is now is "
                       "backed up first, then replaced.").format(when=when, cases=m.cases, forms=m.forms)
        warn = ""
        if check.unsent_lost:
            warn = self.tr("{n} change(s) made here have not reached head office yet and are not in this backup: "
                           "they will no longer be on this counter (the backup made before restoring keeps them). "
                           "Sync first if you can.").format(n=check.unsent_lost)
        box = QMessageBox(QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Question, self.tr("Restore a backup"),
                          text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmRestore")
        if warn:
            box.setInformativeText(warn)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _r: self.on_confirmed(
            path, box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)))
        self.confirm_box = box
        box.open()

    def on_confirmed(self, path: Path, yes: bool) -> None:
        from app.services.backups.open_store import restore_open_store

        self.confirm_box = None
        if not yes:
            return
        store, progress = self.store, self._progress()
        self._busy()
        self.ops.run(lambda: restore_open_store(store, path, force=True, progress=progress),
                     on_failure=self._failed, on_success=self.on_restored)

    def on_restored(self, done) -> None:
        m = done.check.manifest
        self._finished(self.tr("Restored: the desk now works on the backup's store ({cases} cases, {forms} forms).")
                       .format(cases=m.cases, forms=m.forms))
        self.store_restored.emit(done)


class DailyBackups(QObject):
    """While the desk runs: the daily purge of customers past the retention period and the daily backup
    once the last one is a day old (checked at start-up, then every hour)."""

    def __init__(self, store, ops: Ops, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.timer = QTimer(self)
        self.timer.setInterval(HOUR_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check)

    def check(self) -> None:
        from app.services.backups.taking import back_up_if_due

        from app.services.privacy.purging import purge_if_due

        store = self.store
        # Customers past the retention period are anonymised first (once a day), so the backup holds none.
        self.ops.run(lambda: purge_if_due(store))
        # A failed daily backup is said once, as any failure nobody handles (disk full: the person sees it).
        self.ops.run(lambda: back_up_if_due(store), pool="io")
