"""Importing a folder of case files (a USB stick, the shared drive): progress and each file's outcome.
A file waiting for an earlier file of its counter (app.hq.importer.waiting_for) is named with what to
bring; a button takes the waiting files anyway, for when those earlier files are lost for good. The
chosen row's whole reason shows under the table (a cell cuts it), and after an import the first file
that needs the reader comes chosen."""

from __future__ import annotations

from bisect import bisect
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (QHBoxLayout, QPlainTextEdit, QProgressBar, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.hq.importer import import_paths
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label, fit_columns, plain_tip
from app.ui.hq.parts import table
from app.ui.common import file_dialogs


class _Progress(QObject):
    """Carries progress from the import's worker thread to the page (queued signal)."""

    advanced = Signal(int, int, object)  # done, total, FileOutcome


class ImportPage(QWidget):
    import_finished = Signal(object)  # ImportSummary

    def __init__(self, db, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        self.choose = QPushButton(self.tr("Import a folder of case files..."))
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m files"))
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # "0 of 100 files" before any import would mean nothing
        self.summary = Label(self.tr("Choose the folder from a USB stick or the shared drive."))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        # Shown only after an import that left files waiting.
        self.waiting_note = Label(self.tr(
            "Some files wait for earlier files of their counter, which head office has not received: the Reason "
            "column names them. Bring those files and import them, then this folder again. Only if they are lost "
            "for good (the counter's store was restored from a backup), import the waiting files anyway: the "
            "changes built on the lost files will then be refused."))
        self.waiting_note.setTextFormat(Qt.TextFormat.PlainText)
        self.waiting_note.setWordWrap(True)
        self.import_anyway = QPushButton(self.tr("Import the waiting files anyway"))
        self.results = table([self.tr("File"), self.tr("Outcome"), self.tr("Changes"), self.tr("Reason")], "results")
        # The chosen file's whole reason, wrapped and selectable (to copy into a message to the dealer).
        self.details = QPlainTextEdit(objectName="details", readOnly=True)
        self.details.setPlaceholderText(self.tr("Choose a file in the table to read its whole reason here."))
        self.details.setMaximumHeight(self.details.fontMetrics().lineSpacing() * 6)
        # The rows' files, in the folder's order: several dealers' files are imported at once (on
        # PostgreSQL) and finish in any order; each row goes to its file's place.
        self._paths: list[Path] = []
        self._folder: Path | None = None
        self._waiting: list[Path] = []
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addWidget(self.progress, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        waiting = QHBoxLayout()
        waiting.addWidget(self.waiting_note, 1)
        waiting.addWidget(self.import_anyway)
        lay.addLayout(waiting)
        lay.addWidget(self.results, 1)
        lay.addWidget(self.details)
        self._progress = _Progress(self)
        self._progress.advanced.connect(self.on_import_advanced)
        self.choose.clicked.connect(self.on_choose_clicked)
        self.import_anyway.clicked.connect(self.on_import_anyway_clicked)
        self.results.currentCellChanged.connect(self.on_current_row)
        self._show_waiting(False)

    @Slot()
    def on_choose_clicked(self) -> None:
        folder = file_dialogs.existing_folder(self, self.tr("Folder of case files"))
        if folder:
            self.import_folder(Path(folder))

    @Slot()
    def on_import_anyway_clicked(self) -> None:
        # The whole folder again, not the waiting files alone: its attachments are vouched for with the
        # files that name them (imported apart, their changes were refused as naming files never
        # delivered); the files taken in before answer "already present".
        self._import(self._folder, [self._folder], allow_gaps=True)

    def import_folder(self, folder: Path) -> None:
        self._import(folder, [folder])

    def _import(self, folder: Path, paths: list[Path], *, allow_gaps: bool = False) -> None:
        self._folder = folder
        self._show_waiting(False)
        self.choose.setEnabled(False)
        self.results.setRowCount(0)
        self.details.clear()
        self._paths = []
        self.progress.setRange(0, 0)  # busy until the first file is done
        self.progress.setTextVisible(True)
        self.summary.setText(self.tr("Importing {folder}...").format(folder=folder))
        signal = self._progress.advanced
        # Reasons in the reader's language (the refused file's .reason.txt too).
        self.ops.run(lambda: import_paths(self.db, paths, translate=QCoreApplication.translate,
                                          progress=lambda i, n, o: signal.emit(i, n, o), allow_gaps=allow_gaps),
                     on_success=self.on_import_done, on_failure=self.on_import_failed)

    @Slot(int, int, object)
    def on_import_advanced(self, done: int, total: int, outcome) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        names = {"imported": self.tr("Imported"), "present": self.tr("Already present"), "rejected": self.tr("Rejected"),
                 "waiting": self.tr("Waiting")}
        path = Path(outcome.path)
        row = bisect(self._paths, path)
        self._paths.insert(row, path)
        self.results.insertRow(row)
        changes = str(outcome.events)
        if outcome.conflicts:
            changes += " " + self.tr("(+{n} in conflict)").format(n=outcome.conflicts)
        if outcome.refused:  # an imported file's changes head office refused: each named, with why
            changes += " " + self.tr("({n} refused)").format(n=outcome.refused_changes)
        reason = outcome.reason or "; ".join(outcome.refused)
        for col, text in enumerate([Path(outcome.path).name, names[outcome.status], changes, reason]):
            item = QTableWidgetItem(text)
            item.setToolTip(plain_tip(text))
            self.results.setItem(row, col, item)

    def on_import_done(self, summary) -> None:
        self.choose.setEnabled(True)
        self.progress.setRange(0, max(1, len(summary.outcomes)))
        self.progress.setValue(len(summary.outcomes))
        fit_columns(self.results)
        self._waiting = [Path(o.path) for o in summary.outcomes if o.status == "waiting"]
        counts = self.tr("{files} file(s): {imported} imported, {present} already present, {rejected} rejected "
                         "(moved to the folder's \"rejected\" subfolder with the reason), {waiting} waiting (left "
                         "where they are).") if self._waiting else self.tr(
            "{files} file(s): {imported} imported, {present} already present, {rejected} rejected "
            "(moved to the folder's \"rejected\" subfolder with the reason).")
        self.summary.setText(counts.format(
            files=len(summary.outcomes), imported=summary.count("imported"), present=summary.count("present"),
            rejected=summary.count("rejected"), waiting=len(self._waiting)))
        self._show_waiting(bool(self._waiting))
        needs_reader = [r for r in range(self.results.rowCount())
                        if self.results.item(r, 3) is not None and self.results.item(r, 3).text()]
        if needs_reader:  # the first refusal or wait comes chosen: its whole reason is on screen at once
            self.results.setCurrentCell(needs_reader[0], 0)
        self.import_finished.emit(summary)

    @Slot(int, int, int, int)
    def on_current_row(self, row: int, _column: int, _previous_row: int, _previous_column: int) -> None:
        cells = [self.results.item(row, c) for c in range(4)] if row >= 0 else []
        if not cells or any(c is None for c in cells):
            self.details.clear()
            return
        name, outcome, changes, reason = (c.text() for c in cells)
        text = self.tr("{file}: {outcome}; changes: {changes}").format(file=name, outcome=outcome, changes=changes)
        self.details.setPlainText(f"{text}\n{reason}" if reason else text)

    def _show_waiting(self, shown: bool) -> None:
        self.waiting_note.setVisible(shown)
        self.import_anyway.setVisible(shown)

    def on_import_failed(self, exc: BaseException) -> None:
        self.choose.setEnabled(True)
        self.progress.setRange(0, 1)
        self.summary.setText(self.tr("The import stopped: {reason}").format(reason=str(exc)))
