"""Reports: pick a report and a month, make the PDF off the UI thread, preview, save or print it."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (QComboBox, QCompleter, QFormLayout, QHBoxLayout, QLineEdit, QMessageBox,
                               QProgressBar, QPushButton, QToolButton, QVBoxLayout, QWidget)

from app.foundation import clock
from app.foundation.errors import InvalidInput, RecoveryDeskError
from app.services.changes import Changes
from app.ui.common import file_dialogs
from app.ui.common.ops import Ops
from app.ui.common.pdf_preview import PREVIEW_PAGES, PRINT_DPI, PdfPreview, page_count, page_images, print_images
from app.ui.common.widgets import Label, error_label, plain_message

FEEDBACK, CASES = "feedback", "cases"
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def step_month(month: str, months: int) -> str:
    """"2026-01" stepped by -1 is "2025-12"."""
    year, mon = int(month[:4]), int(month[5:7])
    n = year * 12 + mon - 1 + months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


@dataclass(frozen=True)
class MadeReport:
    kind: str
    month: str
    pdf: bytes
    pages: list[QImage]  # the preview: the first pages
    page_count: int


def make_report(store, kind: str, month: str, advisor: str | None, language: str, printed_by: str) -> MadeReport:
    """Runs on a worker: gather (database), lay out (reportlab), draw the preview (PDFium)."""
    from app.reports import cases, feedback
    from app.foundation.translation import Words

    module = feedback if kind == FEEDBACK else cases
    data = feedback.gather(store, month, None, advisor) if kind == FEEDBACK else cases.gather(store, month)
    buf = io.BytesIO()
    module.render(data, buf, Words(language), printed_by)
    pdf = buf.getvalue()
    return MadeReport(kind, month, pdf, page_images(pdf, limit=PREVIEW_PAGES), page_count(pdf))


class ReportsView(QWidget):
    shows = Changes.of("forms", "cases", "users")  # the kinds of change this view refreshes on

    report_made = Signal(str)  # the month of the report now shown
    report_saved = Signal(str)  # the path written
    advisors_loaded = Signal(int)  # how many advisors the list now offers

    # -- building the page: __init__ (after these) calls them in this order
    def build_choices(self) -> None:
        """Which report, for which month and advisor, in which language."""
        self.kind = QComboBox(objectName="report_kind")
        self.kind.addItem(self.tr("Monthly feedback summary"), FEEDBACK)
        self.kind.addItem(self.tr("Case recovery report"), CASES)
        # The last complete month: a monthly report is made once its month is over.
        self.month = QLineEdit(step_month(clock.today().strftime("%Y-%m"), -1), objectName="report_month")
        self.month.setPlaceholderText(self.tr("YYYY-MM"))
        self.month.setMaximumWidth(120)
        self.month.setToolTip(self.tr("Up and Down arrows: the month before or after"))
        self.month.setCompleter(QCompleter([step_month(clock.today().strftime("%Y-%m"), -i) for i in range(25)],
                                           self.month))
        self.month.completer().setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.earlier = QToolButton(objectName="earlierMonth", text="‹", autoRaise=True)
        self.earlier.setToolTip(self.tr("The month before"))
        self.later = QToolButton(objectName="laterMonth", text="›", autoRaise=True)
        self.later.setToolTip(self.tr("The month after"))
        self.earlier.clicked.connect(lambda: self.on_month_stepped(-1))
        self.later.clicked.connect(lambda: self.on_month_stepped(1))
        self.month.installEventFilter(self)  # Up and Down step the month
        self.month_error = error_label("month_error")
        self.month_error.hide()
        self.advisor = QComboBox(objectName="report_advisor")
        self.advisor.addItem(self.tr("All advisors"), None)
        self.language = QComboBox(objectName="report_language")
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        # The report in the language the user works in, unless they pick the other.
        self.language.setCurrentIndex(0 if QLocale().language() == QLocale.Language.Chinese else 1)

    def build_form(self) -> QFormLayout:
        month_row = QHBoxLayout()
        month_row.addWidget(self.earlier)
        month_row.addWidget(self.month)
        month_row.addWidget(self.later)
        month_row.addWidget(self.month_error, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)  # no 1100-pixel combos
        for combo in (self.kind, self.advisor, self.language):
            combo.setMinimumWidth(260)
        form.addRow(self.tr("Report:"), self.kind)
        form.addRow(self.tr("Month:"), month_row)
        form.addRow(self.tr("Advisor:"), self.advisor)
        form.addRow(self.tr("Language of the report:"), self.language)
        return form

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is self.month and event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Up,
                                                                                          Qt.Key.Key_Down):
            self.on_month_stepped(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(obj, event)

    def on_month_stepped(self, months: int) -> None:
        """The month before or after the one written (the last complete month when it can't be read)."""
        text = self.month.text().strip()
        start = text if MONTH.fullmatch(text) else step_month(clock.today().strftime("%Y-%m"), 0)
        self.month.setText(step_month(start, months))
        self.month_error.hide()

    def build_buttons(self) -> QHBoxLayout:
        """Create, save and print, and how the last of them went."""
        self.make_button = QPushButton(self.tr("Create report"), objectName="make_report")
        self.make_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Save PDF..."), objectName="save_report")
        self.print_button = QPushButton(self.tr("Print..."), objectName="print_report")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the time a report takes is not known in advance
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.status = Label(objectName="report_status")
        buttons = QHBoxLayout()
        for w in (self.make_button, self.save_button, self.print_button, self.progress):
            buttons.addWidget(w)
        buttons.addWidget(self.status, 1)
        return buttons

    def __init__(self, store, ops: Ops, printed_by: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reports")
        self.store, self.ops = store, ops
        # The signed-in person's name goes in the page header (never the PC's login name).
        self.printed_by = printed_by
        self.current: MadeReport | None = None

        self.build_choices()
        form = self.build_form()
        buttons = self.build_buttons()
        self.preview = PdfPreview(self.tr("Choose the report and the month, then press \"Create report\" to see "
                                          "it here before saving or printing."))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.preview, 1)

        self.kind.currentIndexChanged.connect(self.on_kind_changed)
        self.make_button.clicked.connect(self.on_make_clicked)
        self.month.returnPressed.connect(self.on_make_clicked)
        self.month.textEdited.connect(lambda _t: self.month_error.hide())
        self.save_button.clicked.connect(self.on_save_clicked)
        self.print_button.clicked.connect(self.on_print_clicked)
        ops.follow(self, self.load_advisors)
        self._update_buttons(busy=False)
        self.load_advisors()

    def load_advisors(self) -> None:
        store = self.store

        def names() -> list[str]:
            # Imported on the worker: the report module loads reportlab, too slow for the UI thread.
            from app.reports.feedback import advisor_names

            return advisor_names(store)

        self.ops.run(names, on_success=self.show_advisors, pool="io")

    def show_advisors(self, names: list[str]) -> None:
        chosen = self.advisor.currentData()
        while self.advisor.count() > 1:
            self.advisor.removeItem(1)
        for n in names:
            self.advisor.addItem(n, n)
        if chosen in names:
            self.advisor.setCurrentIndex(names.index(chosen) + 1)
        self.advisors_loaded.emit(len(names))

    def on_kind_changed(self, _index: int) -> None:
        self.advisor.setEnabled(self.kind.currentData() == FEEDBACK)

    def _update_buttons(self, *, busy: bool) -> None:
        self.make_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.save_button.setEnabled(not busy and self.current is not None)
        self.print_button.setEnabled(not busy and self.current is not None)

    def on_make_clicked(self) -> None:
        from app.services.assessment import parse_month

        month = self.month.text().strip()
        try:
            parse_month(month)
        except InvalidInput:
            self.month_error.setText(self.tr("Write the month as YYYY-MM, e.g. 2026-05."))
            self.month_error.show()
            self.month.setFocus()
            return
        self.month_error.hide()
        kind, language = self.kind.currentData(), self.language.currentData()
        advisor = self.advisor.currentData() if kind == FEEDBACK else None
        who = self.printed_by
        self.status.setText(self.tr("Creating the report..."))
        self._update_buttons(busy=True)
        self.ops.run(lambda: make_report(self.store, kind, month, advisor, language, who),
                     on_success=self.on_report_made, on_failure=self.on_report_failed, pool="io")

    def on_report_made(self, made: MadeReport) -> None:
        self.current = made
        self.preview.show_pages(made.pages)
        if made.page_count > len(made.pages):
            self.status.setText(self.tr("Pages: {n}; the preview shows the first {shown}. Save or print it for "
                                        "all of them.").format(n=made.page_count, shown=len(made.pages)))
        else:
            self.status.setText(self.tr("Pages: {n}. Save or print it.").format(n=made.page_count))
        self._update_buttons(busy=False)
        self.report_made.emit(made.month)

    def on_report_failed(self, error: BaseException) -> None:
        self._update_buttons(busy=False)
        if isinstance(error, RecoveryDeskError):
            text = error.render(lambda ctx, s: self._translate(ctx, s))
        else:
            text = self.tr("The report could not be made: {reason}").format(reason=error)
        self.status.setText(text)

    def _translate(self, context: str, text: str) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate(context, text)

    def on_save_clicked(self) -> None:
        if self.current is None:
            return
        default = f"{self.current.kind}-{self.current.month}.pdf"
        path = file_dialogs.save_file_name(self, self.tr("Save the report"), default, self.tr("PDF files (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        pdf = self.current.pdf

        def write() -> str:
            with open(path, "wb") as f:
                f.write(pdf)
            return path

        self.ops.run(write, on_success=self.on_report_written, on_failure=self.on_report_not_written, pool="io")

    def on_report_not_written(self, error: BaseException) -> None:
        # The PDF is still in memory: the user can pick another place and save again.
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Save the report"),
                          self.tr("Could not save: {reason}").format(reason=error), QMessageBox.StandardButton.Ok, self)
        plain_message(box)  # the reason names the file
        box.exec()

    def on_report_written(self, path: str) -> None:
        self.status.setText(self.tr("Saved to {path}.").format(path=path))
        self.report_saved.emit(path)

    def on_print_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.current is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        pdf = self.current.pdf
        self.status.setText(self.tr("Preparing the pages for the printer..."))
        self._update_buttons(busy=True)

        def printed(images) -> None:
            print_images(printer, images)
            self._update_buttons(busy=False)
            self.status.setText(self.tr("Sent to the printer."))

        self.ops.run(lambda: page_images(pdf, PRINT_DPI), on_success=printed,
                     on_failure=self.on_report_failed, pool="io")
