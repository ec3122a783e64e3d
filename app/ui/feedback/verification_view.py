"""Verification calls (核实): draw a sample of recent forms, call, record confirmed or disputed."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLineEdit, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.services.feedback.verification import CONFIRMED, DISPUTED, calls, draw_sample, record_call, resolve_dispute
from app.services.changes import FORMS
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label, chosen_row, error_label, fit_columns, record_table
from app.ui.common.ui_words import error_text


class VerificationView(QWidget):
    shows = FORMS  # the kinds of change this view refreshes on

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verification")
        self.store, self.ops, self.user = store, ops, user
        self.rows = []
        self.draw_button = QPushButton(self.tr("&Draw a sample to call"), objectName="draw")
        self.mode = QComboBox(objectName="mode")
        self.mode.addItem(self.tr("Calls to make"), "pending")
        self.mode.addItem(self.tr("Disputed forms to resolve"), "disputed")
        self.resolve_button = QPushButton(self.tr("&Resolved: the form stands"), objectName="resolve")
        self.table = record_table("calls", [self.tr("Date"), self.tr("Repair order"), self.tr("Advisor"),
                                            self.tr("Customer"), self.tr("Phone"), self.tr("Grades"),
                                            self.tr("Comment")])
        self.note = QLineEdit(objectName="note")
        self.confirm_button = QPushButton(self.tr("&Confirmed"), objectName="confirm")
        self.dispute_button = QPushButton(self.tr("D&isputed"), objectName="dispute")
        self.error = error_label("error")
        self.empty = Label(self.tr("No calls waiting. Draw a sample of recent feedback forms to call."))
        top = QHBoxLayout()
        intro = Label(self.tr("Call each customer and check the form is what they said. A disputed form "
                              "leaves the monthly assessment until it is resolved."))
        intro.setWordWrap(True)  # on one line, the English made the window 1388 pixels wide at least
        top.addWidget(intro, 1)
        top.addWidget(self.mode)
        top.addWidget(self.draw_button)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.confirm_button)
        row.addWidget(self.dispute_button)
        row.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.draw_button.clicked.connect(self.on_draw_clicked)
        self.confirm_button.clicked.connect(lambda: self._record(CONFIRMED))
        self.dispute_button.clicked.connect(lambda: self._record(DISPUTED))
        self.resolve_button.clicked.connect(self.on_resolve_clicked)
        self.mode.currentIndexChanged.connect(lambda _i: self.refresh())
        ops.follow(self, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        store, disputed = self.store, self.mode.currentData() == "disputed"
        self.ops.run(lambda: calls(store, pending_only=not disputed, disputed_only=disputed),
                     on_success=self.show_rows)

    def show_rows(self, rows) -> None:
        self.rows = rows
        loc = self.locale()
        self.table.setRowCount(len(rows))
        for r, c in enumerate(rows):
            overall = "" if c.overall is None else f" / {c.overall}"
            cells = [loc.toString(c.service_date, "yyyy-MM-dd"), c.repair_order, c.advisor, c.customer, c.phone,
                     c.grades + overall, c.comment]
            for col, text in enumerate(cells):
                self.table.setItem(r, col, QTableWidgetItem(text))
        fit_columns(self.table)
        self.empty.setVisible(not rows)
        disputed = self.mode.currentData() == "disputed"
        for b in (self.confirm_button, self.dispute_button, self.draw_button):
            b.setVisible(not disputed)
        self.resolve_button.setVisible(disputed)
        for b in (self.confirm_button, self.dispute_button, self.resolve_button):
            b.setEnabled(bool(rows))
        self.note.setPlaceholderText(self.tr("How the dispute was settled (required)") if disputed
                                     else self.tr("What the customer said (required when disputed)"))
        if rows:
            self.table.selectRow(0)

    def on_draw_clicked(self) -> None:
        self.error.clear()
        store, user_id = self.store, self.user.user_id
        self.ops.run(lambda: draw_sample(store, user_id), on_success=lambda _rows: None,
                     on_failure=lambda exc: self.error.setText(error_text(exc)))

    def _record(self, outcome: str) -> None:
        call = chosen_row(self.table, self.rows)
        if call is None:
            return
        self.error.clear()
        store, call_id, user_id, note = self.store, call.id, self.user.user_id, self.note.text()
        self.ops.run(lambda: record_call(store, call_id, outcome, note, user_id), on_success=self.on_recorded,
                     on_failure=lambda exc: self.error.setText(error_text(exc)))

    def on_resolve_clicked(self) -> None:
        call = chosen_row(self.table, self.rows)
        if call is None:
            return
        self.error.clear()
        store, form_id, user_id, note = self.store, call.form_id, self.user.user_id, self.note.text()
        self.ops.run(lambda: resolve_dispute(store, form_id, note, user_id), on_success=self.on_recorded,
                     on_failure=lambda exc: self.error.setText(error_text(exc)))

    def on_recorded(self, _view) -> None:
        self.note.clear()
