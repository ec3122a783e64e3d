"""Showing, saving and printing a finished PDF: pages drawn by PDFium (pypdfium2) as images."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from app.ui.common.style import set_role
from app.ui.common.widgets import Label

PREVIEW_DPI = 96
PREVIEW_PAGES = 12  # a page is 2.7 MB as an image at 96 dpi; a long month's list can run to 40 pages
PRINT_DPI = 200


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def page_images(pdf: bytes, dpi: int = PREVIEW_DPI, limit: int | None = None) -> list[QImage]:
    """The pages (the first ``limit``) as images; safe off the UI thread (QImage, unlike QPixmap,
    is thread-safe)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        images = []
        for i in range(min(len(doc), limit or len(doc))):
            bitmap = doc[i].render(scale=dpi / 72, rev_byteorder=True)
            img = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                         QImage.Format.Format_RGB888)
            images.append(img.copy())  # own the pixels; the buffer goes with the bitmap
        return images
    finally:
        doc.close()


class PdfPreview(QScrollArea):
    """The pages one under the other, like a viewer."""

    def __init__(self, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._inner)
        self.pages: list[QLabel] = []
        # Said in the empty area until the first report, so the page doesn't look broken.
        self.hint = Label(hint, objectName="preview_hint")
        self.hint.setWordWrap(True)
        set_role(self.hint, "hint")
        self.hint.setMargin(40)
        self.hint.setVisible(bool(hint))
        self._layout.addWidget(self.hint)

    def show_pages(self, images: list[QImage]) -> None:
        self.hint.hide()
        for label in self.pages:
            label.deleteLater()
        self.pages = []
        for img in images:
            label = Label()
            label.setPixmap(QPixmap.fromImage(img))
            label.setFrameShape(QLabel.Shape.Box)
            self._layout.addWidget(label)
            self.pages.append(label)
        self.verticalScrollBar().setValue(0)


def print_images(printer, images: list[QImage]) -> None:
    """Each page image scaled onto a printer page, keeping its proportions."""
    painter = QPainter(printer)
    try:
        for i, img in enumerate(images):
            if i:
                printer.newPage()
            area = painter.viewport()
            size = img.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(area.x(), area.y(), size.width(), size.height())
            painter.setWindow(img.rect())
            painter.drawImage(0, 0, img)
            painter.setViewport(area)
    finally:
        painter.end()
