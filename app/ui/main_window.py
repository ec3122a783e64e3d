"""The main window: navigation on the left, the chosen view on the right, status at the bottom."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget,
                               QWidget)

from app.ui.ops import Ops
from app.ui.reports_view import ReportsView
from app.ui.today_view import TodayView


class MainWindow(QMainWindow):
    def __init__(self, store, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.setWindowTitle(self.tr("Recovery Desk"))
        self.resize(1280, 760)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(180)
        self.pages = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.today = TodayView(store, ops)
        self.add_page(self.tr("Today"), self.today)
        self.reports = ReportsView(store, ops)
        self.add_page(self.tr("Reports"), self.reports)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)

        self.store_label = QLabel(str(store.path))
        self.sync_label = QLabel(self.tr("Sync: not set up"))
        self.statusBar().addWidget(QLabel(self.tr("Dealer: {code}").format(code=store.identity.home_dealer_code)))
        self.statusBar().addWidget(self.store_label, 1)
        self.statusBar().addPermanentWidget(self.sync_label)

    def add_page(self, title: str, widget: QWidget) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, widget.objectName())
        self.nav.addItem(item)
        self.pages.addWidget(widget)
