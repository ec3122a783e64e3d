"""Every string half again as long (after Vorta's TRANS_SCALE), and what a stretched window cuts or squashes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (QAbstractSpinBox, QComboBox, QDateEdit, QLabel, QLineEdit, QWidget)


class Stretched(QTranslator):
    """Returns the source text padded by half its length: a translation 50% longer than English."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's signature
        if not source:
            return source
        return source + "\u00b7" * max(1, len(source) // 2)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


class stretched:  # noqa: N801 - used as a context manager
    def __enter__(self):
        self.tr = Stretched()
        QCoreApplication.installTranslator(self.tr)
        return self.tr

    def __exit__(self, *exc):
        QCoreApplication.removeTranslator(self.tr)


FIELDS = (QLineEdit, QComboBox, QAbstractSpinBox, QDateEdit)


def layout_problems(top: QWidget) -> list[str]:
    """Visible labels cut short (one line, text wider than the label) and fields squashed below the
    height they need, named by the window and the text."""
    out = []
    where = top.objectName() or type(top).__name__
    for w in [top, *top.findChildren(QWidget)]:
        if not w.isVisible() or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            need = w.sizeHint().width()
            if need > w.width():
                out.append(f"{where}: label cut ({w.width()} of {need} px): {w.text()[:60]!r}")
        elif isinstance(w, FIELDS) and not w.objectName().startswith("qt_"):  # Qt's own parts of a field
            if isinstance(w, QComboBox) and w.count() and w.width() < w.sizeHint().width():
                out.append(f"{where}: choices cut ({w.width()} of {w.sizeHint().width()} px): {w.currentText()[:60]!r}")
            if w.height() < w.minimumSizeHint().height():
                name = w.objectName() or type(w).__name__
                out.append(f"{where}: field {name} squashed ({w.height()} of {w.minimumSizeHint().height()} px)")
    return out
