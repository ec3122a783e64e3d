"""Repair orders > Add by hand: one order typed when there is no file from the management system, checked
like a file's row, every wrong field marked at once; what was typed stays until it is stored."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.foundation import clock
from app.services.orders.rows import COLUMNS
from app.services.orders.store import add_order
from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text, field_errors
from app.ui.common.widgets import FieldForm, error_label


class OrderEntryDialog(QDialog):
    added = Signal(str)  # the repair order's id

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderEntry")
        self.setWindowTitle(self.tr("Add a repair order"))
        self.store, self.ops, self.user = store, ops, user
        self.form = FieldForm(steady=True)
        self.edits: dict[str, QLineEdit] = {}
        for c in COLUMNS:
            edit = QLineEdit(objectName=f"order_{c.key}")
            self.form.add(c.key, QCoreApplication.translate("Import", c.title), edit, required=c.required)
            self.edits[c.key] = edit
        for key in ("opened", "promised", "delivered"):  # what a time looks like, e.g. now
            self.edits[key].setPlaceholderText(self.tr("e.g. {example}").format(
                example=clock.local_now().strftime("%Y-%m-%d %H:%M")))
        self.error = error_label("orderError")
        self.save_button = QPushButton(self.tr("Add the repair order"), objectName="saveOrder")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.on_save_clicked)
        cancel = QPushButton(self.tr("Cancel"), objectName="cancelOrder")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(640, self.sizeHint().height())

    def values(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items()}

    def on_save_clicked(self) -> None:
        values, store, user = self.values(), self.store, self.user
        self.form.clear_errors()
        self.error.clear()
        self.save_button.setEnabled(False)
        self.ops.run(lambda: add_order(store, values, user), on_success=self.on_added, on_failure=self.on_refused)

    def on_added(self, ro_id: str) -> None:
        self.save_button.setEnabled(True)
        self.added.emit(ro_id)
        self.accept()

    def on_refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        rest = self.form.show_errors(field_errors(error))
        if rest or not field_errors(error):
            self.error.setText(error_text(error))
