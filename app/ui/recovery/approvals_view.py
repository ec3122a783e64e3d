"""Supervisor approval: remedies above an advisor's authority, approved or refused with a note."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QHBoxLayout, QLineEdit, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget)

from app.rules.vocab import RemedyKind
from app.services.recovery.remedies import approve_remedy, pending_approvals, refuse_remedy
from app.ui.cases.case_changed import tell_case_changed
from app.services.changes import CASES, REMEDIES
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label, chosen_row, error_label, fit_columns, record_table
from app.ui.common.ui_words import error_text, title


class ApprovalsView(QWidget):
    shows = REMEDIES | CASES  # each row holds its case's version: a case change reloads it too
    case_requested = Signal(str)  # Enter or a double-click on a request: its case

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvals")
        self.store, self.ops, self.user = store, ops, user
        self.rows = []
        self.table = record_table("pending", [self.tr("Case"), self.tr("Customer"), self.tr("Remedy"),
                                              self.tr("Value (yuan)"), self.tr("Proposed by"), self.tr("Details"),
                                              self.tr("Case summary")])
        self.table.activated.connect(lambda _index: self.on_request_activated())
        self.note = QLineEdit(objectName="note")
        self.note.setPlaceholderText(self.tr("Note to the advisor (required to refuse)"))
        self.approve_button = QPushButton(self.tr("&Approve"), objectName="approve")
        self.refuse_button = QPushButton(self.tr("Re&fuse"), objectName="refuse")
        self.error = error_label("error")
        self.empty = Label(self.tr("No remedies are waiting for approval."))
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.approve_button)
        row.addWidget(self.refuse_button)
        layout = QVBoxLayout(self)
        layout.addWidget(Label(self.tr("Remedies above an advisor's authority wait here for your decision. "
                                       "Enter opens the chosen request's case.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.approve_button.clicked.connect(lambda: self._decide(True))
        self.refuse_button.clicked.connect(lambda: self._decide(False))
        ops.follow(self, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.ops.run(lambda: pending_approvals(self.store), on_success=self.show_rows)

    def show_rows(self, rows) -> None:
        was = chosen_row(self.table, self.rows)
        chosen = was.id if was is not None else None
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, v in enumerate(rows):
            for c, text in enumerate([v.case_number, v.customer, title(RemedyKind(v.kind)),
                                      self.locale().toString(v.amount), v.proposed_by, v.description,
                                      v.case_summary]):
                self.table.setItem(r, c, QTableWidgetItem(text))
        fit_columns(self.table)
        self.empty.setVisible(not rows)
        for b in (self.approve_button, self.refuse_button):
            b.setEnabled(bool(rows))
        if rows:  # the same remedy stays chosen across a reload
            self.table.selectRow(next((i for i, v in enumerate(rows) if v.id == chosen), 0))

    def on_request_activated(self) -> None:
        remedy = chosen_row(self.table, self.rows)
        if remedy is not None:
            self.case_requested.emit(remedy.case_id)

    def _decide(self, approve: bool) -> None:
        remedy = chosen_row(self.table, self.rows)
        if remedy is None:
            return
        self.error.clear()
        store, rid, user_id, note = self.store, remedy.id, self.user.user_id, self.note.text()
        seen = remedy.case_version
        fn = approve_remedy if approve else refuse_remedy
        self.ops.run(lambda: fn(store, rid, user_id, note, expected_version=seen), on_success=self.on_decided,
                     on_failure=self.on_failed)

    def on_failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))  # the note stays as typed
        tell_case_changed(self, self.ops, exc)

    def on_decided(self, _view) -> None:
        self.note.clear()
