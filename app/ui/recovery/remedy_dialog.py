"""Offering a remedy: type, value and what it is; above the advisor's limit it goes for approval."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox, QWidget

from app.rules.vocab import RemedyKind
from app.services.recovery.remedies import MAX_AMOUNT, authority_of, propose_remedy
from app.ui.cases.case_changed import tell_case_changed
from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text, field_error, title
from app.ui.common.widgets import Label, column, dialog_buttons, error_label


class RemedyDialog(QDialog):
    remedy_proposed = Signal(object)  # RemedyView

    def __init__(self, store, ops: Ops, case_id: str, user, parent: QWidget | None = None, *,
                 version_of) -> None:
        """``version_of()``: the case version the advisor sees now (the view behind reloads it)."""
        super().__init__(parent)
        self.version_of = version_of
        self.setObjectName("remedy_dialog")
        self.setWindowTitle(self.tr("Offer a remedy"))
        self.store, self.ops, self.case_id, self.user = store, ops, case_id, user
        self.limit: int | None = None
        self.kind = QComboBox(objectName="kind")
        for k in RemedyKind:
            self.kind.addItem(title(k), k.value)
        self.amount = QSpinBox(objectName="amount")
        self.amount.setRange(0, MAX_AMOUNT)
        self.amount.setSuffix(self.tr(" yuan"))
        self.amount.setSingleStep(50)
        self.description = QLineEdit(objectName="description")
        self.description.setPlaceholderText(self.tr("e.g. free wheel alignment at the next service"))
        self.authority = Label(objectName="authority")
        self.authority.setWordWrap(True)
        self.amount_error = error_label("amount_error")
        self.description_error = error_label("description_error")
        self.error = error_label("error")
        form = QFormLayout()
        form.addRow(self.tr("&Type:"), self.kind)
        form.addRow(self.tr("&Value:"), self.amount)
        form.addRow("", self.amount_error)
        form.addRow(self.tr("&What exactly:"), self.description)
        form.addRow("", self.description_error)
        self.buttons = dialog_buttons(self, self.tr("Offer"), self.tr("Cancel"))
        column(self, [form, self.authority, self.error, self.buttons])
        self.amount.valueChanged.connect(self.on_amount_value_changed)
        self.setMinimumWidth(460)
        user_id = user.user_id
        ops.run(lambda: authority_of(store, user_id), on_success=self.show_authority)

    def show_authority(self, role_limit) -> None:
        self.limit = role_limit[1]
        self.on_amount_value_changed(self.amount.value())

    def on_amount_value_changed(self, value: int) -> None:
        if self.limit is None:
            return
        if value > self.limit:
            self.authority.setText(self.tr("Above your authority of {limit} yuan: a supervisor must approve it "
                                           "before you offer it.").format(limit=self.limit))
        else:
            self.authority.setText(self.tr("Within your authority of {limit} yuan: you may offer it now.")
                                   .format(limit=self.limit))

    def on_buttons_accepted(self) -> None:
        for lbl in (self.amount_error, self.description_error, self.error):
            lbl.clear()
        store, case_id, user_id = self.store, self.case_id, self.user.user_id
        kind, amount, text = self.kind.currentData(), self.amount.value(), self.description.text()
        seen = self.version_of()
        self.buttons.setEnabled(False)
        self.ops.run(lambda: propose_remedy(store, case_id, kind, amount, text, user_id, expected_version=seen),
                     on_success=self.on_proposed, on_failure=self.on_failed)

    def on_proposed(self, view) -> None:
        self.remedy_proposed.emit(view)
        self.accept()

    def on_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        where = {"amount": self.amount_error, "description": self.description_error}.get(field_error(exc), self.error)
        where.setText(error_text(exc))  # type, value and description stay as typed
        tell_case_changed(self, self.ops, exc)
