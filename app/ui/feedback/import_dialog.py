"""Feedback forms > Import: choose a workbook or CSV, say which column is which when its headers are not
known, see the first rows as they will be read and every problem by line and column, then import all
or nothing, off the UI thread, with progress and Cancel."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QStackedWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.rules.vocab import Verification
from app.services.imports.feedback import COLUMNS, KEYS, FeedbackFile, ImportCancelled, read_feedback  # noqa: F401
from app.services.imports.feedback_store import store_feedback
from app.services.imports.remembered import remember, remembered
from app.ui.common.ops import Ops
from app.ui.common.style import ERROR_COLOUR
from app.ui.common.ui_words import error_text, title
from app.ui.common.widgets import error_label, fit_columns, record_table
from app.ui.common import file_dialogs

KIND = "feedback"
MAP_PAGE, PREVIEW_PAGE = 0, 1
VERIFIED_AT = KEYS.index("verified")


def column_title(key: str, columns=COLUMNS) -> str:
    """A column of the import as the person reads it (a file's own header stays as written)."""
    for c in columns:
        if c.key == key:
            return QCoreApplication.translate("Import", c.title)
    return key


class _Progress(QObject):
    """Carries a worker's progress to the UI thread (a queued signal)."""

    moved = Signal(int, int)


class FeedbackImportDialog(QDialog):
    """The import of feedback forms; another import (repair orders) is this dialog with its own catalogue
    of columns, reader, writer and words (the methods under "what this import is")."""

    imported = Signal(object)  # an ImportResult
    KIND, COLUMNS, OBJECT_NAME = KIND, COLUMNS, "feedbackImport"

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(self.window_title())
        self.store, self.ops, self.user = store, ops, user
        self.mapping: dict[str, str] = {}
        self.checked: FeedbackFile | None = None
        self.cancel_flag = threading.Event()
        self.progress_relay = _Progress(self)
        self.progress_relay.moved.connect(self.on_progress_moved)
        self.build_file_row()
        self.build_mapping_page()
        self.build_preview_page()
        self.build_progress_row()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.map_page)
        self.pages.addWidget(self.preview_page)
        self.pages.hide()
        self.import_button = QPushButton(self.tr("Import"), objectName="importForms")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.on_import_clicked)
        close = QPushButton(self.tr("Close"), objectName="closeImport")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        self.status = QLabel(objectName="importStatus")
        self.status.setWordWrap(True)
        self.error = error_label("importError")
        layout = QVBoxLayout(self)
        layout.addLayout(self.file_row)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addLayout(self.progress_row)
        layout.addLayout(buttons)
        self.resize(980, 620)

    # -- what this import is (a subclass imports something else)
    def window_title(self) -> str:
        return self.tr("Import feedback forms")

    def choose_title(self) -> str:
        return self.tr("Choose the file of feedback forms")

    def mapping_intro(self, file: str, missing: str) -> str:
        if missing:
            return self.tr("Some columns of {file} were not recognised ({missing}). Say which of its columns holds "
                           "each part of a form; the choice is remembered for the next file with the same columns."
                           ).format(file=file, missing=missing)
        return self.tr("Say which of the file's columns holds each part of a form.")

    def read_file(self, path: str, mapping: dict, progress, cancelled):
        return read_feedback(path, mapping, progress=progress, cancelled=cancelled)

    def good_rows(self, checked) -> tuple:
        return checked.forms

    def shown_row(self, values: tuple[str, ...]) -> list[str]:
        """A good row's values as the person reads them (verification in words)."""
        values = list(values)
        verified = {v.value: title(v) for v in Verification}
        values[VERIFIED_AT] = verified.get(values[VERIFIED_AT], values[VERIFIED_AT])
        return values

    def import_label(self, n: int) -> str:
        return self.tr("Import these forms ({n})").format(n=n)

    def importing_text(self, n: int) -> str:
        return self.tr("Importing {n} forms...").format(n=n)

    def store_file(self, store, checked, user_id, cancelled):
        return store_feedback(store, checked, None, user_id, cancelled=cancelled)

    def stored_text(self, result) -> str:
        return self.tr("Imported {imported} forms from {file}; {same} were already stored.").format(
            imported=result.imported, file=result.file, same=result.already_stored)

    # -- building the dialog
    def build_file_row(self) -> None:
        self.path = QLineEdit(objectName="importFile")
        self.path.setPlaceholderText(self.tr("An Excel workbook (.xlsx) or a CSV file"))
        choose = QPushButton(self.tr("Choose..."), objectName="chooseFile")
        choose.clicked.connect(self.on_choose_clicked)
        self.read_button = QPushButton(self.tr("Read the file"), objectName="readFile")
        self.read_button.clicked.connect(self.on_read_clicked)
        self.path.returnPressed.connect(self.on_read_clicked)
        self.file_row = QHBoxLayout()
        self.file_row.addWidget(QLabel(self.tr("File:")))
        self.file_row.addWidget(self.path, 1)
        self.file_row.addWidget(choose)
        self.file_row.addWidget(self.read_button)

    def build_mapping_page(self) -> None:
        """One choice per column of a form: which of the file's columns holds it."""
        self.map_page = QWidget(objectName="mappingPage")
        self.map_intro = QLabel(objectName="mappingIntro")
        self.map_intro.setWordWrap(True)
        form = QFormLayout()
        self.map_combos: dict[str, QComboBox] = {}
        for c in self.COLUMNS:
            combo = QComboBox(objectName=f"map_{c.key}")
            label = column_title(c.key, self.COLUMNS) + (" *" if c.required else "")
            form.addRow(label, combo)
            self.map_combos[c.key] = combo
        self.use_button = QPushButton(self.tr("Use these columns"), objectName="useColumns")
        self.use_button.clicked.connect(self.on_use_clicked)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("* required")), 1)
        row.addWidget(self.use_button)
        v = QVBoxLayout(self.map_page)
        v.addWidget(self.map_intro)
        v.addLayout(form)
        v.addLayout(row)
        v.addStretch(1)

    def build_preview_page(self) -> None:
        """The first rows as they will be read, and every problem by line and column."""
        self.preview_page = QWidget(objectName="previewPage")
        self.summary = QLabel(objectName="previewSummary")
        self.summary.setWordWrap(True)
        self.preview = record_table("previewRows", [self.tr("Line")] + [column_title(c.key, self.COLUMNS) for c in self.COLUMNS])
        self.problems = record_table("problems", [self.tr("Line"), self.tr("Column"), self.tr("Problem")])
        self.problems_label = QLabel(self.tr("Problems"))
        self.remap_button = QPushButton(self.tr("Change which column is which..."), objectName="remap")
        self.remap_button.clicked.connect(self.show_mapping)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.remap_button)
        v = QVBoxLayout(self.preview_page)
        v.setContentsMargins(0, 0, 0, 0)
        v.addLayout(top)
        v.addWidget(self.preview, 3)
        v.addWidget(self.problems_label)
        v.addWidget(self.problems, 2)

    def build_progress_row(self) -> None:
        self.bar = QProgressBar(objectName="importProgress")
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="cancelImport")
        self.cancel_button.clicked.connect(self.on_cancel_clicked)
        self.progress_row = QHBoxLayout()
        self.progress_row.addWidget(self.bar, 1)
        self.progress_row.addWidget(self.cancel_button)
        self.set_busy(False)

    # -- reading
    def on_choose_clicked(self) -> None:
        path = file_dialogs.open_file_name(self, self.choose_title(),
                                           self.tr("Workbooks and CSV (*.xlsx *.xlsm *.xls *.csv *.txt);;All files (*)"))
        if path:
            self.path.setText(path)
            self.mapping = {}
            self.on_read_clicked()

    def on_read_clicked(self) -> None:
        path = self.path.text().strip()
        self.error.clear()
        if not path:
            self.error.setText(self.tr("Choose a file first."))
            return
        self.read(path)

    def read(self, path: str) -> None:
        self.checked = None
        self.import_button.setEnabled(False)
        self.set_busy(True, self.tr("Reading {file}...").format(file=path))
        mapping, flag, relay = dict(self.mapping), self.cancel_flag, self.progress_relay
        flag.clear()
        self.ops.run(lambda: self.read_file(path, mapping, relay.moved.emit, flag.is_set),
                     on_success=self.on_file_read, on_failure=self.on_read_failed, pool="io")

    def on_file_read(self, checked: FeedbackFile) -> None:
        self.set_busy(False)
        self.status.clear()
        if not checked.readable:
            known = remembered(self.store, self.KIND, checked.shape)
            if known and known != self.mapping:  # a file of a shape already mapped: placed as before
                self.mapping = known
                self.read(self.path.text().strip())
                return
            self.checked = checked
            self.show_mapping()
            return
        if self.mapping:
            remember(self.store, self.KIND, checked.shape, self.mapping)
        self.checked = checked
        self.show_preview(checked)

    def on_read_failed(self, error: BaseException) -> None:
        from app.foundation.errors import ImportRejected

        self.set_busy(False)
        if isinstance(error, ImportCancelled):
            self.status.setText(self.tr("Cancelled: nothing was imported."))
        elif isinstance(error, ImportRejected):
            self.show_problems(error.problems)
            self.pages.setCurrentIndex(PREVIEW_PAGE)
            self.pages.show()
            self.preview.setRowCount(0)
            self.summary.setText(error_text(error))
        else:
            self.error.setText(error_text(error))

    # -- which column is which
    def show_mapping(self) -> None:
        checked = self.checked
        if checked is None:
            return
        at = checked.placement.at
        for key, combo in self.map_combos.items():
            combo.clear()
            combo.addItem(self.tr("(not in this file)"), None)
            for i, h in enumerate(checked.header):
                combo.addItem(h or self.tr("column {n}").format(n=i + 1), i)
            combo.setCurrentIndex(at[key] + 1 if key in at else 0)
        missing = ", ".join(column_title(k, self.COLUMNS) for k in checked.placement.missing)
        self.map_intro.setText(self.mapping_intro(checked.file, missing))
        self.pages.setCurrentIndex(MAP_PAGE)
        self.pages.show()
        self.status.clear()

    def on_use_clicked(self) -> None:
        header = self.checked.header if self.checked else ()
        self.mapping = {key: header[combo.currentData()] for key, combo in self.map_combos.items()
                        if combo.currentData() is not None}
        self.read(self.path.text().strip())

    # -- the preview
    def show_preview(self, checked) -> None:
        bad_lines = {p.line for p in checked.problems}
        self.preview.setRowCount(len(checked.first))
        for r, (line, values) in enumerate(checked.first):
            values = self.shown_row(values) if line not in bad_lines else values
            for c, text in enumerate((str(line), *values)):
                item = QTableWidgetItem(text)
                if line in bad_lines:  # a refused row stands out, shown as written
                    item.setForeground(QColor(ERROR_COLOUR))
                self.preview.setItem(r, c, item)
        fit_columns(self.preview)
        self.show_problems(checked.problems)
        n, bad = checked.rows, len(checked.problems)
        if bad:
            self.summary.setText(self.tr("{rows} rows read, {problems} problems. Nothing will be imported until "
                                         "every problem is fixed: fix the file, then read it again.")
                                 .format(rows=n, problems=bad))
        else:
            self.summary.setText(self.tr("{rows} rows read, no problems. The first rows are shown as they will "
                                         "be stored.").format(rows=n))
        self.import_button.setText(self.tr("Import") if bad else self.import_label(len(self.good_rows(checked))))
        self.import_button.setEnabled(not bad and bool(self.good_rows(checked)))
        self.pages.setCurrentIndex(PREVIEW_PAGE)
        self.pages.show()

    def show_problems(self, problems) -> None:
        shown = list(problems)[:1000]
        self.problems.setRowCount(len(shown))
        for r, p in enumerate(shown):
            for c, text in enumerate((str(p.line), column_title(p.column, self.COLUMNS) if p.column else "",
                                      p.render(QCoreApplication.translate))):
                self.problems.setItem(r, c, QTableWidgetItem(text))
        fit_columns(self.problems)
        more = len(problems) - len(shown)
        self.problems_label.setText(self.tr("Problems: {n}").format(n=len(problems)) +
                                    (self.tr(" (the first {shown} shown)").format(shown=len(shown)) if more else ""))

    # -- importing
    def on_import_clicked(self) -> None:
        checked, store, user_id, flag = self.checked, self.store, self.user.user_id, self.cancel_flag
        if checked is None:
            return
        flag.clear()
        self.import_button.setEnabled(False)
        self.set_busy(True, self.importing_text(len(self.good_rows(checked))), determinate=False)
        self.ops.run(lambda: self.store_file(store, checked, user_id, flag.is_set),
                     on_success=self.on_stored, on_failure=self.on_store_failed)

    def on_stored(self, result) -> None:
        self.set_busy(False)
        self.status.setText(self.stored_text(result))
        self.checked = None
        self.imported.emit(result)

    def on_store_failed(self, error: BaseException) -> None:
        self.on_read_failed(error)
        self.import_button.setEnabled(False)

    # -- progress
    def set_busy(self, busy: bool, text: str = "", determinate: bool = True) -> None:
        self.bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.read_button.setEnabled(not busy)
        self.bar.setRange(0, 100 if determinate else 0)
        self.bar.setValue(0)
        if busy:
            self.status.setText(text)

    def on_progress_moved(self, done: int, total: int) -> None:
        if total:
            self.bar.setValue(min(100, done * 100 // total))

    def on_cancel_clicked(self) -> None:
        self.cancel_flag.set()
        self.status.setText(self.tr("Cancelling..."))

    def reject(self) -> None:
        self.cancel_flag.set()  # a read or an import still running stores nothing
        super().reject()
