"""Small pieces head office's pages share: read-only tables of plain text, numbers and changes in words."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.ui.common.style import ERROR_COLOUR
from app.ui.common.widgets import fit_columns, plain_tip

KEY = Qt.ItemDataRole.UserRole  # the record behind a row, on its first cell


def table(headers: list[str], name: str = "") -> QTableWidget:
    t = QTableWidget(0, len(headers))
    if name:
        t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setWordWrap(False)
    return t


def fill(t: QTableWidget, rows: list[list[str]], keys: list | None = None, *, marked: set[int] = frozenset()) -> None:
    """Rows of plain text (a table item never interprets markup); ``marked`` rows stand out."""
    t.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(plain_tip(text))
            if r in marked:
                item.setForeground(QColor(ERROR_COLOUR))
            if c == 0 and keys is not None:
                item.setData(KEY, keys[r])
            t.setItem(r, c, item)
    fit_columns(t)


def key_at(t: QTableWidget, row: int):
    item = t.item(row, 0)
    return item.data(KEY) if item is not None else None


def when(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at else "-"


def num(v: float | None, digits: int = 2) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def share(v: float | None) -> str:
    return "-" if v is None else f"{v * 100:.1f}%"


def change(v: float | None, *, as_share: bool = False, worse_if_up: bool = False) -> str:
    """A change against last month (a share's in percentage points) with ▲ better or ▼ worse."""
    if v is None:
        return "-"
    text = (QCoreApplication.translate("HqParts", "{value} pt").format(value=f"{v * 100:+.1f}") if as_share
            else f"{v:+.2f}")
    if abs(v) < 1e-9:
        return text
    worse = (v > 0) == worse_if_up
    return f"{text} {'▼' if worse else '▲'}"


def error_words(exc: BaseException) -> str:
    from app.foundation.errors import RecoveryDeskError
    from app.ui.common.ui_words import error_text

    return exc.render(QCoreApplication.translate) if isinstance(exc, RecoveryDeskError) else error_text(exc)
