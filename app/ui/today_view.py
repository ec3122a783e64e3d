"""Today: the month's figures at a glance (what needs the advisor now grows here)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.services.assessment import month_summary
from app.ui.ops import Ops


class TodayView(QWidget):
    def __init__(self, store, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today")
        self.store, self.ops = store, ops
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.forms = QLabel("-")
        self.average = QLabel("-")
        self.failure_share = QLabel("-")
        form = QFormLayout()
        form.addRow(self.tr("Feedback forms this month:"), self.forms)
        form.addRow(self.tr("Average score:"), self.average)
        form.addRow(self.tr("Failure share:"), self.failure_share)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addStretch(1)
        ops.changed.connect(self.on_ops_changed)
        self.refresh()

    def on_ops_changed(self, what: str) -> None:
        if what in ("forms", "cases", "settings"):
            self.refresh()

    def refresh(self) -> None:
        month = date.today().strftime("%Y-%m")
        self.heading.setText(self.tr("This month ({month})").format(month=month))
        self.ops.run(lambda: month_summary(self.store, month), on_success=self.show_summary)

    def show_summary(self, s) -> None:
        self.forms.setText(self.locale().toString(s.forms))
        self.average.setText("-" if s.average is None else self.locale().toString(s.average, "f", 2))
        self.failure_share.setText("-" if s.failure_share is None
                                   else self.locale().toString(s.failure_share * 100, "f", 1) + "%")
