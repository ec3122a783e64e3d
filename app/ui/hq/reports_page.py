"""Reports from head office's window: the network report or one dealer's monthly summary, made off
the UI thread, previewed and printed as at the counter."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.hq.network_cases import dealers
from app.hq.network_queries import recent_months
from app.services.changes import SYNC
from app.ui.common.ops import Ops
from app.ui.common.pdf_preview import PREVIEW_PAGES, PRINT_DPI, PdfPreview, page_count, page_images, print_images
from app.ui.hq.parts import error_words
from app.ui.common.widgets import Label

NETWORK, FEEDBACK, CASES = "network", "feedback", "cases"


@dataclass(frozen=True)
class MadeReport:
    kind: str
    month: str
    dealer: str | None
    pdf: bytes
    pages: list[QImage]
    page_count: int


def make_report(db, kind: str, month: str, dealer: str | None, language: str, printed_by: str) -> MadeReport:
    """Runs on a worker: gather, lay out, draw the preview's pages."""
    from app.foundation.translation import Words
    from app.reports import cases, feedback, network

    if kind == NETWORK:
        module, data = network, network.gather(db, month)
    elif kind == FEEDBACK:
        module, data = feedback, feedback.gather(db, month, dealer)
    else:
        module, data = cases, cases.gather(db, month, dealer)
    buf = io.BytesIO()
    module.render(data, buf, Words(language), printed_by)
    pdf = buf.getvalue()
    return MadeReport(kind, month, dealer, pdf, page_images(pdf, limit=PREVIEW_PAGES), page_count(pdf))


class ReportsPage(QWidget):
    shows = SYNC  # new dealers for the dealer list

    report_made = Signal(object)  # MadeReport

    def __init__(self, db, ops: Ops, parent: QWidget | None = None, *, analyst: str = "") -> None:
        super().__init__(parent)
        self.db, self.ops = db, ops
        # Head office's analyst is named in the page header: from `hq --analyst` or typed here,
        # never the PC's login name.
        self.analyst = QLineEdit(analyst, objectName="hq_report_analyst")
        self.analyst.setMaxLength(100)
        self.analyst.setPlaceholderText(self.tr("your name"))
        self.current: MadeReport | None = None
        self.kind = QComboBox(objectName="hq_report_kind")
        self.kind.addItem(self.tr("Network report"), NETWORK)
        self.kind.addItem(self.tr("A dealer's feedback summary"), FEEDBACK)
        self.kind.addItem(self.tr("A dealer's case report"), CASES)
        self.dealer = QComboBox(objectName="hq_report_dealer")
        self.month = QComboBox(objectName="hq_report_month")
        self.month.addItems(recent_months())
        self.month.setCurrentIndex(1)  # the last complete month
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if QLocale().language() == QLocale.Language.Chinese else 1)
        self.make = QPushButton(self.tr("Create report"))
        self.print_button = QPushButton(self.tr("Print..."))
        self.status = Label()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        for label, w in ((self.tr("Report:"), self.kind), (self.tr("Dealer:"), self.dealer),
                         (self.tr("Month:"), self.month), (self.tr("Language:"), self.language),
                         (self.tr("Printed by:"), self.analyst)):
            row.addWidget(Label(label))
            row.addWidget(w)
        row.addWidget(self.make)
        row.addWidget(self.print_button)
        row.addStretch(1)
        self.preview = PdfPreview(self.tr("Choose the report and the month, then press \"Create report\"."))
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.status)
        lay.addWidget(self.preview, 1)
        self.kind.currentIndexChanged.connect(self.on_kind_current_index_changed)
        self.make.clicked.connect(self.on_make_clicked)
        self.print_button.clicked.connect(self.on_print_clicked)
        self.ops.follow(self, self.refresh)
        self.on_kind_current_index_changed(0)
        self.refresh()

    def refresh(self) -> None:
        self.ops.run(lambda: dealers(self.db), on_success=self.show_dealers)

    def show_dealers(self, rows) -> None:
        chosen = self.dealer.currentData()
        self.dealer.clear()
        for _id, code, name in rows:
            self.dealer.addItem(code if name == code else f"{code} {name}", code)
        self.dealer.setCurrentIndex(max(0, self.dealer.findData(chosen)))

    @Slot(int)
    def on_kind_current_index_changed(self, _i: int) -> None:
        self.dealer.setEnabled(self.kind.currentData() != NETWORK)
        self.print_button.setEnabled(self.current is not None)

    @Slot()
    def on_make_clicked(self) -> None:
        kind, month, lang = self.kind.currentData(), self.month.currentText(), self.language.currentData()
        dealer = self.dealer.currentData() if kind != NETWORK else None
        if kind != NETWORK and not dealer:
            self.status.setText(self.tr("Choose a dealer for this report."))
            return
        analyst = " ".join(self.analyst.text().split())
        if not analyst:
            self.status.setText(self.tr("Type your name under \"Printed by\": the report says who printed it."))
            self.analyst.setFocus()
            return
        self.make.setEnabled(False)
        self.status.setText(self.tr("Making the report..."))
        self.ops.run(lambda: make_report(self.db, kind, month, dealer, lang, analyst),
                     on_success=self.on_report_made, on_failure=self.on_report_failed, pool="io")

    def on_report_made(self, made: MadeReport) -> None:
        self.current = made
        self.make.setEnabled(True)
        self.print_button.setEnabled(True)
        self.preview.show_pages(made.pages)
        more = made.page_count - len(made.pages)
        self.status.setText(self.tr("{pages} page(s).").format(pages=made.page_count)
                            + (" " + self.tr("The preview shows the first {n}; all are printed.").format(
                                n=len(made.pages)) if more > 0 else ""))
        self.report_made.emit(made)

    def on_report_failed(self, exc: BaseException) -> None:
        self.make.setEnabled(True)
        self.status.setText(error_words(exc))

    @Slot()
    def on_print_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.current is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
            return
        pdf = self.current.pdf
        self.ops.run(lambda: page_images(pdf, PRINT_DPI), on_success=lambda images: print_images(printer, images),
                     on_failure=self.on_report_failed, pool="io")
