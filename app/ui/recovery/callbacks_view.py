"""Callbacks due: every follow-up call still to make, earliest first, overdue and flagged marked."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.rules.vocab import CallbackState
from app.services.recovery.callbacks import CallbackResult, CallbackView, callback_view, callbacks_due
from app.ui.recovery.callback_dialog import CallbackDialog
from app.services.changes import CALLBACKS, CASES, SETTINGS
from app.ui.common.ops import Ops
from app.ui.common.widgets import Label, chosen_row, fit_columns
from app.ui.common.ui_words import title
from app.ui.common.style import ERROR_COLOUR


class CallbacksView(QWidget):
    shows = CALLBACKS | CASES | SETTINGS  # the kinds of change this view refreshes on

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callbacks_due")
        self.store, self.ops, self.user = store, ops, user
        self.rows = []
        self.dialog: CallbackDialog | None = None
        self.table = QTableWidget(0, 6, objectName="callbacks")
        self.table.setHorizontalHeaderLabels([self.tr("Due"), self.tr("Case"), self.tr("Customer"), self.tr("Phone"),
                                              self.tr("Tries"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.record_button = QPushButton(self.tr("Record call... (Enter)"), objectName="record_call")
        self.message = Label(objectName="message")
        self.message.setWordWrap(True)
        self.empty = Label(self.tr("No callbacks to make."))
        top = QHBoxLayout()
        top.addWidget(Label(self.tr("Follow-up calls still to make (the 3-day callback)")))
        top.addStretch(1)
        top.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        self.record_button.clicked.connect(self.on_record_clicked)
        self.table.activated.connect(lambda _index: self.on_record_clicked())
        ops.follow(self, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.ops.run(lambda: callbacks_due(self.store), on_success=self.show_rows)

    def show_rows(self, rows) -> None:
        # The selection follows the callback, not the row number: after a save the list changes under it.
        before = chosen_row(self.table, self.rows) if self.rows else None
        self.rows = rows
        if self.dialog is not None:
            for cb in rows:
                self.dialog.update_callback(cb)
        loc = self.locale()
        self.table.setRowCount(len(rows))
        for r, cb in enumerate(rows):
            state = title(CallbackState(cb.state))
            if cb.overdue and cb.state == CallbackState.DUE:
                state = self.tr("Overdue")
            elif not cb.is_due and cb.state == CallbackState.DUE:
                state = self.tr("Scheduled")  # "Due" only from the time the customer agreed to
            cells = [loc.toString(cb.due_at.astimezone(), "yyyy-MM-dd HH:mm"), cb.case_number, cb.customer, cb.phone,
                     loc.toString(cb.not_reached), state]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if cb.overdue or cb.state == CallbackState.FLAGGED:
                    item.setForeground(QColor(ERROR_COLOUR))
                self.table.setItem(r, c, item)
        fit_columns(self.table)
        self.empty.setVisible(not rows)
        self.record_button.setEnabled(bool(rows))
        keep = next((r for r, cb in enumerate(rows) if before is not None and cb.id == before.id), None)
        if keep is not None:
            self.table.selectRow(keep)
        elif before is not None:  # the one chosen left the list (recorded): nobody else's row is chosen for you
            self.table.clearSelection()
            self.table.setCurrentCell(-1, -1)
        elif rows and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def on_record_clicked(self) -> None:
        chosen = chosen_row(self.table, self.rows)
        if chosen is None:
            return
        # Read again behind any change still being saved: the dialog starts from the case as it is now,
        # not as the list last showed it (its version is what the callback is saved against).
        store, callback_id = self.store, chosen.id
        self.ops.run(lambda: callback_view(store, callback_id), on_success=self.open_dialog)

    def open_dialog(self, callback: CallbackView | None) -> None:
        if callback is None:  # recorded meanwhile (another window, another counter)
            self.refresh()
            return
        dialog = CallbackDialog(self.store, self.ops, callback, self.user, self)
        dialog.callback_recorded.connect(self.on_dialog_callback_recorded)
        dialog.finished.connect(self.on_dialog_finished)
        dialog.open()
        self.dialog = dialog

    def on_dialog_finished(self, _result: int) -> None:
        self.window().activateWindow()
        self.table.setFocus()

    def on_dialog_callback_recorded(self, result) -> None:
        if isinstance(result, CallbackResult):
            if result.recovered:
                self.message.setText(self.tr("Recovered: the case is closed."))
            else:
                self.message.setText(self.tr("The re-rating is below the target: the case stays open. "
                                             "Consider escalating it to the service manager."))
        else:
            self.message.setText(self.tr("Not reached ({count} tries).").format(count=result.not_reached)
                                 + (" " + self.tr("Flagged for the supervisor.") if result.state == "flagged" else ""))
